"""What history scored: both leaders doing what they really did, played to the historical ending, so
that a player weighs a result against it (in il28-endgame Kennedy starts ahead, and 'ahead' says little)."""

from __future__ import annotations

from functools import cache

from game.ai.policies import POLICIES
from game.engine.objectives import axis_label
from game.engine.rules import Outcome
from game.model import SIDES, Scenario, Side
from game.sim import play

PLAYERS_AXES = ("survival", "security", "prestige")
"""The score axes a player's standing is counted on (closeness to history is the teacher's)."""

SEEDS = range(1, 41)
"""Seeds tried in turn: on a few an incident nobody ordered (B-59) ends the historical line in war."""


@cache
def history_outcome(s: Scenario) -> Outcome | None:
    """The historical line's outcome, on the first seed of SEEDS whose game reaches the historical
    ending; None if none does (a scenario whose history the historical policy does not play out)."""
    real = next((e.id for e in s.endings if e.historical), None)
    if real is None:
        return None
    both = {side: POLICIES["historical"] for side in SIDES}
    for seed in SEEDS:
        out = play(s, both, seed).outcome()
        if out is not None and out.ending == real:
            return out
    return None


def total(out: Outcome, side: Side) -> int:
    """`side`'s score on the players' axes added up (what came_out_ahead weighs)."""
    return sum(out.scores[side].get(axis, 0) for axis in PLAYERS_AXES)


def beside_history(s: Scenario, out: Outcome, viewer: Side | None) -> str:
    """Both totals, `viewer`'s first as 'You' (Kennedy's when both sides are played), and history's
    in the same order: 'You 25 - Khrushchev 20; in history 28 - 20' ('' when there is no line)."""
    real = history_outcome(s)
    if real is None:
        return ""
    first = viewer or SIDES[0]
    name = "You" if viewer is not None else s.leader(first)
    mine = f"{name} {total(out, first)} - {s.leader(first.other)} {total(out, first.other)}"
    return f"{mine}; in history {total(real, first)} - {total(real, first.other)}"


def sum_label(s: Scenario) -> str:
    """What the totals add up, for a table whose rows are the scenario's axes in order."""
    return "First three added up" if tuple(s.axes)[:3] == PLAYERS_AXES else f"{axes_words(s)} added up"


def axes_words(s: Scenario) -> str:
    """The axes added up, by name: 'Survival, Security and Prestige'."""
    names = [axis_label(s, axis) for axis in PLAYERS_AXES]
    return ", ".join(names[:-1]) + f" and {names[-1]}"
