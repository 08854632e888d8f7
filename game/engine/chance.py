"""Seeded randomness with no hidden generator: every draw is a pure function of its coordinates."""

from __future__ import annotations

import hashlib

_SCALE = float(1 << 64)


def draw(seed: int, turn: int, key: str) -> float:
    """A uniform number in [0, 1) fixed by the game's seed, the turn and what is being drawn for."""
    digest = hashlib.blake2b(f"{seed}:{turn}:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / _SCALE


def pick(seed: int, turn: int, key: str, weights: list[float]) -> int:
    """An index into `weights`, chosen with probability proportional to its weight."""
    total = sum(weights)
    if total <= 0:
        return 0
    target, acc = draw(seed, turn, key) * total, 0.0
    for i, w in enumerate(weights):
        acc += w
        if target < acc:
            return i
    return len(weights) - 1
