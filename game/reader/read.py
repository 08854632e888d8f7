"""The reader: a letter in a player's own words -> the terms it gives and asks, with their modifiers.

Rules first, from the scenario's `phrases:` (and each term's own `phrase` and `label`): a term is
named when all the words of one of its phrases stand close together in one sentence, in any order,
each word allowed a misspelling (rapidfuzz). Whether it is given or asked follows from who carries it
out; when the words say the other side will (Kennedy: "we will stop the tests", not his to stop),
it is read with a doubt: shown, noted, and not proposed. A 'not' before it (or inside it) withdraws
it unless it stands in a condition ("if you do not ..."); modifiers (secret, later, within N days,
under UN supervision) go to the nearest term in their sentence, and a secrecy or timing said in a
sentence of its own goes to every term. No I/O.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from game.diplomacy import Answer, Cue, Negotiation, Offer, Phrases, Timing, Tone, Verification
from game.model import Scenario
from game.reader import places
from game.reader.reading import Found, Mark, Reading
from game.reader.retaliation import retaliations
from game.reader.subjects import Doer, Subjects, side_names
from game.reader.words import Token, phrase_stems, stem, tokens
from game.sides import SIDES, Side

MODIFIERS = (Cue.SECRET, Cue.PUBLIC, Cue.NOW, Cue.LATER, Cue.DAYS, Cue.UN, Cue.AERIAL)
_KINDS = {Cue.SECRET: "public", Cue.PUBLIC: "public", Cue.NOW: "timing", Cue.LATER: "timing"}
_KINDS |= {Cue.DAYS: "timing", Cue.UN: "verification", Cue.AERIAL: "verification"}
_KINDS |= {Cue.GIVE: "who", Cue.ASK: "who"}
SCOPE_ENDS = frozenset({"and", "but", "while", "whereas", "however", "though", "although"})
"""Words past which a 'not' no longer reaches."""
CLOSERS = SCOPE_ENDS | {",", ")"}
"""Words after a modifier that end the phrase it closes."""
NEGATION_REACH = 8
"""Tokens a 'not' reaches forward."""
NEGATIVE = frozenset({"no", "not", "non", "end", "nobod", "neither", "nor"})
"""Stems that make a term's label a negation ('No atomic arms for West Germany', 'Stop the tests':
'stop' is a synonym of 'end'): such a term is an abstaining, and a phrase of it without any of
`ABSTAINS` names what it abstains from ('atomic arms for West Germany')."""
ABSTAINS = NEGATIVE | {"ban", "moratorium", "keep", "away", "against", "refrain", "alon", "pledg"}
ABSTAINS |= {"turn", "back", "securit", "leav"}
"""Stems that make a phrase name the abstaining itself ('keep the bomb from Germany', 'assurances
against invasion'), not what it abstains from."""
UNDOES = frozenset({"end", "ban", "prevent", "forbid", "block", "refrain", "renounc"})
"""Stems between a 'not' and what an abstaining abstains from that undo the 'not' again: "we will not
stop the exile raids" refuses to stop them."""


DOES = frozenset({"giv", "arm", "resum", "continu", "send", "suppl", "provid", "conduct", "carr", "deliver"})
DOES |= {"equip", "launch", "deplo", "renew", "permit", "allow"}
"""Stems of a verb that, before what an abstaining abstains from with no 'not', does that thing and so
refuses the abstaining ("we will give atomic arms to West Germany", "we will resume the raids"); without
one, the phrase still gives it ("the raids can be dealt with later")."""
ARRIVING = frozenset({"to", "into", "toward", "towards"})
"""Words after a phrase's closing 'go' that make it an arrival, not a leaving: "the missiles go to
Cuba" names no removal ("the missiles go under UN supervision" does)."""
_SHARED = ("remove", "withdraw", "take", "dismantle", "pull", "ship", "crate", "get", "out", "home")
SHARED_VERBS = frozenset(stem(w) for w in _SHARED)
"""Stems of a verb that one list of things may share: "remove the missiles and the IL-28 bombers"
names both removals (play-test K4: it read as the bombers alone)."""
LIST_SUBJECTS = frozenset({"you", "we", "i", "they"})
"""Words that open a new clause with a new doer: a list of terms ends before them."""
VERB_FIRST = frozenset({"arm", "arming", "resume", "resuming", "supply", "supplying", "deploy", "deploying"})
"""Words that, first in such a phrase, are its verb ('arm', not the noun 'arms' of 'atomic arms')."""


def _clause_start(toks: list[Token], sentence: list[int], at: int) -> int:
    """The first token of the clause token `at` stands in: back to its sentence's start, a comma or
    a word past which a 'not' no longer reaches ("we will end the raids, and ...")."""
    i = at
    while i > 0 and sentence[i - 1] == sentence[at] and toks[i - 1].word not in CLOSERS:
        i -= 1
    return i


@dataclass
class _Match:
    term: str
    at: frozenset[int]
    """Token indexes of the phrase's words."""
    score: tuple[float, int]
    """Rarer words first (a word only one term uses weighs 1), then more of them."""
    first: int = 0
    last: int = 0
    conditional: bool = False
    negated: bool = False
    marks: dict[str, Mark] = field(default_factory=dict)
    doer: Doer | None = None
    """Who the words say will do it, if they say."""
    object: bool = False
    """Its phrase names what the term abstains from (`_Phrase.object`)."""


@dataclass(frozen=True)
class _Phrase:
    term: str
    stems: tuple[str, ...]
    weight: float
    object: bool = False
    """It names what its term (an abstaining) abstains from: under a 'not' it gives the term."""


class Reader:
    """Reads letters for one scenario's negotiation; build once (`reader_for`), read many."""

    def __init__(
        self,
        negotiation: Negotiation,
        phrases: Phrases | None,
        names: Mapping[Side, tuple[str, ...]] | None = None,
    ) -> None:
        """`names`: what a letter may call each side, its one-word name first ('Kennedy', 'President',
        'United States')."""
        self.n = negotiation
        self.giver = {t.id: t.giver for t in negotiation.terms}
        names = names or {side: (side.value.title(),) for side in SIDES}
        self.leader = {side: ns[0] for side, ns in names.items()}
        self.names = side_names(names)
        self.same = {
            stem(other): stem(word)
            for word, others in (phrases.synonyms if phrases else {}).items()
            for other in others
        }
        said: dict[str, list[str]] = {t.id: [t.phrase, t.label] for t in negotiation.terms}
        for term, extra in (phrases.terms if phrases else {}).items():
            if term in said:
                said[term].extend(extra)
        users: dict[str, set[str]] = {}
        compiled: list[tuple[str, tuple[str, ...]]] = []
        for term, texts in said.items():
            for text in texts:
                stems = tuple(dict.fromkeys(self.same.get(s, s) for s in phrase_stems(text)))
                if stems:
                    compiled.append((term, stems))
                    for s in stems:
                        users.setdefault(s, set()).add(term)
        negative = {
            t.id for t in negotiation.terms if NEGATIVE & {self.same.get(s, s) for s in phrase_stems(t.label)}
        }
        self.phrases = [
            _Phrase(
                term,
                stems,
                sum(1 / len(users[s]) for s in stems),
                term in negative and not ABSTAINS & set(stems),
            )
            for term, stems in dict.fromkeys(compiled)
        ]
        self.by_stem: dict[str, list[_Phrase]] = {}
        for p in self.phrases:
            self.by_stem.setdefault(p.stems[0], []).append(p)
        cues = phrases.cues if phrases else {}
        self.cues = sorted(
            (
                (cue, tuple(self.same.get(s, s) for s in phrase_stems(text, keep_stop=True)))
                for cue, texts in cues.items()
                for text in texts
            ),
            key=lambda c: -len(c[1]),
        )
        self.channel_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        named = sorted(
            (
                (channel, tuple(self.same.get(s, s) for s in phrase_stems(text, keep_stop=True)))
                for channel, texts in (phrases.channels if phrases else {}).items()
                for text in texts
            ),
            key=lambda c: -len(c[1]),
        )
        for channel, stems in named:
            if stems:
                self.channel_first.setdefault(stems[0], []).append((channel, stems))
        self.cue_first: dict[str, list[tuple[Cue, tuple[str, ...]]]] = {}
        for cue, stems in self.cues:
            if stems:
                self.cue_first.setdefault(stems[0], []).append((cue, stems))
        vocab = {t.word for texts in said.values() for text in texts for t in tokens(text)}
        vocab |= {t.word for texts in cues.values() for text in texts for t in tokens(text)}
        channels = phrases.channels if phrases else {}
        vocab |= {t.word for texts in channels.values() for text in texts for t in tokens(text)}
        synonyms = phrases.synonyms if phrases else {}
        vocab |= {t.word for w, ws in synonyms.items() for text in (w, *ws) for t in tokens(text)}
        self.vocab = sorted(w for w in vocab if w.isalpha() and len(w) >= 4)
        self._known = set(vocab)
        self._fixed: dict[str, str] = {}

    # ---- words ---------------------------------------------------------------------------------

    def correct(self, word: str) -> str:
        """The phrase word `word` was meant to be, if it looks like a misspelling of one."""
        if word in self._known or len(word) < 5 or not word.isalpha():
            return word
        if word not in self._fixed:
            cutoff = 85 if len(word) == 5 else 80
            found = process.extractOne(
                word,
                [w for w in self.vocab if w[0] == word[0]],
                scorer=_likeness,
                score_cutoff=cutoff,
            )
            self._fixed[word] = found[0] if found else word
        return self._fixed[word]

    # ---- reading -------------------------------------------------------------------------------

    def read(self, text: str, side: Side, terms: Iterable[str] | None = None) -> Reading:
        """What `text`, written by `side`, gives and asks; `terms`: those on the table (default all)."""
        toks = tokens(text)
        stems = [stem(self.correct(t.word)) for t in toks]
        stems = [self.same.get(s, s) for s in stems]
        sentence = places.sentences(toks)
        cues = self._cues(stems, sentence)
        matches = self._terms(stems, sentence, {i for c, i, _ in cues if c is Cue.CONDITION})
        used = set().union(*(m.at for m in matches)) if matches else set()
        cues = [c for c in cues if not used & set(range(c[1], c[2]))]
        notes: list[str] = []
        self._scope(matches, cues, toks, sentence, stems)
        opens = {i for c, i, _ in cues if c is Cue.CONDITION}
        subjects = Subjects(toks, sentence, opens, side, self.names)
        for m in matches:
            m.doer = subjects.doer(m.first)
            if m.doer is not None:
                cue = Cue.GIVE if m.doer.side is side else Cue.ASK
                m.marks["who"] = Mark(cue, toks[m.doer.first].start, toks[m.doer.past - 1].end)
        self._modify(matches, cues, toks, sentence, notes)
        on_table = set(terms) if terms is not None else None
        found: dict[str, Found] = {}
        last: dict[str, int] = {}
        for m in sorted(matches, key=lambda m: m.first):
            term = self.n.term(m.term)
            if on_table is not None and m.term not in on_table:
                notes.append(f"{term.label}: not on the table now")
                continue
            found[m.term] = self._merge(
                found.get(m.term), m, toks, side, notes, sentence[m.first], last.get(m.term, -1)
            )
            last[m.term] = sentence[m.first]
        notes += [
            f"{self.n.term(f.term).label}: {f.doubt}" for f in found.values() if f.doubt and not f.refused
        ]
        counts = {c: sum(1 for hit in cues if hit[0] is c) for c in Cue}
        counts[Cue.THREATENING] += retaliations(toks, stems, sentence, cues, used)
        tone = Tone.FIRM
        if counts[Cue.THREATENING] and counts[Cue.THREATENING] >= counts[Cue.CONCILIATORY]:
            tone = Tone.THREATENING
        elif counts[Cue.CONCILIATORY] > counts[Cue.THREATENING]:
            tone = Tone.CONCILIATORY
        answer = Answer.REJECT if counts[Cue.REJECT] else Answer.ACCEPT if counts[Cue.ACCEPT] else None
        channel, channel_at = self._channel(stems, sentence, toks)
        return Reading(tuple(found.values()), tone, answer, tuple(dict.fromkeys(notes)), channel, channel_at)

    def _channel(
        self, stems: list[str], sentence: list[int], toks: list[Token]
    ) -> tuple[str | None, tuple[int, int]]:
        """The first channel the words name, and where."""
        for i, s in enumerate(stems):
            for channel, words in self.channel_first.get(s, ()):
                j = i + len(words)
                if tuple(stems[i:j]) == words and sentence[i] == sentence[j - 1]:
                    return channel, (toks[i].start, toks[j - 1].end)
        return None, (0, 0)

    def _cues(self, stems: list[str], sentence: list[int]) -> list[tuple[Cue, int, int]]:
        """Every cue phrase, none overlapping: (cue, first token, past last). Where two overlap the
        longer is kept, wherever it starts: in "we will not hesitate" the threat outweighs the
        "we will" before it (B13), and its "not" withdraws nothing."""
        found: list[tuple[Cue, int, int]] = []
        for i, s in enumerate(stems):
            for cue, words in self.cue_first.get(s, ()):
                j = i + len(words)
                if tuple(stems[i:j]) == words and sentence[i] == sentence[j - 1]:
                    found.append((cue, i, j))
                    break  # at one place, its longest phrase
        hits: list[tuple[Cue, int, int]] = []
        taken: set[int] = set()
        for cue, i, j in sorted(found, key=lambda h: (h[1] - h[2], h[1])):
            if not taken & set(range(i, j)):
                hits.append((cue, i, j))
                taken.update(range(i, j))
        return sorted(hits, key=lambda h: h[1])

    def _terms(self, stems: list[str], sentence: list[int], conditions: set[int]) -> list[_Match]:
        """Each phrase whose words stand close together in one sentence, with no condition between
        them ("our rockets stay until you remove yours" names no removal of rockets); overlaps go to
        the stronger."""
        where: dict[str, list[int]] = {}
        for i, s in enumerate(stems):
            where.setdefault(s, []).append(i)
        candidates: list[_Match] = []
        for first in list(where):
            for p in self.by_stem.get(first, ()):
                if not all(s in where for s in p.stems):
                    continue
                for combo in places.windows([where[s] for s in p.stems], sentence, len(p.stems) + 3):
                    if any(combo[0] < c < combo[-1] for c in conditions):
                        continue
                    after = combo[-1] + 1
                    if stems[combo[-1]] == "go" and after < len(stems) and stems[after] in ARRIVING:
                        continue
                    at = frozenset(combo)
                    candidates.append(
                        _Match(p.term, at, (p.weight, len(p.stems)), combo[0], combo[-1], object=p.object)
                    )
        candidates.sort(key=lambda m: (m.score, -m.first), reverse=True)
        kept: list[_Match] = []
        taken: set[int] = set()
        verbs: set[int] = set()  # where a kept phrase's verb stands: a list after it may share it
        for m in candidates:
            if not taken & m.at or _shares_verb(m, kept, verbs, stems):
                kept.append(m)
                taken |= m.at
                verbs |= {i for i in m.at if stems[i] in SHARED_VERBS}
        return kept

    def _scope(
        self, matches: list[_Match], cues: list, toks: list[Token], sentence: list[int], stems: list[str]
    ) -> None:
        """Which matches stand in a condition, and which under a 'not'. A 'not' before what an
        abstaining abstains from gives the abstaining ("we will not give atomic arms to West
        Germany"), unless a word between undoes it ("we will not stop the exile raids")."""
        by_sentence = places.by_sentence(cues, sentence)
        for m in matches:
            cues = by_sentence.get(sentence[m.first], [])
            for cue, i, _j in cues:
                if cue is Cue.CONDITION and i < m.first:
                    between = {t.word for t in toks[i : m.first]}
                    if "," not in between or i > m.first - 3:
                        m.conditional = True
            if m.conditional:
                continue
            nots: list[int] = []  # where the 'not's that reach it end
            for cue, i, j in cues:
                if cue is Cue.REFUSAL and 0 <= i - m.last <= 3 and not m.object:
                    m.negated = True  # "the Jupiter question is closed"
                if cue is not Cue.NEGATION:
                    continue
                if m.first <= i <= m.last:  # "the Jupiters will not be removed"
                    nots.append(i + 1)
                elif j <= m.first and m.first - j <= NEGATION_REACH:
                    between = {t.word for t in toks[j : m.first]}
                    if not between & SCOPE_ENDS and not any(
                        c is Cue.CONDITION and j <= ci < m.first for c, ci, _ in cues
                    ):
                        nots.append(j)
            if not m.object:
                m.negated = m.negated or bool(nots)
            elif nots:
                m.negated = any(UNDOES & set(stems[j : m.first]) for j in nots)
            else:  # what the term abstains from, with no 'not': a verb of doing it refuses the term
                start = _clause_start(toks, sentence, m.first)
                said = {stem(t.word) for t in toks[start : m.first]}  # as written: 'arm' is no 'weapon' here
                doing = DOES & said or toks[m.first].word in VERB_FIRST  # "arming West Germany with ..."
                m.negated = bool(doing) and not UNDOES & set(stems[start : m.first])

    def _modify(
        self, matches: list[_Match], cues: list, toks: list[Token], sentence: list[int], notes: list[str]
    ) -> None:
        """Each modifier to the nearest term in its sentence (one that goes before it counts as three
        times nearer: "remove the missiles under UN supervision"), or, in a sentence with no term, to
        every term (secrecy) or to those of the sentence before ("remove them within a week")."""
        loose: list[tuple[Mark, int]] = []
        listed: list[tuple[_Match, Mark]] = []  # terms that a leading timing speaks for, after its own
        cues = cues + places.bare_days(toks, sentence)  # "Get the bombers out. Thirty days."
        cues_in = places.by_sentence(cues, sentence)
        matches_in: dict[int, list[_Match]] = {}
        for m in matches:
            matches_in.setdefault(sentence[m.first], []).append(m)
        for cue, i, j in cues:
            if cue not in MODIFIERS:
                continue
            mark, end = Mark(cue, toks[i].start, toks[j - 1].end), j
            if cue is Cue.DAYS:
                days, past = places.days(toks, j)
                if days is None:
                    continue
                # "in four or five months": no date, only 'later'
                mark = Mark(cue if days else Cue.LATER, toks[i].start, toks[past - 1].end, days)
                cue, end = mark.cue, past
            if cue is Cue.PUBLIC and any(
                c is Cue.NEGATION and 0 <= i - cj <= 6 for c, ci, cj in cues_in[sentence[i]]
            ):
                mark = Mark(Cue.SECRET, toks[i].start, toks[j - 1].end)  # "no deal made in public"
            near = matches_in.get(sentence[i], [])
            if not near:
                loose.append((mark, sentence[i]))
                continue

            # a modifier that opens a clause ("... and quietly take the Jupiters out") speaks of what
            # follows it, not of the term the clause before ended on
            # (past the commas around it: "... and, quietly, take the Jupiters out")
            back = i - 1
            while back > 0 and toks[back].word == "," and sentence[back] == sentence[i]:
                back -= 1
            opens = back >= 0 and toks[back].word in SCOPE_ENDS and sentence[back] == sentence[i]
            # and one that closes it ("... out of Cuba within 30 days under UN supervision, and ...")
            # speaks of what went before
            closes = end < len(toks) and toks[end].word in CLOSERS and sentence[end] == sentence[i]
            closes = closes and not opens
            # a condition between them parts them: in "we will not invade, provided the missiles go
            # within two weeks" the days are the missiles'
            conds = [ci for c, ci, _ in cues_in[sentence[i]] if c is Cue.CONDITION]

            def distance(
                m: _Match,
                i: int = i,
                j: int = j,
                opens: bool = opens,
                closes: bool = closes,
                conds: list[int] = conds,
            ) -> tuple[int, int]:
                parted = 100 if any(min(i, m.last) < c < max(j, m.first) for c in conds) else 0
                if i > m.last:
                    return (i - m.last + (100 if opens else 0) + parted, 0)
                return (3 * (m.first - j + 1) + (100 if closes else 0) + parted, 1)

            target = min(near, key=distance)
            target.marks.setdefault(_KINDS[cue], mark)
            if _KINDS[cue] == "timing" and j <= target.first:  # "in due course withdraw A and give B"
                listed.extend((m, mark) for m in _listed(target, near, toks, cues_in[sentence[i]]))
        for m, mark in listed:  # after every term's own: "... and give B within a week" is B's
            m.marks.setdefault("timing", mark)
        for m in matches:  # the words that say who is to do it: shown, not used
            said = [
                c
                for c in cues_in.get(sentence[m.first], [])
                if c[0] in (Cue.GIVE, Cue.ASK) and c[2] <= m.first
            ]
            if said:
                cue, i, j = said[-1]
                m.marks.setdefault("who", Mark(cue, toks[i].start, toks[j - 1].end))
        with_terms = sorted(matches_in)
        said_for_all = False
        for mark, n in loose:
            if mark.cue in (Cue.SECRET, Cue.PUBLIC):
                if said_for_all:
                    continue  # the first such sentence speaks for the letter
                said_for_all, targets = True, matches  # "all this stays between us"
            else:  # "remove them within thirty days": the terms of the sentence before
                k = bisect_right(with_terms, n)
                targets = matches_in[with_terms[k - 1]] if k else []
            for m in targets:
                m.marks.setdefault(_KINDS[mark.cue], mark)

    def _merge(
        self,
        before: Found | None,
        m: _Match,
        toks: list[Token],
        side: Side,
        notes: list[str],
        sentence: int = 0,
        before_sentence: int = -1,
    ) -> Found:
        """`m` added to what was read of its term before: a later sentence says whether it is refused."""
        term = self.n.term(m.term)
        offer = Offer(m.term) if before is None else before.offer
        marks = list(before.marks) if before else []
        give = self.giver[m.term] is side
        doubt = ""
        if m.doer is not None and m.doer.side is not self.giver[m.term]:
            said = text_of(toks, m.doer.first, m.doer.past)
            doubt = f"only {self.leader[self.giver[m.term]]} can give this; you wrote '{said}'"
        if before is not None:
            doubt = before.doubt and doubt  # said once the right way round: no doubt
        for kind, mark in m.marks.items():
            if before is not None and any(_KINDS[x.cue] == kind for x in before.marks):
                continue
            if kind == "who" and (mark.cue is Cue.GIVE) is not give:
                continue  # the words say the other side does it: the doubt tells
            if mark.cue is Cue.SECRET and term.public_only:
                notes.append(f"{term.label}: cannot be done in secret; read as public")
                continue
            if mark.cue in (Cue.UN, Cue.AERIAL) and not term.verifiable:
                notes.append(f"{term.label}: cannot be verified; the check is left out")
                continue
            offer = _apply(offer, mark)
            marks.append(mark)
        spans = places.spans(sorted(m.at), toks)
        if before is not None:
            spans = before.spans + spans
        refused = m.negated
        if before is not None and sentence == before_sentence:
            refused = before.refused or m.negated  # "we will not remove the Jupiters from Turkey"
        return Found(offer, give, spans, tuple(marks), refused, doubt)


LIST_BREAKS = frozenset({Cue.GIVE, Cue.ASK, Cue.NOW, Cue.LATER, Cue.DAYS, Cue.NEGATION, Cue.CONDITION})
"""Cues between two terms that end a list a leading timing speaks for."""
LIST_GAP = 12
"""Tokens two terms of one list may stand apart (a check and 'this in confidence' between them)."""


def _listed(first: _Match, near: list[_Match], toks: list[Token], cues: list) -> list[_Match]:
    """The terms after `first` in a list with it ("A, B and C"): each after the one before with only
    commas, 'and' and other words of the one before between them, no new doer, timing, 'not' or
    condition, and no ', and' (a new clause)."""
    out, last = [], first.last
    for m in sorted((m for m in near if m.first > first.last), key=lambda m: m.first):
        gap = [toks[k].word for k in range(last + 1, m.first)]
        joined = " ".join(gap)
        if (
            len(gap) > LIST_GAP
            or ", and" in joined
            or any(w in SCOPE_ENDS and w != "and" for w in gap)
            or any(w.lower() in LIST_SUBJECTS for w in gap)  # "... and you lift the quarantine"
            or any(c in LIST_BREAKS and last < ci < m.first for c, ci, _ in cues)
        ):
            break
        out.append(m)
        last = m.last
    return out


def text_of(toks: list[Token], first: int, past: int) -> str:
    """The words of tokens first..past as one phrase, lower case ("we will")."""
    return " ".join(t.word for t in toks[first:past])


def _likeness(a: str, b: str, **_: object) -> float:
    """0-100: the better of the edit ratio and the ratio that counts a swap of two letters as one."""
    return max(fuzz.ratio(a, b), 100 * OSA.normalized_similarity(a, b))


def _apply(offer: Offer, mark: Mark) -> Offer:
    match mark.cue:
        case Cue.SECRET:
            return replace(offer, public=False)
        case Cue.PUBLIC:
            return replace(offer, public=True)
        case Cue.NOW:
            return replace(offer, timing=Timing.NOW, days=0)
        case Cue.LATER:
            return replace(offer, timing=Timing.LATER, days=0)
        case Cue.DAYS:
            return replace(offer, timing=Timing.DAYS, days=mark.days)
        case Cue.UN:
            return replace(offer, verification=Verification.UN)
        case Cue.AERIAL:
            return replace(offer, verification=Verification.AERIAL)
    return offer


@functools.lru_cache(maxsize=8)
def reader_for(s: Scenario) -> Reader:
    """The reader for a scenario (built once: its phrases compiled)."""
    if s.negotiation is None:
        raise ValueError(f"scenario {s.id!r} has no negotiation: there are no terms to read")
    names = {
        side: tuple(
            n for n in (s.leader(side), info.leader.split()[-1], info.country, *info.title.split()[:1]) if n
        )
        for side, info in s.sides.items()
    }
    return Reader(s.negotiation, s.phrases, names or None)


def _shares_verb(m: _Match, kept: list[_Match], verbs: set[int], stems: list[str]) -> bool:
    """Whether `m` overlaps what is kept only in a verb a kept phrase has, with "and" or a comma
    between its own words and the other phrase's: "remove the missiles and the bombers"."""
    shared = {i for k in kept for i in k.at} & m.at
    own = m.at - shared
    if not shared or not shared <= verbs or not own:
        return False
    for k in kept:
        if not k.at & shared:
            continue
        theirs = k.at - shared
        if not theirs:
            return False
        lo, hi = sorted((min(own), min(theirs)))
        if not any(stems[i] in {"and", ","} for i in range(lo + 1, hi)):
            return False
    return True
