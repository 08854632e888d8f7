"""The game state: a frozen, plain value that serialises to JSON-ready dicts and back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from game.engine.letters import (
    Agreement,
    Letter,
    Mail,
    agreement_from_dict,
    agreement_to_dict,
    letter_from_dict,
    letter_to_dict,
    mail_from_dict,
    mail_to_dict,
)
from game.model import SIDES, Side, StateError


@dataclass(frozen=True)
class Move:
    """One side's choice for a turn: a decision, perhaps a letter, and how it keeps its promises."""

    side: Side
    decision: str
    letter: Letter | None = None
    compliance: tuple[tuple[str, str], ...] = ()
    """(term, 'delay' or 'break') for obligations this side will not carry out as agreed."""

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
    """Obligations carried out, delayed or broken this turn, as 'term:status'."""
    leaks: tuple[str, ...] = ()
    """Secret terms that became public this turn."""


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
    trail: str = ""
    """A running hash of the log: each turn's record hashed onto the one before."""
    _tracks: dict[str, int] = field(init=False, repr=False, compare=False)
    """`tracks` as a dict, for `track()`: set once in __post_init__, not part of the value."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_tracks", dict(self.tracks))

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
        text = json.dumps(self._dict(with_log=False), sort_keys=True, separators=(",", ":"))
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `from_dict` turns it back into an equal state."""
        return self._dict(with_log=True)

    def _dict(self, *, with_log: bool) -> dict[str, Any]:
        # the digest leaves the log out (the trail stands for it): never serialising it keeps a
        # digest's cost flat, so saving or loading a game is linear, not quadratic, in its length
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "phase": self.phase,
            "date": self.date,
            "calendar": list(self.calendar),
            "phase_turn": self.phase_turn,
            "tracks": dict(self.tracks),
            "flags": sorted(self.flags),
            "taken": sorted(self.taken),
            "fired": sorted(self.fired),
            "pending": [move_to_dict(m) for m in self.pending],
            **({"log": [_record_dict(r) for r in self.log]} if with_log else {}),
            "opening": list(self.opening),
            "opening_rolls": [roll_to_dict(r) for r in self.opening_rolls],
            "ending": self.ending,
            "mail": [mail_to_dict(m) for m in self.mail],
            "agreements": [agreement_to_dict(a) for a in self.agreements],
            "blocked": sorted(self.blocked),
            "leaked": sorted(self.leaked),
            "trail": self.trail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameState:
        try:
            return cls(
                scenario=str(data["scenario"]),
                seed=int(data["seed"]),
                phase=str(data["phase"]),
                date=str(data["date"]),
                calendar=tuple(str(d) for d in data["calendar"]),
                phase_turn=int(data["phase_turn"]),
                tracks=tuple((str(k), int(v)) for k, v in data["tracks"].items()),
                flags=frozenset(data["flags"]),
                taken=frozenset(data["taken"]),
                fired=frozenset(data["fired"]),
                pending=tuple(move_from_dict(m) for m in data["pending"]),
                log=tuple(_record(r) for r in data["log"]),
                opening=tuple(data["opening"]),
                opening_rolls=tuple(_roll(r) for r in data["opening_rolls"]),
                ending=data["ending"],
                mail=tuple(mail_from_dict(m) for m in data.get("mail", ())),
                agreements=tuple(agreement_from_dict(a) for a in data.get("agreements", ())),
                blocked=frozenset(data.get("blocked", ())),
                leaked=frozenset(data.get("leaked", ())),
                trail=str(data.get("trail", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise StateError(f"not a game state: {type(err).__name__} {err}") from None


def move_to_dict(m: Move) -> dict[str, Any]:
    out: dict[str, Any] = {"side": m.side.value, "decision": m.decision}
    if m.letter is not None:
        out["letter"] = letter_to_dict(m.letter)
    if m.compliance:
        out["compliance"] = [list(c) for c in m.compliance]
    return out


def move_from_dict(d: dict[str, Any]) -> Move:
    letter = letter_from_dict(d["letter"]) if d.get("letter") else None
    compliance = tuple((str(t), str(c)) for t, c in d.get("compliance", ()))
    return Move(Side(d["side"]), str(d["decision"]), letter, compliance)


def roll_to_dict(r: Roll) -> dict[str, Any]:
    return {"event": r.event, "p": r.p, "draw": r.draw, "fired": r.fired}


def _roll(d: dict[str, Any]) -> Roll:
    return Roll(str(d["event"]), float(d["p"]), float(d["draw"]), bool(d["fired"]))


def _record_dict(r: TurnRecord) -> dict[str, Any]:
    return {
        "turn": r.turn,
        "date": r.date,
        "phase": r.phase,
        "moves": [move_to_dict(m) for m in r.moves],
        "events": list(r.events),
        "rolls": [roll_to_dict(x) for x in r.rolls],
        "to": r.to,
        "sent": list(r.sent),
        "delivered": list(r.delivered),
        "agreed": list(r.agreed),
        "kept": list(r.kept),
        "leaks": list(r.leaks),
    }


def _record(d: dict[str, Any]) -> TurnRecord:
    return TurnRecord(
        turn=int(d["turn"]),
        date=str(d["date"]),
        phase=str(d["phase"]),
        moves=tuple(move_from_dict(m) for m in d["moves"]),
        events=tuple(d["events"]),
        rolls=tuple(_roll(x) for x in d["rolls"]),
        to=d["to"],
        sent=tuple(d.get("sent", ())),
        delivered=tuple(d.get("delivered", ())),
        agreed=tuple(d.get("agreed", ())),
        kept=tuple(d.get("kept", ())),
        leaks=tuple(d.get("leaks", ())),
    )


def extend_trail(trail: str, record: TurnRecord) -> str:
    """The running hash of a log after `record` is added to it."""
    # the repr of these frozen values is exact and ordered, and cheaper than their JSON
    return hashlib.blake2b((trail + repr(record)).encode(), digest_size=12).hexdigest()


def sorted_moves(moves: tuple[Move, ...]) -> tuple[Move, ...]:
    """Moves in the fixed side order, so resolution never depends on who moved first."""
    return tuple(sorted(moves, key=lambda m: SIDES.index(m.side)))
