"""The What if? page's time left: from the rate of all the games done so far, counting down between chunks."""

from __future__ import annotations

from game.analysis.time_left import time_left


def test_nothing_is_guessed_before_the_first_games_end():
    assert time_left(10.0, 10.0, 12.0, 0, 100) is None


def test_the_rate_is_every_game_done_since_the_start():
    # 50 of 200 in 20 s: 150 more at 2.5 a second is 60 s, not the pace of one fast chunk
    assert time_left(0.0, 20.0, 20.0, 50, 200) == 60
    assert time_left(100.0, 120.0, 120.0, 50, 200) == 60  # the clock's origin does not matter


def test_it_counts_down_between_chunks_and_never_to_zero_before_the_end():
    assert time_left(0.0, 20.0, 30.0, 50, 200) == 50
    assert time_left(0.0, 20.0, 500.0, 50, 200) == 1
    assert time_left(0.0, 20.0, 20.0, 200, 200) == 0


def test_a_slow_start_keeps_the_estimate_high_not_low():
    # the workers took 10 s to start, then 40 games in 10 s: 160 more at 2 a second
    assert time_left(0.0, 20.0, 20.0, 40, 200) == 80
