"""Replay a saved line through the engine, checking every turn against what the save recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game import schema
from game.engine import rules
from game.engine.game import Game
from game.engine.state import GameState, Move
from game.model import Scenario, Side
from game.persistence.format import Digests


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

    def __str__(self) -> str:
        where = "the opening" if self.turn == 0 else f"turn {self.turn} ({self.date})"
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


def replay(s: Scenario, line: dict[str, Any], seed: int) -> Replayed:
    """Replay `line` from the start; stop at the first move or turn that no longer matches."""
    state = rules.new_game(s, seed)
    opening = line.get("opening") or {}
    if opening.get("digest") and opening["digest"] != state.digest():
        differs = _opening_difference(state, opening)
        return Replayed(Game(s, state=state), Stop(0, state.date, None, None, differs), 0)
    saved_turns = {t["turn"]: t for t in line["turns"] if isinstance(t, dict)}
    turn_start, checked, digests = state, 0, Digests(s, seed)
    for entry in line["moves"]:
        turn, raw = entry["turn"], entry["move"]
        side: str | None = str(raw.get("side"))
        decision: str | None = str(raw.get("decision"))
        date = saved_turns.get(turn, {}).get("date", state.date)
        state, why = _step(s, state, turn, raw, digests)
        if why is None and state.turn != turn and turn in saved_turns:
            why = _turn_difference(state, saved_turns[turn], digests)
            side = decision = None  # the moves were legal; the turn resolved differently
            if not why:
                checked += 1
        if why:
            return Replayed(Game(s, state=turn_start), Stop(turn, date, side, decision, why), checked)
        if state.turn != turn:
            turn_start = state
    final = line.get("digest")
    if final and final != state.digest():
        why = "the game's last position differs from the one saved"
        return Replayed(Game(s, state=turn_start), Stop(state.turn, state.date, None, None, why), checked)
    return Replayed(Game(s, state=state), None, checked)


def _step(
    s: Scenario, state: GameState, turn: int, raw: dict[str, Any], digests: Digests
) -> tuple[GameState, str | None]:
    """The state after one logged move, or the unchanged state and why the move no longer replays."""
    if state.is_over:
        return state, f"the game now ends before this turn, in {state.ending!r}"
    if turn != state.turn:
        return state, f"the move is logged for turn {turn}, but the game is at turn {state.turn}"
    try:
        move = schema.load(raw, Move, "move")
    except schema.SchemaError as err:
        return state, f"the move cannot be read ({err})"
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


def _opening_difference(state: GameState, opening: dict[str, Any]) -> str:
    events = opening.get("events")
    if isinstance(events, list) and events != list(state.opening):
        return f"the game now opens with events {list(state.opening)}, the save with {events}"
    return "the scenario's start (phase, date, tracks or flags) is not what it was when saved"


def _turn_difference(state: GameState, saved: dict[str, Any], digests: Digests) -> str:
    """What differs between the turn just replayed and the saved record of it ('' if nothing)."""
    record = state.log[-1]
    now_rolls = {r.event: schema.dump(r) for r in record.rolls}
    rolls = saved.get("rolls", [])
    if not isinstance(rolls, list) or not all(
        isinstance(r, dict) and isinstance(r.get("event"), str) for r in rolls
    ):
        return "the save's record of the turn's chances cannot be read"
    saved_rolls = {r["event"]: r for r in rolls}
    for event in sorted(set(now_rolls) | set(saved_rolls)):
        a, b = saved_rolls.get(event), now_rolls.get(event)
        if a is None:
            return f"the chance of event {event!r} is now rolled, and was not when saved"
        if b is None:
            return f"the chance of event {event!r} was rolled when saved, and is not now"
        if a.get("p") != b["p"]:
            return f"the chance of event {event!r} is now {b['p']}, was {a.get('p')} when saved"
        if a.get("fired") != b["fired"]:
            return f"event {event!r} {'fires' if b['fired'] else 'does not fire'} now, unlike when saved"
    events = saved.get("events")
    if isinstance(events, list) and events != list(record.events):
        return f"the turn's events are now {list(record.events)}, were {events} when saved"
    if "to" in saved and saved["to"] != record.to:
        return f"the turn now leads to {record.to!r}, not {saved['to']!r} as when saved"
    tracks = saved.get("tracks")
    if isinstance(tracks, dict):
        for name, value in dict(state.tracks).items():
            if name in tracks and tracks[name] != value:
                return f"after the turn {name} is now {value}, was {tracks[name]} when saved"
        missing = set(tracks) - set(dict(state.tracks))
        if missing:
            return f"the scenario no longer has the track(s) {sorted(missing)}"
    digest = saved.get("digest")
    if digest and digest != digests.of(state):
        return "the state after the turn (flags, decisions or dates) is not the one saved"
    return ""
