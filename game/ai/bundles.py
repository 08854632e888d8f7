"""Building offers: every bundle of the open terms on the frontier of what this side believes both
sides could have, terms that exclude each other never together, and the one to send."""

from __future__ import annotations

from itertools import product

from game.ai import counterpart, objectives
from game.ai.seat import Seat
from game.ai.values import make_room, offer_value
from game.diplomacy import Negotiation, Term, Timing, Verification
from game.engine.letters import Mail, Offer
from game.engine.match import SideView
from game.model import Scenario
from game.sides import Side

_MODIFIERS = [
    (public, timing, verification)
    for public in (True, False)
    for timing in (Timing.NOW, Timing.LATER)
    for verification in Verification
]


class Bundles(Seat):
    """The offers a side can make, and which one it makes."""

    def __init__(self, s: Scenario, view: SideView, seed: int, kind: str) -> None:
        super().__init__(s, view, seed, kind)
        self._variant_memo: dict[str, Variants] = {}
        self._bad_memo: dict[_BadKey, bool] = {}
        self._mine_memo: list[Mail] | None = None
        self._conceded: tuple[float | None] | None = None

    def _mine(self) -> list[Mail]:
        """`Seat._mine`, read once in a decision (the letter, the deed and the ladder all ask)."""
        if self._mine_memo is None:
            self._mine_memo = super()._mine()
        return self._mine_memo

    def _last_offer_value(self) -> float | None:
        """`Seat._last_offer_value`, worked out once in a decision."""
        if self._conceded is None:
            self._conceded = (super()._last_offer_value(),)
        return self._conceded[0]

    def _variants(self, term: Term) -> Variants:
        """The ways of writing the term that no other way beats for both sides (mine, theirs);
        worked out once per term in a decision."""
        found = self._variant_memo.get(term.id)
        if found is None:
            assert self.n is not None and self.model is not None
            # what they depend on: my values, whether promised for later, what I believe of theirs
            key = (
                self.me,
                term.id,
                term.id in self.promised_later,
                self.model.about.get(term.id, -1),
                term.id in self.revealed,
            )
            table = _tables(self.n)[1]
            found = table.get(key)
            if found is None:
                found = table[key] = self._ways(term)
            self._variant_memo[term.id] = found
        return found

    def _ways(self, term: Term) -> Variants:
        assert self.n is not None and self.model is not None
        again = term.id in self.promised_later  # promised for later: only as 'now', if worth more so
        out = []
        for offer, mine, prior, ways in _written(self.n, self.me, term):
            if term.id in self.revealed and not offer.public:
                continue  # the world knows it now: no secret left to keep
            if again and (offer.timing is not Timing.NOW or not self._sooner_is_better(offer)):
                continue
            # what they seem to get, added up as `their_value` adds a bundle's terms
            out.append((mine, 0 + self.model.believed(term.id, prior, ways), offer))
        out.sort(key=lambda v: (-v[0], -v[1]))
        kept, best = [], float("-inf")
        for v in out:
            if v[1] > best:
                kept.append(v)
                best = v[1]
        return kept

    def _sooner_is_better(self, offer: Offer) -> bool:
        """Whether a term already promised for 'later' is worth bargaining again as 'now' (B5, B14):
        only if its receiver gains by having it sooner (the quarantine lifted now rather than some
        day), by my own values when it is owed to me, by what I believe of theirs when I owe it; a
        promise that is worth as much later (no more offensive weapons) is not asked for again."""
        assert self.n is not None
        later = Offer(offer.term, offer.public, Timing.LATER, 0, offer.verification)
        if self.n.term(offer.term).giver is self.them:
            return offer_value(self.n, self.me, offer) > offer_value(self.n, self.me, later) + 1e-9
        return self.their_value((offer,)) > self.their_value((later,)) + 1e-9

    def _best_modifiers(self, term: Term) -> Offer:
        """The modifiers that make the term worth most to both sides together (ties: to me)."""
        return max(self._variants(term), key=lambda v: (v[0] + v[1], v[0]))[2]

    def candidates(self) -> list[tuple[float, float, tuple[Offer, ...], tuple[Offer, ...]]]:
        """(my value, their value as I believe it, gives, demands): every bundle of the open terms
        that no other bundle beats for both sides, never two terms that exclude each other, and
        never a deal that would end the crisis worse for me than going on, and of the ways down
        from my best bundle only the steps worth conceding (`EVEN`)."""
        assert self.n is not None
        ladder = self._ladder()
        if self.view.objectives:  # its own hidden aims move what each bundle is worth to it
            frontier = _steps(
                self.n,
                self.me,
                [
                    (a + objectives.deal(self.s, self.view, self.env, bundle), b, bundle)
                    for bundle, (a, b) in ladder.found.items()
                ],
            )
        else:
            if ladder.steps is None:
                ladder.steps = _steps(
                    self.n, self.me, [(a + 0.0, b, bundle) for bundle, (a, b) in ladder.found.items()]
                )
            frontier = ladder.steps
        return [
            (a, b, gives, demands)
            for a, b, bundle, gives, demands, key in frontier
            if not self._ends_badly(bundle, key)
        ]

    def _ladder(self) -> _Ladder:
        """The bundles of the open terms on the frontier, by what they are worth before this turn's
        circumstances (hidden aims, where a deal would lead): the same for the same open terms,
        standing agreements, terms made public (`revealed`: a ladder from before a reveal wrote them
        in secret after it) and beliefs (`Counterpart.beliefs`), so worked out once for them."""
        assert self.n is not None and self.model is not None
        n = self.n
        ids = tuple(t for t in self.view.terms if t not in self.standing or t in self.promised_later)
        table = _tables(n)[0]
        key = (self.me, ids, self.standing, self.promised_later, self.revealed, self.model.beliefs)
        found = table.get(key)
        if found is None:
            found = table[key] = _Ladder(self._bundles([n.term(t) for t in ids]))
        return found

    def _bundles(self, open_terms: list[Term]) -> dict[tuple[Offer, ...], tuple[float, float]]:
        """Per bundle on the frontier (of each set of terms that exclude none of each other): (its
        value to me, what it seems worth to them, the sum of its terms' (`counterpart`))."""
        assert self.n is not None
        n = self.n
        ids = [t.id for t in open_terms]
        pairs = sorted({clash for a in ids for b in ids if a < b and (clash := n.clash((a, b))) is not None})
        found: dict[tuple[Offer, ...], tuple[float, float]] = {}
        for drop in product(*[[a, b] for a, b in pairs]) if pairs else [()]:
            points: list[tuple[float, float, tuple[Offer, ...]]] = [(0.0, 0.0, ())]
            for term in open_terms:
                if term.id in drop:
                    continue
                merged = list(points)
                for mine, theirs, offer in self._variants(term):
                    merged += [(a + mine, b + theirs, bundle + (offer,)) for a, b, bundle in points]
                points = _frontier(merged)
            for mine, theirs, bundle in points:
                if bundle:
                    found[bundle] = (self._my_value(bundle, mine), theirs)
        return found

    def _my_value(self, bundle: tuple[Offer, ...], summed: float) -> float:
        """`deal_value` of a bundle whose terms' own values add up to `summed`: only a term that
        needs another, missing from the deal and from what stands agreed, is worth less."""
        assert self.n is not None
        n = self.n
        needy = [o for o in bundle if n.term(o.term).needs]
        if not needy:
            return summed
        present = self.standing | {x.term for x in bundle}
        for o in needy:
            if not any(t in present for t in n.term(o.term).needs):
                summed += offer_value(n, self.me, o, alone=True) - offer_value(n, self.me, o)
        return summed

    def _ends_badly(self, bundle: tuple[Offer, ...], key: _BadKey | None = None) -> bool:
        """`ends_badly`, once per set of terms, their publicity and whether dated in a decision (what
        a deal leads to reads which terms are agreed, whether in public and with a date or later);
        `key`: `_bad_key` of the bundle, if the caller has it."""
        key = _bad_key(bundle) if key is None else key
        found = self._bad_memo.get(key)
        if found is None:
            found = self._bad_memo[key] = self.ends_badly(bundle)
        return found

    def _stale(self) -> bool:
        """Whether this side's latest proposal was sent `AGAIN` turns ago or more."""
        mine = self._mine()
        return bool(mine) and sum(1 for d in self.dates if d > mine[-1].sent[:10]) >= AGAIN

    def _choose(self, ladder: list, target: float, answering: bool = False):  # noqa: ANN202
        """The bundle worth at least `target` to me that seems best for them; never the very
        proposal I made last (a step towards them instead, if one is worth more than no deal; if
        there is none, nothing, unless `answering` a proposal of theirs, or it was made `AGAIN` turns
        ago or more)."""
        last, conceded = self._last_proposal(), self._last_offer_value()
        if last is not None and conceded is not None:
            # never take back a concession: nothing worth more to me and less to them than last time
            # (a bigger deal, better for both as far as I can tell, takes nothing back)
            given = self.their_value((*last[0], *last[1]))
            kept = [c for c in ladder if c[0] <= conceded + 1e-9 or c[1] >= given - 1e-9]
            # none left (what was conceded is no longer on the ladder, beliefs having moved):
            # the most that is on it
            ladder = kept or sorted(ladder, key=lambda c: c[0])[:1]
        fresh = [c for c in ladder if (c[2], c[3]) != last]
        if not fresh and (answering or self._stale()):
            fresh = ladder  # nothing new, but an answer to a new proposal of theirs, or time has passed
        good = [c for c in fresh if c[0] >= target]
        if good:
            return max(good, key=lambda c: (c[1], c[0]))
        return max(fresh, key=lambda c: c[0], default=None)


AGAIN = 3
"""Turns after which a proposal with nothing new in it may be made again (the clock has moved for
them too); sooner, a letter that says it again says nothing."""
EVEN = 1.0
"""The least a step down the frontier must seem to bring the other side for each point it costs this
side: a concession that seems to cost more than it brings them destroys value (as far as this side
can tell), so it is not offered; ground is given with terms and ways of writing them that seem worth
at least as much to them as to us, and a deal so built has nothing both sides would rather have."""


_BadKey = frozenset[tuple[str, bool, bool]]


def _bad_key(bundle: tuple[Offer, ...]) -> _BadKey:
    """What of a bundle `ends_badly` reads: each term, whether public, whether 'later'."""
    return frozenset((o.term, o.public, o.timing is Timing.LATER) for o in bundle)


Step = tuple[float, float, tuple[Offer, ...], tuple[Offer, ...], tuple[Offer, ...], _BadKey]
"""A step down the frontier: my value, theirs as I believe it, the bundle, what I give, what I ask,
and the bundle's `_bad_key` (worked out with the ladder, not once a decision)."""


class _Ladder:
    """The bundles worth offering, by their values before this turn's circumstances."""

    def __init__(self, found: dict[tuple[Offer, ...], tuple[float, float]]) -> None:
        self.found = found
        self.steps: list[Step] | None = None
        """`_steps` of them, for a side without hidden aims (worked out when first asked)."""


LADDERS = 2048
"""How many ladders, and ways of writing terms, a negotiation's tables remember before starting again."""
Variants = list[tuple[float, float, Offer]]
Written = list[tuple[Offer, float, tuple[float, float, float], tuple[str, str, str]]]
_TABLES: dict[int, tuple[Negotiation, dict[tuple, _Ladder], dict[tuple, Variants], dict[tuple, Written]]] = {}
"""Per negotiation (by identity, kept beside its tables as in ai/values.py): the ladders, the ways of
writing each term worth offering (`_variants`), and all the ways of writing it (`_written`)."""


def forget() -> None:
    """Empty this module's tables (`negotiator.forget`)."""
    _TABLES.clear()


def _tables(n: Negotiation) -> tuple[dict[tuple, _Ladder], dict[tuple, Variants], dict[tuple, Written]]:
    found = _TABLES.get(id(n))
    if found is None or found[0] is not n:
        make_room(_TABLES)
        found = _TABLES[id(n)] = (n, {}, {}, {})
    for table in found[1:3]:
        if len(table) > LADDERS:
            table.clear()
    return found[1], found[2], found[3]


def _written(n: Negotiation, me: Side, term: Term) -> Written:
    """The ways the term may be written (public or not, now or later, how verified), each with its
    value to me and what of its value to them no letter changes (`counterpart.written`)."""
    table = _tables(n)[2]
    found = table.get((me, term.id))
    if found is None:
        found = table[(me, term.id)] = [
            (offer, offer_value(n, me, offer), *counterpart.written(n, me, offer))
            for public, timing, verification in _MODIFIERS
            if (verification is Verification.NONE or term.verifiable) and (public or not term.public_only)
            for offer in (Offer(term.id, public, timing, 0, verification),)
        ]
    return found


def _steps(n: Negotiation, me: Side, points: list[tuple[float, float, tuple[Offer, ...]]]) -> list[Step]:
    """The frontier of the bundles, the steps down it worth conceding, each with what I give and
    what I ask."""
    return [
        (
            a,
            b,
            bundle,
            tuple(o for o in bundle if n.term(o.term).giver is me),
            tuple(o for o in bundle if n.term(o.term).giver is me.other),
            _bad_key(bundle),
        )
        for a, b, bundle in _worth_conceding(_frontier(points))
    ]


def _worth_conceding(
    points: list[tuple[float, float, tuple[Offer, ...]]],
) -> list[tuple[float, float, tuple[Offer, ...]]]:
    """The frontier (my value falling, theirs rising) walked from my best bundle, each step kept only
    if what it seems to bring them is at least `EVEN` times what it costs me."""
    out: list[tuple[float, float, tuple[Offer, ...]]] = []
    for p in points:
        if out and (p[1] - out[-1][1]) < EVEN * (out[-1][0] - p[0]) - 1e-9:
            continue
        out.append(p)
    return out


def _frontier(
    points: list[tuple[float, float, tuple[Offer, ...]]],
) -> list[tuple[float, float, tuple[Offer, ...]]]:
    """The points no other point beats on both values (the first of equal ones)."""
    points = sorted(points, key=lambda p: (-p[0], -p[1], len(p[2])))
    out, best = [], float("-inf")
    for point in points:
        if point[1] > best + 1e-9:
            out.append(point)
            best = point[1]
    return out
