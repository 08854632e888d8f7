"""Keys typed at once after a quit is confirmed open no page on the closing app (play-test 8 H1)."""

from __future__ import annotations

import asyncio

from textual import events

from game.ui.screens.composer import ComposerScreen
from game.ui.screens.confirm import ConfirmScreen

from .test_ui_support import make_app, press, to_desk


def test_keys_after_quit_open_no_page(tmp_path):
    """ctrl+q, y, then an `l` in the same burst: the composer used to open on the closing app and its
    on_mount raised NoMatches '#composer-terms' (a traceback on the terminal)."""
    pushed: list[object] = []

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=5)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "1", "1")  # a turn played: quitting asks first
            await to_desk(pilot)
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen)
            real_push = app.push_screen

            def push(screen, *args, **kwargs):  # type: ignore[no-untyped-def]
                pushed.append(screen)
                return real_push(screen, *args, **kwargs)

            app.push_screen = push  # type: ignore[method-assign]
            for key in ("y", "l", "m", "a"):  # the quit, then keys typed at once as if the game were gone
                app._driver.send_message(events.Key(key, key))  # one burst, as a terminal delivers them
            await pilot.pause()
        assert app.return_code == 0

    asyncio.run(go())
    assert not [s for s in pushed if isinstance(s, ComposerScreen)], pushed
    assert pushed == [], pushed


def test_a_page_mounted_as_the_app_closes_raises_nothing(tmp_path):
    """The second line of defence: a page pushed on an app already closing (here the composer, pushed
    right after the quit) mounts without its widgets and its on_mount raises nothing."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=5)
        async with app.run_test(size=(80, 24)) as pilot:
            desk = await to_desk(pilot)
            app.exit(0)
            desk.action_letters()  # as a key already dispatched when the quit went through
            await pilot.pause()
        assert app.return_code == 0

    asyncio.run(go())
