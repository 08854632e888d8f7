"""What a proposal would bind if accepted now, beside the agreements made.

The rules bind a term once (`negotiation.binds_anew`): an acceptance of a proposal whose terms are
agreed already binds only the rest, a residual agreement of its own. A side weighs such a proposal by
that rest and does not say yes to it (H3: a stale proposal, sent before the deal that settled most of
it, became on a yes a second, one-sided agreement). Letters that cross the same day are left to the
rules: a side that waited for the answer to its own crossed proposal instead of answering theirs lost
the deal (thirteen-days, hawk against hawk: 40 of 40 games with a deal on main, none so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.diplomacy import Timing
from game.engine.letters import Offer
from game.engine.match import SideView

Held = Mapping[str, bool]
"""Terms held by an agreement, each with whether it is promised only for 'later'."""


def held(view: SideView) -> dict[str, bool]:
    """The terms the agreements so far hold unbroken, each with whether only for 'later'."""
    out: dict[str, bool] = {}
    for a in view.agreements:
        for o in a.obligations:
            if o.status == "broken":
                continue
            later = o.status == "pending" and o.due is None
            out[o.term] = out.get(o.term, True) and later
    return out


def bound(offers: Iterable[Offer], terms: Held) -> tuple[Offer, ...]:
    """The offers an acceptance would bind beside `terms`: those not held, and those held only for
    'later' that this gives a day (as `negotiation.binds_anew`)."""
    return tuple(o for o in offers if o.term not in terms or (terms[o.term] and o.timing is not Timing.LATER))
