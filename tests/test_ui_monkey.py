"""A monkey at the keyboard: thousands of random keys, on every kind of game, and never an exception."""

from __future__ import annotations

import asyncio
import random

from textual import events

from game.ai.policies import POLICIES
from game.ui.screens.ending import EndingScreen

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


def test_random_keys_never_raise(tmp_path):
    rng = random.Random(1962)
    steps = endings = games = 0

    async def one_app() -> None:
        nonlocal steps, endings, games
        games += 1
        app = make_app(
            tmp_path,
            rng.choice([MINI, MINI, "thirteen-days"]),
            rng.choice(["kennedy", "khrushchev", "both"]),
            opponent=rng.choice(sorted(POLICIES)),
            seed=rng.randrange(1, 1000),
            spoilers=rng.random() < 0.5,
            skip_menu=rng.random() < 0.7,
        )
        size = rng.choice([(80, 24), (80, 24), (120, 40), (60, 20)])
        async with app.run_test(size=size) as pilot:
            while steps < STEPS and app.is_running:
                for _ in range(BATCH):
                    key = rng.choice(KEYS)
                    app.post_message(events.Key(key, key if len(key) == 1 else None))
                steps += BATCH
                await pilot.pause()
                if isinstance(app.screen, EndingScreen):
                    endings += 1
                if rng.random() < 0.02:
                    await pilot.resize_terminal(*rng.choice([(80, 24), (160, 50), (100, 30)]))

    async def go() -> None:
        while steps < STEPS:
            await one_app()

    asyncio.run(go())
    assert steps >= STEPS and games >= 1
