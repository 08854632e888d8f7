"""J13: once the facilitator ends the class, a student's desk offers no order (no Enter in the footer,
Enter gives nothing) and its top lines say the class has ended, not that the other seat is free."""

from __future__ import annotations

from textual.content import Content

from game.net import client
from game.net.client import Seat
from game.scenario import catalog
from game.ui.remote import RemoteApp
from tests.net_support import run, served, to_desk, until
from tests.test_ui_support import screen_text

S = catalog.get("thirteen-days")


def test_an_ended_table_offers_no_order_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_table(url, S.id, 3, {})  # Khrushchev's seat left free
            table = hub.tables[made["code"]]
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                await to_desk(pilot, app)
                app.set_focus(None)  # the decisions' list hides the desk's Enter in the footer
                await pilot.pause()
                before, could = screen_text(app), app.check_action("take", ())
                hub.control(table, "end")
                await hub.broadcast(table)
                await until(pilot, lambda: bool(app.frame.get("ended")), "the end of the class")
                app.set_focus(None)
                await pilot.pause()
                after, can = screen_text(app), app.check_action("take", ())
                line = Content.from_markup(app.connection).plain
                await pilot.press("1", "enter")  # nothing to give
                await pilot.pause()
                moves = table.moves
                await app.action_quit()
            assert not records.tracebacks()
            return before, after, line, moves, (could, can)

    before, after, line, moves, take = run(main())
    last = lambda shown: [row for row in shown.splitlines() if row.strip()][-1]  # noqa: E731 (the keys)
    assert "Give the order" in last(before) and "other seat free" in before
    assert "Give the order" not in last(after), last(after)
    assert "other seat free" not in line and "the class has ended" in line, line
    assert "The facilitator has ended the class" in after
    assert moves == 0 and take == (True, False)
