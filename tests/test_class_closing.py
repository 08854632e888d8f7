"""A classroom page pushed as the console closes (a key already dispatched when the quit went through,
as play-test 8 H1 found for the game's pages) mounts without its widgets: its on_mount raises nothing.
Pilot against a live server on loopback (port 0, bounded)."""

from __future__ import annotations

import pytest

from game.net import client
from game.ui.classroom.console import ConsoleApp
from game.ui.classroom.link import ClassLink
from game.ui.classroom.overview import ConsoleScreen
from game.ui.classroom.table_screen import TableScreen
from tests.net_support import run, served, until


@pytest.mark.parametrize("page", ["overview", "table"])
def test_a_classroom_page_mounted_as_the_console_closes_raises_nothing(tmp_path, monkeypatch, page):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 2, 7, None)
            app = ConsoleApp(ClassLink(url, made["code"], made["teacher"]), poll=0.2)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.link.status is not None, "the class's status")
                app.exit(0)  # the quit went through; a key already dispatched opens a page
                if page == "overview":
                    app.push_screen(ConsoleScreen())
                else:
                    app.push_screen(TableScreen(app.link, made["tables"][0]["code"], 1, str))
                await pilot.pause()
            assert not records.tracebacks()
            return app.return_code

    assert run(main()) == 0
