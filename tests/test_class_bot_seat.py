"""The teacher's view of a table (play-test 8, H19): a `crisis join --bot hawk` seat is the computer's,
not a student's ('human (on)', counted among the students); the 'Kennedy saw' page names meters and
events by their labels, not their ids; an inject the console counts is in the table's log."""

from __future__ import annotations

import asyncio

from textual.content import Content

from game.ai.policies import POLICIES
from game.model import Side
from game.net import client
from game.scenario import catalog
from game.ui.classroom import describe
from tests.net_support import run, served


def plain(markup: str) -> str:
    return Content.from_markup(markup).plain


def test_a_bot_seat_an_inject_and_what_a_side_saw_as_the_teacher_reads_them(tmp_path):
    s = catalog.get("thirteen-days")
    u2 = s.inject("u2_shot_down")

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 1, 5, None)
            code, teacher = made["code"], made["teacher"]
            table = hub.tables[made["tables"][0]["code"]]
            await client.class_call(url, code, teacher, "POST", "inject", {"id": "u2_shot_down"})
            bot = asyncio.create_task(client.play_bot(url, code, "hawk", side="khrushchev"))
            for _ in range(2400):  # bounded: until the bot sits down and gives its first order
                if table.game.state.pending:
                    break
                await asyncio.sleep(0.05)
            assert table.game.state.pending, "the bot never moved"
            hub.apply(table, POLICIES["historical"](s, table.game.view(Side.KENNEDY), 1))  # the turn ends
            assert table.game.state.log
            status = await client.class_status(url, code, teacher)
            full = await client.class_call(url, code, teacher, "GET", f"tables/{table.code}")
            bot.cancel()
            assert not records.tracebacks()
            return status, full

    status, full = run(main())
    glance = status["tables"][0]
    assert status["students"] == 0  # a bot is not a student
    row = plain(describe.summary(glance, 0.0))
    assert "Khrushchev: computer (hawk)" in row and "Khrushchev: human" not in row, row
    assert "Kennedy: human (free)" in row
    log = plain(describe.log_text(full))
    assert f"inject: to all: {u2.title}" in log, log  # counted ('injects 1') and in the log
    assert "the hawk AI took the khrushchev seat" in log
    saw = plain(describe.seen_text(full["views"]["kennedy"], catalog.get("thirteen-days")))
    ids = [t.id for t in s.tracks if "_" in t.id]
    assert ids and not any(i in saw for i in ids), saw
    assert any(t.label in saw for t in s.tracks)
    seen = full["views"]["kennedy"]["log"][0]["events"]
    assert seen and all(s.event(e).title in saw and e not in saw for e in seen), saw
