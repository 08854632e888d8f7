"""A class on loopback: one code seats a class table by table; the teacher pauses and resumes; a restart
keeps classes and pauses; only the teacher sees the status."""

from __future__ import annotations

import asyncio
import json

import aiohttp

from game import sim
from game.ai.policies import POLICIES
from game.model import Side
from game.net import client
from game.net.server import Hub
from game.scenario import catalog
from tests.net_support import run, seeded, served

PAIRS = [("hawk", "pragmatist"), ("dove", "random"), ("pragmatist", "hawk")]


def test_a_class_of_bots_joins_with_one_code_and_every_table_ends_as_offline(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 3, 20, None)
            code, teacher = made["code"], made["teacher"]
            assert len(made["tables"]) == 3 and code not in [t["code"] for t in made["tables"]]
            # students arrive one by one: each is seated at the next free seat, table by table
            seats = []
            for kennedy, khrushchev in PAIRS:
                for policy in (kennedy, khrushchev):
                    seats.append(asyncio.create_task(client.play_bot(url, code, policy)))
                    while sum(len(t.holders) for t in hub.tables.values()) < len(seats):
                        await asyncio.sleep(0.01)
            done = await asyncio.gather(*seats)
            status = await client.class_status(url, code, teacher)
            info = await client.table_info(url, code.lower())  # what a student's game asks first
            assert info == {"code": code, "scenario": "thirteen-days", "class": True}
            return made, done, status, records.tracebacks()

    made, done, status, tracebacks = run(main())
    tables = [t["code"] for t in made["tables"]]
    assert [(s.code, s.side) for s in done] == [
        (t, side) for t in tables for side in ("kennedy", "khrushchev")
    ]
    for n, (t, pair) in enumerate(zip(status["tables"], PAIRS, strict=True)):
        # each bot plays with its seat's policy seed (the server never sends the game's seed)
        seeds = {s.side: s.frame["policy_seed"] for s in done if s.code == t["code"]}
        assert "seed" not in done[2 * n].frame and len(set(seeds.values())) == 2
        policies = {
            side: seeded(POLICIES[policy], seeds[side.value])
            for side, policy in zip((Side.KENNEDY, Side.KHRUSHCHEV), pair, strict=True)
        }
        offline = sim.play(catalog.get("thirteen-days"), policies, 20 + n)
        assert (t["state"], t["ending"], t["seed"]) == ("over", offline.state.ending, 20 + n)
    assert tracebacks == []


def test_the_teacher_pauses_and_resumes_and_a_restart_keeps_it(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_class(url, "thirteen-days", 2, 5, "dove")
            code, teacher = made["code"], made["teacher"]
            first = made["tables"][0]["code"]
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(client.ws_url(url))
                await ws.send_str(json.dumps({"kind": "join", "code": code}))
                seat = json.loads((await ws.receive()).data)
                view = json.loads((await ws.receive()).data)
                assert seat["code"] == first and view["paused"] is False
                # a student cannot pause the class, nor see its status
                try:
                    await client.class_pause(url, code, seat["credential"], None, True)
                    raise AssertionError("a student paused the class")
                except client.CrisisError as err:
                    assert "only the teacher" in str(err)
                done = await client.class_pause(url, code, teacher, None, True)
                assert done["changed"] == [t["code"] for t in made["tables"]]
                paused = json.loads((await ws.receive()).data)
                assert paused["kind"] == "view" and paused["paused"] is True
                legal = view["view"]["legal"][0]
                await ws.send_str(
                    json.dumps({"kind": "move", "turn": 1, "state": view["state"], "move": legal})
                )
                refused = json.loads((await ws.receive()).data)
                assert "paused by the facilitator" in refused["reason"]
                await ws.receive()  # the view after the refusal
                turn_before = hub.tables[first].game.state.turn
                await ws.close()
                # the student comes back with the class's code and the seat's credential: the same seat
                ws = await session.ws_connect(client.ws_url(url))
                await ws.send_str(
                    json.dumps({"kind": "resume", "code": code, "credential": seat["credential"]})
                )
                again = json.loads((await ws.receive()).data)
                assert (again["code"], again["side"]) == (first, seat["side"])
                await ws.close()
            status = await client.class_status(url, code, teacher)
            assert {t["state"] for t in status["tables"]} == {"paused"}
            return code, teacher, first, turn_before

    code, teacher, first, turn_before = run(main())
    # restarted from its file, the server still knows the class and that it is paused
    from game.net.sqlite import SqliteStorage

    storage = SqliteStorage(tmp_path / "t.db")
    hub = Hub(storage)
    assert (
        code in hub.classes and hub.tables[first].paused and hub.tables[first].game.state.turn == turn_before
    )
    storage.close()

    async def resume():
        async with served(tmp_path / "t.db") as (url, hub, _):
            done = await client.class_pause(url, code, teacher, first, False)
            assert done["changed"] == [first] and not hub.tables[first].paused
            status = await client.class_status(url, code, teacher)
            return [t["state"] for t in status["tables"]]

    assert run(resume()) == ["playing", "paused"]
