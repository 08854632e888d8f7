"""How sure a share counted over many games is: the 95% Wilson score interval, which stays inside
0-100% and is honest for rare endings (3 wars in 100 games: 1-9%, where the textbook
p ± 1.96 sd gives 0-6%)."""

from __future__ import annotations

import math

Z95 = 1.959964
"""The normal quantile of a two-sided 95% interval."""


def interval(n: int, runs: int, z: float = Z95) -> tuple[float, float]:
    """(low, high) of the share `n / runs` at the confidence `z` stands for (95% by default)."""
    if runs <= 0:
        raise ValueError(f"runs should be at least 1, not {runs}")
    if not 0 <= n <= runs:
        raise ValueError(f"a count of {n} is not between 0 and {runs} runs")
    p, z2 = n / runs, z * z
    centre = (p + z2 / (2 * runs)) / (1 + z2 / runs)
    half = z * math.sqrt(p * (1 - p) / runs + z2 / (4 * runs * runs)) / (1 + z2 / runs)
    low = 0.0 if n == 0 else max(0.0, centre - half)  # exact at the bounds, not 1e-17 off
    high = 1.0 if n == runs else min(1.0, centre + half)
    return low, high


def bracket(n: int, runs: int) -> str:
    """The interval as players read it: '(71-87%)' for 80 of 100, whole percents rounded outwards."""
    low, high = interval(n, runs)
    return f"({math.floor(low * 100 + 1e-9)}-{math.ceil(high * 100 - 1e-9)}%)"


def percent(n: int, runs: int) -> str:
    """The share as a whole percent; '<1%' and '>99%' where rounding would say none or all (1 of 200
    is not '0%', 199 of 200 not '100%')."""
    share = n / runs
    if n > 0 and f"{share:.0%}" == "0%":
        return "<1%"
    if n < runs and f"{share:.0%}" == "100%":
        return ">99%"
    return f"{share:.0%}"
