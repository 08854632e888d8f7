"""Who played each side of a saved line, checked against its moves: a side the file gives to the
computer must have made the moves its policy makes (the policies are deterministic: G24, sides
swapped by hand)."""

from __future__ import annotations

from game.ai.policies import POLICIES
from game.engine import rules
from game.engine.match import Game
from game.model import Scenario, Side
from game.persistence.format import HUMAN, Line

TURNS = 12
"""Turns checked: a side's policy decides each in ~15 ms (a campaign of 100 turns would take seconds)."""


def _not_its_own(s: Scenario, line: Line, seed: int, side: Side, policy: str) -> int | None:
    """The first turn at which `side`'s move is not the one `policy` makes there (None: every one of
    the first `TURNS` is)."""
    state = rules.new_game(s, seed, objectives=line.objectives)
    choose = POLICIES[policy]
    for entry in line.moves:
        if entry.turn > TURNS:
            break
        if entry.move.side is side and choose(s, Game(s, state=state).view(side), seed).decision != (
            entry.move.decision
        ):
            return entry.turn
        state = rules.apply(s, state, entry.move)
    return None


def doubt(s: Scenario, line: Line, seed: int) -> str:
    """'' when each side the line gives to the computer made its policy's moves; else what is wrong,
    and whether the sides look swapped. Only for a line that replays (every move legal)."""
    said = []
    for side in (x for x in Side if line.sides.get(x.value, HUMAN) in POLICIES):
        policy = line.sides[side.value]
        turn = _not_its_own(s, line, seed, side, policy)
        if turn is None:
            continue
        name, other = side.value.title(), side.other
        swapped = line.sides.get(other.value) == HUMAN and _not_its_own(s, line, seed, other, policy) is None
        said.append(
            f"it gives {name} to the computer ({policy}), yet {name}'s move on turn {turn} is not the "
            f"{policy}'s"
            + (f" while every one of {other.value.title()}'s is: the sides look swapped" if swapped else "")
        )
    return "; ".join(said)
