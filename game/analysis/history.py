"""A played game beside what really happened: each turn's moves and the historical option, the
turning points, the risk of war over time, and where two games part."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from game import schema
from game.engine import injects, rules
from game.engine.history import what_happened
from game.engine.match import Game
from game.engine.state import GameState, Move
from game.model import SIDES, Scenario, Side, Track

ON_ITS_DATE = "given on the same date in history"
"""What a ✓ or a * and the share of orders 'as in history' measure, in the words every screen uses
(playtest 6, F6: the front page counted one thing and the replay's star another)."""


@dataclass(frozen=True)
class Step:
    """One played turn, with what history did at that point."""

    turn: int
    date: str
    phase: str
    moves: dict[Side, Move]
    history: dict[Side, str | None]
    """Per side, the historical decision open at that point (None: history had left this road)."""
    events: tuple[str, ...]
    to: str | None
    before: dict[str, int]
    """Tracks before the turn."""
    after: dict[str, int]
    """Tracks after the turn."""

    def left_history(self, side: Side) -> bool:
        return self.history[side] != self.moves[side].decision

    @property
    def diverged(self) -> bool:
        return any(self.left_history(side) for side in SIDES)


class Turn(StrEnum):
    """What makes a turning point."""

    PHASE = "phase"
    ENDING = "ending"
    RISK = "risk"
    FLASH = "flash"
    HISTORY = "history"


@dataclass(frozen=True)
class TurningPoint:
    turn: int
    date: str
    kind: Turn
    text: str


def historical_option(s: Scenario, state: GameState, side: Side) -> str | None:
    """The decision that really happened, among those open to `side` now (None: none is open):
    the engine's one account (`game.engine.history`, `Game.history`), which the game's screens use too."""
    d = what_happened(s, state, side)
    return d.id if d is not None else None


def steps(game: Game) -> list[Step]:
    """The game's turns, replayed to find the historical option before each one."""
    s, final = game.scenario, game.state
    state = rules.new_game(s, final.seed, objectives=final.objectives_on)
    out = []
    for record in final.log:
        history = {side: historical_option(s, state, side) for side in SIDES}
        before = dict(state.tracks)
        for move in (*injects.moves_of_turn(final, record.turn), *record.moves):  # a class's news too
            state = rules.apply(s, state, move)
        out.append(
            Step(
                turn=record.turn,
                date=record.date,
                phase=record.phase,
                moves={m.side: m for m in record.moves},
                history=history,
                events=record.events,
                to=record.to,
                before=before,
                after=dict(state.tracks),
            )
        )
    return out


def history_share(rows: list[Step]) -> float:
    """The share of the game's moves that were the order given on the same date in history (playtest
    E3: nine turns of holding the quarantine, where history suspended it for U Thant, are not
    '100%: it kept to history')."""
    moves = [(r, side) for r in rows for side in r.moves]
    if not moves:
        return 0.0
    return sum(not r.left_history(side) for r, side in moves) / len(moves)


def diverged_at(rows: list[Step]) -> int | None:
    """The first turn where a move differs from the historical option, or None."""
    return next((r.turn for r in rows if r.diverged), None)


def risk_track(s: Scenario) -> Track:
    """The scenario's risk of war: the track whose role is `risk`."""
    return s.risk


def risk_series(game: Game, rows: list[Step] | None = None) -> list[tuple[int, str, int]]:
    """(turn, date, risk) at the start and after each turn: turn 0 is the opening."""
    rows = steps(game) if rows is None else rows
    track = risk_track(game.scenario).id
    start = rules.new_game(game.scenario, game.state.seed)
    series = [(0, start.date, start.track(track))]
    series += [(r.turn, r.date, r.after[track]) for r in rows]
    return series


def turning_points(game: Game, rows: list[Step] | None = None) -> list[TurningPoint]:
    """Phase changes, the ending, big jumps in the risk of war, flash events, leaving history."""
    s = game.scenario
    rows = steps(game) if rows is None else rows
    risk = risk_track(s)
    out: list[TurningPoint] = []
    left: set[Side] = set()
    for r in rows:
        for side in SIDES:
            if side not in left and r.left_history(side):
                left.add(side)
                took = s.decision(r.moves[side].decision).label
                real = r.history[side]
                was = f"; history: {s.decision(real).label}" if real else ""
                out.append(
                    TurningPoint(r.turn, r.date, Turn.HISTORY, f"{s.who(side)} leaves history: {took}{was}")
                )
        for e in r.events:
            event = s.event(e)
            if event.flash:
                out.append(TurningPoint(r.turn, r.date, Turn.FLASH, event.title))
        change = r.after[risk.id] - r.before[risk.id]
        if abs(change) >= risk.lines.jump:  # the scenario's jump: a turning point
            way = "up" if change > 0 else "down"
            text = f"{risk.label} {way} {abs(change)} ({r.before[risk.id]} to {r.after[risk.id]})"
            out.append(TurningPoint(r.turn, r.date, Turn.RISK, text))
        if r.to and s.is_ending(r.to):
            out.append(TurningPoint(r.turn, r.date, Turn.ENDING, s.ending(r.to).headline))
        elif r.to:
            out.append(TurningPoint(r.turn, r.date, Turn.PHASE, f"Into {s.phase(r.to).title}"))
    return out


STEP = ("turn", "date", "phase", "moves", "history", "historical", "events", "to", "tracks")
"""A replay's row: the turn's fields, each side's move beside history's, the tracks after it."""


def step_dict(s: Scenario, r: Step) -> dict[str, Any]:
    return schema.view(
        r,
        STEP,
        moves={side.value: r.moves[side].decision for side in SIDES},
        history={side.value: r.history[side] for side in SIDES},
        historical={side.value: not r.left_history(side) for side in SIDES},
        tracks=r.after,
    )


# ---- two games side by side --------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    shared: int
    """Turns played alike (moves, events and outcome) from the start."""
    at: int | None
    """The first turn that differs, or None if one game is the other's beginning (or both are equal)."""
    a: list[Step]
    b: list[Step]


def compare(a: Game, b: Game) -> Comparison:
    """Where two games of the same scenario part, and both roads from there."""
    ra, rb = steps(a), steps(b)
    shared = 0
    for x, y in zip(ra, rb, strict=False):
        if (x.moves, x.events, x.to, x.after) != (y.moves, y.events, y.to, y.after):
            break
        shared += 1
    at = shared + 1 if shared < max(len(ra), len(rb)) else None
    return Comparison(shared, at, ra, rb)
