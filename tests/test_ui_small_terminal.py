"""A terminal smaller than the game is laid out for is told so, once."""

import asyncio

from .test_ui_support import make_app, told


def test_a_terminal_under_80x24_is_told_what_the_game_is_laid_out_for(tmp_path):
    """Playtest E23: at 60x20 the new-game screen's Start was off screen, and nothing said why."""

    async def go(size):
        app = make_app(tmp_path, skip_menu=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            said = [n for n in told(app) if n.title == "A small terminal"]
            if size == (80, 24):
                await pilot.resize_terminal(60, 20)
                await pilot.pause()
                await pilot.resize_terminal(50, 20)
                await pilot.pause()
                again = [n for n in told(app) if n.title == "A small terminal"]
                return said, again
            return said, said

    said, _ = asyncio.run(go((60, 20)))
    assert len(said) == 1 and "60x20" in said[0].message and "80x24" in said[0].message
    said, again = asyncio.run(go((80, 24)))
    assert not said and len(again) == 1  # told once, on the first resize below it


def test_the_small_terminal_notice_goes_when_the_terminal_is_large_again(tmp_path):
    """Playtest F20: the notice stayed on screen after the terminal was made 80x24 again."""

    async def go() -> tuple[int, int, int]:
        app = make_app(tmp_path, skip_menu=False)
        async with app.run_test(size=(60, 20)) as pilot:
            await pilot.pause()
            small = len([n for n in app._notifications if n.title == "A small terminal"])
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            large = len([n for n in app._notifications if n.title == "A small terminal"])
            await pilot.resize_terminal(60, 20)  # smaller again: said again
            await pilot.pause()
            again = len([n for n in app._notifications if n.title == "A small terminal"])
            return small, large, again

    assert asyncio.run(go()) == (1, 0, 1)
