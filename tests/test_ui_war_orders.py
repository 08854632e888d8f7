"""E24 on the desk: an order that may start a war is asked about on a page of its own, naming the order;
pressing its number again (or Enter) does not give it, y does. At 80x24 and 200x60."""

from __future__ import annotations

import asyncio

import pytest
from textual import events

from game.model import Side
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.desk import GameScreen

from .test_ui_support import make_app, press, screen_text, settle, to_desk


def _orders(app) -> int:  # type: ignore[no-untyped-def]
    """Orders Kennedy has given: the turns played, and one more if his order waits for Moscow's."""
    state = app.match.game.state
    return len(state.log) + sum(m.side is Side.KENNEDY for m in state.pending)


async def _order(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Give the order under `key` (its number twice) and read every page until the desk is back."""
    given = _orders(pilot.app)
    await press(pilot, key, key)
    assert _orders(pilot.app) == given + 1
    await to_desk(pilot)


async def _tap_fast(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Keys queued all at once, as a quick player's fingers send them, then the app settles."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_a_war_order_asks_and_a_double_press_does_not_answer(tmp_path, size):
    async def go():
        app = make_app(tmp_path, "il28-endgame", "kennedy", seed=3)
        async with app.run_test(size=size) as pilot:
            desk = await to_desk(pilot)
            legal = lambda: [m.decision for m in app.match.game.legal_moves(Side.KENNEDY)]  # noqa: E731
            assert legal()[3] == "hold_quarantine"  # Oct 30: 4 is "Keep the quarantine in place"
            await _order(pilot, "4")
            # from Nov 2 no suspension for U Thant (H17): the orders move up one
            await _order(pilot, "1")  # Nov 2: put the bombers on the list
            await _order(pilot, "3")  # Nov 7: 3 is "Tighten the quarantine" (once only)
            assert app.screen is desk and legal()[2] == "strike_the_bombers"  # Nov 12: 3 is the strike
            await _tap_fast(pilot, "3", "3", "3", "enter")  # the old habit, hammered
            assert _orders(app) == 3 and isinstance(app.screen, ConfirmScreen)  # asked, not given
            await press(pilot, "3", "enter")  # the number again answers nothing; Enter is on "Think again"
            assert _orders(app) == 3 and app.screen is desk
            await _tap_fast(pilot, "3", "3")
            assert isinstance(app.screen, ConfirmScreen)
            shown = " ".join(screen_text(app).replace("│", " ").split())  # the words, unwrapped
            assert "Bomb the IL-28 airfields" in shown  # the order by name
            assert "This order may start a war: American air strikes on Cuba" in shown  # in plain words (G18)
            assert "Give the order (y)" in shown and "Think again (n)" in shown  # both answers in view
            await press(pilot, "y")
            assert _orders(app) == 4
            assert app.match.game.state.log[-1].moves[0].decision == "strike_the_bombers"

    asyncio.run(go())


def test_the_desk_says_it_under_the_order_and_a_peaceful_order_goes_at_once(tmp_path):
    async def go():
        app = make_app(tmp_path, "il28-endgame", "kennedy", seed=3)
        async with app.run_test(size=(100, 32)) as pilot:
            desk = await to_desk(pilot)
            for key in ("4", "1", "3"):  # as above (H17)
                await _order(pilot, key)
            await press(pilot, "3")  # picked, not given: the description says what it risks
            assert isinstance(app.screen, GameScreen)
            assert "This order may start a war" in " ".join(screen_text(app).replace("│", " ").split())
            await press(pilot, "2", "2")  # Keep the quarantine: no question
            assert not isinstance(app.screen, ConfirmScreen)
            assert app.match.game.state.log[-1].moves[0].decision == "hold_quarantine"
            assert desk.is_attached

    asyncio.run(go())
