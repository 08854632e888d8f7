"""Help on every page (`?` and F1), and pages that close once: the hand-over under the help."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from game.model import Side
from game.ui.screens.desk import GameScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.phase_card import PhaseCard

from .test_ui_support import MINI, make_app, press, screen_classes, screen_text, settle


def run(coro) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(coro)


def test_a_key_meant_for_the_hand_over_under_the_help_does_not_answer_it_twice(tmp_path):
    """Two moves, the hand-over page, help over it, a key still queued for the page, then a key on it."""

    async def go():
        app = make_app(tmp_path, MINI, "both", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "enter", "1", "1")  # Kennedy's card read, then the blockade ordered
            handover = app.screen
            assert isinstance(handover, HandoverScreen)
            app.action_help()
            handover.post_message(events.Key("x", "x"))  # was in the page's queue as the help opened
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)  # the key under the help neither closed nor popped it
            await press(pilot, "escape")
            assert app.screen is handover
            await press(pilot, "x")  # the next player is ready: once, and only once
            assert isinstance(app.screen, PhaseCard)
            await press(pilot, "enter")
            desk = app.screen
            assert isinstance(desk, GameScreen) and desk.viewer is Side.KHRUSHCHEV
            assert not [w for w in app.workers if w.is_finished and w.error is not None]

    run(go())


# ---- help on every page: the pages are found by walking game.ui.screens, not listed by hand -----


def page_makers(match, app):  # type: ignore[no-untyped-def]
    """One way to build each page, for a game in progress (`match`)."""
    from game.model import Side
    from game.ui.screens.composer import ComposerScreen
    from game.ui.screens.confirm import ConfirmScreen
    from game.ui.screens.counsel import CounselScreen
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.flash import FlashScreen
    from game.ui.screens.free_letter import FreeLetterScreen
    from game.ui.screens.gallery import GalleryScreen
    from game.ui.screens.graph import GraphScreen
    from game.ui.screens.in_use import InUseScreen
    from game.ui.screens.letters import LettersScreen, letter_check
    from game.ui.screens.new_game import NewGameScreen
    from game.ui.screens.obligations import ObligationsScreen
    from game.ui.screens.odds import OddsScreen
    from game.ui.screens.real_letters import RealLettersScreen
    from game.ui.screens.report import TurnReport
    from game.ui.screens.save_elsewhere import SaveElsewhereScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.text_page import TextPage
    from game.ui.screens.timeline import TimelineScreen

    s, k = match.scenario, Side.KENNEDY
    return {
        GameScreen: lambda: GameScreen(match),
        HandoverScreen: lambda: HandoverScreen("Khrushchev", "Kennedy", "Monday"),
        HelpScreen: lambda: HelpScreen(None),
        PhaseCard: lambda: PhaseCard("A chapter", "text"),
        TextPage: lambda: TextPage("A page", "text"),
        TurnReport: lambda: TurnReport("A report", "text"),
        CounselScreen: lambda: CounselScreen("Counsel", "text"),
        FlashScreen: lambda: FlashScreen(s.events[0], "Monday", True),
        ConfirmScreen: lambda: ConfirmScreen("Sure?"),
        GalleryScreen: lambda: GalleryScreen(s, app.gallery),
        GraphScreen: lambda: GraphScreen(s),
        TimelineScreen: lambda: TimelineScreen(match, k),
        NewGameScreen: lambda: NewGameScreen(app.setup),
        EndingScreen: lambda: EndingScreen(match, app.gallery),
        LettersScreen: lambda: LettersScreen(match, k),
        ObligationsScreen: lambda: ObligationsScreen(match, k),
        OddsScreen: lambda: OddsScreen(match, 1, (k,), runs=2, jobs=1),
        RealLettersScreen: lambda: RealLettersScreen.of(match, k),
        SavesScreen: lambda: SavesScreen([]),
        InUseScreen: lambda: InUseScreen(Path("g.json"), "process 7 on this machine", Path("g-copy.json")),
        SaveElsewhereScreen: lambda: SaveElsewhereScreen(match),
        ComposerScreen: lambda: ComposerScreen(s, match.view(k), letter_check(match, k)),
        FreeLetterScreen: lambda: FreeLetterScreen(s, match.view(k), letter_check(match, k)),
    }


@pytest.mark.slow  # 44 help pages (Markdown) opened: 36 s of CPU alone, 186 s in the full suite
def test_every_page_has_help_on_question_mark_and_f1(tmp_path):
    """For each page class found in game.ui.screens: ? and F1 open help about that page and its keys."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "enter")  # the opening card read: the desk is up, a game in progress
            match = app.match
            makers = page_makers(match, app)
            assert set(makers) == screen_classes(), "a page without a maker here has no help test"
            for cls, make in makers.items():
                if cls is GameScreen:
                    continue
                if cls.__name__ == "EndingScreen":
                    continue  # needs a game at its end: test_help_on_the_front_page
                for key in ("question_mark", "f1"):
                    page = make()
                    app.push_screen(page)
                    await settle(pilot)
                    assert app.screen is page
                    if key == "question_mark" and isinstance(app.focused, Input | TextArea):
                        app.pop_screen()  # in a text field ? is a character; F1 still opens the help
                        await settle(pilot)
                        continue
                    await press(pilot, key)
                    if cls is HelpScreen:  # ? and F1 on the help close it
                        assert app.screen is not page
                        continue
                    assert isinstance(app.screen, HelpScreen), (cls, key, app.screen)
                    heading = cls.PAGE_HELP.strip().splitlines()[0].lstrip("# ")
                    assert heading and heading in app.screen.topic, cls
                    assert "Keys on this page" in app.screen.topic
                    rows = [
                        r
                        for r in app.screen.topic.split("Keys on this page")[1].splitlines()
                        if r[:3] == "- *"
                    ]
                    said = [r.split("** ", 1)[1] for r in rows]  # playtest E21: '+/- Days' and '- Days'
                    assert len(said) == len(set(said)), (cls, rows)
                    await press(pilot, "escape")
                    assert app.screen is page, (cls, "Escape from the help goes back to the page")
                    app.pop_screen()
                    await settle(pilot)

    run(go())


def test_help_on_the_desk_names_the_letters_keys_and_scrolls_at_80x24(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "enter", "f1")
            help_page = app.screen
            assert isinstance(help_page, HelpScreen)
            assert "Your desk" in help_page.topic
            for key in ("**l** Write", "**m** Letters", "**a** Advisors", "**t** Timeline"):
                assert key in help_page.topic
            scroll = help_page.query_one("#help-scroll")
            assert scroll.max_scroll_y > 0  # more than fits at 80x24 ...
            await press(pilot, "end")
            assert scroll.scroll_y == scroll.max_scroll_y  # ... and all of it reachable by keys
            general = help_page.query_one("#help-general").source
            for words in ("## Letters, counters and promises", "real letters", "## How to win"):
                assert words in general
            await press(pilot, "escape", "escape")  # a second Escape on the desk quits nothing
            assert app.is_running and isinstance(app.screen, GameScreen)

    run(go())


def test_the_opening_says_how_to_win_for_the_side_played(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "khrushchev", seed=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PhaseCard)
            assert "HOW TO WIN, AS KHRUSHCHEV" in app.screen.markup
            assert "[b]Prestige[/b]: at the end, higher with " in app.screen.markup

    run(go())


def test_help_on_the_front_page(tmp_path):
    from game.ui.screens.ending import EndingScreen

    from .test_ui_support import play_to_end

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await play_to_end(pilot)
            assert isinstance(app.screen, EndingScreen)
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen) and "The front page" in app.screen.topic
            assert "**n** New game" in app.screen.topic

    run(go())


def test_the_help_opens_on_its_title(tmp_path):
    """The first line in the help's frame is the title of the page's help (or of the general help)."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=2)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "enter")  # the desk
            for opened, title in ((lambda: press(pilot, "f1"), "Your desk"), (None, "How to play")):
                if opened is None:  # no page under it: the general help alone
                    app.push_screen(HelpScreen(None))
                    await settle(pilot)
                else:
                    await opened()
                assert isinstance(app.screen, HelpScreen)
                lines = screen_text(app).splitlines()
                top = next(i for i, line in enumerate(lines) if "Help" in line and "╭" in line)
                assert title in lines[top + 1], lines[top : top + 4]
                await press(pilot, "escape")

    run(go())
