"""A turn timer does not play a table nobody has sat down at (play-test 7, G5): a late student finds
the game where it began, with a full turn's time."""

from __future__ import annotations

from game.model import Side
from game.net.hub import Hub
from game.net.sqlite import SqliteStorage


def test_the_clock_waits_for_someone_to_sit_down(tmp_path):
    now = [1000.0]
    storage = SqliteStorage(tmp_path / "t.db")
    try:
        hub = Hub(storage, clock=lambda: now[0])
        empty, _ = hub.create({"scenario": "thirteen-days", "seed": 4})
        alone, _ = hub.create({"scenario": "thirteen-days", "seed": 4})
        for table in (empty, alone):
            table.clock.set(1.0, None, table, now[0])
        alone.holders[Side.KENNEDY] = "someone"  # one student sat down; the other seat is free
        now[0] += 61
        assert hub.expire() == [alone]
        assert empty.game.state.turn == 1 and not empty.game.state.pending
        assert alone.game.state.turn == 2  # both free seats' time ran out: defaults for both
        assert empty.clock.public(now[0]) == {"minutes": 1.0, "seconds_left": 60.0}  # a full turn again
    finally:
        storage.close()
