"""Building offers: every bundle of the open terms on the frontier of what this side believes both
sides could have, terms that exclude each other never together, and the one to send."""

from __future__ import annotations

from itertools import product

from game.ai import objectives
from game.ai.seat import Seat
from game.ai.values import offer_value
from game.diplomacy import Term, Timing, Verification
from game.engine.letters import Offer
from game.engine.match import SideView
from game.model import Scenario

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
        self._variant_memo: dict[str, list[tuple[float, float, Offer]]] = {}
        self._bad_memo: dict[frozenset[tuple[str, bool, bool]], bool] = {}

    def _variants(self, term: Term) -> list[tuple[float, float, Offer]]:
        """The ways of writing the term that no other way beats for both sides (mine, theirs);
        worked out once per term in a decision."""
        found = self._variant_memo.get(term.id)
        if found is None:
            found = self._variant_memo[term.id] = self._ways(term)
        return found

    def _ways(self, term: Term) -> list[tuple[float, float, Offer]]:
        assert self.n is not None
        out = []
        for public, timing, verification in _MODIFIERS:
            if (
                (verification is not Verification.NONE and not term.verifiable)
                or (term.public_only and not public)
                or (timing is not Timing.NOW and term.id in self.promised_later)
            ):
                continue
            offer = Offer(term.id, public, timing, 0, verification)
            out.append((offer_value(self.n, self.me, offer), self.their_value((offer,)), offer))
        out.sort(key=lambda v: (-v[0], -v[1]))
        kept, best = [], float("-inf")
        for v in out:
            if v[1] > best:
                kept.append(v)
                best = v[1]
        return kept

    def _best_modifiers(self, term: Term) -> Offer:
        """The modifiers that make the term worth most to both sides together (ties: to me)."""
        return max(self._variants(term), key=lambda v: (v[0] + v[1], v[0]))[2]

    def candidates(self) -> list[tuple[float, float, tuple[Offer, ...], tuple[Offer, ...]]]:
        """(my value, their value as I believe it, gives, demands): every bundle of the open terms
        that no other bundle beats for both sides, never two terms that exclude each other, and
        never a deal that would end the crisis worse for me than going on, and of the ways down
        from my best bundle only the steps worth conceding (`EVEN`)."""
        assert self.n is not None
        n = self.n
        open_terms = [
            n.term(t) for t in self.view.terms if t not in self.standing or t in self.promised_later
        ]
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
                    found[bundle] = (
                        self._my_value(bundle, mine)
                        + objectives.deal(self.s, self.view, self.env, bundle),  # its own hidden aims
                        theirs,  # what they seem to get is the sum of its terms' (`counterpart`)
                    )
        out = []
        frontier = _frontier([(a, b, bundle) for bundle, (a, b) in found.items()])
        for a, b, bundle in _worth_conceding(frontier):
            if self._ends_badly(bundle):
                continue
            gives = tuple(o for o in bundle if n.term(o.term).giver is self.me)
            demands = tuple(o for o in bundle if n.term(o.term).giver is self.them)
            out.append((a, b, gives, demands))
        return out

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

    def _ends_badly(self, bundle: tuple[Offer, ...]) -> bool:
        """`ends_badly`, once per set of terms, their publicity and whether dated in a decision (what
        a deal leads to reads which terms are agreed, whether in public and with a date or later)."""
        key = frozenset((o.term, o.public, o.timing is Timing.LATER) for o in bundle)
        found = self._bad_memo.get(key)
        if found is None:
            found = self._bad_memo[key] = self.ends_badly(bundle)
        return found

    def _choose(self, ladder: list, target: float):  # noqa: ANN202
        """The bundle worth at least `target` to me that seems best for them; never the very
        proposal I made last (a step towards them instead, if one is worth more than no deal)."""
        last, conceded = self._last_proposal(), self._last_offer_value()
        if conceded is not None:  # never ask more than last time
            ladder = [c for c in ladder if c[0] <= conceded + 1e-9]
        fresh = [c for c in ladder if (c[2], c[3]) != last] or ladder
        good = [c for c in fresh if c[0] >= target]
        if good:
            return max(good, key=lambda c: (c[1], c[0]))
        return max(fresh, key=lambda c: c[0], default=None)


EVEN = 1.0
"""The least a step down the frontier must seem to bring the other side for each point it costs this
side: a concession that seems to cost more than it brings them destroys value (as far as this side
can tell), so it is not offered; ground is given with terms and ways of writing them that seem worth
at least as much to them as to us, and a deal so built has nothing both sides would rather have."""


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
