"""One account of history for every caller (the game's screens, replays, reports, explore): what
really happened at this point, and whether a move matched it."""

from __future__ import annotations

from game.engine import rules
from game.engine.state import GameState, Move
from game.model import Decision, Scenario, Side


def what_happened(s: Scenario, state: GameState, side: Side) -> Decision | None:
    """The decision the real leader took at this point, among those open to `side` in `state`
    (whether or not it has moved this turn); None where history has left this road, or the game is over."""
    if state.ending is not None:
        return None
    env = rules.env_of(s, state)
    for d in s.phase(state.phase).decisions.get(side, ()):
        if (
            d.historical
            and not (d.once and d.id in state.taken)
            and (d.requires is None or d.requires.fn(env))
        ):
            return d
    return None


def matched(s: Scenario, state: GameState, move: Move) -> bool:
    """Whether `move`, made in `state`, is what really happened at this point."""
    d = what_happened(s, state, move.side)
    return d is not None and d.id == move.decision
