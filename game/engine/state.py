"""The game state: a frozen, plain value that serialises to JSON-ready dicts and back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any, cast

from game import schema
from game.engine.letters import Agreement, Letter, Mail
from game.model import SIDES, Side, StateError


class Compliance(StrEnum):
    """How a side departs from an obligation it owes: late, or not at all."""

    DELAY = "delay"
    BREAK = "break"

    def __repr__(self) -> str:
        # a record's repr is hashed into the trail (see `extend_trail`): a compliance reads there as
        # the plain string it always was, so saved digests still match
        return repr(self.value)


def promise_key(agreement: str, term: str) -> str:
    """A compliance key for one agreement's obligation of `term` ('A2:lift_quarantine'), where a
    term alone stands for every obligation of it the side owes (as saves before per-agreement
    choices have it)."""
    return f"{agreement}:{term}"


def split_promise(key: str) -> tuple[str, str]:
    """(agreement, term) of a compliance key; the agreement is '' for a term alone."""
    agreement, _, term = key.rpartition(":")
    return agreement, term


def kept_entry(agreement: str, term: str, status: str) -> str:
    """A turn's record of one obligation carried out, late or broken: 'A2:lift_quarantine:broken'."""
    return f"{agreement}:{term}:{status}"


def split_kept(entry: str) -> tuple[str, str, str]:
    """(agreement, term, status) of a `kept_entry`; the agreement is '' in a record made before
    entries named it ('term:status', as a state's JSON from then has it)."""
    rest, _, status = entry.rpartition(":")
    agreement, _, term = rest.rpartition(":")
    return agreement, term, status


@dataclass(frozen=True)
class Move:
    """One side's choice for a turn: a decision, perhaps a letter, and how it keeps its promises."""

    side: Side
    decision: str
    letter: Letter | None = None
    compliance: tuple[tuple[str, Compliance], ...] = ()
    """(promise, how) for obligations this side will not carry out as agreed: the promise is a term
    (every obligation of it the side owes) or `promise_key(agreement, term)` (that agreement's only)."""

    def __repr__(self) -> str:
        extra = f", letter={self.letter!r}" if self.letter else ""
        extra += f", compliance={self.compliance!r}" if self.compliance else ""
        return f"Move(Side.{self.side.name}, {self.decision!r}{extra})"


@dataclass(frozen=True)
class Roll:
    """One chance outcome: the event, its probability then, the draw, and whether it fired."""

    event: str
    p: float
    draw: float
    fired: bool


@dataclass(frozen=True)
class TurnRecord:
    """What happened in one turn, in the order it happened."""

    turn: int
    """1-based."""
    date: str
    phase: str
    moves: tuple[Move, ...]
    events: tuple[str, ...]
    """Events that fired: this turn's, then those on entering the next phase."""
    rolls: tuple[Roll, ...]
    to: str | None
    """The phase or ending entered after this turn, if any."""
    sent: tuple[str, ...] = ()
    """Letters sent this turn."""
    delivered: tuple[str, ...] = ()
    """Letters read this turn (sent this turn or before)."""
    agreed: tuple[str, ...] = ()
    """Agreements made this turn."""
    kept: tuple[str, ...] = ()
    """Obligations carried out, delayed or broken this turn, as `kept_entry` makes them
    ('agreement:term:status')."""
    leaks: tuple[str, ...] = ()
    """Secret terms that became public this turn."""


class _LazyTrail:
    """`GameState.trail`, worked out when first read: a turn records where its trail was last known
    (`_trail_from`: that trail and the length of the log it covers) and the hash of the records since
    is folded on once, on the first read (a digest, a save), not at every turn of every game played."""

    def __get__(self, state: GameState | None, owner: type | None = None) -> str:
        if state is None:
            return ""  # the field's default (dataclasses read it here)
        from game.engine.trail import extend_trail as fold  # trail.py imports this module

        trail, count = state.__dict__["_trail_from"]
        for record in state.log[count:]:
            trail = fold(trail, record)
        state.__dict__["trail"] = trail  # an instance's value is found before this descriptor
        return trail


@dataclass(frozen=True)
class GameState:
    """Everything about one game, between two applications of a move."""

    scenario: str
    seed: int
    phase: str
    """The current phase, or the ending once the game is over."""
    date: str
    """ISO date of the current turn."""
    calendar: tuple[str, ...]
    """Turn dates of the current phase, from the date it was entered."""
    phase_turn: int
    """Turns completed in the current phase."""
    tracks: tuple[tuple[str, int], ...]
    flags: frozenset[str]
    """Flags now set."""
    taken: frozenset[str]
    """Decisions taken at any point of the game."""
    fired: frozenset[str]
    """Events that have fired."""
    pending: tuple[Move, ...] = ()
    """Moves submitted for the current turn, hidden from the other side."""
    log: tuple[TurnRecord, ...] = ()
    opening: tuple[str, ...] = ()
    """Events that fired as the game began."""
    opening_rolls: tuple[Roll, ...] = ()
    ending: str | None = None
    mail: tuple[Mail, ...] = ()
    """Every letter sent, in order, read or still on its way."""
    agreements: tuple[Agreement, ...] = ()
    blocked: frozenset[str] = frozenset()
    """Terms whose verification a third party blocks."""
    leaked: frozenset[str] = frozenset()
    """Secret terms that have become public."""
    trail: str = cast(str, _LazyTrail())  # a descriptor that reads as a str (see _LazyTrail)
    """A running hash of the log: each turn's record hashed onto the one before (the rules leave it to
    be worked out when first read; see _LazyTrail)."""
    objectives_on: bool = False
    """Whether the game is played with hidden objectives (old saves: off)."""
    objectives: tuple[tuple[Side, str], ...] = ()
    """The objectives drawn so far, (side, objective id), in the order drawn (game/engine/objectives.py)."""
    injects: tuple[tuple[int, Move], ...] = ()
    """A facilitator's injects (see `game.engine.injects`), each with the turn it arrived in; left out
    of the JSON while there are none, so a game without them keeps the digest it always had."""
    _implied: tuple[Any, frozenset[str]] | None = field(default=None, init=False, repr=False, compare=False)
    """What the state implies for conditions (their environment and the term names in force), kept
    by the rules that made it (`rules._remember`): a cache, not part of the value, never saved."""

    @cached_property
    def _tracks(self) -> dict[str, int]:
        """`tracks` as a dict, for `track()`: worked out once, not part of the value."""
        return dict(self.tracks)

    @property
    def turn(self) -> int:
        """The number of the turn being played (1-based)."""
        return len(self.log) + 1

    def track(self, name: str) -> int:
        return self._tracks[name]

    @property
    def is_over(self) -> bool:
        return self.ending is not None

    def digest(self) -> str:
        """A short hash of everything in the state, to check a replay against.

        The log enters through `trail`, a running hash, so a digest costs the same at any length.
        """
        text = json.dumps(_without_log(self), sort_keys=True, separators=(",", ":"))
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `from_dict` turns it back into an equal state."""
        return dict(schema.dump(self))

    @classmethod
    def from_dict(cls, data: Any) -> GameState:
        try:
            return schema.load(data, cls)
        except schema.SchemaError as err:
            raise StateError(f"not a game state: {err}") from None


# The JSON form (game.schema): a move leaves out an absent letter and an empty compliance; the
# tracks are an object. The digest leaves the log out (the trail stands for it): never serialising
# it keeps a digest's cost flat, so saving or loading a game is linear, not quadratic, in its length.
schema.shape(Move, omit_default=("letter", "compliance"))
# The hidden objectives and a class's injects are left out while off or empty: a game without them
# serialises, and so digests, exactly as before they existed (old saves still check).
schema.shape(
    GameState,
    omit_default=("objectives_on", "objectives", "injects"),
    omit=("_implied",),
    tracks=(dict, schema.pairs),
)
_without_log = schema.without(GameState, "log")


def trail_from(state: GameState) -> tuple[str, int]:
    """Where `state`'s trail was last worked out: (that trail, the length of the log it covers), for
    the state that follows it (see _LazyTrail)."""
    known: str | None = state.__dict__.get("trail")
    return (known, len(state.log)) if known is not None else state.__dict__["_trail_from"]


def kept_as_hashed(kept: tuple[str, ...]) -> tuple[str, ...]:
    """A record's `kept` as the trail hashes it: each entry as the 'term:status' it was before it
    named its agreement, so that saved games' digests still match (the agreement is in the state's
    agreements, which the digest covers)."""
    return tuple(e.partition(":")[2] if e.count(":") == 2 else e for e in kept)


def extend_trail(trail: str, record: TurnRecord) -> str:
    """The running hash of a log after `record` is added to it."""
    # the repr of these frozen values is exact and ordered, and cheaper than their JSON
    if record.kept:
        record = replace(record, kept=kept_as_hashed(record.kept))
    return hashlib.blake2b((trail + repr(record)).encode(), digest_size=12).hexdigest()


def sorted_moves(moves: tuple[Move, ...]) -> tuple[Move, ...]:
    """Moves in the fixed side order, so resolution never depends on who moved first."""
    if len(moves) == 2 and moves[0].side is SIDES[0]:
        return moves  # a turn's two orders, the first side's first: in order already (sorted is stable)
    return tuple(sorted(moves, key=lambda m: SIDES.index(m.side)))
