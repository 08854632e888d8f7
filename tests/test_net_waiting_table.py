"""A table nobody joined (play-test 8, H15): the class status's clock waits at the turn's full time (it
counted down and started again), the first student gets a full turn, and the class report says nobody
joined (it said 'Played by Kennedy: human, Khrushchev: human')."""

from __future__ import annotations

import json

import aiohttp

from game.analysis import class_report
from game.engine.match import Game
from game.net import client
from game.net.classes import glance
from game.scenario import catalog
from game.ui.classroom.rows import seconds_left
from tests.net_support import run, served

MINUTES = 3.0


def test_a_waiting_tables_clock_does_not_count_down_and_the_first_student_gets_a_full_turn(tmp_path):
    now = [100.0]
    clocks = {"clock": lambda: now[0], "wall": lambda: 1_900_000_000.0 + now[0]}

    async def main():
        async with served(tmp_path / "t.db", clocks=clocks) as (url, hub, records):
            made = await client.create_table(url, "thirteen-days", 3, {})
            table = hub.tables[made["code"]]
            hub.control(table, "timer", {"minutes": MINUTES})
            seen = []
            for step in (17.0, 60.0, MINUTES * 60):  # across an expiry, which starts the wait again
                now[0] += step
                hub.expire()
                seen.append(glance(hub, table)["timer"])
            now[0] += 40  # the wait goes on; then a student sits down
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(client.ws_url(url))
                await ws.send_str(json.dumps({"kind": "join", "code": made["code"], "side": "kennedy"}))
                await ws.receive()  # the seat
                frame = json.loads((await ws.receive()).data)
                await ws.close()
            now[0] += 30
            after = glance(hub, table)["timer"]
            assert not records.tracebacks()
            return seen, frame["timer"], after, table.game.state.turn

    seen, joined, after, turn = run(main())
    full = {"minutes": MINUTES, "seconds_left": MINUTES * 60, "waiting": True}
    assert seen == [full] * 3 and turn == 1
    assert seconds_left({"state": "playing", "timer": full}, 25.0) == MINUTES * 60  # the console waits too
    assert joined == {"minutes": MINUTES, "seconds_left": MINUTES * 60}  # a full turn, running
    assert after == {"minutes": MINUTES, "seconds_left": MINUTES * 60 - 30}
    assert seconds_left({"state": "playing", "timer": after}, 5.0) == MINUTES * 60 - 35


def test_the_class_report_says_nobody_joined_and_names_who_did():
    s = catalog.get("thirteen-days")
    sides = {"kennedy": "human", "khrushchev": "human"}
    free = {"player": "human", "taken": False, "connected": False, "name": None}
    empty = class_report.Played("AAAAAA", Game(s, 1), sides, [], {"kennedy": free, "khrushchev": free})
    ann = {**free, "taken": True, "name": "ann"}
    half = class_report.Played("CCCCCC", Game(s, 1), sides, [], {"kennedy": ann, "khrushchev": free})
    md = class_report.markdown(s, "KXVNQN", [empty, half])
    assert "Nobody joined this table." in md
    assert "Played by Kennedy: ann, Khrushchev: nobody joined." in md
    assert "human" not in md.split("## Every table")[1].split("## The letters")[0]
