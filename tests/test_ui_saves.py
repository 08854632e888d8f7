"""The Saved games page: every file in the saves folder listed (a damaged one with its reason), who
played each game, an ended game opened on its front page, and the folder's path shown."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import persistence as P
from game import sim
from game.ai.policies import POLICIES
from game.model import SIDES
from game.persistence.gallery import Gallery
from game.scenario.load import load as load_scenario
from game.ui.screens.ending import EndingScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.timeline import TimelineScreen

from .test_ui_support import MINI, make_app, press, screen_text, settle
from .waits import until


def finished(name: str, sides: dict[str, str], seed: int = 6):  # type: ignore[no-untyped-def]
    """A finished game of the mini scenario saved as `name` in the saves folder; its path."""
    s = load_scenario(MINI)
    game = sim.play(s, {side: POLICIES["random"] for side in SIDES}, seed)
    assert game.is_over()
    return P.save(game, P.saves_dir() / name, sides=sides)


async def saves_page(pilot) -> SavesScreen:  # type: ignore[no-untyped-def]
    """From the new-game screen, once the saves are found: `o`, the Saved games page."""
    await settle(pilot)
    menu = pilot.app.screen
    await until(pilot, lambda: menu.saves is not None, "the saves looked for")
    await press(pilot, "o")
    page = pilot.app.screen
    assert isinstance(page, SavesScreen)
    return page


def test_a_damaged_save_is_listed_greyed_with_its_reason_and_left_as_it_is(tmp_path):
    good = finished("mini-seed6.json", {"kennedy": "human", "khrushchev": "random"})
    text = good.read_text()
    cut = text[: len(text) // 2]
    broken = good.with_name("mini-seed99.json")
    broken.write_text(cut)
    stops_at = cut.strip().count("\n") + 1

    async def go():
        app = make_app(tmp_path, MINI, skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            page = await saves_page(pilot)
            listed = page.saves_text()
            assert (
                f"mini-seed99.json · cannot be read: the save is cut short: its JSON stops at line {stops_at}"
                in (listed)
            )
            options = page.query_one("#saves-list")
            row = options.get_option(str(broken))
            assert row.disabled  # greyed: nothing to open
            assert not options.get_option(str(good)).disabled
            await press(pilot, "escape")
            assert app.screen.query_one(
                "#continue"
            ).disabled  # one ended game, one unreadable: none to continue

    asyncio.run(go())
    assert broken.read_text() == cut  # never touched


def test_enter_on_an_ended_game_opens_its_front_page_and_timeline(tmp_path):
    finished("mini-seed6.json", {"kennedy": "human", "khrushchev": "random"})
    finished("mini-seed7.json", {"kennedy": "dove", "khrushchev": "human"}, seed=7)
    gallery = Gallery(tmp_path)

    async def go():
        app = make_app(tmp_path, MINI, skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            page = await saves_page(pilot)
            rows = page.saves_text().splitlines()
            assert any("as Kennedy vs random" in row and "ended" in row for row in rows), rows
            assert any("as Khrushchev vs dove" in row for row in rows), rows
            await press(pilot, "enter")
            await until(pilot, lambda: isinstance(app.screen, EndingScreen), "the front page")
            assert app.match is not None and app.match.game.is_over()
            await press(pilot, "t")
            assert isinstance(app.screen, TimelineScreen)

    asyncio.run(go())
    assert gallery.reached("mini") == {}  # opening a finished game is not reaching its ending again


def test_the_page_and_its_help_name_the_saves_folder(tmp_path):
    finished("mini-seed6.json", {"kennedy": "human", "khrushchev": "random"})
    folder = str(P.saves_dir())

    async def go():
        app = make_app(tmp_path, MINI, skip_menu=False)
        async with app.run_test(size=(120, 30)) as pilot:
            page = await saves_page(pilot)
            assert f"Saves folder: {folder}" in screen_text(app)
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen) and folder in app.screen.topic
            assert page.folder == P.saves_dir()

    asyncio.run(go())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the folders of Linux")
def test_the_readme_names_the_data_folder_this_system_uses(monkeypatch):
    """The README's table of data folders holds the one the game uses here (Linux: XDG's, or ~/.local)."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    monkeypatch.delenv("CRISIS_DATA_DIR")
    home = Path(os.environ["HOME"])  # conftest's: an empty temporary folder
    assert P.data_dir() == home / ".local/share/missile-crisis"
    assert "`~/.local/share/missile-crisis/`" in readme
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    assert P.data_dir() == home / "xdg/missile-crisis"
    assert "`$XDG_DATA_HOME/missile-crisis/`" in readme


def a_save_and_its_copy(monkeypatch) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """A game in progress (2 turns) and its copy played on one turn five minutes later (`-copy.json`, as
    F7 makes it): the copy is the game played last."""
    from game.engine.match import Game
    from game.persistence import format
    from game.persistence.saves import copy_path
    from game.scenario import catalog

    sides = {"kennedy": "human", "khrushchev": "pragmatist"}
    game = Game(catalog.get("thirteen-days"), 51011)
    while len(game.state.log) < 2:
        for side in game.sides_to_act():
            game.apply(game.legal_moves(side)[0])
    monkeypatch.setattr(format, "now", lambda: "2026-12-03T07:00:00Z")
    original = P.autosave(game, sides=sides)
    copy = P.save(game, copy_path(original), sides=sides)
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])
    monkeypatch.setattr(format, "now", lambda: "2026-12-03T07:05:00Z")
    P.autosave(game, sides=sides)
    return original, copy


def killed(save: Path) -> None:
    """`save`'s game killed (kill -9): its lock file left behind, naming a process that is gone."""
    from game.persistence import lock

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = {"pid": int(gone.stdout), "host": os.uname().nodename, "since": "2026-12-03 07:00"}
    lock.lock_file(save).write_text(json.dumps(stale))


@pytest.mark.parametrize("crashed", [True, False])
def test_continue_names_its_file_and_asks_when_a_game_was_cut_off(tmp_path, monkeypatch, crashed):
    """Playtest G13: after kill -9 of a game whose copy was played since in another window, c opened the
    copy, and nothing said which file. The top line names the file c opens; with a game cut off, c
    asks which, the cut-off game first."""
    original, copy = a_save_and_its_copy(monkeypatch)
    if crashed:
        killed(original)

    async def go():
        app = make_app(tmp_path, MINI, skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            menu = app.screen
            await until(pilot, lambda: menu.saves is not None, "the saves looked for")
            await pilot.pause()
            top = screen_text(app).splitlines()[0]
            assert (original.name if crashed else copy.name) in top
            assert ("cut off" in top) is crashed
            await press(pilot, "c")
            if crashed:
                page = app.screen
                assert isinstance(page, SavesScreen) and "cut off" in screen_text(app)
                assert [x.path for x in page.saves] == [original, copy]
                await press(pilot, "enter")  # the first: the game that was cut off
            await until(pilot, lambda: app.match is not None, "a game opened")
            assert app.match is not None
            assert app.match.saved_to == (original if crashed else copy)

    asyncio.run(go())


def test_each_row_of_the_saved_games_names_its_file(tmp_path, monkeypatch):
    """Playtest G28: a save and its -copy.json were two rows reading the same at 80x24."""
    original, copy = a_save_and_its_copy(monkeypatch)

    async def go():
        app = make_app(tmp_path, MINI, skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await saves_page(pilot)
            seen = screen_text(app).splitlines()
            files = {
                name: [n for n, line in enumerate(seen) if f"file {name} " in line]
                for name in (original.name, copy.name)
            }
            assert all(len(at) == 1 for at in files.values()), files  # one row each, on the screen
            rows = [line for line in seen if "turns, in progress" in line]
            assert len(rows) == 2 and all(len(line) <= 80 for line in seen)

    asyncio.run(go())
