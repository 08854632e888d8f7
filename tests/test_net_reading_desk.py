"""The network desk while a student reads the last turn's report (play-test H4): the line says the
report is being read and how long the clock waits for it; leaving the report starts the seat's clock
on the server (a whole turn from then) and the line counts the turn down. A real server on 127.0.0.1
port 0, its clock moved by the test (nothing sleeps for the turn's time)."""

from __future__ import annotations

from textual.content import Content

from game.net import client
from game.net.client import Seat
from game.scenario import catalog
from game.ui.remote import RemoteApp
from game.ui.screens.report import TurnReport
from tests.net_support import run, served, until

MINUTES, READING = 1.0, 50.0


def line(app: RemoteApp) -> str:
    return Content.from_markup(app.connection).plain


def test_the_desk_says_the_report_is_read_and_leaving_it_starts_the_seats_clock(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")
    now = [500.0]
    clocks = {"clock": lambda: now[0], "wall": lambda: 1_900_000_000.0 + now[0]}

    async def main():
        async with served(tmp_path / "t.db", clocks=clocks) as (url, hub, records):
            made = await client.create_table(url, "thirteen-days", 3, {})
            table = hub.tables[made["code"]]
            hub.control(table, "timer", {"minutes": MINUTES, "reading": READING})
            app = RemoteApp(s, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            app._now = lambda: now[0]  # the desk counts down on the test's clock too
            seen = {}
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and bool(app.view.legal), "the first view")
                seen["turn 1"] = line(app)
                await pilot.press("1", "enter")
                await until(pilot, lambda: app.view.my_move is not None, "the order given")
                now[0] += MINUTES * 60 + 1  # Khrushchev's free seat gets the default: the turn resolves
                await until(pilot, lambda: isinstance(app.reading, TurnReport), "the report")
                await until(pilot, lambda: app.read_until is not None, "the report's reading time")
                frame = f"#{TurnReport.FRAME_ID}"
                await until(pilot, lambda: bool(app.reading.query(frame)), "the report on the screen")
                seen["readers"] = set(table.clock.readers)
                now[0] += 20
                app._tick()
                seen["reading"] = line(app)
                seen["subtitle"] = app.reading.query_one(frame).border_subtitle
                await pilot.press("enter")  # leaves the report
                await until(pilot, lambda: not table.clock.readers, "the server told")
                await until(pilot, lambda: "reading" not in (app.frame.get("timer") or {}), "the new view")
                seen["desk"] = line(app)
                seen["server"] = table.clock.public(now[0], side="kennedy")
                now[0] += MINUTES * 60 - 1  # within the seat's own time (20 s read + a whole turn)
                hub.expire()  # the free seat's default is given on time; Kennedy's time is not up
                seen["still"] = (table.game.state.turn, table.waiting_for())
                await app.action_quit()
            assert not records.tracebacks()
            return seen

    seen = run(main())
    assert "reading" not in seen["turn 1"] and "1:00 left on this turn" in seen["turn 1"]
    assert seen["readers"] == {"kennedy"}  # the free seat reads nothing: its default comes on time
    assert seen["reading"].startswith("0:30 to read, then 1:00 for your orders"), seen["reading"]
    subtitle = str(seen["subtitle"])  # whole at 80 columns, beside the report's own keys
    assert subtitle.endswith("0:30 to read, then 1:00 for your orders") and len(subtitle) <= 76, subtitle
    assert seen["desk"].startswith("1:00 left on this turn"), seen["desk"]
    assert seen["server"] == {"minutes": MINUTES, "seconds_left": MINUTES * 60}
    assert seen["still"] == (2, ["kennedy"])


def top_line(app: RemoteApp) -> str:
    return app.screen_stack[0].query_one("#status-who").render_line(0).text


def test_the_other_seat_reading_the_report_is_not_considering_yet(tmp_path, monkeypatch):
    import json

    import aiohttp

    from game.net import protocol
    from game.net.client import ws_url
    from tests.test_net_reading_clock import order

    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")
    now = [500.0]
    clocks = {"clock": lambda: now[0], "wall": lambda: 1_900_000_000.0 + now[0]}

    async def main():
        async with served(tmp_path / "t.db", clocks=clocks) as (url, hub, records):
            made = await client.create_table(url, "thirteen-days", 3, {})
            table = hub.tables[made["code"]]
            hub.control(table, "timer", {"minutes": MINUTES, "reading": READING})
            seen = {}
            async with aiohttp.ClientSession() as session:
                other = await session.ws_connect(ws_url(url))  # Khrushchev: a student on another machine
                await other.send_str(json.dumps({"kind": "join", "code": made["code"], "side": "khrushchev"}))
                app = RemoteApp(s, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
                async with app.run_test(size=(80, 24)) as pilot:
                    await until(
                        pilot, lambda: app.view is not None and bool(app.view.legal), "the first view"
                    )
                    await pilot.press("1", "enter")
                    await until(pilot, lambda: app.view.my_move is not None, "Kennedy's order")
                    from game.model import Side

                    await order(other, json.loads(hub.frame(table, Side.KHRUSHCHEV)))
                    await until(pilot, lambda: isinstance(app.reading, TurnReport), "the report")
                    await pilot.press("enter")  # Kennedy leaves the report and gives his order at once
                    await until(pilot, lambda: bool(app.view.legal) and app.reading is None, "the desk")
                    await pilot.press("1", "enter")
                    await until(pilot, lambda: app.view.my_move is not None, "Kennedy's second order")
                    await until(pilot, lambda: "reading" in top_line(app), "the top line says so")
                    seen["reading"] = top_line(app)
                    theirs = json.loads(hub.frame(table, Side.KHRUSHCHEV))["timer"]
                    seen["timers"] = (app.frame["timer"], theirs["seconds_left"])
                    await other.send_str(protocol.encode("read", turn=2))  # Khrushchev leaves it
                    await until(pilot, lambda: "considering" in top_line(app), "considering now")
                    seen["considering"] = top_line(app)
                    await app.action_quit()
                await other.close()
            assert not records.tracebacks()
            return seen

    seen = run(main())
    assert "Khrushchev is reading the report" in seen["reading"], seen
    mine, theirs = seen["timers"]  # Kennedy has moved: his line counts down to the turn's end, Khrushchev's
    assert mine == {"minutes": MINUTES, "seconds_left": theirs} and theirs == MINUTES * 60 + READING
    assert "Khrushchev is considering" in seen["considering"], seen
