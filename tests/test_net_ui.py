"""The Textual game over the network, with Pilot, against a live server on loopback."""

from __future__ import annotations

import asyncio

from textual.content import Content
from textual.widgets import Static

from game.model import Side
from game.net import client
from game.net.client import Seat
from game.net.server import HUB, start
from game.net.sqlite import SqliteStorage
from game.scenario import catalog
from game.ui.remote import RemoteApp
from game.ui.widgets.decisions import DecisionPanel
from tests.net_support import LIMIT, run, to_desk, until


def shown(app: RemoteApp, selector: str) -> str:
    return str(app.screen_stack[0].query_one(selector, Static).render())  # the desk, under any page


def shown_in(screen, selector: str) -> str:  # noqa: ANN001
    return str(screen.query_one(selector, Static).render())


def test_join_move_and_see_the_other_move_arrive(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        hub = runner.app[HUB]
        try:
            made = await client.create_table(url, "thirteen-days", 3, {})
            app = RemoteApp(s, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                assert app.view.side is Side.KENNEDY and app.view.turn == 1
                await pilot.press("question_mark")  # help says what this desk is, and its own keys
                await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
                assert "over the network" in app.screen.topic and "Keys on this page" in app.screen.topic
                assert "**w** Write" in app.screen.topic
                await pilot.press("escape")
                first = app.query_one(DecisionPanel).moves[0]
                await pilot.press("1", "enter")  # the first decision, picked then ordered
                await until(pilot, lambda: app.view.my_move is not None, "the order given")
                waiting = str(app.query_one("#decision-about", Static).render())  # nobody there: no timer
                assert "Khrushchev's seat is free: the turn waits for someone to take it" in waiting
                assert hub.tables[made["code"]].game.state.pending[0].decision == first.decision
                # Khrushchev joins (a bot) and moves: his move arrives on Kennedy's screen
                bot = asyncio.create_task(client.play_bot(url, made["code"], "pragmatist", side="khrushchev"))
                await until(pilot, lambda: app.view.turn == 2, "the next turn")
                theirs = hub.tables[made["code"]].game.state.log[0].moves[1]
                feed = shown(app, "#remote-feed")
                label = s.decision(theirs.decision).label
                assert (label in feed) if not s.decision(theirs.decision).covert else "did not see" in feed
                assert f"You: {s.decision(first.decision).label}" in feed.replace("\n", " ")
                # the turn's report is up, as on the local desk: both orders, what moved, history
                report = app.screen
                assert type(report).__name__ == "TurnReport" and report.title_text.startswith("Report · ")
                body = Content.from_markup(report.markup).plain.replace("\n", " ")
                assert f"You: {s.decision(first.decision).label}" in body
                assert (label in body) if not s.decision(theirs.decision).covert else "did not see" in body
                assert "IN HISTORY" in body  # spoilers are on at a plain table
                await pilot.press("1")  # a key meant for the desk is not taken while the report is up
                assert app.view.my_move is None
                await to_desk(pilot, app)
                # play on to the ending: its headline on the screen
                while app.view.ending is None:
                    turn = app.view.turn
                    await until(pilot, lambda: app.view.ending or app.view.legal, "a decision to make")
                    if app.view.ending is None:
                        await to_desk(pilot, app)
                        await pilot.press("1", "enter")
                        await until(
                            pilot, lambda t=turn: app.view.turn > t or app.view.ending, "the turn over"
                        )
                end = s.ending(hub.tables[made["code"]].game.state.ending)
                assert end.headline in shown(app, "#decision-about")
                assert not app.check_action("take", ())  # no order to give: Enter is not offered
                # the last report, then the front page: the whole game, fetched once it is over
                await to_desk(pilot, app)
                await until(pilot, lambda: type(app.screen).__name__ == "EndingScreen", "the front page")
                paper = app.screen
                await until(pilot, lambda: paper.query("#verdict") and shown_in(paper, "#verdict"), "built")
                assert end.headline in shown_in(paper, "#headline")
                assert "Khrushchev" in shown_in(paper, "#scores")  # both leaders scored
                foot = shown_in(paper, "#verdict")
                assert "t: timeline" in foot and "new game" not in foot  # no new game over the network
                assert app.finished is not None and app.finished.game.state.digest() == (
                    hub.tables[made["code"]].game.state.digest()
                )
                await pilot.press("t")
                await until(pilot, lambda: type(app.screen).__name__ == "TimelineScreen", "the timeline")
                assert not app.screen.check_action("branch", ())  # no going back at a table
                await pilot.press("escape")
                await pilot.press("n")  # nothing: not a key of the network desk
                assert type(app.screen).__name__ == "EndingScreen"
                # the seat's credential is kept on this machine, to take the seat back later
                assert client.recall(url, made["code"], "kennedy") == app.seat.credential
                # the server goes away: the screen says so and keeps trying
                bot.cancel()
                await runner.cleanup()
                await until(pilot, lambda: "lost the connection" in shown(app, "#remote-connection"), "lost")
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), limit=LIMIT * 2)


def test_a_letter_written_on_a_remote_seat_reaches_the_other_seat(tmp_path, monkeypatch):
    """Kennedy writes with the local game's composer, the letter goes with his order (the server's engine
    checks it as it applies the move), and it arrives on Khrushchev's seat."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        hub = runner.app[HUB]
        frames: list[dict] = []
        try:
            made = await client.create_table(url, "thirteen-days", 3, {})
            app = RemoteApp(s, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(120, 40)) as pilot:
                bot = asyncio.create_task(
                    client.play_bot(url, made["code"], "dove", side="khrushchev", frames=frames)
                )
                # on to a turn where a channel is open to Kennedy
                while not (app.view and app.view.legal and app.view.channels and app.view.my_move is None):
                    await until(
                        pilot, lambda: app.view is not None and (app.view.legal or app.view.ending), "a turn"
                    )
                    assert app.view.ending is None, "the game ended before a letter could be written"
                    if not app.view.channels and app.view.my_move is None:
                        turn = app.view.turn
                        await to_desk(pilot, app)
                        await pilot.press("1", "enter")
                        await until(pilot, lambda t=turn: app.view.turn > t, "the next turn")
                await to_desk(pilot, app)
                await pilot.press("w")
                await until(pilot, lambda: app.screen.__class__.__name__ == "ComposerScreen", "the composer")
                await pilot.press("space")  # the first term, in
                await pilot.press("ctrl+s")
                await until(pilot, lambda: app.draft is not None, "the letter sealed")
                assert "Your letter" in shown(app, "#remote-feed")
                sent_turn = app.view.turn
                await pilot.press("1", "enter")  # the order, with the letter
                await until(pilot, lambda: app.view.turn > sent_turn or app.view.ending, "the turn over")
                assert app.draft is None
                mail = [m for m in hub.tables[made["code"]].game.state.mail if m.sender is Side.KENNEDY]
                assert mail, "the letter did not go with the order"
                # Khrushchev's seat sees it once it is delivered
                await until(
                    pilot,
                    lambda: any(
                        m["id"] == mail[0].id and m["delivered"]
                        for f in frames
                        if f["kind"] == "view"
                        for m in f["view"]["letters"]
                    ),
                    "the letter on Khrushchev's seat",
                )
                bot.cancel()
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), limit=LIMIT * 2)


def test_a_students_screen_shows_the_facilitators_news_timer_reveal_and_end(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        try:
            made = await client.create_class(url, "thirteen-days", 1, 2, "hawk")
            code, teacher = made["code"], made["teacher"]
            app = RemoteApp(s, Seat(url, code, retries=2, delay=0.05), spoilers=False)
            async with app.run_test(size=(120, 40)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")

                async def teacher_does(route: str, body: dict) -> None:
                    await client.class_call(url, code, teacher, "POST", route, body)

                await teacher_does("inject", {"text": "Radio Moscow: talks at the UN", "kind": "news"})
                await until(pilot, lambda: "Radio Moscow" in shown(app, "#remote-feed"), "the news")
                assert shown(app, "#remote-feed").lstrip().startswith("From the facilitator")
                # a turn later the note is no longer the first thing on the desk, but is still there
                turn = app.view.turn
                await pilot.press("1", "enter")
                await until(pilot, lambda: app.view.turn > turn, "the next turn")
                await to_desk(pilot, app)
                feed = shown(app, "#remote-feed").lstrip()
                assert not feed.startswith("From the facilitator") and "Earlier from the facilitator" in feed
                assert "Radio Moscow" in feed
                await teacher_does("timer", {"minutes": 5})
                await until(
                    pilot, lambda: "left on this turn" in shown(app, "#remote-connection"), "the clock"
                )
                assert "5:00" in shown(app, "#remote-connection") or "4:5" in shown(app, "#remote-connection")
                told: list[tuple[str, str]] = []  # every toast, kept: a toast expires on the wall clock,
                notify = app.notify  # which a loaded machine can run past between two looks

                def recording(message, *, title="", **kw):  # noqa: ANN001, ANN003, ANN202
                    told.append((str(title), str(message)))
                    return notify(message, title=title, **kw)

                app.notify = recording  # type: ignore[method-assign]
                await teacher_does("inject", {"id": "u2_shot_down"})  # its title as written (G9)
                titles = lambda: [title for title, _ in told]  # noqa: E731
                await until(pilot, lambda: any("U-2" in t for t in titles()), "the toast")
                assert any(t.startswith("A U-2") and "Cuba" in t for t in titles()), titles()
                await teacher_does("pause", {"paused": True})  # a key meant for the order says why not
                await until(pilot, lambda: bool(app.frame.get("paused")), "the pause")
                await pilot.press("1", "enter")
                await until(pilot, lambda: any("paused by the facilitator" in m for _, m in told), "why not")
                assert not app.check_action("take", ()) and app.view.my_move is None
                await teacher_does("pause", {"paused": False})
                await until(pilot, lambda: not app.frame.get("paused"), "the game resumed")
                await teacher_does("reveal", {})
                await until(pilot, lambda: app.spoilers, "history revealed")
                await teacher_does("end", {})
                await until(pilot, lambda: "ended the class" in shown(app, "#decision-about"), "the end")
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), limit=LIMIT * 2)
