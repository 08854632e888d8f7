"""The keys a page names do what it says: F1 is help where `?` is a character of a letter, and ctrl+q asks
first from a game's first page on."""

from __future__ import annotations

import asyncio

from textual.widgets import TextArea

from game.ui.screens.composer import ComposerScreen
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.free_letter import FreeLetterScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.phase_card import PhaseCard

from .test_ui_support import make_app, press, screen_text, settle, to_desk


def test_in_the_composers_a_question_mark_is_written_and_f1_is_the_help_key_they_name(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "l")
            assert isinstance(app.screen, ComposerScreen)
            footer = screen_text(app).splitlines()[-1]
            assert "F1" in footer and "?" not in footer, footer  # (words may be cut at 80 columns)
            await press(pilot, "ctrl+o")
            free = app.screen
            assert isinstance(free, FreeLetterScreen)
            await press(pilot, "o", "k", "question_mark")
            assert free.query_one("#free-text", TextArea).text == "ok?"  # a character of the letter
            footer = screen_text(app).splitlines()[-1]
            assert "F1" in footer and "?" not in footer, footer  # (words may be cut at 80 columns)
            await press(pilot, "f1")
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            assert "F1 Help" in text and "? Help" not in text

    asyncio.run(go())


def test_ctrl_q_on_the_first_chapter_card_asks_first(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            card = app.screen
            assert isinstance(card, PhaseCard) and not app.match.game.state.log
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen) and app.return_code is None
            assert "No turn is finished yet" in screen_text(app)
            await press(pilot, "escape")  # keep playing
            assert app.screen is card and app.return_code is None

    asyncio.run(go())
