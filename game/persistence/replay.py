"""Replay a saved line through the engine, checking every turn against what the save recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game import schema
from game.engine import rules
from game.engine.match import Game
from game.engine.state import GameState, Move
from game.model import Scenario, Side
from game.persistence.format import Line, Opening, TurnEntry, edited_letter
from game.persistence.tree import Digests


@dataclass(frozen=True)
class Stop:
    """Where a replay stopped, and why: the game holds the turns before `turn`."""

    turn: int
    """The turn that no longer replays (0: the game's opening)."""
    date: str
    side: str | None
    """The side whose move failed, if a move failed."""
    decision: str | None
    reason: str
    last: bool = False
    """Every turn replayed, but the position after the last is not the one saved."""

    def __str__(self) -> str:
        where = "the opening" if self.turn == 0 else f"turn {self.turn} ({self.date})"
        if self.last:  # not 'turn 4' of a game of three (play-test 8, H18)
            where = f"the end of the game's last turn, turn {self.turn - 1} ({self.date})"
        move = f", {self.side}'s move {self.decision!r}" if self.side else ""
        return f"{where}{move}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return dict(schema.dump(self))


@dataclass(frozen=True)
class Replayed:
    game: Game
    stop: Stop | None
    checked: int
    """Turns whose recorded state digest was checked and matched."""


def replay(s: Scenario, line: Line, seed: int) -> Replayed:
    """Replay `line` from the start; stop at the first move or turn that no longer matches."""
    state = rules.new_game(s, seed, objectives=line.objectives)  # old saves: off
    if line.opening.digest and line.opening.digest != state.digest():
        differs = _opening_difference(state, line.opening)
        return Replayed(Game(s, state=state), Stop(0, state.date, None, None, differs), 0)
    saved_turns = {t.turn: t for t in line.turns}
    turn_start, checked, digests = state, 0, Digests(s, seed, line.objectives)
    for entry in line.moves:
        turn, move = entry.turn, entry.move
        side: str | None = move.side.value
        decision: str | None = move.decision
        date = saved_turns[turn].date if turn in saved_turns else state.date
        state, why = _step(s, state, turn, move, digests)
        if why is None and state.turn != turn and turn in saved_turns:
            why = _turn_difference(state, saved_turns[turn], digests, line)
            side = decision = None  # the moves were legal; the turn resolved differently
            if not why:
                checked += 1
        if why:
            return Replayed(Game(s, state=turn_start), Stop(turn, date, side, decision, why), checked)
        if state.turn != turn:
            turn_start = state
    if line.digest and line.digest != state.digest():
        why = "the game's last position differs from the one saved"
        stop = Stop(state.turn, line.turns[-1].date if line.turns else state.date, None, None, why, last=True)
        return Replayed(Game(s, state=turn_start), stop, checked)
    return Replayed(Game(s, state=state), None, checked)


def _step(
    s: Scenario, state: GameState, turn: int, move: Move, digests: Digests
) -> tuple[GameState, str | None]:
    """The state after one logged move, or the unchanged state and why the move no longer replays."""
    if state.is_over:
        return state, f"the game now ends before this turn, in {state.ending!r}"
    if turn != state.turn:
        return state, f"the move is logged for turn {turn}, but the game is at turn {state.turn}"
    if not rules.is_legal(s, state, move):
        return state, _illegal(s, state, move)
    try:
        after = rules.apply(s, state, move)
    except ValueError as err:
        return state, str(err)
    digests.move(move)
    return after, None


def _illegal(s: Scenario, state: GameState, move: Move) -> str:
    try:
        s.decision(move.decision)
    except KeyError:
        return f"the scenario has no decision {move.decision!r} now"
    if move.side not in rules.sides_to_act(s, state):
        return f"{move.side.value} has already moved this turn"
    legal = ", ".join(m.decision for m in rules.legal_moves(s, state, Side(move.side))) or "none"
    return (
        f"{move.decision!r} is not open to {move.side.value} in phase {state.phase!r} "
        f"on {state.date} (open: {legal})"
    )


def _opening_difference(state: GameState, opening: Opening) -> str:
    if opening.events != state.opening:
        now, saved = (", ".join(events) or "none" for events in (state.opening, opening.events))
        return f"the game now opens with the events {now}; the save, with {saved}"
    return "the scenario's start (phase, date, tracks or flags) is not what it was when saved"


def _turn_difference(state: GameState, saved: TurnEntry, digests: Digests, line: Line) -> str:
    """What differs between the turn just replayed and the saved record of it ('' if nothing)."""
    edited = edited_letter(line, saved.turn)  # a letter's words changed by hand: the cause, named (F8)
    if edited:
        return edited
    record = state.log[-1]
    now_rolls = {r.event: r for r in record.rolls}
    saved_rolls = {r.event: r for r in saved.rolls}
    for event in sorted(set(now_rolls) | set(saved_rolls)):
        a, b = saved_rolls.get(event), now_rolls.get(event)
        if a is None:
            return f"the chance of event {event!r} is now rolled, and was not when saved"
        if b is None:
            return f"the chance of event {event!r} was rolled when saved, and is not now"
        if a.p != b.p:
            return f"the chance of event {event!r} is now {b.p}, was {a.p} when saved"
        if a.fired != b.fired:
            return f"event {event!r} {'fires' if b.fired else 'does not fire'} now, unlike when saved"
    if saved.events != record.events:
        return f"the turn's events are now {list(record.events)}, were {list(saved.events)} when saved"
    if saved.to != record.to:
        return f"the turn now leads to {record.to!r}, not {saved.to!r} as when saved"
    tracks = dict(state.tracks)
    for name, value in tracks.items():
        if name in saved.tracks and saved.tracks[name] != value:
            return f"after the turn {name} is now {value}, was {saved.tracks[name]} when saved"
    missing = set(saved.tracks) - set(tracks)
    if missing:
        return f"the scenario no longer has the track(s) {sorted(missing)}"
    if saved.digest and saved.digest != digests.of(state):
        return "the state after the turn (flags, decisions or dates) is not the one saved"
    return ""
