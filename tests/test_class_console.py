"""The facilitator's console with Pilot against a live server on loopback (port 0, bounded)."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Static

from game.net import client
from game.net.server import HUB, start
from game.net.sqlite import SqliteStorage
from game.ui.classroom.console import ConsoleApp
from game.ui.classroom.help import ClassHelp
from game.ui.classroom.link import ClassLink
from game.ui.classroom.table_screen import TableScreen
from tests.net_support import LIMIT, run


async def until(pilot, check, what: str) -> None:  # noqa: ANN001
    """Let the app run until `check()` holds (bounded: fails the test after LIMIT seconds)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + LIMIT
    while not check():
        assert loop.time() < end, f"never: {what}"
        await pilot.pause(0.05)


def head(app: ConsoleApp) -> str:
    return str(app.get_default_screen_instance().query_one("#class-head", Static).render())


def column(app: ConsoleApp, key: str) -> list[str]:
    grid = app.get_default_screen_instance().query_one(DataTable)
    return [
        str(grid.get_cell_at((row, [c.key for c in grid.ordered_columns].index(key))))
        for row in range(grid.row_count)
    ]


def test_the_console_shows_every_table_sorts_pauses_and_opens_one(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        hub = runner.app[HUB]
        try:
            made = await client.create_class(url, "thirteen-days", 3, 7, None)
            codes = [t["code"] for t in made["tables"]]
            # one pair of students plays the first table to its end
            await asyncio.gather(*(client.play_bot(url, made["code"], "pragmatist") for _ in range(2)))
            app = ConsoleApp(ClassLink(url, made["code"], made["teacher"]), poll=0.2)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: column(app, "code") == codes, "every table, in class order")
                assert f"Class {made['code']}" in head(app) and "thirteen-days" in head(app)
                assert column(app, "n") == ["1", "2", "3"]
                assert column(app, "state") == ["over", "playing", "playing"]
                assert column(app, "awaiting") == ["-", "JFK+NSK", "JFK+NSK"]
                # sorting: S turns the order round, s sorts by the next column (said in the head)
                await pilot.press("S")
                assert column(app, "code") == codes[::-1]
                await pilot.press("s")
                assert "sorted by Risk" in head(app) and "(reversed)" not in head(app)
                app.sort = "n"
                app.show()
                # the selected table (the second) is paused, then every table, then all resumed
                await pilot.press("down", "p")
                await until(pilot, lambda: hub.tables[codes[1]].paused, "table 2 paused")
                assert not hub.tables[codes[2]].paused
                await until(pilot, lambda: column(app, "state")[1] == "paused", "the pause on screen")
                await pilot.press("R")
                await until(pilot, lambda: not hub.tables[codes[1]].paused, "every table resumed")
                await pilot.press("P")
                await until(pilot, lambda: hub.tables[codes[1]].paused and hub.tables[codes[2]].paused, "all")
                await until(pilot, lambda: column(app, "state") == ["over", "paused", "paused"], "shown")
                # Enter opens the selected table in full; Escape goes back to the class
                await pilot.press("enter")
                await until(pilot, lambda: isinstance(app.screen, TableScreen), "the table opened")
                table_head = str(app.screen.query_one("#table-head", Static).render())
                assert f"Table 2 {codes[1]}" in table_head.replace("  ", " ")
                await pilot.press("question_mark")
                await until(pilot, lambda: isinstance(app.screen, ClassHelp), "help on the table's page")
                assert "One table in full" in app.screen.topic
                await pilot.press("escape", "escape")
                await until(pilot, lambda: not isinstance(app.screen, TableScreen | ClassHelp), "back")
                await pilot.press("question_mark")
                await until(pilot, lambda: isinstance(app.screen, ClassHelp), "help on the console")
                assert "facilitator's console" in app.screen.topic and "**P** Pause all" in app.screen.topic
                await pilot.press("escape")
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), LIMIT * 3)


def test_a_console_that_loses_the_server_keeps_its_tables_and_sends_what_was_done_meanwhile(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        port = int(url.rsplit(":", 1)[1])
        try:
            made = await client.create_class(url, "thirteen-days", 2, 3, None)
            codes = [t["code"] for t in made["tables"]]
            app = ConsoleApp(ClassLink(url, made["code"], made["teacher"]), poll=0.2)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: column(app, "code") == codes, "the tables")
                await runner.cleanup()  # the server goes away
                await until(pilot, lambda: "server lost" in head(app), "the loss said on screen")
                assert column(app, "code") == codes  # what the console had stays on screen
                await pilot.press("p")  # the teacher pauses table 1 while the server is away
                await until(pilot, lambda: "1 action(s) waiting" in head(app), "the pause kept")
                runner, _ = await start(storage, "127.0.0.1", port)  # back, on the same address
                hub = runner.app[HUB]
                await until(pilot, lambda: hub.tables[codes[0]].paused, "the kept pause sent")
                assert not hub.tables[codes[1]].paused
                await until(
                    pilot, lambda: "connected" in head(app) and "waiting" not in head(app), "caught up"
                )
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), LIMIT * 3)


def test_the_console_refuses_a_wrong_credential_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        try:
            made = await client.create_class(url, "thirteen-days", 1, 3, None)
            app = ConsoleApp(ClassLink(url, made["code"], "0" * 32), poll=0.2)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: "refused" in head(app), "the refusal")
                assert "only the teacher" in head(app)
                assert column(app, "code") == []
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), LIMIT * 2)
