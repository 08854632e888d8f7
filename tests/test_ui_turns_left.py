"""The chapter page and the desk count a chapter's turns alike: those left from now, this one counted
(playtest 2026-12-02c N8: "6 turns in this chapter" on the page of a chapter entered a day late, then
"2 more turns" on the desk)."""

from __future__ import annotations

import asyncio
import re

from game.model import Side
from game.persistence.gallery import Gallery
from game.scenario.load import load
from game.ui.app import CrisisApp
from game.ui.screens.desk import GameScreen
from game.ui.screens.phase_card import PhaseCard
from game.ui.setup import Setup

from .conftest import FIXTURES
from .test_ui_support import screen_text, tap, to_desk
from .waits import until

LEFT = re.compile(r"\d+ turns left|last turn")


def count(text: str) -> str:
    found = LEFT.search(text)
    assert found, text
    return found.group(0)


def test_a_chapter_entered_late_counts_the_same_turns_left_on_its_page_and_the_desk(tmp_path):
    # the talks share the crisis's first days: entered after October 22, they have four of their five
    # dates (October 22-30, every second day) left
    late = (
        (FIXTURES / "mini.yaml")
        .read_text()
        .replace("dates: {start: 1962-10-25, end: 1962-10-30}", "dates: {start: 1962-10-22, end: 1962-10-30}")
    )
    path = tmp_path / "late.yaml"
    path.write_text(late)
    talks = load(path).phase("talks")

    async def go() -> tuple[str, str, str, int]:
        setup = Setup(str(path), "khrushchev", "historical", 3, True)
        app = CrisisApp(setup, skip_menu=True, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await tap(pilot, "2")  # a secret offer: the talks open
            await tap(pilot, "enter")
            for _ in range(20):  # the report, then the new chapter's page
                if isinstance(app.screen, PhaseCard):
                    break
                await tap(pilot, "enter")
            assert isinstance(app.screen, PhaseCard), app.screen
            await until(pilot, lambda: "TALKS" in screen_text(app), "the chapter's page painted")
            card = screen_text(app)
            desk = await to_desk(pilot)
            assert isinstance(desk, GameScreen)
            top = screen_text(app).splitlines()[0]
            view = app.match.view(Side.KHRUSHCHEV)
            return card, top, view.phase, view.turns_left

    card, top, phase, after = asyncio.run(go())
    assert phase == "talks" and len(talks.calendar) == 5 and after == 3
    assert count(card) == count(top) == "4 turns left", (card, top)
    assert "4 turns left in this chapter" in card
