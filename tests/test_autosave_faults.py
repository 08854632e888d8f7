"""Losses: a full disk, a blocked folder or an altered save never costs a turn the player was not told of.

The full-disk cases run on a 64 KB tmpfs where the platform lets the test mount one (root on Linux),
and are skipped otherwise; the blocked-folder cases (a data folder whose parent is a file) run everywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import persistence as P
from game import textplay
from game.cli import main
from game.model import CrisisError
from game.persistence.format import checksum
from game.ui.screens.desk import GameScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.save_elsewhere import SaveElsewhereScreen

from .test_ui_support import MINI, make_app, settle, tap
from .waits import until


def _fill(folder: Path) -> None:
    """Fill the filesystem of `folder` to the last byte."""
    with open(folder / "filler", "ab", buffering=0) as handle:
        for size in (4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    handle.write(b"x" * size)


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 64 KB filesystem with no space left, or a skip where none can be mounted."""
    mount = tmp_path / "small"
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        (mount / "data").mkdir()
        _fill(mount)
        yield mount / "data"
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def blocked(tmp_path):
    """A data folder that cannot be made: its parent is a file."""
    (tmp_path / "file").write_text("not a folder")
    return tmp_path / "file" / "data"


@pytest.fixture(params=["full_disk", "blocked"])
def no_room(request, monkeypatch):
    """Where the game's own saves go, and no save can be written there."""
    folder = request.getfixturevalue(request.param)
    monkeypatch.setenv("CRISIS_DATA_DIR", str(folder))
    return folder


# ---- persistence --------------------------------------------------------------------------------


def test_a_save_on_a_full_disk_fails_loudly_and_keeps_the_last_good_file(mini, full_disk):
    from game import sim
    from game.ai.policies import POLICIES
    from game.model import SIDES

    game = sim.play(mini, {side: POLICIES["random"] for side in SIDES}, 6)
    (full_disk.parent / "filler").unlink()
    path = full_disk / "game.json"
    P.save(game, path, sides={"kennedy": "random", "khrushchev": "random"})
    good = path.read_bytes()
    _fill(full_disk.parent)
    bigger = game.clone()
    with pytest.raises(CrisisError) as err:
        P.save(bigger, path, sides={"kennedy": "random", "khrushchev": "random"}, label="x" * 70_000)
    assert "No space left on device" in str(err.value)
    assert path.read_bytes() == good
    assert [p.name for p in full_disk.iterdir()] == ["game.json"]  # no temporary file left


# ---- the text game --------------------------------------------------------------------------------


def _answers(*items: str):
    it = iter(items)

    def ask(prompt: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return ask


def test_text_game_saves_every_turn_and_q_says_where(tmp_path, capsys):
    code = textplay.run(MINI, "kennedy", "historical", 3, ask=_answers("1", "q"))
    out = capsys.readouterr().out
    assert code == 0 and "Game saved to" in out and "crisis play --load" in out
    path = Path(out.split("Game saved to ")[1].split(";")[0])
    assert len(P.load(path).game.state.log) == 1


def test_text_game_end_of_input_keeps_the_turns_played(tmp_path, capsys):
    textplay.run(MINI, "kennedy", "historical", 3, ask=_answers("1"))
    out = capsys.readouterr().out
    assert "Game saved to" in out and "abandoned" not in out


def test_text_game_names_a_number_out_of_range(capsys):
    textplay.run(MINI, "kennedy", "historical", 3, ask=_answers("7", "0", "-1", "q"))
    out = capsys.readouterr().out
    assert "7 is not one of the choices: type a number from 1 to 3" in out
    assert "0 is not one of the choices" in out and "-1 is not one of the choices" in out


def test_text_game_with_no_room_says_so_at_once_and_saves_elsewhere(no_room, tmp_path, capsys):
    other = tmp_path / "elsewhere.json"
    code = textplay.run(
        MINI,
        "kennedy",
        "historical",
        3,
        ask=_answers("1", str(tmp_path / "no" / "x.json"), str(other), "1", "q"),
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "!! The game could not be saved" in out
    assert "Not saved there either" in out  # a missing folder is not created
    assert f"Saved to {other}" in out and f"Game saved to {other}" in out
    # the second turn went to the new file too (the full data folder could not note the scenario's)
    assert len(P.load(other, search=[Path(MINI).parent]).game.state.log) == 2


def test_text_game_played_on_unsaved_tells_the_truth_on_leaving(no_room, capsys):
    textplay.run(MINI, "kennedy", "historical", 3, ask=_answers("1", "", "1", "q"))
    out = capsys.readouterr().out
    assert "The game was NOT saved (2 turn(s) played)" in out
    assert "Game saved" not in out


# ---- an altered save: another file --------------------------------------------------------------


def _altered_save(tmp_path: Path) -> Path:
    path = tmp_path / "altered.json"
    assert (
        main(["simulate", "--scenario", MINI, "--seed", "3", "--kennedy", "random", "--save", str(path)]) == 0
    )
    doc = json.loads(path.read_text())
    line = doc["lines"][0]
    line["label"] = "edited by hand"  # a harmless edit: the moves still replay, the checksum does not match
    doc["lines"][0] = line
    path.write_text(json.dumps(doc))
    assert doc["checksum"] != checksum(doc)
    return path


def test_an_altered_save_lets_the_player_choose_another_file(tmp_path, capsys):
    from game.persistence import branch

    path = _altered_save(tmp_path)
    loaded = branch(path, 1)  # a game that is not over, from the altered file
    before = path.read_bytes()
    other = tmp_path / "mine.json"
    code = textplay.resume(loaded.game, "kennedy", "random", ask=_answers("1", str(other), "q"))
    out = capsys.readouterr().out
    assert code == 0 and "was altered since it was saved" in out
    assert f"Game saved to {other}" in out
    assert path.read_bytes() == before
    assert P.load(other).game.state.log


# ---- the Textual game ---------------------------------------------------------------------------


async def _go_on(pilot) -> None:  # type: ignore[no-untyped-def]
    """Enter on a page; on the desk, pick the first decision, then Enter orders it (B15)."""
    if isinstance(pilot.app.screen, GameScreen):
        await tap(pilot, "1")
    await tap(pilot, "enter")


async def _play(pilot, elsewhere: list[str], limit: int = 400) -> list[str]:
    """Play to the end pressing Enter; on the save page, type each of `elsewhere` in turn (then Esc).
    Returns why each save page was shown (the failure it reported)."""
    app = pilot.app
    shown: dict[int, str] = {}
    await settle(pilot)
    for _ in range(limit):
        screen = app.screen
        if isinstance(screen, EndingScreen):
            return list(shown.values())
        if isinstance(screen, SaveElsewhereScreen):
            shown.setdefault(id(screen), screen.match.save_error or "")
            if elsewhere:
                # the page may be up but not yet composed (a busy machine)
                await until(pilot, lambda s=screen: s.query("#save-path"), "the save page composed")
                await tap(pilot, "tab")  # the box takes no key until it is chosen (H2)
                screen.query("#save-path").first().value = elsewhere.pop(0)
                await tap(pilot, "enter")
            else:
                await tap(pilot, "escape")
            continue
        await _go_on(pilot)
    raise AssertionError(f"no ending; on {app.screen!r}")


def test_textual_game_shows_a_failed_save_at_once_and_saves_elsewhere(no_room, tmp_path):
    other = tmp_path / "desk.json"

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", opponent="historical", seed=3)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            shown = await _play(pilot, [str(tmp_path / "missing" / "x.json"), str(other)])
            match = app.match
            assert len(shown) == 1  # offered once; the second file took the game from then on
            assert match.save_error is None and match.saved_to == other
            saved = P.load(other, search=[Path(MINI).parent])
            assert len(saved.game.state.log) == len(match.game.state.log)

    asyncio.run(go())


def test_textual_game_played_on_unsaved_says_so_on_quitting(no_room, tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", opponent="historical", seed=3)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            shown = await _play(pilot, [])
            match = app.match
            assert len(shown) == 1
            assert match.save_error is not None and match.saved_to is None
            farewell = match.farewell() or ""
            assert "NOT saved" in farewell and "Saved to" not in farewell

    asyncio.run(go())


def test_the_first_failure_is_shown_before_the_next_turn(no_room, tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", opponent="historical", seed=3)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            for _ in range(60):
                if isinstance(app.screen, SaveElsewhereScreen):
                    break
                await _go_on(pilot)
            assert isinstance(app.screen, SaveElsewhereScreen)
            await pilot.pause()
            assert app.screen.focused is None  # the desk's next keys go nowhere (H2); Tab goes to the path
            await tap(pilot, "tab")
            assert app.screen.focused is not None and app.screen.focused.id == "save-path"
            assert len(app.match.game.state.log) == 1  # right after the first turn
            assert app.match.unsaved_turns == 1

    asyncio.run(go())


def test_textual_game_of_an_altered_save_offers_another_file(tmp_path):
    from game.persistence import branch
    from game.ui.app import CrisisApp
    from game.ui.session import Setup

    path = _altered_save(tmp_path)
    before = path.read_bytes()
    loaded = branch(path, 1)
    other = tmp_path / "mine.json"

    async def go():
        setup = Setup(MINI, "kennedy", "random", loaded.game.state.seed, True)
        app = CrisisApp(setup, loaded.game, think_time=0, gallery=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            shown = await _play(pilot, [str(other)])
            assert len(shown) == 1 and "was altered since it was saved" in shown[0]
            assert app.match.saved_to == other and app.match.save_error is None

    asyncio.run(go())
    assert path.read_bytes() == before
    assert P.load(other, search=[Path(MINI).parent]).game.is_over()
