"""The network desk's reading pages (letters, news, briefing), with Pilot, against a live server on
loopback: Khrushchev is a script that writes Kennedy one proposal and moves when the test lets him."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual.widgets import OptionList, Static

from game.ai.policies import POLICIES
from game.dates import short_date
from game.diplomacy import Answer, Offer
from game.engine.letters import Letter
from game.model import Side
from game.net import client, protocol
from game.net.client import Seat
from game.net.server import HUB, start
from game.net.sqlite import SqliteStorage
from game.scenario import catalog
from game.ui.remote import RemoteApp
from game.ui.widgets.decisions import DecisionPanel
from tests.net_support import LIMIT, run, to_desk, until

S = catalog.get("thirteen-days")
WORDS = "Moscow proposes a trade."


async def moscow(url: str, code: str, go: asyncio.Event) -> None:
    """Khrushchev's seat: the dove's order each turn once `go` is set (then cleared), with a proposal
    (a term of his for one of Kennedy's) in the first letter he may write."""
    seat = Seat(url, code, side="khrushchev", retries=2, delay=0.05)
    wrote, sent = False, set()

    async def on_frame(frame: dict) -> bool:
        nonlocal wrote
        if frame.get("kind") != "view":
            return False
        view = protocol.view_from_dict(frame["view"])
        if view.ending is not None:
            return True
        if view.my_move is not None or not view.legal or (seat.connections, frame["state"]) in sent:
            return False
        sent.add((seat.connections, frame["state"]))
        await go.wait()
        go.clear()
        move = POLICIES["dove"](S, view, 1)
        n = S.negotiation
        mine = [t for t in view.terms if n.term(t).giver is Side.KHRUSHCHEV]
        theirs = [t for t in view.terms if n.term(t).giver is Side.KENNEDY]
        letter = None
        if not wrote and view.channels and mine and theirs:
            letter = Letter(
                view.channels[0], gives=(Offer(mine[0]),), demands=(Offer(theirs[0]),), text=WORDS
            )
            wrote = True
        await seat.move(replace(move, letter=letter))
        return False

    await seat.run(on_frame)


def page_text(app: RemoteApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def order(pilot, app: RemoteApp) -> None:  # noqa: ANN001
    """Kennedy gives an order that starts no war (its number, then Enter), from the desk."""
    await to_desk(pilot, app)
    panel = app.query_one(DecisionPanel)
    pick = next(i for i, m in enumerate(panel.moves) if m.decision not in panel.wars)
    await pilot.press(str(pick + 1), "enter")
    await until(pilot, lambda: app.view.my_move is not None, "the order given")


async def help_about(pilot, app: RemoteApp) -> str:  # noqa: ANN001
    page = app.screen
    await pilot.press("question_mark")
    await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
    topic = app.screen.topic
    await pilot.press("escape")
    await until(pilot, lambda: app.screen is page, "back from the help")
    return topic


def test_the_news_and_briefing_pages_of_a_seat_follow_the_game(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        try:
            made = await client.create_table(url, "thirteen-days", 3, {})
            go = asyncio.Event()
            khrushchev = asyncio.create_task(moscow(url, made["code"], go))
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                desk = await help_about(pilot, app)
                for said in ("**m** Letters", "**n** News", "**b** Briefing", "**m** opens the letters"):
                    assert said in desk
                assert "Letters pages are not on this desk" not in desk
                # the briefing: a page of its own, with its help; b again closes it
                await pilot.press("b")
                await until(pilot, lambda: type(app.screen).__name__ == "BriefingPage", "the briefing")
                assert S.phase(app.view.phase).title.upper() in page_text(app, ".reading-text")
                assert "This turn's briefing for your side" in await help_about(pilot, app)
                await pilot.press("1")  # no order picked from a page over the desk
                assert type(app.screen).__name__ == "BriefingPage"
                await pilot.press("enter")  # Enter closes the page; it gives no order
                await until(pilot, lambda: app.screen is app.screen_stack[0], "the desk again")
                assert app.view.my_move is None
                await pilot.press("b", "b")  # its key opens it, and again closes it
                await until(pilot, lambda: app.screen is app.screen_stack[0], "the desk again")
                # the news, open while the turn resolves: it shows the new turn once it is played
                await order(pilot, app)
                await pilot.press("n")
                await until(pilot, lambda: type(app.screen).__name__ == "NewsPage", "the news")
                news = app.screen
                assert "Every turn so far as your side saw it" in await help_about(pilot, app)
                mine = S.decision(app.view.my_move.decision).label
                assert f"You: {mine}" not in page_text(app, ".reading-text").replace("\n", " ")
                go.set()
                await until(pilot, lambda: app.view.turn == 2, "the turn played")
                await to_desk(pilot, app)  # its report, over the news
                assert app.screen is news
                assert f"You: {mine}" in page_text(app, ".reading-text").replace("\n", " ")
                await pilot.press("n")
                await until(pilot, lambda: app.screen is app.screen_stack[0], "the desk again")
                # a second turn: newest first
                await order(pilot, app)
                go.set()
                await until(pilot, lambda: app.view.turn == 3, "the second turn played")
                await to_desk(pilot, app)
                await pilot.press("n")
                await until(pilot, lambda: type(app.screen).__name__ == "NewsPage", "the news")
                plain = page_text(app, ".reading-text")
                first, second = (short_date(t.date) for t in app.view.log)
                assert first != second and plain.index(second) < plain.index(first)
                khrushchev.cancel()
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), limit=LIMIT * 2)


def test_a_seat_reads_its_letters_on_a_page_and_answers_the_one_it_chooses(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        hub = runner.app[HUB]
        try:
            made = await client.create_table(url, "thirteen-days", 3, {})
            go = asyncio.Event()
            khrushchev = asyncio.create_task(moscow(url, made["code"], go))
            app = RemoteApp(S, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None and app.view.legal, "the first view")
                await pilot.press("m")  # no letters yet: the page says so
                await until(pilot, lambda: type(app.screen).__name__ == "SeatLetters", "the letters")
                assert "No letters yet" in page_text(app, "#letters-detail")
                await pilot.press("enter")  # the desk's Enter gives no order from this page
                assert app.view.my_move is None
                topic = await help_about(pilot, app)
                assert "Letters, over the network" in topic  # with the seat's promises and real letters
                assert "**o** Promises" in topic and "**h** Real letters" in topic
                await pilot.press("m")
                await until(pilot, lambda: app.screen is app.screen_stack[0], "the desk again")
                reported = False
                while app._newest_proposal() is None:  # turns, until Moscow's proposal has come
                    assert app.view.ending is None, "the game ended before the proposal came"
                    turn = app.view.turn
                    await order(pilot, app)
                    go.set()
                    await until(pilot, lambda t=turn: app.view.turn > t or app.view.ending, "the turn")
                    if not reported and type(app.reading).__name__ == "TurnReport":
                        reported = True  # m on a report opens the letters over it; Escape goes back
                        report = app.screen
                        await pilot.press("m")
                        await until(pilot, lambda: type(app.screen).__name__ == "SeatLetters", "letters")
                        await pilot.press("escape")
                        await until(pilot, lambda r=report: app.screen is r, "the report again")
                assert reported, "no turn's report came up"
                await to_desk(pilot, app)
                proposal = app._newest_proposal()
                assert proposal is not None and proposal.letter.text == WORDS
                await pilot.press("m")
                await until(pilot, lambda: type(app.screen).__name__ == "SeatLetters", "the letters")
                page = app.screen
                listed = page.query_one("#letters-list", OptionList)
                assert listed.highlighted == 0 and page.mails[0] == proposal  # newest first
                detail = page_text(app, "#letters-detail")
                assert WORDS in detail and "Khrushchev" in detail
                await pilot.press("a")  # a accepts the letter shown, as on the desk
                await until(pilot, lambda: app.draft is not None, "the acceptance ready")
                assert app.draft.answer is Answer.ACCEPT and app.draft.reply_to == proposal.id
                assert "Your letter" in page_text(app, "#letters-detail")  # on top of the page
                await pilot.press("d")
                assert app.draft is None
                await pilot.press("x")
                await until(pilot, lambda: app.draft is not None, "the refusal ready")
                assert app.draft.answer is Answer.REJECT and app.draft.reply_to == proposal.id
                await pilot.press("c")  # a counter: the composer, with its terms swapped
                await until(pilot, lambda: type(app.screen).__name__ == "ComposerScreen", "the composer")
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is page, "the letters again")
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is app.screen_stack[0], "the desk again")
                assert "Your letter" in str(app.query_one("#remote-feed", Static).render())
                turn = app.view.turn
                await order(pilot, app)  # the refusal goes with it
                await pilot.press("m")  # the page open as the turn is played
                await until(pilot, lambda: type(app.screen).__name__ == "SeatLetters", "the letters")
                page = app.screen
                assert page.current().id == proposal.id
                go.set()
                await until(pilot, lambda: app.view.turn > turn or app.view.ending, "the turn played")
                sent = [m for m in hub.tables[made["code"]].game.state.mail if m.sender is Side.KENNEDY]
                assert [m.letter.answer for m in sent] == [Answer.REJECT]
                assert sent[0].letter.reply_to == proposal.id
                await to_desk(pilot, app)  # the turn's report, over the page
                assert app.screen is page and page.mails[0].id == sent[0].id  # the refusal, on top
                assert page.current().id == proposal.id  # and the letter read stays highlighted
                khrushchev.cancel()
                await app.action_quit()
        finally:
            await runner.cleanup()
            storage.close()

    run(main(), limit=LIMIT * 2)
