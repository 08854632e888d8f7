"""Hidden objectives: each side draws one in secret as a chapter opens; they are judged on the final state.

The draw is a pure function of the game's seed, the turn the chapter opened and the chapter, and what
was drawn is part of the state (`GameState.objectives`), so replays and digests stay exact. A side's
view shows only its own; the outcome reveals both, each met or not, and adds a score axis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from game import schema
from game.conditions import Env, Expr, parse
from game.engine.chance import pick
from game.model import SIDES, ChapterObjectives, Objective, Scenario, Side

AXIS = "objectives"
"""The score axis the aims add to an outcome when a game is played with them."""
LABEL = "Hidden aims"
"""How that axis is named beside the scenario's own axes."""


@dataclass(frozen=True)
class Aim:
    """An objective one side drew, and the chapter it was drawn in."""

    side: Side
    chapter: str
    objective: Objective


@dataclass(frozen=True)
class Judged:
    """An aim at the end of the game: met or not."""

    aim: Aim
    met: bool
    void: bool = False
    """Voided by a nuclear war, which is no one's aim: said so, not 'not met' (playtest E4)."""

    @property
    def points(self) -> int:
        return self.aim.objective.points if self.met else 0


@cache
def by_chapter(s: Scenario) -> Mapping[str, ChapterObjectives]:
    return {c.chapter: c for c in s.objectives}


@cache
def by_id(s: Scenario) -> Mapping[tuple[Side, str], Aim]:
    """(side, objective id) -> the aim, with its chapter."""
    return {(side, o.id): Aim(side, c.chapter, o) for c in s.objectives for side in SIDES for o in c.of(side)}


def draw(s: Scenario, seed: int, turn: int, chapter: str, env: Env) -> tuple[tuple[Side, str], ...]:
    """What each side draws on entering `chapter` at `turn`: one objective each, where it has any
    not already lost or won in `env` (playtest J9: "Keep the pledge unwritten" drawn after the pledge
    was made in public; K5: "A Berlin concession" drawn at Vienna after one was agreed)."""
    found = by_chapter(s).get(chapter)
    if found is None:
        return ()
    out = []
    for side in SIDES:
        options = [o for o in found.of(side) if not _settled(o, env)]
        if options:
            i = pick(seed, turn, f"objective:{chapter}:{side.value}", [1.0] * len(options))
            out.append((side, options[i].id))
    return tuple(out)


def _settled(o: Objective, env: Env) -> bool:
    return any(e is not None and e.fn(env) for e in (o.lost, o.won))


def aims(s: Scenario, drawn: tuple[tuple[Side, str], ...], side: Side | None = None) -> tuple[Aim, ...]:
    """The aims `drawn` names (those of `side` only, when given), in the order they were drawn.

    An id the scenario no longer declares is passed over (a scenario edited since the save)."""
    table = by_id(s)
    return tuple(table[key] for key in drawn if key in table and (side is None or key[0] is side))


def judge(s: Scenario, drawn: tuple[tuple[Side, str], ...], env: Mapping) -> tuple[Judged, ...]:
    """Every drawn aim, met or not in the final state `env` (which reads the ending and its kind too):
    none is met in a nuclear war, which is no one's aim ("no shot at sea" was met as the cities burned)."""
    if env.get("nuclear_war"):
        return tuple(Judged(a, False, void=True) for a in aims(s, drawn))
    return tuple(Judged(a, bool(a.objective.when(env))) for a in aims(s, drawn))


def score(judged: tuple[Judged, ...], side: Side) -> int | None:
    """A side's score on the aims axis, 0-10: the share of its drawn points met (None: it drew none)."""
    mine = [j for j in judged if j.aim.side is side]
    total = sum(j.aim.objective.points for j in mine)
    if not total:
        return None
    return round(10 * sum(j.points for j in mine) / total)


def axis_label(s: Scenario, axis: str) -> str:
    """How a score axis is named: the scenario's own axes, and this one."""
    return s.axes.get(axis) or (LABEL if axis == AXIS else axis)


def _expression(value: Any) -> Expr:
    """An aim's condition read back from its source text (as a network frame carries it)."""
    if not isinstance(value, str):
        raise TypeError(f"should be an expression's text, not {value!r:.60}")
    return parse(value)


# How an aim travels in a side's view (game.schema): its condition as its source text.
schema.shape(
    Objective,
    omit_default=("lost", "won"),
    when=(lambda e: e.source, _expression),
    lost=(lambda e: e.source if e is not None else None, lambda v: None if v is None else _expression(v)),
    won=(lambda e: e.source if e is not None else None, lambda v: None if v is None else _expression(v)),
)
