"""The running hash of a log (`state.extend_trail`), worked out without the dataclass repr's machinery."""

from __future__ import annotations

import dataclasses
import hashlib

from game.engine.state import Move, Roll, TurnRecord, kept_as_hashed
from game.sides import SIDES

_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(TurnRecord) if f.repr)
_ROLL_FIELDS = tuple(f.name for f in dataclasses.fields(Roll) if f.repr)


def _tuple(items: list[str]) -> str:
    """What repr() writes for a tuple whose items' reprs are `items`."""
    if len(items) == 1:
        return f"({items[0]},)"
    return f"({', '.join(items)})"


_SIDE = {side: f"Side.{side.name}" for side in SIDES}


def _move(m: Move) -> str:
    """Move's own __repr__, written out for the common move with no letter or compliance."""
    if m.letter is None and not m.compliance:
        return f"Move({_SIDE[m.side]}, {m.decision!r})"
    return repr(m)


def _roll(r: Roll) -> str:
    return f"Roll({', '.join(f'{name}={getattr(r, name)!r}' for name in _ROLL_FIELDS)})"


def record_repr(record: TurnRecord) -> str:
    """Exactly `repr(record)` (its `kept` as `kept_as_hashed` has it), a few times faster: the rolls'
    reprs are written here, the rest is the C repr of strings, ints and tuples (and Move's own
    __repr__ for a move with a letter)."""
    parts = []
    for name in _RECORD_FIELDS:
        value = getattr(record, name)
        if name == "rolls":
            text = _tuple([_roll(r) for r in value])
        elif name == "moves":
            text = _tuple([_move(m) for m in value])
        elif name == "kept" and value:
            text = repr(kept_as_hashed(value))
        else:
            text = repr(value)
        parts.append(f"{name}={text}")
    return f"TurnRecord({', '.join(parts)})"


def extend_trail(trail: str, record: TurnRecord) -> str:
    """`state.extend_trail(trail, record)`: the same hash (the tests compare the two)."""
    return hashlib.blake2b((trail + record_repr(record)).encode(), digest_size=12).hexdigest()
