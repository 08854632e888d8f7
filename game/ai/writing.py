"""Writing the letter: its channel, tone and answer, and its prose from the scenario's templates,
naming everything it gives and asks, with the reason when it gives ground."""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from game.ai.seat import Plan, Seat
from game.ai.values import deal_value, make_room, offer_value
from game.dates import plain_date
from game.diplomacy import Answer, Fit, Negotiation, Timing, Tone, Verification
from game.engine.chance import uniform
from game.engine.letters import Letter, Mail, Offer
from game.model import Side, Stance

OWN, ANY = 2, 1
"""`Writer.voice`: words in this personality's own voice, or in no one's in particular."""


class Writer(Seat):
    """The letter that says what the side means to do."""

    prose = True
    """Whether its letters are written out in words; without, the same letters (terms, tone,
    channel, answer) carry none: for games no one reads (`negotiator.Quiet`)."""

    def _channel(self, gives: tuple[Offer, ...], demands: tuple[Offer, ...], incoming: Mail | None) -> str:
        assert self.n is not None
        channels = [self.n.channel(c) for c in self.view.channels]
        secret = any(not o.public for o in (*gives, *demands))
        private = [c for c in channels if not c.public]
        if secret and private:
            return min(
                private, key=lambda c: (float(c.leak.fn(self.env)) if c.leak else 0.0, c.delay_hours)
            ).id
        if incoming is not None and incoming.letter.channel in self.view.channels:
            return incoming.letter.channel
        pool = private or channels
        return min(pool, key=lambda c: c.delay_hours).id

    def _letter(
        self, intent: str, incoming: Mail | None, gives: tuple, demands: tuple, motive: str = ""
    ) -> Plan:
        """The letter for `intent`; `motive`: why it does not give (more) ground (`MOTIVES`)."""
        if intent == "accept" and incoming is not None:
            gives_named, demands_named = incoming.letter.demands, incoming.letter.gives
        else:
            gives_named, demands_named = gives, demands
        tone = {
            "accept": Tone.CONCILIATORY,
            "threaten": Tone.THREATENING,
            "reject": Tone.FIRM,
        }.get(intent, Tone.CONCILIATORY if self.p.concession > 1.5 else Tone.FIRM)
        answer = {"accept": Answer.ACCEPT, "counter": Answer.COUNTER, "reject": Answer.REJECT}.get(intent)
        if intent == "threaten":
            answer = Answer.REJECT
        letter = Letter(
            channel=self._channel(gives, demands, incoming),
            tone=tone,
            gives=gives if intent in ("propose", "counter") else (),
            demands=demands if intent in ("propose", "counter") else (),
            text=self.write(intent, gives_named, demands_named, motive),
            reply_to=incoming.id if incoming is not None else None,
            answer=answer,
        )
        return Plan(intent, letter)

    def write(self, intent: str, gives: Iterable[Offer], demands: Iterable[Offer], motive: str = "") -> str:
        """The letter's prose, from the scenario's templates for this side and intent: one that
        names everything the letter gives and asks where there is one, not the one its last
        letter of this kind was written from; when it gives ground, the reason why, and when it
        holds or refuses, its motive (the scenario's words for it, if any). Each term is named
        whole, with its timing and check (play-test F14), in the computer's letters as in a
        player's. No words unless `prose`: nothing the side decides depends on them
        (tests/test_quiet.py plays the same games)."""
        assert self.n is not None
        if not self.prose:
            return ""
        variants = self.n.templates.get(self.me, {}).get(intent, ())
        if not variants:
            return ""
        gives, demands = list(gives), list(demands)
        given = gives if intent in ("propose", "counter") else []  # what this letter itself gives
        empty = frozenset(name for name, items in (("gives", gives), ("demands", demands)) if not items)
        fitting, full, own, own_any = self._pools(variants, intent, empty, given)
        if not fitting:
            return ""  # no template says this without terms it does not have: words only
        written = self._written()
        every = _seen(self.n, self.me, written) or ()
        last = written[-1] if written else ""

        def unused(pool: list[str]) -> list[str]:
            return [v for v in pool if _opening(v) not in every]

        def not_last(pool: list[str]) -> list[str]:
            return [v for v in pool if not (written and _opening(v) in last)]

        # its own voice first, while unused; a proposal's words name all its terms; an acceptance
        # carries none, and may name some (each tier worked out only if the one before it is empty)
        tiers = [(unused, own), (unused, full), (not_last, full)]
        if intent == "accept":
            tiers = [(unused, own), (unused, own_any), (unused, full), (unused, fitting)]
            tiers += [(not_last, full), (not_last, fitting)]
        fitting = next((pool for keep, tier in tiers if (pool := keep(tier))), full or fitting)
        key = f"write:{self.me.value}:{intent}"
        text = fitting[uniform(self.seed, self.view.turn, key, len(fitting))]
        fill = {
            "to": self.s.sides[self.them].title or self.s.sides[self.them].leader,
            "from": self.s.sides[self.me].short or self.s.sides[self.me].leader,
            "gives": self._list(gives) or "nothing further",
            "demands": self._list(demands) or "nothing further",
            "date": _plain_date(self.view.date),  # as a letter is dated: 'October 16, 1962' (playtest E25)
        }
        reason = " ".join(
            r
            for r in (
                self.said(motive, written, given),
                self.reason(intent, (*gives, *demands), written, given),
            )
            if r
        )
        if reason and "{reason}" not in text:
            text = _before_closing(text, reason)
        fill["reason"] = reason
        out = "".join(part if name is None else fill.get(name, part) for part, name in _parts(text))
        return _SPACES.sub(" ", out).strip()

    def _pools(
        self, variants: Sequence[str], intent: str, empty: frozenset[str], given: Sequence[Offer]
    ) -> tuple[list[str], ...]:
        """The templates of `variants` (this side's for `intent`) that may say a letter with no
        terms named in `empty` that gives `given`, in this personality's voice or no one's; of
        those, the ones that name every term the letter has, and of each the ones in its own voice.
        What they are depends only on that and what `fits` reads, so they are worked out once per
        negotiation for each (read as the ladder of tiers in `write`)."""
        assert self.n is not None
        key = (self.me, self.kind, intent, empty, self._holds(given))
        found = _read(_POOLS, self.n, key)
        if found is None:
            fitting = [
                v
                for v in variants
                if empty.isdisjoint(_terms_named(v)) and self.fits(v, given) and self.voice(v)
            ]
            wanted = _NAMED - empty
            full = [v for v in fitting if wanted <= _terms_named(v)]
            own = [v for v in full if self.voice(v) == OWN]
            own_any = [v for v in fitting if self.voice(v) == OWN]
            found = _keep(_POOLS, self.n, key, (fitting, full, own, own_any))
        return found  # type: ignore[no-any-return]

    def _written(self) -> list[str]:
        """The words of this side's letters so far, oldest first (read once a decision; the list is
        never changed)."""
        if self._texts is None:
            self._texts = [m.letter.text for m in self.view.letters if m.sender is self.me and m.letter.text]
        return self._texts

    _texts: list[str] | None = None

    def beside(self, plan: Plan, decision: str) -> Plan:
        """The letter made to tell the same story as the deed beside it. A deed the scenario gives
        words for (`reasons:` under the decision's id) says them in the letter that goes with it, as
        its reason (never a deed done in secret); and a once-only hawkish deed with words (a private
        deadline, a deadline on Black Saturday, the alert) by a side that answers with threats (the
        hawk) is never done without a letter: a threat that asks what it wants most, so the other
        side knows what would stop it. (A side that never threatens writes no threat: its deadline
        goes with its letter of the day, if any, which then says it.)"""
        if self.n is None:
            return plan
        words = self.said(decision, [m.letter.text for m in self.view.letters if m.sender is self.me])
        if not words or self.s.decision(decision).covert:
            return plan
        letter = plan.letter
        if letter is not None:
            if words in letter.text:
                return plan
            return Plan(plan.intent, replace(letter, text=_before_closing(letter.text, words)))
        d = self.s.decision(decision)
        if (
            not self.p.escalates
            or d.stance is not Stance.HAWK
            or d.covert
            or not d.once
            or not self.view.channels
        ):
            return plan  # a deed done often, or in secret, or by a side that never threatens
        demands = self._wants()
        if not demands:
            return plan
        text = self.write("threaten", (), demands)
        return Plan(
            "threaten",
            Letter(
                channel=self._channel((), demands, None),
                tone=Tone.THREATENING,
                demands=demands,
                text=_before_closing(text, words) if text else words,
            ),
        )

    def _wants(self) -> tuple[Offer, ...]:
        """What a deadline asks: the other side's open terms worth most to this side (those worth at
        least half the best), each written the way worth most to it, none that exclude each other."""
        assert self.n is not None
        n = self.n
        best: dict[str, tuple[float, Offer]] = {}
        for t in self.view.terms:
            term = n.term(t)
            if term.giver is self.me or t in self.standing:
                continue
            for public in (True, False):
                if (term.public_only or t in self.revealed) and not public:
                    continue
                for verification in Verification if term.verifiable else (Verification.NONE,):
                    offer = Offer(t, public, Timing.NOW, 0, verification)
                    value = offer_value(n, self.me, offer)
                    if value > best.get(t, (0.0, offer))[0]:
                        best[t] = (value, offer)
        if not best:
            return ()
        top = max(v for v, _ in best.values())
        chosen = sorted((o for v, o in best.values() if v >= top / 2), key=lambda o: -best[o.term][0])
        while (clash := n.clash(o.term for o in chosen)) is not None:
            worse = min(clash, key=lambda x: best[x][0])
            chosen = [o for o in chosen if o.term != worse]
        return tuple(chosen)

    def fits(self, text: str, gives: Iterable[Offer] = ()) -> bool:
        """Whether `text` may be said in a letter that gives `gives` now: every condition the
        scenario's `fits:` sets on words in it holds (how many letters this side wrote, and what
        its last one gave)."""
        assert self.n is not None
        cues = _cues(self.n, text)
        if not cues:
            return True
        holds = dict(zip(_FITS, self._holds(gives), strict=True))
        return all(holds[c] for c in cues)

    def _holds(self, gives: Iterable[Offer]) -> tuple[bool, ...]:
        """Which of `_FITS` hold of a letter that gives `gives` now (what `fits` reads of it)."""
        if self._sent is None:
            mine = [m.letter for m in self.view.letters if m.sender is self.me]
            self._sent = (len(mine), frozenset(o.term for o in mine[-1].gives) if mine else frozenset())
        count, before = self._sent
        now = {o.term for o in gives}
        return (bool(now), bool(count) and now == before, bool(count) and bool(now - before), count >= 2)

    _sent: tuple[int, frozenset[str]] | None = None
    """How many letters this side has sent, and the terms its last one gave (read once a decision)."""

    def voice(self, text: str) -> int:
        """Whose voice `text` is in (the scenario's `voices:`): `OWN` if words in it belong to this
        personality, `ANY` if no words in it belong to any, 0 (never said) if they belong to others."""
        assert self.n is not None
        kinds = _voices(self.n, text)
        if not kinds:
            return ANY
        return OWN if all(self.kind in k for k in kinds) else 0

    def said(self, cause: str, written: Sequence[str] = (), gives: Iterable[Offer] | None = None) -> str:
        """The scenario's words for `cause` on this side: one not yet in its letters, if any is left;
        with `gives` (what the letter says them in gives), only words that fit that letter."""
        assert self.n is not None
        texts = self.n.reasons.get(self.me, {}).get(cause, ()) if cause else ()
        if gives is not None:
            given = tuple(gives)
            texts = tuple(t for t in texts if self.fits(t, given))
        every = _seen(self.n, self.me, written) or ()
        fresh = [t for t in texts if t not in every] or list(texts)
        if not fresh:
            return ""
        return fresh[uniform(self.seed, self.view.turn, f"reason:{self.me.value}:{cause}", len(fresh))]

    def reason(
        self, intent: str, offers: tuple[Offer, ...], written: Sequence[str] = (), gives: Iterable[Offer] = ()
    ) -> str:
        """Why it gives ground, when it does (accepting, or offering less for itself than last
        time): the strongest cause on its clock that the scenario gives words for, or time."""
        assert self.n is not None
        if intent not in ("accept", "propose", "counter"):
            return ""
        if intent != "accept":
            last = self._last_offer_value()
            if last is None or deal_value(self.n, self.me, offers) >= last:
                return ""  # no concession, nothing to explain
        n = self.n
        words = n.reasons.get(self.me, {})
        elapsed, causes = self.clock()
        ranked = sorted(causes, key=lambda c: -n.pressure.get(c, 0.0))
        given = tuple(gives)
        for cause in [*ranked, "time"]:
            timely = cause != "time" or elapsed >= 0.5 or "time" in causes
            if words.get(cause) and timely and (said := self.said(cause, written, given)):
                return said
        return ""

    def _list(self, offers: Sequence[Offer]) -> str:
        """The terms named one after another; when all are for 'later', 'in due course' said once
        before them ("in due course withdraw A and give B"), not after each."""
        if len(offers) > 1 and all(o.timing is Timing.LATER for o in offers):
            return "in due course " + _join([self._phrase(o, later=False) for o in offers])
        return _join([self._phrase(o) for o in offers])

    def _phrase(self, offer: Offer, later: bool = True) -> str:
        """How the letter names a term: by when and under whose eyes (play-test F14), and saying so
        when it is to stay between the two of them (`later`: whether to say 'in due course')."""
        assert self.n is not None
        term = self.n.term(offer.term)
        phrase = term.phrase
        if offer.timing is Timing.DAYS:
            days = offer.days or term.days
            phrase += f" within {days} day{'' if days == 1 else 's'}"
        elif offer.timing is Timing.LATER and later:
            phrase += " in due course"
        phrase += _CHECKED[offer.verification]
        return phrase if offer.public else f"{phrase} (this in confidence)"


_CHECKED = {
    Verification.NONE: "",
    Verification.UN: " under United Nations supervision",
    Verification.AERIAL: " checked from the air",
}


def _before_closing(text: str, words: str) -> str:
    """`text` with `words` put before its closing ('Sincerely, {from}'), or after it if none."""
    at = _closing(text)
    return f"{text[:at]} {words}{text[at:]}" if at is not None else f"{text} {words}"


_CLOSING = re.compile(r"\s(\w+, (\{from\}|[A-Z][\w. ]+))\s*$")
_BLANK = re.compile(r"\{(\w+)\}")
_SPACES = re.compile(r"\s{2,}")


@lru_cache(maxsize=4096)
def _closing(text: str) -> int | None:
    """Where the closing of `text` starts, if it has one (a template's, the same every letter)."""
    found = _CLOSING.search(text)
    return found.start() if found else None


@lru_cache(maxsize=4096)
def _parts(text: str) -> tuple[tuple[str, str | None], ...]:
    """`text` cut at its blanks (`{name}`): (the words, None) and (the blank as written, its name),
    in order; filled, a blank with no value is written as it stands. The same few templates are
    filled every letter, so each is cut once."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for m in _BLANK.finditer(text):
        out.append((text[at : m.start()], None))
        out.append((m.group(0), m.group(1)))
        at = m.end()
    out.append((text[at:], None))
    return tuple(out)


_FITS = (Fit.OFFERS, Fit.UNCHANGED, Fit.MOVED, Fit.LATER)
"""What `fits` asks of a letter, in the order `Writer._holds` tells them."""


@lru_cache(maxsize=1024)
def _plain_date(iso: str) -> str:
    """`plain_date`, each day worked out once (every letter is dated)."""
    return plain_date(iso)


_NAMED = frozenset(("gives", "demands"))
_Words = tuple[Negotiation, dict[Any, Any]]
_CUES: dict[int, _Words] = {}
"""Per negotiation (by identity, kept beside its table so the id stays its own): `_cues` per text."""
_VOICES: dict[int, _Words] = {}
"""Per negotiation, as `_CUES`: `_voices` per text."""
_POOLS: dict[int, _Words] = {}
"""Per negotiation, as `_CUES`: `Writer._pools` per (side, personality, intent, empty, holds)."""
_SEEN: dict[int, _Words] = {}
"""Per negotiation, as `_CUES`: `_seen` per (side, texts)."""


class _Seen:
    """What was found in a run of one side's letters (`_seen`): words asked for once are searched
    for in its last letter only, the run before it answering for the rest (and remembering)."""

    __slots__ = ("before", "last", "known")

    def __init__(self, before: _Seen | None, last: str) -> None:
        self.before, self.last, self.known = before, last, dict[str, bool]()

    def __contains__(self, words: object) -> bool:
        found = self.known.get(words)  # type: ignore[call-overload]
        if found is not None:
            return found
        assert isinstance(words, str)
        unknown: list[_Seen] = []  # the latest letters first, back to a run that knows the words
        at: _Seen | None = self
        while at is not None and (found := at.known.get(words)) is None:
            unknown.append(at)
            at = at.before
        found = bool(found)
        for run in reversed(unknown):
            found = run.known[words] = found or words in run.last
        return found


def _seen(n: Negotiation, side: Side, written: Sequence[str]) -> _Seen | None:
    """The texts `written` (one side's letters, oldest first) as a `_Seen`, whose `in` tells whether
    words are in any of them; None for no texts. Remembered per run of texts: the next decision
    reads the same letters and perhaps one more, so each pair of words and letter is searched once."""
    texts = tuple(written)
    at = len(texts)
    found = _read(_SEEN, n, (side, texts)) if at else None
    while found is None and at > 1:  # the longest run of them already remembered
        at -= 1
        found = _read(_SEEN, n, (side, texts[:at]))
    if found is None and texts:
        at = 1
        found = _keep(_SEEN, n, (side, texts[:1]), _Seen(None, texts[0]), SEEN)
    while at < len(texts):
        found = _keep(_SEEN, n, (side, texts[: at + 1]), _Seen(found, texts[at]), SEEN)
        at += 1
    return found  # type: ignore[no-any-return]


def _cues(n: Negotiation, text: str) -> frozenset[Fit]:
    """What must hold of a letter for `text` to be said in it (the scenario's `fits:` for the words
    in it): the same few templates and reasons are weighed every letter, so read once per text."""
    cues = _read(_CUES, n, text)
    if cues is None:
        cues = _keep(
            _CUES, n, text, frozenset(c for words, need in n.fits.items() if words in text for c in need)
        )
    return cues


def _voices(n: Negotiation, text: str) -> tuple[tuple[str, ...], ...]:
    """For each `voices:` entry whose words are in `text`, the personalities it names (read once per
    text, like `_cues`)."""
    kinds = _read(_VOICES, n, text)
    if kinds is None:
        kinds = _keep(_VOICES, n, text, tuple(k for words, k in n.voices.items() if words in text))
    return kinds


def _read(store: dict[int, _Words], n: Negotiation, text: Hashable) -> Any:
    """What `store` remembers of `text` (or another key) for negotiation `n` (None: nothing yet)."""
    found = store.get(id(n))
    return found[1].get(text) if found is not None and found[0] is n else None


def _keep(store: dict[int, _Words], n: Negotiation, text: Hashable, value: Any, most: int = 0) -> Any:
    """Remember `value` for `text` and `n` in `store` (a table per negotiation, `most` texts each,
    or `CUES`)."""
    found = store.get(id(n))
    if found is None or found[0] is not n:
        make_room(store)
        found = store[id(n)] = (n, {})
    if len(found[1]) >= (most or CUES):
        found[1].clear()
    found[1][text] = value
    return value


CUES = 4096
"""How many texts `_cues` remembers per negotiation before it starts again."""
SEEN = 1024
"""How many runs of letters `_seen` remembers per negotiation (some thirty a campaign; each keeps
what was looked for in it) before it starts again."""


def forget() -> None:
    """Empty what `_cues`, `_voices`, `Writer._pools` and `_seen` remember (`negotiator.forget`)."""
    for store in (_CUES, _VOICES, _POOLS, _SEEN):
        store.clear()


@cache
def _terms_named(template: str) -> frozenset[str]:
    """Which of {gives} and {demands} a template has a blank for (read once per template)."""
    return frozenset(name for name in _NAMED if f"{{{name}}}" in template)


@cache
def _opening(template: str) -> str:
    """Words a template opens with (how to tell it was used): its first run of words between blanks
    long enough to be its own, up to 60 characters; past a short heading ('Washington, {date}.'),
    which every dated template shares, so that one dated letter does not use them all up."""
    runs = re.split(r"\{[a-z]+\}", template)
    return next((r for r in runs if len(r) >= 20), runs[0])[:60]


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
