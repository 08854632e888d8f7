"""Promises and the real letters on the network desk, with Pilot, against a live server on loopback: a
seat breaks a promise on its promises page, the order carries it, the server checks it, the other side's
report and the table's export show it. (il28-endgame opens with the agreement of October 28 in force.)"""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace

import aiohttp
from textual.content import Content
from textual.widgets import Static

from game.ai.policies import POLICIES
from game.engine.state import Compliance
from game.net import client, protocol
from game.net.client import Seat
from game.promises import order_breaks
from game.scenario import catalog
from game.ui import letter_text as lt
from game.ui.remote import RemoteApp
from game.ui.remote_pages import Reports
from game.ui.screens.obligations import ObligationsScreen
from game.ui.screens.real_letters import RealLettersScreen
from game.ui.widgets.decisions import DecisionPanel
from game.ui.widgets.reader import ChoiceList
from tests.net_support import LIMIT, replayed, run, served, to_desk, until
from tests.test_ui_support import screen_text

S = catalog.get("il28-endgame")
TERM = "remove_jupiters"  # Kennedy's secret promise of October 28
KEY = f"A1:{TERM}"  # ... under the agreement the game opens with
LABEL = S.negotiation.term(TERM).label


async def moscow(url: str, code: str, frames: list[dict]) -> None:
    """Khrushchev's seat: the dove's order each turn, every frame kept; ends at turn 2."""
    seat = Seat(url, code, side="khrushchev", retries=2, delay=0.05)

    async def on_frame(frame: dict) -> bool:
        if frame.get("kind") != "view":
            return False
        frames.append(frame)
        view = protocol.view_from_dict(frame["view"])
        if view.turn >= 2 or view.ending is not None:
            return True
        if view.my_move is None and view.legal:
            await seat.move(POLICIES["dove"](S, view, 1))
        return False

    await seat.run(on_frame)


def footer(app: RemoteApp) -> str:
    """The screen's last row as a person sees it (its keys)."""
    return screen_text(app).splitlines()[-1]


def test_a_seat_breaks_a_promise_on_its_page_and_the_other_side_and_the_export_see_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_table(url, S.id, 3, {})
            frames: list[dict] = []
            other = asyncio.create_task(moscow(url, made["code"], frames))
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                await to_desk(pilot, app)
                feed = lambda: str(app.query_one("#remote-feed", Static).render())  # noqa: E731
                assert "3 owed, kept unless you choose otherwise (o to delay or break one)" in feed()
                await pilot.press("question_mark")  # the help names the page and its key
                await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
                assert "**o** Promises" in app.screen.topic and "promises" in app.screen.topic
                await pilot.press("escape")
                await pilot.press("o")
                await until(pilot, lambda: isinstance(app.screen, ObligationsScreen), "the promises")
                page = app.screen
                keys = footer(app)
                assert "b Break" in keys and "k Keep" in keys, keys  # its keys fit at 80 columns
                terms = [o.term for _, o in page.owed]
                await pilot.press(*["down"] * terms.index(TERM), "b")
                assert page.choice("A1", TERM) == "break"
                await pilot.press("escape")
                await until(pilot, lambda: not isinstance(app.screen, ObligationsScreen), "the desk")
                assert f"BREAK {LABEL} (A1)" in feed()
                panel = app.query_one(DecisionPanel)
                pick = next(i for i, m in enumerate(panel.moves) if m.decision not in panel.wars)
                await pilot.press(str(pick + 1), "enter")
                await until(pilot, lambda: app.view.turn == 2, "the turn played")
                assert not app.compliance  # it went with the order
                await asyncio.wait_for(other, LIMIT)
                await app.action_quit()
            export = await client.export_table(url, made["code"], made["owner"])
            assert not records.tracebacks()
            return frames, export

    frames, export = run(main(), limit=LIMIT * 2)
    kennedy = [m for m in export["moves"] if m["side"] == "kennedy"]
    assert kennedy[0]["compliance"] == [[KEY, "break"]]
    game = replayed(export)  # the export replays the broken promise
    assert game.state.digest() == export["digest"]
    assert game.state.log[0].moves[0].compliance == ((KEY, Compliance.BREAK),)
    # Khrushchev's report of the turn, as his desk builds it from his frames: the promise broken
    reports, shown = Reports(), []
    for frame in frames:
        shown += reports.pages(S, protocol.view_from_dict(frame["view"]), True)
    body = Content.from_markup(shown[0][1]).plain
    assert f"Promise broken: Kennedy broke {LABEL}" in body


def test_a_bad_promise_in_an_order_is_refused_with_a_reason(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_table(url, S.id, 3, {"khrushchev": "dove"})
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(client.ws_url(url))
                await ws.send_str(json.dumps({"kind": "join", "code": made["code"], "side": "kennedy"}))
                await ws.receive()  # the seat
                view = json.loads((await ws.receive()).data)
                decision = view["view"]["legal"][0]["decision"]
                said = []
                for compliance in (
                    [[KEY, "explode"]],  # neither delay nor break
                    [["withdraw_il28", "break"]],  # Khrushchev's promise, not Kennedy's
                    [["no_such_term", "delay"]],
                    [[KEY, "break"], [KEY, "delay"]],  # twice
                    [[f"A9:{TERM}", "break"]],  # no such agreement
                    "break",
                ):
                    move = {"decision": decision, "compliance": compliance}
                    await ws.send_str(
                        json.dumps({"kind": "move", "turn": 1, "state": view["state"], "move": move})
                    )
                    said.append(json.loads((await ws.receive()).data))
                    await ws.receive()  # the view after the refusal
                table = hub.tables[made["code"]]
                pending = [m.side.value for m in table.game.state.pending]  # the dove's move only
                assert table.game.state.turn == 1 and pending == ["khrushchev"]  # nothing applied
                move = {"decision": decision, "compliance": [[KEY, "delay"]]}  # a good one goes
                sent = {"kind": "move", "turn": 1, "state": view["state"], "move": move}
                await ws.send_str(json.dumps(sent))
                after = json.loads((await ws.receive()).data)
                await ws.close()
            assert not records.tracebacks()
            return said, after, table.game.state.turn

    said, after, turn = run(main())
    assert all(s["kind"] == "error" for s in said)
    reasons = [s["reason"] for s in said]
    assert "should be one of 'delay', 'break', not 'explode'" in reasons[0]
    assert "kennedy owes no promise 'withdraw_il28'" in reasons[1] and KEY in reasons[1]
    assert "no promise 'no_such_term'" in reasons[2]
    assert "once in an order" in reasons[3]
    assert f"no promise 'A9:{TERM}'" in reasons[4]
    assert "'move.compliance' should be a list" in reasons[5]
    assert after["kind"] == "view" and turn == 2


def test_the_real_letters_on_a_seat_keep_spoilers_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    total = len(S.negotiation.letters)

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_table(url, S.id, 3, {"khrushchev": "dove"})
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05), spoilers=False)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                await to_desk(pilot, app)
                await pilot.press("h")
                await until(pilot, lambda: isinstance(app.screen, RealLettersScreen), "the real letters")
                direct = Content.from_markup(app.screen.markup).plain
                await pilot.press("escape")
                await pilot.press("m")  # and from the letters page, as on the local desk
                await until(pilot, lambda: type(app.screen).__name__ == "SeatLetters", "the letters")
                await pilot.press("h")
                await until(pilot, lambda: isinstance(app.screen, RealLettersScreen), "the real letters")
                again = Content.from_markup(app.screen.markup).plain
                await pilot.press("escape")
                await pilot.press("o")  # the promises page too
                await until(pilot, lambda: isinstance(app.screen, ObligationsScreen), "the promises")
                listed = len(app.screen.query_one(ChoiceList).options)
                await app.action_quit()
            return direct, again, listed

    direct, again, listed = run(main())
    today = "1962-10-30"  # the game's first turn
    hidden = total - len(lt.real_letters_shown(S, today, False, False))
    assert 0 < hidden < total  # some of the bombers' letters came before, some after
    assert direct == again and f"Spoilers are off: {hidden} more real letter(s)" in direct
    assert listed == 3


def test_the_network_desk_warns_before_an_order_that_breaks_a_promise(tmp_path, monkeypatch):
    """As the local desk does (net10's note): an order that defies a promise owed now says so under it.
    The table's opening agreement is made to fall due today: the quarantine's end owed on the first turn."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_table(url, S.id, 3, {"khrushchev": "dove"})
            game = hub.tables[made["code"]].game
            due = tuple(
                replace(a, obligations=tuple(replace(o, due=game.state.date) for o in a.obligations))
                for a in game.state.agreements
            )
            game.state = replace(game.state, agreements=due)
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(100, 40)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                await to_desk(pilot, app)
                panel = app.query_one(DecisionPanel)
                expected = order_breaks(S, app.view)
                warned = next(i for i, m in enumerate(panel.moves) if m.decision in expected)
                await pilot.press(str(warned + 1))  # highlighted, not yet given
                await pilot.pause()
                shown = screen_text(app)
                await app.action_quit()
            assert not records.tracebacks()
            return panel.breaks, expected, shown

    breaks, expected, shown = run(main())
    assert expected and breaks == expected
    left = " ".join(
        " ".join(line.split("│")[0].split()) for line in shown.splitlines()
    )  # the decisions' column
    assert "This breaks your promise to Khrushchev: Lift the quarantine" in left, shown


def test_a_break_chosen_from_the_letters_page_shows_on_the_desk(tmp_path, monkeypatch):
    """J11: m, then o, then b on a promise, then back to the desk: the desk says the promise is broken
    (it said 'all kept' until o was pressed from the desk itself)."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_table(url, S.id, 3, {"khrushchev": "dove"})
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                await to_desk(pilot, app)
                feed = lambda: str(app.query_one("#remote-feed", Static).render())  # noqa: E731
                before = feed()
                await pilot.press("m")
                await until(pilot, lambda: type(app.screen).__name__ == "SeatLetters", "the letters")
                await pilot.press("o")
                await until(pilot, lambda: isinstance(app.screen, ObligationsScreen), "the promises")
                terms = [o.term for _, o in app.screen.owed]
                await pilot.press(*["down"] * terms.index(TERM), "b", "escape")
                await until(pilot, lambda: type(app.screen).__name__ == "SeatLetters", "the letters")
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is app.screen_stack[0], "the desk")
                after = feed()
                await app.action_quit()
            assert not records.tracebacks()
            return before, after

    before, after = run(main())
    assert "3 owed, kept unless you choose otherwise (o to delay or break one)" in before
    assert "all kept" not in before  # not yet due: not yet kept either
    assert f"BREAK {LABEL} (A1)" in after, after
