"""What a bundle of terms is worth to one side, with the terms' relations (`needs`, `excludes`).

The scenario's values are fixed, so what a term written one way is worth to a side is worked out
once per negotiation and remembered (the negotiators ask it tens of thousands of times a game)."""

from __future__ import annotations

from collections.abc import Iterable

from game.diplomacy import Negotiation, Offer, Timing
from game.sides import Side

_MEMO: dict[int, tuple[Negotiation, dict[tuple[Side, Offer, bool], tuple[float, bool]]]] = {}
"""Per negotiation (by identity, the negotiation kept beside its table so the id stays its own):
(side, offer, alone) -> (value before trust, whether trust discounts it)."""


KEPT = 4
"""How many negotiations the tables kept per negotiation (here, in `counterpart` and `bundles`) hold
at once: a process that loads scenario after scenario keeps only the latest ones'."""


def make_room(store: dict) -> None:
    """Before a table per negotiation takes a new one: the oldest dropped once `KEPT` are there."""
    while len(store) >= KEPT:
        del store[next(iter(store))]


def forget() -> None:
    """Empty this module's tables (`negotiator.forget`)."""
    _MEMO.clear()


def _table(n: Negotiation) -> dict[tuple[Side, Offer, bool], tuple[float, bool]]:
    found = _MEMO.get(id(n))
    if found is None or found[0] is not n:
        make_room(_MEMO)
        found = _MEMO[id(n)] = (n, {})
    return found[1]


def _base(n: Negotiation, side: Side, offer: Offer, alone: bool) -> tuple[float, bool]:
    t = n.term(offer.term)
    base = t.alone_value if alone and t.alone_value else t.value
    value = float(base.get(side, 0))
    if offer.public:
        value += t.public_value.get(side, 0)
    if offer.timing is Timing.LATER:
        value += t.later_value.get(side, 0)
    value += t.verification_value.get(offer.verification, {}).get(side, 0)
    return value, t.giver is not side and offer.timing is not Timing.NOW and value > 0


def offer_value(n: Negotiation, side: Side, offer: Offer, trust: float = 1.0, alone: bool = False) -> float:
    """What one term, with its modifiers, is worth to `side`; `alone`: without any term it needs."""
    table = _table(n)
    key = (side, offer, alone)
    found = table.get(key)
    if found is None:
        found = table[key] = _base(n, side, offer, alone)
    value, promised = found
    return value * trust if promised else value  # a promise for later is worth what the word is worth


def deal_value(
    n: Negotiation,
    side: Side,
    offers: Iterable[Offer],
    trust: float = 1.0,
    standing: frozenset[str] = frozenset(),
) -> float:
    """The sum over the deal's terms, each term that needs another valued as the deal stands:
    with one of its `needs` in the deal or in `standing` (agreed already), or alone."""
    offers = tuple(offers)
    present = standing | {o.term for o in offers}
    return sum(offer_value(n, side, o, trust, alone=_alone(n, o.term, present)) for o in offers)


def _alone(n: Negotiation, term: str, present: frozenset[str] | set[str]) -> bool:
    needs = n.term(term).needs
    return bool(needs) and not any(t in present for t in needs)
