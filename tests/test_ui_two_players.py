"""Two players at one keyboard: no opponent to choose, and each hand-over says only what is true."""

from __future__ import annotations

import asyncio

from textual.widgets import RadioSet

from game.ui.screens.desk import GameScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.new_game import NewGameScreen

from .test_ui_support import MINI, make_app, press, screen_text, settle, tap
from .waits import until


def test_both_players_leaves_no_opponent_to_choose(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            page = app.screen
            assert isinstance(page, NewGameScreen)
            opponent = page.query_one("#opponent", RadioSet)
            assert not opponent.disabled
            await press(pilot, "down", "down")  # Play as: Both
            assert opponent.disabled and "no computer opponent" in screen_text(app)
            await press(pilot, "up")  # Khrushchev: a computer plays Kennedy again
            assert not opponent.disabled

    asyncio.run(go())


def test_each_hand_over_comes_after_the_leaving_players_orders(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "both", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            hand_overs = 0
            for _ in range(400):
                screen = app.screen
                if isinstance(screen, EndingScreen):
                    break
                if isinstance(screen, HandoverScreen):
                    hand_overs += 1
                    desk = next(s for s in app.screen_stack if isinstance(s, GameScreen))
                    leaving = desk.viewer.other  # the desk has passed to the next player behind the page
                    assert leaving not in app.match.game.sides_to_act(), "handed over before its orders"
                    # the page is up; its first paint can lag the key on a loaded machine
                    sealed = lambda: "your orders are sealed" in screen_text(app)  # noqa: E731
                    await until(pilot, sealed, "the page's words")
                await tap(pilot, "1" if isinstance(screen, GameScreen) else "enter")
            assert isinstance(app.screen, EndingScreen) and hand_overs >= 2

    asyncio.run(go())
