"""Policies that choose a move from one side's view: historical, random, hawk, dove."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.chance import pick
from game.engine.game import SideView
from game.engine.state import Move
from game.model import Scenario, Stance

Policy = Callable[[Scenario, SideView, int], Move]
"""(scenario, the side's view, the game's seed) -> a legal move."""

_LEANING = {
    "hawk": {Stance.HAWK: 6.0, Stance.MODERATE: 3.0, Stance.DOVE: 1.0},
    "dove": {Stance.DOVE: 6.0, Stance.MODERATE: 3.0, Stance.HAWK: 1.0},
}


def historical(s: Scenario, view: SideView, seed: int) -> Move:
    """What the leader really did; off the historical road, the most cautious move open."""
    legal = _legal(view)
    for move in legal:
        if s.decision(move.decision).historical:
            return move
    for stance in (Stance.DOVE, Stance.MODERATE):
        for move in legal:
            if s.decision(move.decision).stance is stance:
                return move
    return legal[0]


def random(s: Scenario, view: SideView, seed: int) -> Move:
    """Any legal move, uniformly, fixed by the seed and the turn."""
    legal = _legal(view)
    return legal[pick(seed, view.turn, f"policy:{view.side.value}", [1.0] * len(legal))]


def _leaning(kind: str) -> Policy:
    weights = _LEANING[kind]

    def choose(s: Scenario, view: SideView, seed: int) -> Move:
        legal = _legal(view)
        w = [weights[s.decision(m.decision).stance] for m in legal]
        return legal[pick(seed, view.turn, f"{kind}:{view.side.value}", w)]

    choose.__name__ = kind
    choose.__doc__ = f"Leans {kind}: mostly {kind} moves, sometimes moderate, rarely the opposite."
    return choose


POLICIES: dict[str, Policy] = {
    "historical": historical,
    "random": random,
    "hawk": _leaning("hawk"),
    "dove": _leaning("dove"),
}


def _legal(view: SideView) -> tuple[Move, ...]:
    if not view.legal:
        raise ValueError(f"{view.side.value} has no legal move on {view.date} in {view.phase!r}")
    return view.legal
