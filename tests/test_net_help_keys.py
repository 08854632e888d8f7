"""J12: the network desk's words name only the keys that work where they are read: the help's key table
(? on the desk) and a report's word on a proposal that came (m, on the report)."""

from __future__ import annotations

import re

from textual.app import App

from game.net import client
from game.net.client import Seat
from game.scenario import catalog
from game.ui.remote import RemoteApp
from game.ui.remote_pages import READ
from game.ui.screens.ending import EndingScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.report import TurnReport
from tests.net_support import run, served, to_desk, until

S = catalog.get("thirteen-days")


def _bound(bindings: list) -> set[str]:
    """Every key the bindings take ('a', 'enter', 'question_mark', ...)."""
    return {key.strip() for b in bindings for key in b.key.split(",")}


def test_the_network_help_lists_only_the_desks_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_table(url, S.id, 3, {"khrushchev": "dove"})
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                await to_desk(pilot, app)
                await pilot.press("question_mark")
                await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
                general = app.screen.general
                await app.action_quit()
            assert not records.tracebacks()
            return general

    general = run(main())
    table = general.split("## Keys", 1)[1].split("\n## ", 1)[0]
    letters = {
        key
        for row in table.splitlines()
        if row.startswith("| ") and not row.startswith("| key")
        for key in re.findall(r"(?<![+])\b[a-z]\b", row.split("|")[1])  # (not ctrl+q)
    }
    assert letters  # the table is there
    desk = _bound(RemoteApp.BINDINGS) | _bound(EndingScreen.BINDINGS)  # the front page's t and g
    assert letters <= desk, letters - desk
    assert "advisors" not in general and "Press **l**" not in general and "| l |" not in general
    assert "Press **w** to **write**" in general


def test_a_reports_word_on_a_proposal_names_only_keys_the_report_takes():
    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(TurnReport("Report", "A letter came.", lambda: None))

    async def main():
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TurnReport)
            return {b.binding.key for b in app.screen.active_bindings.values()}

    active = run(main())
    named = set(re.findall(r"\b([a-z]) (?:reads|accepts|counters|rejects)\b", READ))
    assert named == {"m"} and named <= active, (named, active)
