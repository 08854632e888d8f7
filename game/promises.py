"""A side's promises as a player reads them, in any front end: what it still owes, under which
agreement, and what breaking one would cost."""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.letters import Agreement, Obligation
from game.engine.match import SideView
from game.engine.negotiation import breaks, defied_promises
from game.engine.negotiation import owed as owed_now
from game.engine.word import reads_public
from game.model import Scenario, Side, Stance
from game.sides import Effects


def owed(view: SideView) -> list[tuple[str, Obligation]]:
    """This side's obligations still to carry out, each with its agreement's id."""
    return owed_by(view.agreements, view.side)


def owed_by(agreements: Iterable[Agreement], side: Side) -> list[tuple[str, Obligation]]:
    """`owed` read from the agreements themselves (no view needed)."""
    return [
        (a.id, o)
        for a in agreements
        for o in a.obligations
        if o.giver is side and o.status in ("pending", "late")
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
    return effects_text(s, _breach_effects(s, o, side, leaked), side)


def _breach_effects(s: Scenario, o: Obligation, side: Side, leaked: bool) -> Effects:
    """What the rules do on breaking `o` (`Table.keep`): the term's own, the breach's, and the
    audience's when it was given in public or is public since (`leaked`)."""
    n = s.negotiation
    if n is None:
        return ()
    effects = (*n.term(o.term).on_broken, *n.breach_cost.get(side, ()))
    if o.public or leaked:
        effects = (*effects, *n.audience_cost.get(side, ()))
    return effects


def order_breaks(s: Scenario, view: SideView) -> dict[str, str]:
    """Decision id -> 'This breaks your promise ... It costs you ...' for each open decision that the
    engine counts as breaking a promise of the viewer's side: one defying a term owed now, or a
    hawkish one defying a term promised for later or for a day ahead (playtest J6)."""
    if not view.agreements or s.negotiation is None:
        return {}
    out: dict[str, str] = {}
    for move in view.legal:
        d = s.decision(move.decision)
        broken = defied_promises(view.agreements, view.side, d.defies, view.date, d.stance is Stance.HAWK)
        if not broken:
            continue
        labels = "; ".join(
            dict.fromkeys(
                s.negotiation.term(o.term).label + ("" if owed_now(o, view.date) else " (not yet due)")
                for o in broken
            )
        )
        effects = tuple(
            e for o in broken for e in _breach_effects(s, o, view.side, reads_public(o, view.term_names))
        )
        cost = effects_text(s, effects, view.side)
        out[move.decision] = f"This breaks your promise to {s.leader(view.side.other)}: {labels}." + (
            f" It costs you {cost}." if cost else ""
        )
    return out


def orders_that_break(s: Scenario, view: SideView, o: Obligation) -> str:
    """The labels of this turn's open orders that go against `o` and so break it whatever is chosen
    for it on the promises page ('' if none; playtest J7: DELAY chosen, 'Keep the quarantine in
    place' given, and the promise reported broken; J6: a hawkish order breaks it before its day)."""
    orders = (s.decision(m.decision) for m in view.legal)
    labels = (d.label for d in orders if o.term in d.defies and breaks(o, view.date, d.stance is Stance.HAWK))
    return "; ".join(f'"{label}"' for label in dict.fromkeys(labels))
