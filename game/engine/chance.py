"""Seeded randomness with no hidden generator: every draw is a pure function of its coordinates."""

from __future__ import annotations

from hashlib import blake2b

_SCALE = float(1 << 64)
_BLANK = blake2b(digest_size=8)
"""A hash with nothing fed in yet: copied for each draw, cheaper than making one with its options."""


def draw(seed: int, turn: int, key: str) -> float:
    """A uniform number in [0, 1) fixed by the game's seed, the turn and what is being drawn for."""
    h = _BLANK.copy()
    h.update(f"{seed}:{turn}:{key}".encode())
    return int.from_bytes(h.digest(), "big") / _SCALE


def pick(seed: int, turn: int, key: str, weights: list[float]) -> int:
    """An index into `weights`, chosen with probability proportional to its weight."""
    total = sum(weights)
    if total <= 0:
        return 0
    return index(draw(seed, turn, key) * total, weights)


def index(target: float, weights: list[float]) -> int:
    """The first index whose running sum of `weights` passes `target` (the last when none does)."""
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if target < acc:
            return i
    return len(weights) - 1


def uniform(seed: int, turn: int, key: str, k: int) -> int:
    """`pick(seed, turn, key, [1.0] * k)`, the same index without the list or the running sum."""
    if k <= 0:
        return 0
    return min(int(draw(seed, turn, key) * k), k - 1)  # uniform_index, without the call


def uniform_index(x: float, k: int) -> int:
    """`index(x * k, [1.0] * k)` for a draw `x` in [0, 1]: the running sums are the whole numbers
    1.0, 2.0 ... exactly, so the index is the whole part of x * k (k - 1 when x * k reaches k)."""
    return min(int(x * k), k - 1)
