"""A new timer set mid-turn keeps a seat still reading the report on its reading clock, and the class
status shows each awaited seat's own time left (play-test 10, K7). The hub's clock is the test's."""

from __future__ import annotations

import argparse

import pytest

from game.ai.policies import POLICIES
from game.model import Side
from game.net.classes import glance
from game.net.hub import Hub
from game.net.sqlite import SqliteStorage
from game.net.tables import Table


@pytest.fixture
def seated(tmp_path):  # noqa: ANN201
    """A table of two seated students on turn 2, a 3-minute timer, 60 s of reading, at 1000 s."""
    now = [1000.0]
    storage = SqliteStorage(tmp_path / "t.db")
    hub = Hub(storage, clock=lambda: now[0])
    table, _ = hub.create({"scenario": "thirteen-days", "seed": 3})
    table.holders.update({Side.KENNEDY: "ann", Side.KHRUSHCHEV: "bob"})
    hub.control(table, "timer", {"minutes": 3.0, "reading": 60.0})
    for side in Side:
        hub.apply(table, POLICIES["historical"](table.game.scenario, table.game.view(side), 1))
    assert table.game.state.turn == 2 and table.clock.reading_now(now[0]) == ["kennedy", "khrushchev"]
    yield hub, table, now
    storage.close()


def seat(hub: Hub, table: Table, side: str) -> dict:
    return glance(hub, table)["timer"]["seats"][side]


def test_a_new_timer_keeps_a_reader_on_its_reading_clock_from_when_it_began(seated):
    hub, table, now = seated
    now[0] += 4
    hub.read(table, Side.KHRUSHCHEV, {"turn": 2})  # bob leaves the report; ann reads on
    now[0] += 10
    hub.control(table, "timer", {"minutes": 2.0, "reading": 20.0})  # 14 s of reading gone: 6 left
    assert table.clock.reading_now(now[0]) == ["kennedy"]
    assert seat(hub, table, "kennedy") == {"minutes": 2.0, "seconds_left": 126.0, "reading": 6.0}
    assert "khrushchev" not in glance(hub, table)["timer"]["seats"]  # his time: the table's, 2:00
    again = Hub(hub.storage, clock=lambda: now[0]).tables[table.code]  # a restarted server (G27)
    assert again.clock.reading_left("kennedy", now[0]) == pytest.approx(6.0, abs=0.01)
    now[0] += 3
    hub.read(table, Side.KENNEDY, {"turn": 2})  # she leaves it after 17 s: her 2 minutes start now
    assert seat(hub, table, "kennedy")["seconds_left"] == 120.0
    hub.apply(table, POLICIES["historical"](table.game.scenario, table.game.view(Side.KHRUSHCHEV), 1))
    now[0] += 119.5
    assert hub.expire() == [] and table.game.state.turn == 2
    now[0] += 1
    hub.expire()
    assert table.game.state.turn == 3


def test_a_reader_whose_new_reading_time_is_already_up_reads_no_longer(seated):
    hub, table, now = seated
    now[0] += 30
    hub.control(table, "timer", {"minutes": 2.0, "reading": 20.0})
    assert table.clock.reading_now(now[0]) == []
    assert glance(hub, table)["timer"] == {"minutes": 2.0, "seconds_left": 120.0}


def test_the_class_status_shows_each_awaited_seats_own_time(seated, capsys, monkeypatch):
    from game.cli import class_tables
    from game.net import client

    hub, table, now = seated
    now[0] += 4
    hub.read(table, Side.KHRUSHCHEV, {"turn": 2})
    now[0] += 0.5
    status = {"code": "C", "scenario": "thirteen-days", "tables": [{**glance(hub, table), "code": "T"}]}

    async def fake(*args: object) -> dict:
        return status

    monkeypatch.setattr(client, "class_status", fake)
    monkeypatch.setattr(class_tables, "_teacher", lambda args: "teacher")
    class_tables.status(argparse.Namespace(code="C", server=None, teacher=None, json=False))
    out = capsys.readouterr().out
    assert "kennedy 0:56 to read, then 3:00" in out, out
    assert "khrushchev 3:00 left" in out, out  # bob's own: 3 minutes from when he left the report
    assert "3:55" not in out  # (ann's turn ends later: her reading is added to it)


def test_the_status_says_one_time_once_and_a_dash_for_nobody_awaited():
    from game.cli.class_tables import awaited

    timer = {"minutes": 3.0, "seconds_left": 180.0, "waiting": True}
    both = {"state": "playing", "waiting_for": ["kennedy", "khrushchev"], "timer": timer}
    assert awaited(both) == "kennedy, khrushchev 3:00 waits"
    assert awaited({**both, "waiting_for": []}) == "-"
