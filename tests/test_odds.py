"""The intervals beside the shares that explore and simulate --runs count (game/analysis/odds.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.analysis.odds import bracket, interval, percent


def test_known_wilson_values() -> None:
    # Wilson's 95% interval, as the textbooks give it: 14 of 100 is 8.5-22.1%
    low, high = interval(14, 100)
    assert low == pytest.approx(0.08526, abs=1e-4) and high == pytest.approx(0.22137, abs=1e-4)
    assert bracket(14, 100) == "(8-23%)"
    assert bracket(0, 100) == "(0-4%)" and bracket(100, 100) == "(96-100%)"
    assert bracket(3, 100) == "(1-9%)"  # a rare ending's interval does not dip below 0


@given(st.integers(1, 5000).flatmap(lambda runs: st.tuples(st.integers(0, runs), st.just(runs))))
def test_an_interval_holds_its_share_inside_0_to_1(case: tuple[int, int]) -> None:
    n, runs = case
    low, high = interval(n, runs)
    assert 0.0 <= low <= n / runs <= high <= 1.0
    assert low < high


@given(st.integers(0, 100), st.integers(2, 50))
def test_more_runs_at_the_same_share_narrow_it(n: int, times: int) -> None:
    low, high = interval(n, 100)
    low2, high2 = interval(n * times, 100 * times)
    assert high2 - low2 < high - low


@pytest.mark.parametrize(("n", "runs"), [(1, 0), (-1, 10), (11, 10)])
def test_a_count_that_cannot_be_is_refused(n: int, runs: int) -> None:
    with pytest.raises(ValueError):
        interval(n, runs)


def test_a_share_never_reads_none_or_all_when_it_is_not():
    """1 game of 200 read '0%' and 199 of 200 '100%' in explore's tables."""
    assert [percent(n, 200) for n in (0, 1, 2, 100, 199, 200)] == ["0%", "<1%", "1%", "50%", ">99%", "100%"]
    for runs in (1, 7, 200, 201, 999, 5000):
        for n in range(runs + 1):
            shown = percent(n, runs)
            assert (shown == "0%") == (n == 0) and (shown == "100%") == (n == runs), (n, runs, shown)
