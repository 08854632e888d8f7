"""A facilitator's injects: news, intelligence, rumours and events sent to a table, as moves in its log.

An inject is a `Move` whose decision reads `inject:<audience>:<id>` (an item of the scenario's
`injects:` catalogue) or `inject:<audience>:<kind>:<text>` (the facilitator's own words), the
audience being `all`, `kennedy` or `khrushchev`. Applying one records it in the state with its turn;
its effects count when that turn resolves, before the sides' decisions, so an inject never makes a
move already given illegal, and a replay of the same moves (in any order within the turn) reaches
the same digests.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import GameState, Move
from game.model import MAX_INJECT_TEXT, SIDES, IllegalMoveError, Inject, InjectKind, Scenario, Side

PREFIX = "inject:"
AUDIENCES = ("all", *(side.value for side in SIDES))
MAX_TEXT = MAX_INJECT_TEXT
"""Characters in a facilitator's own inject (as in the catalogue)."""
MAX_PER_TURN = 20
"""Injects one table may receive in one turn."""


@dataclass(frozen=True)
class Seen:
    """An inject as a student's screen shows it."""

    turn: int
    kind: InjectKind
    title: str
    text: str
    id: str = ""
    """The catalogue id, or '' for the facilitator's own words."""


def is_inject(move: Move) -> bool:
    return move.decision.startswith(PREFIX)


def make(
    audience: Side | None, inject_id: str = "", *, kind: InjectKind | None = None, text: str = ""
) -> Move:
    """The move that sends a catalogue item (`inject_id`) or the facilitator's `text` of `kind`."""
    who = audience.value if audience else "all"
    side = audience or Side.KENNEDY  # a move names a side; the audience is in the decision
    if inject_id:
        return Move(side, f"{PREFIX}{who}:{inject_id}")
    return Move(side, f"{PREFIX}{who}:{(kind or InjectKind.NEWS).value}:{text}")


def parse(s: Scenario, move: Move) -> tuple[tuple[Side, ...], Inject]:
    """Who an inject move is for, and what it says; IllegalMoveError naming what is wrong."""
    parts = move.decision[len(PREFIX) :].split(":", 2)
    if len(parts) < 2 or parts[0] not in AUDIENCES:
        raise IllegalMoveError(
            f"not an inject: {move.decision[:60]!r} (inject:<all|kennedy|khrushchev>:<id or kind:text>)"
        )
    audience = SIDES if parts[0] == "all" else (Side(parts[0]),)
    if len(audience) == 1 and move.side is not audience[0]:
        raise IllegalMoveError(f"an inject for {parts[0]} is sent as {parts[0]}'s, not {move.side.value}'s")
    if move.letter is not None or move.compliance:
        raise IllegalMoveError("an inject carries no letter and keeps no promise")
    if len(parts) == 2:
        try:
            return audience, s.inject(parts[1])
        except KeyError:
            known = ", ".join(i.id for i in s.injects) or "none"
            raise IllegalMoveError(f"no inject {parts[1]!r} in {s.id} (catalogue: {known})") from None
    try:
        kind = InjectKind(parts[1])
    except ValueError:
        kinds = ", ".join(k.value for k in InjectKind)
        raise IllegalMoveError(f"no kind of inject {parts[1]!r}; kinds: {kinds}") from None
    text = " ".join(parts[2].split())
    if not text or len(text) > MAX_TEXT:
        raise IllegalMoveError(f"an inject's text has 1 to {MAX_TEXT} characters, not {len(text)}")
    return audience, Inject(id="", kind=kind, title="", text=text)


def problem(s: Scenario, state: GameState, move: Move) -> str | None:
    """Why the inject `move` cannot reach the table now, or None."""
    try:
        parse(s, move)
    except IllegalMoveError as err:
        return str(err)
    if state.ending is not None:
        return f"the game is over ({state.ending}): no inject can reach it"
    if sum(1 for turn, _ in state.injects if turn == state.turn) >= MAX_PER_TURN:
        return f"{MAX_PER_TURN} injects have reached this table this turn already"
    return None


def apply(s: Scenario, state: GameState, move: Move) -> GameState:
    """`state` with the inject recorded for the turn being played (its effects wait for the turn)."""
    if why := problem(s, state, move):
        raise IllegalMoveError(why)
    made = object.__new__(GameState)  # like a sealed order: everything else is shared as it stands
    made.__dict__.update(state.__dict__)
    object.__setattr__(made, "injects", (*state.injects, (state.turn, move)))
    return made


def effects_of_turn(s: Scenario, state: GameState, turn: int) -> list[Inject]:
    """The catalogue items that reached the table in `turn`, in order (their effects are due)."""
    return [parse(s, m)[1] for n, m in state.injects if n == turn]


def moves_of_turn(state: GameState, turn: int) -> list[Move]:
    return [m for n, m in state.injects if n == turn]


def sent_in(s: Scenario, state: GameState, turn: int) -> list[tuple[str, Inject]]:
    """The injects sent in `turn`, in order, each with whom it went to: 'all', or one side's id."""
    out = []
    for move in moves_of_turn(state, turn):
        audience, item = parse(s, move)
        out.append(("all" if len(audience) > 1 else audience[0].value, item))
    return out


def seen(s: Scenario, state: GameState, side: Side) -> list[Seen]:
    """The injects `side` was sent, in the order they arrived."""
    out = []
    for turn, move in state.injects:
        audience, item = parse(s, move)
        if side in audience:
            out.append(Seen(turn, item.kind, item.title, item.text, item.id))
    return out
