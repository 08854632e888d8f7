"""The two sides, and the smallest values both the scenario and its negotiation are made of."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from game.record import Record


class Side(StrEnum):
    """One of the two leaders at the table."""

    KENNEDY = "kennedy"
    KHRUSHCHEV = "khrushchev"

    @property
    def other(self) -> Side:
        return Side.KHRUSHCHEV if self is Side.KENNEDY else Side.KENNEDY


SIDES: tuple[Side, ...] = (Side.KENNEDY, Side.KHRUSHCHEV)


class Stance(StrEnum):
    """How a decision leans: the hawk and dove policies read this."""

    DOVE = "dove"
    MODERATE = "moderate"
    HAWK = "hawk"


@dataclass(frozen=True, eq=False, repr=False)
class Effect(Record):
    """One change: add `delta` to a track, or set a track or flag to `value`."""

    name: str
    delta: int = 0
    value: int | bool | None = None


Effects = tuple[Effect, ...]
