"""A seat's turn clock starts when its player leaves the last turn's report (play-test H4: the clock ran
while a student read the report, and a slow reader lost turns to the default order), at most the
facilitator's reading time after the turn began; a restarted server keeps where each seat stands (G27).
A real server on 127.0.0.1 port 0, its clock moved by the test, not slept."""

from __future__ import annotations

import asyncio
import json

import aiohttp
from textual.content import Content

from game import schema
from game.ai.policies import POLICIES
from game.model import CrisisError, Side
from game.net import client, protocol
from game.net.classes import glance
from game.scenario import catalog
from game.ui.classroom import describe, rows
from tests.net_support import LIMIT, run, served
from tests.test_net_clock_restart import Time, killed

MINUTES, READING = 2.0, 45.0


async def order(ws, frame: dict) -> None:  # noqa: ANN001
    """The historical order for the turn `frame` shows."""
    s = catalog.get(frame["scenario"])
    move = POLICIES["historical"](s, protocol.view_from_dict(frame["view"]), 1)
    data = schema.dump(move)
    del data["side"]
    await ws.send_str(protocol.encode("move", turn=frame["view"]["turn"], state=frame["state"], move=data))


async def settled(check) -> None:  # noqa: ANN001
    """Wait (bounded) until the server has taken in what was sent."""
    loop = asyncio.get_running_loop()
    end = loop.time() + LIMIT
    while not check():
        assert loop.time() < end, "the server never took it in"
        await asyncio.sleep(0.01)


def test_a_seats_clock_starts_when_it_leaves_the_report_and_the_reading_is_bounded(tmp_path):
    time, db = Time(), tmp_path / "t.db"

    def timers(hub, table) -> dict:  # noqa: ANN001
        return {side.value: json.loads(hub.frame(table, side))["timer"] for side in table.holders}

    async def main():
        async with served(db, clocks=time.clocks()) as (url, hub, records):
            made = await client.create_table(url, "thirteen-days", 3, {})
            table = hub.tables[made["code"]]
            async with aiohttp.ClientSession() as session:
                ws = {}
                for side in ("kennedy", "khrushchev"):
                    ws[side] = await session.ws_connect(client.ws_url(url))
                    await ws[side].send_str(json.dumps({"kind": "join", "code": made["code"], "side": side}))
                    await settled(lambda side=side: Side(side) in table.holders)
                hub.control(table, "timer", {"minutes": MINUTES, "reading": READING})
                out = {"turn 1": timers(hub, table)}
                for side in ws:
                    await order(ws[side], json.loads(hub.frame(table, Side(side))))
                    await settled(
                        lambda side=side: (
                            any(m.side.value == side for m in table.game.state.pending)
                            or table.game.state.turn == 2
                        )
                    )
                await settled(lambda: table.game.state.turn == 2)
                out["turn 2"] = timers(hub, table)
                time.later(20)
                await ws["kennedy"].send_str(protocol.encode("read", turn=2))  # Kennedy leaves the report
                await settled(lambda: "kennedy" not in table.clock.readers)
                time.later(0.5)
                out["read"] = timers(hub, table)
                out["teacher"] = glance(hub, table)
                down = killed(db, tmp_path / "down.db")
                time.later(MINUTES * 60 - 1.5)  # 1 s before Kennedy's time is up
                hub.expire()  # no timeout yet; Khrushchev's reading time is up: his clock runs, and says so
                readers = json.loads(hub.frame(table, Side.KENNEDY))["readers"]
                out["early"] = (table.waiting_for(), readers, set(table.clock.readers))
                time.later(2)
                out["kennedy out"] = (hub.expire() == [table], table.game.state.turn, table.waiting_for())
                time.later(READING - 20)  # Khrushchev never left the report: the reading time counts
                out["khrushchev out"] = (hub.expire() == [table], table.game.state.turn)
                for w in ws.values():
                    await w.close()
            out["timeouts"] = [(c["side"], c["turn"]) for c in table.controls if c["action"] == "timeout"]
            assert not records.tracebacks()
            return made["code"], out, down

    code, out, down = run(main())
    full = MINUTES * 60
    assert all("reading" not in t for t in out["turn 1"].values())  # no report before the first turn
    assert out["turn 2"] == {
        side: {"minutes": MINUTES, "seconds_left": full + READING, "reading": READING}
        for side in ("kennedy", "khrushchev")
    }
    assert out["read"]["kennedy"] == {"minutes": MINUTES, "seconds_left": full - 0.5}  # a full turn from 20 s
    assert out["read"]["khrushchev"] == {
        "minutes": MINUTES,
        "seconds_left": full + READING - 20.5,
        "reading": READING - 20.5,
    }
    seats = out["teacher"]["timer"]["seats"]
    assert seats["khrushchev"]["reading"] == READING - 20.5 and "reading" not in seats["kennedy"]
    # the teacher's table says who is still reading, and the time left is the last seat's
    teacher = out["teacher"]
    assert rows.awaiting(teacher, 5.0) == "JFK+NSK*"  # (the console's head: '* reading the report')
    assert rows.awaiting(teacher, READING) == "JFK+NSK"  # its reading time is up: its clock runs
    assert rows.seconds_left(teacher, 5.0) == full + READING - 20.5 - 5
    said = Content.from_markup(describe.summary(teacher, 5.0)).plain
    assert "Khrushchev reading the report (0:20 before its clock starts)" in said, said
    assert out["early"] == (["kennedy", "khrushchev"], [], set())  # (its clock runs: his desk says so)
    assert out["kennedy out"] == (True, 2, ["khrushchev"])  # Kennedy's default only: Khrushchev reads on
    assert out["khrushchev out"] == (True, 3)
    assert out["timeouts"] == [("kennedy", 2), ("khrushchev", 2)]

    # killed just after Kennedy left the report, restarted 10 s later: each seat where it stood
    async def again():
        time.later(10, restarted=True)
        async with served(down, clocks=time.clocks()) as (url, hub, records):
            table = hub.tables[code]
            assert not records.tracebacks()
            return table.game.state.turn, timers(hub, table) if table.holders else None

    time.wall -= MINUTES * 60 - 1.5 + 2 + READING - 20  # the same crash, found 10 s after it
    turn, after = run(again())
    assert turn == 2
    assert after["kennedy"] == {"minutes": MINUTES, "seconds_left": full - 0.5 - 10}
    assert after["khrushchev"] == {
        "minutes": MINUTES,
        "seconds_left": full + READING - 20.5 - 10,
        "reading": READING - 20.5 - 10,
    }


def test_the_teacher_sets_the_reading_time_and_a_new_timer_keeps_it(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 2, 5, None, minutes=3, reading=30)
            code, teacher = made["code"], made["teacher"]
            tables = [hub.tables[t["code"]] for t in made["tables"]]
            made_with = [t.clock.reading for t in tables]
            await client.class_call(url, code, teacher, "POST", "timer", {"minutes": 4})
            kept = [(t.clock.minutes, t.clock.reading) for t in tables]
            await client.class_call(url, code, teacher, "POST", "timer", {"minutes": 4, "reading": 0})
            off = [t.clock.reading for t in tables]
            try:
                await client.class_call(url, code, teacher, "POST", "timer", {"minutes": 4, "reading": 9999})
            except CrisisError as err:
                refused = str(err)
            assert not records.tracebacks()
            return made_with, kept, off, refused

    made_with, kept, off, refused = run(main())
    assert made_with == [30.0, 30.0] and kept == [(4.0, 30.0)] * 2 and off == [0.0, 0.0]
    assert "reading: 0 to 600 seconds" in refused


def test_the_console_marks_the_seats_reading_and_says_what_the_mark_means(tmp_path, monkeypatch):
    from game.ui.classroom.console import ConsoleApp
    from game.ui.classroom.link import ClassLink
    from tests.net_support import until
    from tests.test_class_console import column, head

    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 1, 5, None, minutes=3)
            table = hub.tables[made["tables"][0]["code"]]
            async with aiohttp.ClientSession() as session:
                for side in ("kennedy", "khrushchev"):
                    ws = await session.ws_connect(client.ws_url(url))
                    await ws.send_str(json.dumps({"kind": "join", "code": made["code"], "side": side}))
                    await settled(lambda side=side: Side(side) in table.holders)
                for side in table.game.sides_to_act():  # the first turn played: both read its report
                    hub.apply(table, POLICIES["historical"](s, table.game.view(side), 1))
                app = ConsoleApp(ClassLink(url, made["code"], made["teacher"]), poll=0.2)
                async with app.run_test(size=(80, 24)) as pilot:
                    await until(pilot, lambda: column(app, "awaiting") == ["JFK*+NSK*"], "the readers marked")
                    said = head(app)
                    widths = [len(line) for line in said.splitlines()]
            assert not records.tracebacks()
            return said, widths

    said, widths = run(main())
    assert "* reading the report" in said and max(widths) <= 80, said


def test_an_advisor_leaving_the_report_does_not_start_the_leaders_clock(tmp_path):
    from tests.test_class_teams import seated

    s = catalog.get("thirteen-days")

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 1, 4, None, minutes=3, teams=True)
            table = hub.tables[made["tables"][0]["code"]]
            async with aiohttp.ClientSession() as session:
                jfk, _ = await seated(session, url, made["code"], "Ada")
                await seated(session, url, made["code"], "Boris")
                rfk, seat = await seated(session, url, made["code"], "Cleo")
                assert seat.get("role") == "rfk"
                for side in table.game.sides_to_act():  # the first turn played: the leaders read its report
                    hub.apply(table, POLICIES["historical"](s, table.game.view(side), 1))
                await rfk.send("read", turn=2)  # the advisor leaves the report: the leader still reads it
                await rfk.send("ping")
                await rfk.until(lambda f: f.get("kind") == "pong")
                after_advisor = set(table.clock.readers)
                await jfk.send("read", turn=2)
                await settled(lambda: "kennedy" not in table.clock.readers)
            assert not records.tracebacks()
            return after_advisor, set(table.clock.readers)

    after_advisor, after_leader = run(main())
    assert after_advisor == {"kennedy", "khrushchev"} and after_leader == {"khrushchev"}


def test_leaving_the_report_while_the_table_is_paused_counts(tmp_path):
    from game.net.hub import Hub
    from game.net.sqlite import SqliteStorage

    time, s = Time(), catalog.get("thirteen-days")
    storage = SqliteStorage(tmp_path / "t.db")
    try:
        hub = Hub(storage, **time.clocks())
        table, _ = hub.create({"scenario": "thirteen-days", "seed": 4})
        for side in ("kennedy", "khrushchev"):
            hub._join(table, {"side": side})
        hub.control(table, "timer", {"minutes": MINUTES, "reading": READING})
        for side in table.game.sides_to_act():
            hub.apply(table, POLICIES["historical"](s, table.game.view(side), 1))
        time.later(10)
        hub.control(table, "pause")
        time.later(300)  # a long pause: none of it is reading time
        assert hub.read(table, Side.KENNEDY, {"turn": 2})  # left the report while paused
        hub.control(table, "resume")
        assert table.clock.public(time.mono, side="kennedy") == {
            "minutes": MINUTES,
            "seconds_left": MINUTES * 60,
        }
        assert table.clock.public(time.mono, side="khrushchev") == {
            "minutes": MINUTES,
            "seconds_left": MINUTES * 60 + READING - 10,
            "reading": READING - 10,
        }
    finally:
        storage.close()
