"""The network desk asks before an order that may start a war, as the local desk does (E24): a
Pilot seat against a live server on loopback."""

from __future__ import annotations

import asyncio

from game.model import Side
from game.net import client
from game.net.client import Seat
from game.net.server import HUB, start
from game.net.sqlite import SqliteStorage
from game.scenario import catalog
from game.ui.remote import RemoteApp
from game.ui.screens.confirm import ConfirmScreen
from game.ui.widgets.decisions import DecisionPanel
from tests.net_support import LIMIT, run, to_desk, until

STRIKE = "order_air_strike"
"""Thirteen-days, Oct 18 (turn 2): Kennedy may order the air strike, which starts a war chapter."""


def test_a_war_order_on_the_network_desk_asks_first(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        hub = runner.app[HUB]
        bot = None
        try:
            made = await client.create_table(url, "thirteen-days", 3, {})
            table = hub.tables[made["code"]]
            app = RemoteApp(s, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                assert not app.query_one(DecisionPanel).wars  # no order starts a war on Oct 16
                await pilot.press("1", "enter")
                bot = asyncio.create_task(client.play_bot(url, made["code"], "pragmatist", side="khrushchev"))
                await until(pilot, lambda: app.view.turn == 2 and app.view.legal, "the second turn")
                await to_desk(pilot, app)  # the first turn's report read
                panel = app.query_one(DecisionPanel)
                await until(pilot, lambda: STRIKE in panel.wars, "the war warning")
                key = str([m.decision for m in panel.moves].index(STRIKE) + 1)
                await pilot.press(key, key)  # read it, then order it
                await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
                question = str(app.screen.question)
                assert s.decision(STRIKE).label in question and "may start a war" in question
                await pilot.press(key, "n")  # the number again answers nothing; n thinks again
                await pilot.pause()
                assert not isinstance(app.screen, ConfirmScreen)
                assert not [m for m in table.game.state.pending if m.side is Side.KENNEDY]
                await pilot.press(key, key)
                await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question again")
                await pilot.press("y")
                await until(pilot, lambda: app.view.my_move is not None or app.view.turn > 2, "the order")
                given = [m for r in table.game.state.log for m in r.moves if m.side is Side.KENNEDY]
                given += [m for m in table.game.state.pending if m.side is Side.KENNEDY]
                assert given[-1].decision == STRIKE
                await app.action_quit()
        finally:
            if bot is not None:
                bot.cancel()
            await runner.cleanup()
            storage.close()

    run(main(), limit=LIMIT * 2)
