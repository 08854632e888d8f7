"""The main screens at 80x24, compared with text snapshots in tests/snapshots/ui/ (what a player reads).

pytest-textual-snapshot pins syrupy 4.8 and, with it, an older pytest than this project uses, so these
compare the rendered text instead of SVG. After a deliberate change of look, regenerate them with
`CRISIS_UPDATE_SNAPSHOTS=1 pytest tests/test_ui_snapshots.py` and read the diff.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from game.ui.screens.counsel import CounselScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.game import GameScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.phase_card import PhaseCard
from game.ui.screens.report import TurnReport
from game.ui.screens.timeline import TimelineScreen

from .test_ui_support import MINI, make_app, play_to_end, press, screen_text, settle

SNAPSHOTS = Path(__file__).parent / "snapshots" / "ui"
UPDATE = bool(os.environ.get("CRISIS_UPDATE_SNAPSHOTS"))


def check(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote a new snapshot {path.name}; check it and run again")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


def test_screens_at_80x24(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PhaseCard)
            check("phase_card", screen_text(app))
            await press(pilot, "enter")
            assert isinstance(app.screen, GameScreen)
            check("desk", screen_text(app))
            await press(pilot, "n")
            check("desk_news", screen_text(app))
            await press(pilot, "n", "a")
            assert isinstance(app.screen, CounselScreen)
            check("counsel", screen_text(app))
            await press(pilot, "escape", "1", "1")
            assert isinstance(app.screen, TurnReport)
            check("report", screen_text(app))
            await press(pilot, "enter")
            while not isinstance(app.screen, GameScreen):
                await press(pilot, "enter")
            await press(pilot, "t")
            assert isinstance(app.screen, TimelineScreen)
            check("timeline", screen_text(app))
            await press(pilot, "escape")
            await play_to_end(pilot)
            assert isinstance(app.screen, EndingScreen)
            check("ending", screen_text(app))

    asyncio.run(go())


def test_hand_over_at_80x24(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "both", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "1", "1")
            assert isinstance(app.screen, HandoverScreen)
            check("handover", screen_text(app))

    asyncio.run(go())


def test_more_pages_at_80x24(tmp_path):
    """Help, the phase graph and the gallery: what a player reads at 80x24, nothing cut."""

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "question_mark")
            check("help", screen_text(app))
            await press(pilot, "escape")
            app.action_graph()
            await settle(pilot)
            check("graph", screen_text(app))
            await press(pilot, "escape", "g")
            check("gallery", screen_text(app))

    asyncio.run(go())
