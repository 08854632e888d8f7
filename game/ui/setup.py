"""The choices a new game is made of, light enough to import before anything else."""

from __future__ import annotations

import random as _random
from dataclasses import dataclass

from game.sides import SIDES, Side


@dataclass(frozen=True)
class Setup:
    """What a new game needs: every choice of the new-game screen (and of `crisis play`'s flags)."""

    scenario: str
    """A bundled scenario id or a path to a YAML file."""
    side: str
    """`kennedy`, `khrushchev` or `both` (two players at one terminal)."""
    opponent: str = "pragmatist"
    """The policy (personality) that plays the side no human plays."""
    seed: int = 1
    spoilers: bool = True
    """Show what really happened after each decision (else only at the end)."""
    objectives: bool = True
    """Each side draws a hidden objective per chapter, scored at the end (off: the plain history)."""
    tips: bool = False
    """The first game's tips on the desk (game/ui/tutorial.py); on by default until a game is finished."""

    @property
    def humans(self) -> frozenset[Side]:
        return frozenset(SIDES) if self.side == "both" else frozenset({Side(self.side)})


def new_seed() -> int:
    """A seed short enough to read out to a class."""
    return _random.randrange(1000, 100000)
