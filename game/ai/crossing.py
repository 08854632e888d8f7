"""What a proposal would bind if accepted now, beside agreements made or being made.

The rules bind a term once (`negotiation.binds_anew`): an acceptance of a proposal whose terms are
agreed already binds only the rest, a residual agreement of its own. Two letters cross when both
sides propose on the same day; if each accepts the other's, the first acceptance read (the first
side's: the turn's letters go out in `SIDES` order) makes the agreement and the second binds the
residual of the other proposal. So a side weighs a proposal by what it would bind: against the
agreements it holds, and, when it is the second side and its own proposal crossed theirs, against
its own proposal too (which the other side may be accepting this very turn): if that holds any of
their terms, it neither says yes nor counters but waits for their answer (H3: a counter that said
its own again, crossing their yes, became a second, one-sided agreement; a second yes bound the
rest of theirs, in 5 of 8 campaign agreements between pragmatists that a better deal beat).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.diplomacy import Timing
from game.engine.letters import Mail, Offer
from game.engine.match import SideView
from game.model import SIDES

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


def with_proposal(terms: Held, mail: Mail) -> dict[str, bool]:
    """`terms` and those of `mail`'s proposal, as they would stand were it agreed."""
    out = dict(terms)
    for o in (*mail.letter.gives, *mail.letter.demands):
        if o.term not in out:
            out[o.term] = o.timing is Timing.LATER
    return out


def bound(offers: Iterable[Offer], terms: Held) -> tuple[Offer, ...]:
    """The offers an acceptance would bind beside `terms`: those not held, and those held only for
    'later' that this gives a day (as `negotiation.binds_anew`)."""
    return tuple(o for o in offers if o.term not in terms or (terms[o.term] and o.timing is not Timing.LATER))


def crossed(view: SideView, incoming: Mail, mine: list[Mail]) -> Mail | None:
    """My proposal that crossed `incoming` (sent the same day) and that they have not answered."""
    if not mine:
        return None
    last = mine[-1]
    if last.sent[:10] != incoming.sent[:10] or not last.letter.is_proposal:
        return None
    if any(m.letter.reply_to == last.id for m in view.letters if m.sender is not view.side):
        return None
    if any(a.proposal == last.id for a in view.agreements):
        return None
    return last


def read_second(view: SideView) -> bool:
    """Whether this side's acceptance is read after the other's in a turn (the turn's letters go out
    in `SIDES` order): the other side's, of a crossed proposal of mine, makes the agreement first."""
    return view.side is not SIDES[0]
