"""The orders that can start a war: those whose own effects open an edge of the phase graph to a war.

A war is an ending of a war kind (limited or nuclear), or a war chapter: a phase whose deadline edge
(the one with no condition, taken when nothing else holds) ends in such an ending, so that the war
goes on unless the leaders find a way out ("After the Strike", "The Landings"). An order starts one
when, with its effects made as the turn would make them (and nothing else: not the other side's
order, not chance), the first edge that holds at the end of the turn leads to a war, and without
them it does not. In a war chapter the war is begun: there only a nuclear war is a new one (a
ceasefire that ends the chapter in a limited war starts nothing). Read from the scenario's own
edges: no list of decision ids.
"""

from __future__ import annotations

from functools import cache

from game.engine.machine import machine_for
from game.engine.state import GameState
from game.engine.work import Work
from game.model import Kind, Scenario, Side

WAR_KINDS = (Kind.LIMITED_WAR, Kind.NUCLEAR_WAR)


@cache
def wars(s: Scenario) -> frozenset[str]:
    """The ids of the scenario's war endings and war chapters."""
    endings = {e.id for e in s.endings if e.kind in WAR_KINDS}
    chapters = set()
    for p in s.phases:
        fallback = next((t.to for t in p.transitions if t.when is None), None)
        if fallback in endings:
            chapters.add(p.id)
    return frozenset(endings | chapters)


def war_orders(s: Scenario, state: GameState, side: Side) -> dict[str, str]:
    """Decision id -> the war (an ending's or a chapter's id) it would start, for each decision
    `side` may order now that would start one. Empty once the side has moved or the game is over."""
    from game.engine.rules import legal_moves  # (rules is the engine's top; this module sits beside it)

    moves = legal_moves(s, state, side)
    if not moves:
        return {}
    at_war = wars(s)
    if state.phase in at_war:  # a war chapter: only a nuclear war is a new one
        at_war = frozenset(e.id for e in s.endings if e.kind is Kind.NUCLEAR_WAR)
    out: dict[str, str] = {}
    if _next(s, state, side, None) in at_war:
        return out  # the turn leads to war whatever this side orders: no order starts it
    for move in moves:
        to = _next(s, state, side, move.decision)
        if to is not None and to in at_war:
            out[move.decision] = to
    return out


def _next(s: Scenario, state: GameState, side: Side, decision: str | None) -> str | None:
    """Where the rules would take the game at the end of this turn with `decision`'s effects alone
    (None: no decision), or None if it stays in its chapter."""
    work = Work(s, state)
    if decision is not None:
        work.take(decision)
        work.apply(s.decision(decision).effects, by=side)
    phase_turn = state.phase_turn + 1
    work.at(state.turn, phase_turn, phase_turn >= len(state.calendar))
    return machine_for(s).next(state.phase, work.env)


def warning(s: Scenario, to: str) -> str:
    """What a player is told of an order that would start the war `to` (plain words)."""
    if s.is_ending(to):
        if s.ending(to).kind is Kind.NUCLEAR_WAR:
            return "This order may start a nuclear war."
        return "This order may start a war: it can end the crisis in a limited war."
    p = s.phase(to)
    if p.war:
        return f"This order may start a war: {' '.join(p.war.split()).rstrip('.')}."
    return f"This order may start a war: it can take the crisis into “{p.title}”, a war unless it is stopped."
