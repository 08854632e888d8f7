"""The scenario's tracks (its meters): their range, who sees them, and the role and lines by which the
desk, the class console, the history and the AI know a track without naming its id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from game.conditions import Expr
from game.errors import CrisisError
from game.record import Record
from game.sides import SIDES, Side


class HigherIs(StrEnum):
    """How a player should read a track's rise."""

    GOOD = "good"
    BAD = "bad"


class Role(StrEnum):
    """What a track stands for where the game itself must know it (at most one track a role)."""

    RISK = "risk"
    """The risk of war: large on the desk and the projector, charted in the debrief, weighed by the AI.
    Every scenario has one."""
    ALERT = "alert"
    """The forces' state of alert (DEFCON): large on the desk beside the risk, a column in the console."""


ROLE_MEANING = {Role.RISK: "the risk of war", Role.ALERT: "the forces' state of alert (DEFCON)"}
"""Each role in a few words, for the scenario checks' messages."""


@dataclass(frozen=True, eq=False, repr=False)
class Thresholds(Record):
    """Lines on a track that change how it is shown and read. 'From' a line means at or above it for a
    track whose rise is bad, at or below it for one whose rise is good."""

    warning: int
    """From here the track shows amber (the projector's bars)."""
    danger: int
    """The danger line: from here it shows red (the desk's situation panel, the projector, the console)."""
    jump: int
    """A change this large in one turn is a turning point in the game's history."""
    bands: tuple[int, ...] = ()
    """How the AI reads the track: the top of each band but the last, rising (4, 6, 8: calm to 4,
    tense to 6, grave to 8, on the brink above)."""


@dataclass(frozen=True, eq=False, repr=False)
class Track(Record):
    """A meter of the crisis (the risk of war, DEFCON...), with its range and start."""

    id: str
    label: str
    min: int
    max: int
    start: int
    description: str = ""
    known_to: tuple[Side, ...] = SIDES
    """Sides that see this meter."""
    higher_is: HigherIs = HigherIs.GOOD
    ratchet: Expr | None = None
    """While this holds, nothing lowers the track (fighting never makes the world safer)."""
    role: Role | None = None
    """What the track stands for, where the game must know it (see `Role`)."""
    thresholds: Thresholds | None = None
    """Its warning and danger lines, what counts as a jump, the AI's bands (the risk track has them)."""

    @property
    def lines(self) -> Thresholds:
        """The track's thresholds (`crisis validate` makes sure the risk track declares them)."""
        if self.thresholds is None:
            raise CrisisError(f"track {self.id!r} declares no thresholds")
        return self.thresholds

    def beyond(self, value: float, line: int) -> bool:
        """Whether `value` is at or past `line` on the grave side of this track."""
        return value >= line if self.higher_is is HigherIs.BAD else value <= line


@dataclass(frozen=True, eq=False, repr=False)
class Escalation(Record):
    """Each side's own escalation: every rise of the danger track that its own decisions cause is
    added to that side's escalation track, so endings can score who carried the world to the edge."""

    danger: str
    """The track whose rises are counted (the risk of war)."""
    tracks: Mapping[Side, str]
    """Per side, the track its own escalation is added to."""
