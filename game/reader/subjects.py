"""Who a clause says will do what it names: the subject words nearest before a term.

"We will stop the tests if you accept a treaty": 'we' does the stopping, 'you' the accepting. The
scan goes back from a term's first word to the nearest subject word (a pronoun, or a side's name),
across 'and' and commas (a list goes on with the subject it began with), but not out of a clause
that 'if', 'unless', 'that' ... opened. An asking verb in between turns it round ("we demand the
removal": the other side removes); a verb that only puts it on the table ("we propose a test ban")
says nobody. No subject found: None, and the term's giver decides as before.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from game.reader.words import Token, phrase_stems, stem
from game.sides import Side

FIRST_PERSON = frozenset({"we", "i"})
SECOND_PERSON = frozenset({"you", "u"})
"""Subjects only: 'our inspectors go to Florida' is Washington opening its soil, not Moscow giving."""
GOVERNMENTS = frozenset({"government", "side", "country"})
"""After 'our' or 'your', a subject: "your government will take the bombers out"."""
ASKING = frozenset(
    stem(w) for w in ("ask", "demand", "insist", "expect", "require", "request", "want", "need")
)
"""Verbs that ask the other side to act ("we expect the missiles gone"); not before 'to' ("we want
to end the tests")."""
OPENERS = frozenset({"that", "when", "because", "while", "whereas", "although", "though", "after", "before"})
"""Words that open a clause of its own, besides the scenario's conditions ('if', 'unless', ...)."""
PUTTING = frozenset(
    stem(w) for w in ("propose", "suggest", "discuss", "consider", "welcome", "raise", "sign")
)
"""Verbs that name a term without saying who does it ("we propose a ban on tests"; both sides sign)."""
TELLING = frozenset(stem(w) for w in ("tell", "assure", "promise", "give", "offer", "send", "remind", "warn"))
"""Verbs after which 'you' is spoken to, not the one who acts ("I can tell you the Jupiters will go")."""


@dataclass(frozen=True)
class Doer:
    """The side the words say will do it, and the words that say so (tokens first..past)."""

    side: Side
    first: int
    past: int


class Subjects:
    """Finds subjects in one letter's tokens; `names`: each side's names ('Kennedy', 'United States')."""

    def __init__(
        self,
        toks: list[Token],
        sentence: list[int],
        openers: set[int],
        writer: Side,
        names: Mapping[str, tuple[tuple[Side, tuple[str, ...]], ...]],
    ) -> None:
        """`openers`: where the scenario's conditions begin; `names`: from `side_names`."""
        self.toks, self.sentence = toks, sentence
        self.words = [t.word.split("'")[0] for t in toks]  # "we'll" -> "we"
        stems = [_stem(t.word) for t in toks]  # as written: 'propose' is no misspelt 'promise'
        self.side: dict[int, tuple[Side, int]] = {}
        """Token index of a subject's last word -> (side, its first word)."""
        for i, w in enumerate(self.words):
            if w in FIRST_PERSON:
                self.side[i] = (writer, i)
            elif w in SECOND_PERSON and not (i and stems[i - 1] in TELLING):
                self.side[i] = (writer.other, i)
            elif w in GOVERNMENTS and i and self.words[i - 1] in ("our", "my", "your"):
                self.side[i] = (writer.other if self.words[i - 1] == "your" else writer, i - 1)
            for side, p in names.get(stems[i], ()):
                if tuple(stems[i : i + len(p)]) == p:
                    self.side[i + len(p) - 1] = (side, i)
        before_to = {i for i in range(len(toks) - 1) if self.words[i + 1] == "to"}
        self.asking = {i for i, s in enumerate(stems) if s in ASKING and i not in before_to}
        self.putting = {i for i, s in enumerate(stems) if s in PUTTING and i not in before_to}
        self.opens = set(openers) | {i for i, w in enumerate(self.words) if w in OPENERS}

    def doer(self, first: int) -> Doer | None:
        """Who the words before token `first` say will do what follows."""
        k, asked, n = first - 1, False, self.sentence[first] if first < len(self.toks) else -1
        while k >= 0 and self.sentence[k] == n:
            if k in self.side:
                side, start = self.side[k]
                verb = k + 1 < len(self.toks) and self.toks[k + 1].word.isalpha()
                return Doer(side.other if asked else side, start, k + 2 if verb else k + 1)
            if k in self.asking:
                asked = True
            if k in self.putting or k in self.opens:
                return None  # "we propose ..."; or the clause's own opening word, and no subject in it
            k -= 1
        return None


@functools.lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    return stem(word)


def side_names(names: Mapping[Side, tuple[str, ...]]) -> dict[str, tuple[tuple[Side, tuple[str, ...]], ...]]:
    """Each side's names as stems to match ('united states' -> ('unit', 'stat')), by their first."""
    out: dict[str, list[tuple[Side, tuple[str, ...]]]] = {}
    for side, ns in names.items():
        for stems in filter(None, (phrase_stems(n) for n in ns)):
            out.setdefault(stems[0], []).append((side, stems))
    return {first: tuple(found) for first, found in out.items()}
