"""A monkey at the keyboard: thousands of random keys, on every kind of game, and never an exception."""

from __future__ import annotations

import asyncio
import random

import pytest
from textual import events
from textual.geometry import Size

from game.ai.policies import POLICIES
from game.ui.app import CrisisApp

from .test_ui_support import MINI, make_app

KEYS = [
    *"1234567890",
    *"antgsrxyq",
    "enter",
    "space",
    "escape",
    "up",
    "down",
    "left",
    "right",
    "tab",
    "shift+tab",
    "pageup",
    "pagedown",
    "home",
    "end",
    "question_mark",
    "f1",
]
"""Everything but ctrl+q/ctrl+c (which end the run) and ctrl+p (whose typing could pick Quit)."""

STEPS = 2000
BATCH = 40


async def handled(app: CrisisApp) -> None:
    """Wait until the app has taken every key posted so far, or stopped; with no time limit (Pilot's
    pause gives up after 30 s, which a loaded machine can exceed)."""
    done = asyncio.Event()
    if app.call_later(done.set):
        while not done.is_set() and app.is_running:
            await asyncio.sleep(0.01)


@pytest.mark.slow
def test_random_keys_never_raise(tmp_path):
    """Any exception in the app fails the test (run_test re-raises it); the keys must also reach the game."""
    rng = random.Random(1962)
    steps = 0
    games: list[CrisisApp] = []
    screens: set[str] = set()
    played: dict[int, tuple[object, int]] = {}
    """Every game seen, by identity, with the turns it had: an app can end a game and start another
    (the ending's New game), and counting only each app's last game read a played one as none."""

    def count(app: CrisisApp) -> None:
        if app.match is not None:
            turns = len(app.match.game.state.log)
            played[id(app.match)] = (app.match, max(turns, played.get(id(app.match), (None, 0))[1]))

    async def one_app() -> None:
        nonlocal steps
        app = make_app(
            tmp_path,
            rng.choice([MINI, MINI, "thirteen-days"]),
            rng.choice(["kennedy", "khrushchev", "both"]),
            opponent=rng.choice(sorted(POLICIES)),
            seed=rng.randrange(1, 1000),
            spoilers=rng.random() < 0.5,
            skip_menu=rng.random() < 0.7,
        )
        games.append(app)
        size = rng.choice([(80, 24), (80, 24), (120, 40), (60, 20)])
        async with app.run_test(size=size):
            while steps < STEPS and app.return_code is None:
                for _ in range(BATCH):
                    key = rng.choice(KEYS)
                    app.post_message(events.Key(key, key if len(key) == 1 else None))
                steps += BATCH
                await handled(app)
                count(app)
                screens.update(type(screen).__name__ for screen in app.screen_stack)
                if rng.random() < 0.02 and app.return_code is None:
                    new = Size(*rng.choice([(80, 24), (160, 50), (100, 30)]))
                    app.post_message(events.Resize(new, new))  # as Pilot's resize_terminal, unhurried
                    await handled(app)
            # Leave as a person does, through the app's own queue, and wait for its loop to end: run_test
            # shuts the app down beside that loop, and a key still queued then meets a half-dismantled
            # screen (a fault of the harness, not of the game).
            if app.return_code is None:
                app.exit()
            while app.is_running:
                await asyncio.sleep(0.01)
            count(app)

    async def go() -> None:
        while steps < STEPS:
            await one_app()

    asyncio.run(go())
    moves = sum(turns for _, turns in played.values())
    assert moves > 0, f"{len(games)} apps, {len(played)} games, not a turn played: no key reached a desk"
    assert {"GameScreen", "HelpScreen"} <= screens, sorted(screens)
