"""A side's promises as a player reads them, in any front end: what it still owes, under which
agreement, and what breaking one would cost."""

from __future__ import annotations

from game.engine.letters import Obligation
from game.engine.match import SideView
from game.engine.negotiation import defied_labels
from game.engine.negotiation import owed as owed_now
from game.model import Scenario, Side, Stance
from game.sides import Effects


def owed(view: SideView) -> list[tuple[str, Obligation]]:
    """This side's obligations still to carry out, each with its agreement's id."""
    return [
        (a.id, o)
        for a in view.agreements
        for o in a.obligations
        if o.giver is view.side and o.status in ("pending", "late")
    ]


def effects_text(s: Scenario, effects: Effects, side: Side) -> str:
    """Track changes a side can see, summed per track, e.g. 'US credibility -2, Risk of war +1'."""
    tracks = {t.id: t for t in s.tracks}
    total: dict[str, int] = {}
    for e in effects:
        t = tracks.get(e.name)
        if t is None or side not in t.known_to or not e.delta:
            continue
        total[t.label] = total.get(t.label, 0) + e.delta
    return ", ".join(f"{label} {delta:+d}" for label, delta in total.items() if delta)


def breach_cost(s: Scenario, o: Obligation, side: Side, leaked: bool = False) -> str:
    """What breaking an obligation would cost, as the player can see it."""
    n = s.negotiation
    if n is None:
        return ""
    effects = (*n.term(o.term).on_broken, *n.breach_cost.get(side, ()))
    if o.public or leaked:
        effects = (*effects, *n.audience_cost.get(side, ()))
    return effects_text(s, effects, side)


def order_breaks(s: Scenario, view: SideView) -> dict[str, str]:
    """Decision id -> 'This breaks your promise ...' for each open decision that defies a term the
    viewer's side owes now (the engine counts such an order as breaking it)."""
    if not view.agreements or s.negotiation is None:
        return {}
    out: dict[str, str] = {}
    for move in view.legal:
        labels = defied_labels(
            s.negotiation, view.agreements, view.side, s.decision(move.decision).defies, view.date
        )
        if labels:
            out[move.decision] = (
                f"This breaks your promise to {s.leader(view.side.other)}: {labels}. "
                "A broken promise costs you, the more if it was public."
            )
        elif later := _goes_back(s, view, move.decision):
            out[move.decision] = (
                f"This goes back on your promise to {s.leader(view.side.other)}: {later} (not yet due). "
                "It breaks nothing now and costs nothing on the meters, but it is reported as a word "
                "gone back on."
            )
    return out


def _goes_back(s: Scenario, view: SideView, decision: str) -> str:
    """The promises not yet due that a hawk's order defying them goes back on, named ('' if none):
    what the turn's report tells as a word gone back on (`game.engine.word`, playtest J6)."""
    d = s.decision(decision)
    if d.stance is not Stance.HAWK or not d.defies:
        return ""
    assert s.negotiation is not None
    promised = (
        o.term
        for a in view.agreements
        for o in a.obligations
        if o.giver is view.side and o.term in d.defies and o.status != "broken"
    )
    return "; ".join(dict.fromkeys(s.negotiation.term(term).label for term in promised))


def orders_that_break(s: Scenario, view: SideView, o: Obligation) -> str:
    """The labels of this turn's open orders that go against `o` and so break it whatever is chosen
    for it on the promises page ('' if none; playtest J7: DELAY chosen, 'Keep the quarantine in
    place' given, and the promise reported broken)."""
    if not owed_now(o, view.date):
        return ""
    labels = (s.decision(m.decision).label for m in view.legal if o.term in s.decision(m.decision).defies)
    return "; ".join(f'"{label}"' for label in dict.fromkeys(labels))
