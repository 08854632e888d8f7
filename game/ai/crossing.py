"""What a proposal would bind if accepted now, beside the agreements made.

The rules bind a term once (`negotiation.binds_anew`): an acceptance of a proposal whose terms are
agreed already binds only the rest, a residual agreement of its own. A side weighs such a proposal by
that rest and does not say yes to it (H3: a stale proposal, sent before the deal that settled most of
it, became on a yes a second, one-sided agreement). Letters that cross the same day are left to the
rules: a side that waited for the answer to its own crossed proposal instead of answering theirs lost
the deal (thirteen-days, hawk against hawk: 40 of 40 games with a deal on main, none so).
"""

from __future__ import annotations

from collections.abc import Iterable

from game.diplomacy import Timing
from game.engine.letters import Agreement, Offer
from game.engine.negotiation import binds_anew


def bound(offers: Iterable[Offer], agreements: Iterable[Agreement]) -> tuple[Offer, ...]:
    """The offers an acceptance would bind beside `agreements`, by the rules' own test: those no
    agreement holds unbroken, and those one holds only for 'later' that this gives a day."""
    made = tuple(agreements)
    return tuple(o for o in offers if binds_anew(made, o.term, o.timing is not Timing.LATER))
