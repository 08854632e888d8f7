"""A table's turn clock: minutes per turn set by the facilitator, frozen while the table is paused.

A seat's own clock for a turn starts when its player leaves the report of the last turn (play-test H4:
a slow reader lost turns to the default order), at most `reading` seconds after the turn began, so
nobody stalls a table for long. The table's `deadline` is the turn's end for a seat that read nothing;
a seat's own end lies `extra[side]` seconds after it (0 to `reading`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.net.tables import Table

DEFAULT = "default"
"""On a timeout, the seat's move is the scenario's default: what the leader really did there, if it is
open, else the most cautious decision open (as the `historical` policy chooses, without its letter)."""
MIN_MINUTES, MAX_MINUTES = 0.01, 240.0
READING = 60.0
"""Seconds a seat may read the last turn's report before its clock starts anyway (the default)."""
MAX_READING = 600.0


def as_clock(seconds: float) -> str:
    """Time left as a clock shows it: '2:05' for 125 seconds (rounded up, never below 0:00)."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass
class Clock:
    """Seconds are the server's monotonic clock; `turn` is the turn the deadline was set for."""

    minutes: float | None = None
    on_timeout: str = DEFAULT
    """'default' or the name of the AI policy that moves for a seat whose time ran out."""
    deadline: float | None = None
    left: float | None = None
    """Seconds that were left when the table was paused."""
    turn: int = 0
    reading: float = READING
    """Seconds of report reading at most, before a seat's clock starts (the facilitator's choice)."""
    extra: dict[str, float] = field(default_factory=dict)
    """Side -> seconds its turn ends after `deadline`: the report reading it had (0 to `reading`)."""
    readers: set[str] = field(default_factory=set)
    """The seats still on the last turn's report (their `extra` is `cap()` until they leave it)."""
    read_before: float = 0.0
    """Seconds the readers had read before a new timer restarted this turn's clock (K7): their reading
    counts from when it began, not from the new timer."""
    kept: tuple[Any, ...] | None = None
    """What was last stored, so a clock is stored only when it changed."""

    def set(
        self,
        minutes: float | None,
        on_timeout: str | None,
        table: Table,
        now: float | None,
        reading: float | None = None,
    ) -> None:
        readers = set() if now is None else set(self.reading_now(now))
        gone = 0.0 if now is None else self.spent(now) + self.read_before
        self.minutes = minutes
        self.on_timeout = on_timeout or self.on_timeout
        if now is None:  # (a stored control replayed: the stored clock says where each seat stands)
            self.reading = self.reading if reading is None else float(reading)
            return
        self.reading = self.reading if reading is None else float(reading)
        self.restart(table, now)
        if self.deadline is None and self.left is None:
            return
        self.read_before = gone  # a seat still reading reads on, under the new cap, from when it began
        self.readers = {side for side in readers if self.cap() > 0}
        self.extra = dict.fromkeys(self.readers, self.cap())

    def restart(self, table: Table, now: float, *, reports: bool = False) -> None:
        """A full turn's time from `now` for the turn being played (none if no timer or no turn);
        `reports`: a turn was just played, so the seated players may read its report first."""
        self.turn = table.game.state.turn
        self.deadline = self.left = None
        self.extra, self.readers, self.read_before = {}, set(), 0.0
        if self.minutes is None or table.game.is_over() or table.ended:
            return
        if table.paused:
            self.left = self.minutes * 60
        else:
            self.deadline = now + self.minutes * 60
        if reports and self.reading > 0:
            self.readers = {side.value for side in table.holders if side.value in table.waiting_for()}
            self.extra = dict.fromkeys(self.readers, self.reading)

    def follow(self, table: Table, now: float) -> None:
        """Start the clock again when a new turn has begun (or the game ended)."""
        if table.game.state.turn != self.turn or table.game.is_over():
            self.restart(table, now, reports=self.turn > 0)

    def spent(self, now: float) -> float:
        """Seconds of this turn gone by (the pauses left out)."""
        if self.minutes is None:
            return 0.0
        left = self.left if self.deadline is None else self.deadline - now
        return self.minutes * 60 - (left or 0.0)

    def cap(self) -> float:
        """Seconds of reading the readers have at most from the clock's (re)start."""
        return self.reading - self.read_before

    def reading_left(self, side: str, now: float) -> float | None:
        """Seconds the seat may still read the report before its clock starts; None once it left it."""
        if side not in self.readers:
            return None
        left = self.cap() - self.spent(now)
        return left if left > 0 else None

    def stop_reading(self, now: float) -> bool:
        """The seats whose reading time is up stop reading (their clocks run); True if any did."""
        done = {side for side in self.readers if self.reading_left(side, now) is None}
        self.readers -= done
        return bool(done)

    def reading_now(self, now: float) -> list[str]:
        """The seats still reading the last turn's report (their reading time not yet up)."""
        return sorted(side for side in self.readers if self.reading_left(side, now) is not None)

    def read(self, side: str, now: float) -> bool:
        """The seat left the report: its clock starts now (the reading it had is added to its turn).
        False if it was not reading (nothing changes)."""
        if side not in self.readers:
            return False
        self.readers.discard(side)
        self.extra[side] = min(self.cap(), max(0.0, self.spent(now)))
        return True

    def due(self, now: float, sides: list[str]) -> list[str]:
        """The seats of `sides` whose own time for this turn ran out."""
        if self.deadline is None:
            return []
        return [side for side in sides if now >= self.deadline + self.extra.get(side, 0.0)]

    def pause(self, now: float) -> None:
        if self.deadline is not None:
            self.left, self.deadline = max(0.0, self.deadline - now), None

    def resume(self, now: float) -> None:
        if self.left is not None:
            self.deadline, self.left = now + self.left, None

    def stop(self) -> None:
        self.deadline = self.left = None
        self.extra, self.readers, self.read_before = {}, set(), 0.0

    def expired(self, now: float) -> bool:
        return self.deadline is not None and now >= self.deadline

    def _key(self) -> tuple[Any, ...]:
        """What the stored clock holds: when it equals the last one stored, nothing is new."""
        return (
            self.turn,
            self.deadline,
            self.left,
            tuple(sorted(self.extra.items())),
            tuple(sorted(self.readers)),
            self.read_before,
        )

    def stored(self, now: float, wall: float) -> dict[str, Any] | None:
        """The clock to store if it changed since it was last stored (None: nothing new): the turn, its
        deadline as wall-clock seconds (`ends`, which a restart can read) or the seconds left if paused."""
        key = self._key()
        if key == self.kept or (self.minutes is None and self.kept is None):
            return None
        self.kept = key
        ends = None if self.deadline is None else round(wall + self.deadline - now, 3)
        extra = {side: round(x, 3) for side, x in self.extra.items()}
        return {
            "turn": self.turn,
            "ends": ends,
            "left": self.left,
            "extra": extra,
            "readers": sorted(self.readers),
            "read_before": round(self.read_before, 3),
        }

    def restore(self, saved: dict[str, Any] | None, table: Table, now: float, wall: float) -> None:
        """The turn's clock as stored before the server stopped: the deadline kept, so the time spent
        while it was down counts (a deadline that passed meanwhile expires at once); a paused clock
        keeps its seconds left. A clock stored for another turn, or none, leaves the clock as it is."""
        turn = table.game.state.turn
        if not saved or saved.get("turn") != turn or self.minutes is None:
            return
        if table.game.is_over() or table.ended:
            return
        ends, left = saved.get("ends"), saved.get("left")
        if ends is not None:
            rest = max(0.0, float(ends) - wall)
        elif left is not None:
            rest = float(left)
        else:
            return
        self.turn = turn
        self.deadline, self.left = (None, rest) if table.paused else (now + rest, None)
        self.extra = {str(k): float(v) for k, v in (saved.get("extra") or {}).items()}
        self.readers = {str(side) for side in saved.get("readers") or ()}
        self.read_before = float(saved.get("read_before") or 0.0)
        self.kept = self._key()

    def public(
        self, now: float, waiting: bool = False, side: str | None = None, awaited: list[str] | None = None
    ) -> dict[str, Any] | None:
        """What a seat and the console see: the minutes per turn and the seconds left on this one
        (`waiting`: nobody has sat down, so the turn's full time, not counting down, and 'waiting').
        For one seat (`side`), its own seconds left, and `reading`: the seconds it may still read the
        report before they count down (a seat that moved, not in `awaited`: the last awaited seat's time
        left, when the turn ends); without a side, each reading seat's under `seats`."""
        if self.minutes is None:
            return None
        if waiting and self.deadline is not None:
            return {"minutes": self.minutes, "seconds_left": round(self.minutes * 60, 1), "waiting": True}
        left = self.left if self.deadline is None else max(0.0, self.deadline - now)
        out: dict[str, Any] = {
            "minutes": self.minutes,
            "seconds_left": None if left is None else round(left, 1),
        }
        if (
            side is not None and awaited and side not in awaited
        ):  # it moved: the turn's end is the last seat's
            last = max(awaited, key=lambda s: self.extra.get(s, 0.0))
            if left is not None:
                out["seconds_left"] = round(left + self.extra.get(last, 0.0), 1)
        elif side is not None:
            if left is not None:
                out["seconds_left"] = round(left + self.extra.get(side, 0.0), 1)
            if (reading := self.reading_left(side, now)) is not None:
                out["reading"] = round(reading, 1)
        elif seats := {s: self.public(now, side=s) for s in sorted(self.readers | set(self.extra))}:
            out["seats"] = seats
        return out
