"""What a bundle of terms is worth to one side, with the terms' relations (`needs`, `excludes`).

The scenario's values are fixed, so what a term written one way is worth to a side is worked out
once per negotiation and remembered (the negotiators ask it tens of thousands of times a game)."""

from __future__ import annotations

from collections.abc import Iterable

from game.diplomacy import Negotiation, Offer, Timing
from game.sides import Side

_MEMO: dict[int, tuple[Negotiation, dict[tuple[Side, Offer, bool], tuple[float, bool]], dict, dict]] = {}
"""Per negotiation (by identity, the negotiation kept beside its table so the id stays its own):
(side, offer, alone) -> (value before trust, whether trust discounts it); the same by the offer's
identity (side, id(offer), alone) -> (offer, value, discounted), the offer kept so that its id
stays its own (an offer's own hash and equality go through Python; a letter's offers are asked
turn after turn); and per term, the terms it needs."""
BY_ID = 50_000
"""How many offers the table by identity keeps before it starts again."""


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


def _table(n: Negotiation) -> tuple[Negotiation, dict, dict, dict]:
    found = _MEMO.get(id(n))
    if found is None or found[0] is not n:
        make_room(_MEMO)
        found = _MEMO[id(n)] = (n, {}, {}, {t.id: t.needs for t in n.terms})
    return found


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
    tables = _MEMO.get(id(n))
    if tables is None or tables[0] is not n:
        tables = _table(n)
    by_id = tables[2]
    seen = by_id.get((side, id(offer), alone))
    if seen is None or seen[0] is not offer:
        table = tables[1]
        key = (side, offer, alone)
        found = table.get(key)
        if found is None:
            found = table[key] = _base(n, side, offer, alone)
        if len(by_id) >= BY_ID:
            by_id.clear()
        seen = by_id[(side, id(offer), alone)] = (offer, *found)
    _, value, promised = seen
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
    needs = _table(n)[3]
    return sum(
        offer_value(n, side, o, trust, alone=bool(x := needs[o.term]) and present.isdisjoint(x))
        for o in offers
    )
