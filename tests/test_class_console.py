"""The facilitator's console with Pilot against a live server on loopback (port 0, bounded)."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input, Static

from game.net import client
from game.net.server import HUB, start
from game.net.sqlite import SqliteStorage
from game.ui.classroom.console import ConsoleApp
from game.ui.classroom.help import ClassHelp
from game.ui.classroom.link import ClassLink
from game.ui.classroom.table_screen import TableScreen
from tests.net_support import LIMIT, run, until


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


def test_the_console_sets_a_timer_sends_an_inject_reveals_ends_and_exports(tmp_path, monkeypatch):
    from game.persistence import load
    from game.ui.classroom.forms import ExportScreen, InjectScreen, TimerScreen
    from game.ui.screens.confirm import ConfirmScreen

    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        hub = runner.app[HUB]
        try:
            made = await client.create_class(url, "thirteen-days", 2, 9, "dove")
            codes = [t["code"] for t in made["tables"]]
            first, second = (hub.tables[c] for c in codes)
            app = ConsoleApp(ClassLink(url, made["code"], made["teacher"]), poll=0.2)
            async with app.run_test(size=(100, 30)) as pilot:
                await until(pilot, lambda: column(app, "code") == codes, "the tables")
                # a timer of 3 minutes for the selected table only
                await pilot.press("t")
                await until(pilot, lambda: isinstance(app.screen, TimerScreen), "the timer form")
                app.screen.query_one(Input).value = "three"
                await pilot.press("enter")
                assert "type a number of minutes" in str(app.screen.query_one("#form-error", Static).render())
                app.screen.query_one(Input).value = "3"
                await pilot.press("enter")
                await until(pilot, lambda: first.clock.minutes == 3, "the timer set")
                assert second.clock.minutes is None
                await until(pilot, lambda: column(app, "left")[0] not in ("-", ""), "the time left shown")
                # an inject from the catalogue to every table, Kennedy's side only
                await pilot.press("i")
                await until(pilot, lambda: isinstance(app.screen, InjectScreen), "the inject form")
                form = app.screen
                item = form.catalogue[0]
                form.query_one("#inject-pick").highlighted = 1  # the first item (0 is the typed news)
                form.query_one("#inject-where").value = "all"
                form.query_one("#inject-side").value = "kennedy"
                await pilot.press("ctrl+s")
                await until(
                    pilot,
                    lambda: len(first.game.state.injects) == len(second.game.state.injects) == 1,
                    "sent",
                )
                assert item["id"] in repr(first.game.state.injects)
                # the teacher's own words, to the selected table
                await pilot.press("i")
                await until(pilot, lambda: isinstance(app.screen, InjectScreen), "the inject form again")
                app.screen.query_one("#inject-text", Input).value = "Rumour: the Pope will speak tonight."
                await pilot.press("ctrl+s")
                await until(pilot, lambda: len(first.game.state.injects) == 2, "the words sent")
                assert len(second.game.state.injects) == 1
                # reveal history, then end the class (each asks first)
                await pilot.press("v")
                await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked")
                await pilot.press("y")
                await until(pilot, lambda: first.revealed and second.revealed, "history revealed")
                await pilot.press("e")
                await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked")
                await pilot.press("n")
                await pilot.pause(0.3)
                assert not first.ended
                await pilot.press("e")
                await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
                await pilot.press("y")
                await until(pilot, lambda: first.ended and second.ended, "the class ended")
                await until(pilot, lambda: "ended" in head(app) and "history revealed" in head(app), "said")
                # export: the class file and one save per table, which load and replay
                await pilot.press("x")
                await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export form")
                await pilot.press("enter")
                folder = tmp_path / f"class-{made['code']}"
                await until(pilot, lambda: len(list(folder.glob("*.json"))) == 3, "three files")
                await app.action_quit()
            return folder, codes, [t.game.state.digest() for t in (first, second)]
        finally:
            await runner.cleanup()
            storage.close()

    folder, codes, digests = run(main(), LIMIT * 3)
    for n, (code, digest) in enumerate(zip(codes, digests, strict=True), 1):
        loaded = load(folder / f"table-{n}-{code}.json")
        assert loaded.stopped is None and loaded.game.state.digest() == digest
