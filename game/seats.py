"""Who sits where when a saved game is played on: the player's side, and the policy across the table."""

from __future__ import annotations

from dataclasses import dataclass

from game.sides import SIDES, Side

HUMAN = "human"
"""What a save records for a side a person played (else the policy's name)."""


@dataclass(frozen=True)
class Seats:
    side: str
    """`kennedy`, `khrushchev` or `both`."""
    opponent: str
    """The policy that plays the side no person plays (with `both`, unused)."""
    note: str = ""
    """What the player should be told of it: a game the computer played, taken over (else empty)."""


def seats(sides: dict[str, str], asked: str | None = None, default: str = "pragmatist") -> Seats:
    """The seats of a saved game whose sides were played by `sides` (side -> `human` or a policy):
    the player takes `asked` if given, else the side(s) people played; the other side is played by
    the policy that played it in the save (`default` where a person did). A game the computer played
    on both sides (`crisis simulate --save`) is taken over on Kennedy's side unless `asked` says
    otherwise, and `note` says so."""
    humans = [s for s in SIDES if sides.get(s.value) == HUMAN]
    side = asked or (humans[0].value if len(humans) == 1 else "both" if humans else "")
    note = ""
    if not side:
        side = SIDES[0].value
        played = ", ".join(f"{s.value.title()}: {sides[s.value]}" for s in SIDES if s.value in sides)
        note = f"this game was played by the computer ({played}); you take {side.title()}'s side"
    if side == "both":
        return Seats(side, default, note)
    other = Side(side).other.value
    opponent = sides.get(other, HUMAN)
    opponent = default if opponent == HUMAN else opponent
    if note:
        note += (
            f" against {other.title()}'s {opponent} (--as {other}: the other side; --as both: two players)"
        )
    return Seats(side, opponent, note)
