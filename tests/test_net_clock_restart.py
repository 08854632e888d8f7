"""A server killed mid-turn and restarted on its file resumes the turn's clock (play-test G27): the
time left goes on from where it was, and a deadline that passed while it was down is played at once."""

from __future__ import annotations

import json
import shutil

import aiohttp

from game.net import client
from game.net.hub import Hub
from game.net.sqlite import SqliteStorage
from tests.net_support import run, served

MINUTES = 2.0


class Time:
    """The server's two clocks, moved by the test: monotonic (restarts at a new process) and wall."""

    def __init__(self) -> None:
        self.mono, self.wall = 500.0, 1_900_000_000.0

    def clocks(self) -> dict:
        return {"clock": lambda: self.mono, "wall": lambda: self.wall}

    def later(self, seconds: float, *, restarted: bool = False) -> None:
        self.wall += seconds
        self.mono = 7.0 if restarted else self.mono + seconds  # a new process: another monotonic zero


def killed(db, copy):  # noqa: ANN001, ANN201
    """The store as a `kill -9` leaves it: its files copied while the server runs (nothing shut down)."""
    for suffix in ("", "-wal"):
        if (db.parent / (db.name + suffix)).exists():
            shutil.copy(db.parent / (db.name + suffix), copy.parent / (copy.name + suffix))
    return copy


def test_a_restarted_server_goes_on_with_the_turns_time_left(tmp_path):
    time, db = Time(), tmp_path / "t.db"

    async def before():
        async with served(db, clocks=time.clocks()) as (url, hub, records):
            made = await client.create_table(url, "thirteen-days", 3, {"khrushchev": "dove"})
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(client.ws_url(url))
                await ws.send_str(json.dumps({"kind": "join", "code": made["code"], "side": "kennedy"}))
                await ws.receive()  # the seat
                table = hub.tables[made["code"]]
                hub.control(table, "timer", {"minutes": MINUTES})
                time.later(44)
                frame = json.loads(hub.frame(table, next(iter(table.holders))))
                for copy in ("down-briefly.db", "down-long.db"):
                    killed(db, tmp_path / copy)
                await ws.close()
            assert not records.tracebacks()
            return made["code"], frame["timer"]["seconds_left"]

    code, left = run(before())
    assert left == MINUTES * 60 - 44

    async def after(copy: str, seconds_down: float):
        time.later(seconds_down, restarted=True)
        async with served(tmp_path / copy, clocks=time.clocks()) as (url, hub, records):
            table = hub.tables[code]
            turn = table.game.state.turn
            timer = table.clock.public(time.mono)
            moved = hub.expire()  # the ticker's look at the clocks
            assert not records.tracebacks()
            return turn, timer, moved == [table], table.game.state.turn, table.controls

    turn, timer, moved, turn_after, _ = run(after("down-briefly.db", 10))
    assert timer == {"minutes": MINUTES, "seconds_left": MINUTES * 60 - 44 - 10}  # not a full turn again
    assert not moved and turn_after == turn == 1

    # down longer than the time that was left: the turn is played on restart as the timer would have
    time.wall -= 10  # the same crash, found again after 100 seconds instead of 10
    turn, timer, moved, turn_after, controls = run(after("down-long.db", 100))
    assert timer == {"minutes": MINUTES, "seconds_left": 0.0}
    assert moved and turn_after == 2
    assert [c["side"] for c in controls if c["action"] == "timeout"] == ["kennedy"]


def test_a_paused_table_keeps_its_seconds_left_across_a_restart(tmp_path):
    time = Time()
    first = SqliteStorage(tmp_path / "t.db")
    hub = Hub(first, **time.clocks())
    table, _ = hub.create({"scenario": "thirteen-days", "seed": 4, "seats": {"khrushchev": "dove"}})
    hub.control(table, "timer", {"minutes": MINUTES})
    time.later(30)
    hub.control(table, "pause")
    time.later(500, restarted=True)  # down a long time, paused: none of it counts
    second = SqliteStorage(tmp_path / "t.db")
    try:
        again = Hub(second, **time.clocks()).tables[table.code]
        assert again.paused and again.clock.public(time.mono) == {"minutes": MINUTES, "seconds_left": 90.0}
        again.note("resume", {}, time.mono)
        time.later(20)
        assert again.clock.public(time.mono) == {"minutes": MINUTES, "seconds_left": 70.0}
    finally:
        first.close()
        second.close()
