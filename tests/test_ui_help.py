"""Help on every page (`?` and F1), and pages that close once: the hand-over under the help."""

from __future__ import annotations

import asyncio

from textual import events

from game.model import Side
from game.ui.screens.game import GameScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.phase_card import PhaseCard

from .test_ui_support import MINI, make_app, press, settle


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
