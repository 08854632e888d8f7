"""Letters and the turn's report: `m` on a report opens the letters it announces, and `m` pressed as an
order goes waits for the report instead of opening a page over the turn before."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events

from game.persistence.gallery import Gallery
from game.ui.app import CrisisApp
from game.ui.screens.desk import GameScreen
from game.ui.screens.flash import FlashScreen
from game.ui.screens.letters import LettersScreen
from game.ui.screens.report import TurnReport
from game.ui.setup import Setup

from .test_ui_support import press, screen_text, settle, to_desk


def first_turn_app(tmp_path: Path) -> CrisisApp:
    """The playtest's game (thirteen-days, seed 505): his first letter comes with the first report."""
    setup = Setup("thirteen-days", "kennedy", "pragmatist", 505)
    return CrisisApp(setup, skip_menu=True, think_time=0, gallery=Gallery(tmp_path))


async def to_report(pilot) -> None:  # type: ignore[no-untyped-def]
    while isinstance(pilot.app.screen, FlashScreen):
        await press(pilot, "enter")
    assert isinstance(pilot.app.screen, TurnReport), pilot.app.screen


def test_m_on_the_report_opens_the_letter_it_announces(tmp_path):
    async def go():
        app = first_turn_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "1", "1")
            await to_report(pilot)
            assert "Press m to read it" in screen_text(app)
            report = app.screen
            await press(pilot, "m")
            assert isinstance(app.screen, LettersScreen)
            text = screen_text(app)
            assert "No letters yet" not in text and "Khrushchev" in text
            await press(pilot, "escape")
            assert app.screen is report  # back on the report, which Enter then closes

    asyncio.run(go())


def test_m_pressed_with_the_order_opens_the_letters_after_the_report(tmp_path):
    async def go():
        app = first_turn_app(tmp_path)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            desk = await to_desk(pilot)
            for key in "11m":  # as a fast typist's keys reach the app: all before the order is taken
                app.post_message(events.Key(key, key))
            await settle(pilot)
            assert not isinstance(app.screen, LettersScreen), "the letters opened over the turn before"
            await to_report(pilot)
            assert len(app.match.game.state.log) == 1  # the turn was resolved
            while not isinstance(app.screen, GameScreen | LettersScreen):
                await press(pilot, "enter")
            assert isinstance(app.screen, LettersScreen)  # the letters asked for, after the report
            assert "No letters yet" not in screen_text(app)
            await press(pilot, "escape")
            assert app.screen is desk

    asyncio.run(go())
