"""A seat's report says when its time ran out and the default order was given for it, and names the
facilitator's injects beside the changes they made (play-test 8, H4 and H12); while the other seat is
free, the top line says so instead of 'Khrushchev is considering...'. A real server on 127.0.0.1 with
its clock moved by the test (nothing sleeps for the turn's time)."""

from __future__ import annotations

from textual.content import Content

from game.engine import injects
from game.net import client
from game.net.client import Seat
from game.net.clock import READING
from game.scenario import catalog
from game.ui.remote import RemoteApp
from game.ui.screens.report import TurnReport
from tests.net_support import run, served, until

MINUTES = 1.0


def top_line(app: RemoteApp) -> str:
    return app.screen_stack[0].query_one("#status-who").render_line(0).text


def plain(markup: str) -> str:
    return Content.from_markup(markup).plain


def test_a_report_says_the_time_ran_out_and_names_the_inject(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")
    now = [500.0]
    clocks = {"clock": lambda: now[0], "wall": lambda: 1_900_000_000.0 + now[0]}
    item = s.injects[0]

    async def main():
        async with served(tmp_path / "t.db", clocks=clocks) as (url, hub, records):
            made = await client.create_table(url, "thirteen-days", 3, {})
            table = hub.tables[made["code"]]
            hub.control(table, "timer", {"minutes": MINUTES})
            app = RemoteApp(s, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and bool(app.view.legal), "the first view")
                await pilot.press("1", "enter")
                await until(pilot, lambda: app.view.my_move is not None, "the order given")
                given = s.decision(app.view.my_move.decision).label
                free = top_line(app)
                assert "considering" not in free and "Khrushchev's seat is free" in free, free
                now[0] += MINUTES * 60 + 1  # Khrushchev's free seat gets the default: the turn resolves
                await until(pilot, lambda: isinstance(app.reading, TurnReport), "the first report")
                first = app.reading
                hub.inject(table, injects.make(None, item.id))  # while the student reads the report
                now[0] += READING + MINUTES * 60 + 1  # ... the next turn's time runs out too, unread
                await until(pilot, lambda: len(app.pages) == 1, "the second report, waiting")
                await pilot.press("enter")
                await until(pilot, lambda: app.reading not in (None, first), "the second report shown")
                mine = plain(first.markup)
                later = plain(app.reading.markup)
                news = plain(app._news())
                await app.action_quit()
            assert not records.tracebacks()
            timeout = next(c for c in table.controls if c["action"] == "timeout" and c["side"] == "kennedy")
            return mine, later, news, given, s.decision(timeout["decision"]).label

    mine, later, news, given, defaulted = run(main())
    assert given in mine
    assert "time ran out" not in mine  # the first order was the student's own
    said = f"Your time ran out: the default order was given ({defaulted})."
    assert said in later, later
    assert later.index(said) < later.index(item.title)  # under the orders, before the changes
    assert f"From the facilitator ({item.kind.value}) {item.title}" in later
    assert news.count("time ran out") + news.count("Time ran out") == 1, news  # once, not doubled
