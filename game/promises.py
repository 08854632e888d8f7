"""A side's promises as a player reads them, in any front end: what it still owes, under which
agreement, and what breaking one would cost."""

from __future__ import annotations

from collections.abc import Iterable

from game.diplomacy import Answer, Timing
from game.engine.letters import Agreement, Letter, Obligation
from game.engine.match import SideView
from game.engine.negotiation import binds_anew, breaks, defied_promises
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


def order_breaks(s: Scenario, view: SideView, reply: Letter | None = None) -> dict[str, str]:
    """Decision id -> 'This breaks your promise ... It costs you ...' for each open decision that the
    engine counts as breaking a promise of the viewer's side: one defying a term owed now, or a
    hawkish one defying a term promised for later or for a day ahead (playtest J6); and, when
    `reply` (the letter going with the order) accepts a proposal, a hawkish one defying a term that
    acceptance promises: the agreement is made and the promise broken at once (K1)."""
    if s.negotiation is None:
        return {}
    accepted = accepting(view, reply)
    if not view.agreements and not accepted:
        return {}
    out: dict[str, str] = {}
    for move in view.legal:
        d = s.decision(move.decision)
        hawk = d.stance is Stance.HAWK
        broken = defied_promises(view.agreements, view.side, d.defies, view.date, hawk)
        fresh = tuple(o for o in accepted if hawk and o.term in d.defies)
        said = []
        if broken:
            labels = (
                s.negotiation.term(o.term).label + ("" if owed_now(o, view.date) else " (not yet due)")
                for o in broken
            )
            said.append(f"This breaks your promise to {s.leader(view.side.other)}: {_joined(labels)}.")
        if fresh:
            promised = [s.negotiation.term(o.term).label for o in fresh]
            letter = reply.reply_to if reply else ""
            them = "it" if len(promised) == 1 else "them"
            said.append(
                f"Accepting {letter} promises {s.leader(view.side.other)}: {_joined(promised)}; "
                f"this order breaks {them} at once."
            )
        if not said:
            continue
        effects = tuple(
            e
            for o in (*broken, *fresh)
            for e in _breach_effects(s, o, view.side, reads_public(o, view.term_names))
        )
        cost = effects_text(s, effects, view.side)
        out[move.decision] = " ".join(said) + (f" It costs you {cost}." if cost else "")
    return out


def accepting(view: SideView, reply: Letter | None) -> tuple[Obligation, ...]:
    """The promises the viewer's side makes by `reply` if it accepts a proposal: the terms that
    proposal asks of it and no agreement holds already (as `Table._agree` binds them; their days
    do not matter here, as only a hawkish deed breaks a promise made in the same order)."""
    if reply is None or reply.answer is not Answer.ACCEPT:
        return ()
    proposal = next((m for m in view.letters if m.id == reply.reply_to and m.sender is not view.side), None)
    if proposal is None:
        return ()
    return tuple(
        Obligation(o.term, view.side, o.public, o.verification, None)
        for o in proposal.letter.demands
        if binds_anew(view.agreements, o.term, o.timing is not Timing.LATER)
    )


def _joined(labels: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(labels))


def orders_that_break(s: Scenario, view: SideView, o: Obligation) -> str:
    """The labels of this turn's open orders that go against `o` and so break it whatever is chosen
    for it on the promises page ('' if none; playtest J7: DELAY chosen, 'Keep the quarantine in
    place' given, and the promise reported broken; J6: a hawkish order breaks it before its day)."""
    orders = (s.decision(m.decision) for m in view.legal)
    labels = (d.label for d in orders if o.term in d.defies and breaks(o, view.date, d.stance is Stance.HAWK))
    return "; ".join(f'"{label}"' for label in dict.fromkeys(labels))
