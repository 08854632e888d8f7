"""The "Save to another file" box takes no keys meant for the desk, and a bare name goes in the saves
folder (play-test 8 H2: `1 1 Enter` replaced the path with "11" and saved to ./11)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input

from game.persistence.files import saves_dir
from game.ui.screens.save_elsewhere import SaveElsewhereScreen

from .test_ui_support import MINI, make_app, press, screen_text, to_desk
from .waits import until


@pytest.fixture
def blocked(tmp_path, monkeypatch):
    """The data folder cannot be made (a plain file in its path); the current folder is an empty one."""
    (tmp_path / "afile").write_text("not a folder")
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "afile" / "data"))
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    return tmp_path


async def _box(pilot) -> SaveElsewhereScreen:  # type: ignore[no-untyped-def]
    """Play the first turn (its save fails) until the box is up and composed."""
    app = pilot.app
    await to_desk(pilot)
    await press(pilot, "1", "1")
    await until(pilot, lambda: isinstance(app.screen, SaveElsewhereScreen), "the save box up")
    box = app.screen
    await until(pilot, lambda: box.query("#save-path"), "the save box composed")
    return box


def test_the_box_takes_no_digits_meant_for_the_desk(blocked):
    async def go():
        app = make_app(blocked, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            box = await _box(pilot)
            suggested = box.query_one("#save-path", Input).value
            await press(pilot, "1", "1", "enter")  # the next order, typed before seeing the box
            assert app.screen is box and box.focused is None
            assert box.query_one("#save-path", Input).value == suggested
            assert "This box took no key yet" in screen_text(app)
            assert app.match.save_error is not None  # nothing was saved anywhere

    asyncio.run(go())
    assert not [p for p in blocked.rglob("*") if p.name.startswith("11") or p.name == ".11.lock"]


def test_a_bare_name_saves_in_the_saves_folder_and_a_path_as_typed(blocked):
    async def go():
        app = make_app(blocked, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            box = await _box(pilot)
            (blocked / "afile").unlink()  # the data folder can be made now
            await press(pilot, "tab")
            assert box.focused is box.query_one("#save-path", Input)
            await press(pilot, *"mine", "enter")  # the path was selected: typing replaced it
            assert app.screen is not box
            assert app.match.saved_to == saves_dir() / "mine.json" and app.match.saved_to.is_file()

    asyncio.run(go())
    assert not list((blocked / "here").iterdir())


def test_a_path_with_a_folder_is_used_as_typed(blocked):
    from game.persistence.files import save_target as target

    for typed in ("here/11", "./11", "/tmp/elsewhere/x.sav"):
        assert target(typed) == Path(typed)
    with pytest.raises(Exception, match="saves folder"):
        target("11")  # a bare name, and the saves folder cannot be made: said, not written elsewhere
