"""ctrl+p -> Screenshot saves the screen in the data folder (Textual's ~/Downloads may not exist) and says
where, or why it could not."""

from __future__ import annotations

import asyncio
import os

from game.persistence import data_dir

from .test_ui_support import MINI, make_app, press, to_desk, told
from .waits import until


async def screenshot(pilot) -> None:  # type: ignore[no-untyped-def]
    """The command palette's Screenshot, as a player chooses it."""
    await press(pilot, "ctrl+p")
    for ch in "screenshot":
        await pilot.press(ch)
    await pilot.pause(0.2)
    await press(pilot, "enter")


def test_a_screenshot_goes_to_the_data_folder_and_says_where(tmp_path):
    assert not os.path.exists(os.path.expanduser("~/Downloads"))  # as on the playtest's machine
    folder = data_dir() / "screenshots"

    async def go():
        app = make_app(tmp_path, MINI)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await to_desk(pilot)
            await screenshot(pilot)
            await until(pilot, lambda: folder.is_dir() and any(folder.iterdir()), "the screenshot written")
            [svg] = list(folder.iterdir())
            assert svg.suffix == ".svg" and "<svg" in svg.read_text()
            await until(pilot, lambda: any(n.title == "Screenshot" for n in told(app)), "the notice")
            notice = next(n for n in told(app) if n.title == "Screenshot")
            assert str(svg) in notice.message
            app.action_screenshot()  # a second in the same second goes beside the first
            assert len(list(folder.iterdir())) == 2

    asyncio.run(go())


def test_a_screenshot_that_cannot_be_written_says_why(tmp_path, monkeypatch):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    monkeypatch.setenv("CRISIS_DATA_DIR", str(blocked))

    async def go():
        app = make_app(tmp_path, MINI)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await to_desk(pilot)
            app.action_screenshot()
            await until(pilot, lambda: len(told(app)) > 0, "a notice")
            [failed] = [n for n in told(app) if n.title == "Screenshot not saved"]
            assert str(blocked) in failed.message and "Not a directory" in failed.message  # where, and why

    asyncio.run(go())
