"""B15: an Enter meant for a chapter card or a report never orders the decision highlighted on the desk."""

from __future__ import annotations

import asyncio

from textual import events

from game.model import Side
from game.ui.screens.desk import GameScreen
from game.ui.screens.phase_card import PhaseCard
from game.ui.screens.report import TurnReport
from game.ui.widgets.decisions import PICK_FIRST

from .test_ui_support import make_app, press, settle, to_desk, told


def _orders(app) -> int:  # type: ignore[no-untyped-def]
    """Orders Kennedy has given: the turns played, and one more if his order waits for Moscow's."""
    state = app.match.game.state
    return len(state.log) + sum(m.side is Side.KENNEDY for m in state.pending)


def _notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in told(app)]


def test_a_double_enter_on_the_chapter_card_orders_nothing(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=99)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PhaseCard)
            for _ in range(2):  # both at once, as the terminal sends a quick double press
                app.post_message(events.Key("enter", "\r"))
            await settle(pilot)
            await press(pilot, "enter")  # and one more once the desk is there
            assert isinstance(app.screen, GameScreen)
            assert _orders(app) == 0
            assert PICK_FIRST in _notices(app)  # the desk says what Enter waits for
            await press(pilot, "down", "enter")  # an arrow picks: Enter then orders the one shown
            assert _orders(app) == 1

    asyncio.run(go())


def test_after_a_report_enter_waits_for_a_new_pick(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=99)
        async with app.run_test(size=(100, 32)) as pilot:
            desk = await to_desk(pilot)
            await press(pilot, "1", "1")  # the same number twice orders it
            assert _orders(app) == 1
            for _ in range(20):  # the turn's report and chapter pages, each with a double Enter
                if app.screen is desk:
                    break
                assert isinstance(app.screen, (TurnReport, PhaseCard)), app.screen
                await press(pilot, "enter", "enter")
            assert app.screen is desk and desk.match.game.legal_moves(Side.KENNEDY)
            assert _orders(app) == 1  # the Enter that reached the desk ordered nothing
            await press(pilot, "2", "enter")  # a number picks, Enter orders
            assert _orders(app) == 2

    asyncio.run(go())
