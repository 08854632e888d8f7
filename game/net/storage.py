"""Where the server keeps its tables: a small interface, so SQLite and PostgreSQL are two adapters of it.

A table is stored as its spec, the seats taken (credential hashes), and an append-only log of moves,
each with the engine's state digest after it. Nothing is ever updated or deleted: a restarted server
replays every log through the engine and checks every digest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from game.model import CrisisError, Side
from game.net.tables import Stored, TableSpec

if TYPE_CHECKING:
    from game.net.classes import ClassSpec


class StorageError(CrisisError):
    """The store cannot be opened, read or written; the message says which and why."""


class SeatTaken(StorageError):
    """The seat was taken by someone else first."""


@dataclass(frozen=True)
class Record:
    """One stored table: its spec, the seats taken, its moves in order."""

    spec: TableSpec
    holders: dict[Side, str]
    moves: tuple[Stored, ...]
    controls: tuple[tuple[str, dict[str, Any]], ...] = ()
    """The facilitator's controls and the timeouts, in order: (action, detail)."""
    clock: dict[str, Any] | None = None
    """The turn clock as last stored (`Clock.stored`), if the table ever had a timer."""


class Storage(Protocol):
    """What the server needs of a store; every write is durable when the call returns."""

    def create(self, spec: TableSpec) -> None:
        """Store a new table."""

    def claim(self, code: str, side: Side, credential_hash: str) -> None:
        """Give `side`'s seat to a credential, once; SeatTaken if it is held already."""

    def append(self, code: str, seq: int, turn: int, move_json: str, digest: str) -> None:
        """Add move number `seq` (0-based, one after the last) to the table's log."""

    def records(self) -> Iterator[Record]:
        """Every table, with its seats and moves, in the order they were created."""

    def create_class(self, spec: ClassSpec) -> None:
        """Store a new class (its tables are stored already)."""

    def control(self, code: str, action: str, detail: dict[str, Any]) -> None:
        """Note a facilitator's control of a table (pause, resume, timer, reveal, end) or a timeout."""

    def clock(self, code: str, clock: dict[str, Any]) -> None:
        """Note where the table's turn clock stands (`Clock.stored`), so a restart resumes it."""

    def classes(self) -> Iterator[ClassSpec]:
        """Every class, in the order they were created."""

    def close(self) -> None: ...
