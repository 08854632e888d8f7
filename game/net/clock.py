"""A table's turn clock: minutes per turn set by the facilitator, frozen while the table is paused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.net.tables import Table

DEFAULT = "default"
"""On a timeout, the seat's move is the scenario's default: what the leader really did there, if it is
open, else the most cautious decision open (as the `historical` policy chooses, without its letter)."""
MIN_MINUTES, MAX_MINUTES = 0.01, 240.0


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
    kept: tuple[int, float | None, float | None] | None = None
    """(turn, deadline, left) as last stored, so a clock is stored only when it changed."""

    def set(self, minutes: float | None, on_timeout: str | None, table: Table, now: float | None) -> None:
        self.minutes = minutes
        self.on_timeout = on_timeout or self.on_timeout
        if now is not None:
            self.restart(table, now)

    def restart(self, table: Table, now: float) -> None:
        """A full turn's time from `now` for the turn being played (none if no timer or no turn)."""
        self.turn = table.game.state.turn
        self.deadline = self.left = None
        if self.minutes is None or table.game.is_over() or table.ended:
            return
        if table.paused:
            self.left = self.minutes * 60
        else:
            self.deadline = now + self.minutes * 60

    def follow(self, table: Table, now: float) -> None:
        """Start the clock again when a new turn has begun (or the game ended)."""
        if table.game.state.turn != self.turn or table.game.is_over():
            self.restart(table, now)

    def pause(self, now: float) -> None:
        if self.deadline is not None:
            self.left, self.deadline = max(0.0, self.deadline - now), None

    def resume(self, now: float) -> None:
        if self.left is not None:
            self.deadline, self.left = now + self.left, None

    def stop(self) -> None:
        self.deadline = self.left = None

    def expired(self, now: float) -> bool:
        return self.deadline is not None and now >= self.deadline

    def stored(self, now: float, wall: float) -> dict[str, Any] | None:
        """The clock to store if it changed since it was last stored (None: nothing new): the turn, its
        deadline as wall-clock seconds (`ends`, which a restart can read) or the seconds left if paused."""
        key = (self.turn, self.deadline, self.left)
        if key == self.kept or (self.minutes is None and self.kept is None):
            return None
        self.kept = key
        ends = None if self.deadline is None else round(wall + self.deadline - now, 3)
        return {"turn": self.turn, "ends": ends, "left": self.left}

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
        self.kept = (self.turn, self.deadline, self.left)

    def public(self, now: float, waiting: bool = False) -> dict[str, Any] | None:
        """What a seat and the console see: the minutes per turn and the seconds left on this one
        (`waiting`: nobody has sat down, so the turn's full time, not counting down, and 'waiting')."""
        if self.minutes is None:
            return None
        if waiting and self.deadline is not None:
            return {"minutes": self.minutes, "seconds_left": round(self.minutes * 60, 1), "waiting": True}
        left = self.left if self.deadline is None else max(0.0, self.deadline - now)
        return {"minutes": self.minutes, "seconds_left": None if left is None else round(left, 1)}
