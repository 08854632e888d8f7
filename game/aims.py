"""The scenario's hidden aims: what each side may draw in secret as a chapter opens."""

from __future__ import annotations

from dataclasses import dataclass

from game.conditions import Expr
from game.record import Record
from game.sides import Side


@dataclass(frozen=True, eq=False, repr=False)
class Objective(Record):
    """A hidden aim: drawn in secret by one side as a chapter opens, met or not at the end of the game,
    and revealed to both in the debrief (as the agendas of the board game 13 Days)."""

    id: str
    title: str
    """A few words: 'Keep the Turkish bargain secret'."""
    text: str
    """What the leader is told, in a sentence or two."""
    when: Expr
    """Met when this holds of the final state; reads what a question reads (the ending's id, its kind)."""
    points: int = 1
    """Its weight among the aims a side drew (1-3)."""
    lost: Expr | None = None
    """Lost for good once this holds (a pledge made in public stays public): not drawn then."""
    won: Expr | None = None
    """Won for good once this holds (an agreement already made): not drawn then, as it would be met
    with nothing done in its chapter (play-test K5)."""
    source: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class ChapterObjectives(Record):
    """The objectives each side may draw when a game enters `chapter` (one each, by the game's seed)."""

    chapter: str
    """A phase id."""
    kennedy: tuple[Objective, ...] = ()
    khrushchev: tuple[Objective, ...] = ()

    def of(self, side: Side) -> tuple[Objective, ...]:
        return self.kennedy if side is Side.KENNEDY else self.khrushchev
