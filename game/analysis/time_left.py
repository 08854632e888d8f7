"""The time a study has left, from the rate of every game done so far (not one chunk's, nor a window's)."""

from __future__ import annotations

import math


def time_left(started: float, last: float, now: float, done: int, total: int) -> int | None:
    """Seconds left, rounded up (at least 1 until the end, 0 at it), or None before the first games end.

    `started`: when the games began; `last`: when the latest chunk ended, `done` games in all by then;
    `now`: the time it is. The rate is `done` over the time from `started` to `last`; the seconds since
    `last` count down, but the estimate never reaches 0 before the games do.
    """
    if done >= total:
        return 0
    if done <= 0 or last <= started:
        return None
    rate = done / (last - started)
    return max(1, math.ceil((total - done) / rate - (now - last)))
