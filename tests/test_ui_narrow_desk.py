"""The 80x24 desk on its fullest day (Black Saturday: six long orders, the first game's tip): the briefing
keeps its rows, b and n show it and the news, and the tips move on and leave."""

from __future__ import annotations

import asyncio
from pathlib import Path

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import Side
from game.persistence.gallery import Gallery
from game.scenario import catalog
from game.ui.app import CrisisApp
from game.ui.screens.desk import GameScreen
from game.ui.setup import Setup
from game.ui.tutorial import TIPS, Coach

from .test_ui_support import press, screen_text, to_desk

K, KH = Side.KENNEDY, Side.KHRUSHCHEV


def black_saturday() -> Game:
    """thirteen-days, seed 505 (the playtest's game), Kennedy's first order each day, to October 27."""
    s = catalog.get("thirteen-days")
    game = Game(s, 505)
    while not str(game.state.date).endswith("10-27"):
        game.apply(game.legal_moves(K)[0])
        game.apply(POLICIES["pragmatist"](s, game.view(KH), game.state.seed))
        assert not game.is_over(), "the game ended before Black Saturday"
    assert len(game.legal_moves(K)) >= 6
    return game


def desk_app(tmp_path: Path, game: Game, tips: bool = True) -> CrisisApp:
    setup = Setup("thirteen-days", "kennedy", "pragmatist", 505, tips=tips)
    return CrisisApp(setup, game, think_time=0, gallery=Gallery(tmp_path))


def test_black_saturday_at_80x24_keeps_the_briefing_and_b_and_n_show_something(tmp_path):
    async def go():
        app = desk_app(tmp_path, black_saturday())
        async with app.run_test(size=(80, 24)) as pilot:
            desk = await to_desk(pilot)
            await pilot.pause()
            assert "Tip " in screen_text(app)  # the tip is there too
            for key, box, words in (
                ("n", "#news-box", "Oct 26, 1962"),
                ("b", "#briefing-box", "Saturday, October 27"),
            ):
                await press(pilot, key)
                shown = desk.query_one(box)
                assert shown.display and shown.size.height >= 4, f"{box}: {shown.size} after {key}"
                assert words in screen_text(app), f"{words!r} not on screen after {key}"
            panel = desk.query_one("#decisions")
            assert panel.region.bottom <= desk.query_one("#main-col").region.bottom  # nothing cut off
            assert "6 Order the invasion" in screen_text(app)  # every order still listed
            await press(pilot, "l", "space", "ctrl+s")  # a letter to go with the order: its box shows too
            await pilot.pause()
            assert desk.query_one("#letters-box").display
            assert desk.query_one("#briefing-box").size.height >= 4
            assert panel.region.bottom <= desk.query_one("#main-col").region.bottom

    asyncio.run(go())


def test_each_tip_goes_after_an_order_and_none_is_left_after_the_last():
    coach = Coach(on=True, letters=True)
    shown = []
    for _ in range(20):
        tip = coach.tip()
        if tip is None and "mail" not in coach.happened:
            coach.seen("mail")  # a letter comes
            continue
        if tip is None:
            break
        shown.append(tip.id)
        coach.seen("decided")
    assert shown[0] == "desk" and shown[-1] == "end" and len(shown) == len(set(shown))
    assert coach.tip() is None


def test_the_desk_tip_moves_on_after_an_order(tmp_path):
    async def go():
        setup = Setup("thirteen-days", "kennedy", "pragmatist", 505, tips=True)
        app = CrisisApp(setup, skip_menu=True, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            assert f"Tip 1/{len(TIPS)}" in screen_text(app)
            await press(pilot, "1", "1")
            desk = await to_desk(pilot)
            assert isinstance(desk, GameScreen)
            assert "Tip 1/" not in screen_text(app) and "Tip " in screen_text(app)

    asyncio.run(go())
