"""One game at a time on a save (playtest F7): a second game that opens it is told, and offered a copy,
read only, or nothing; a lock left by a killed game blocks nothing; quitting names a branch's line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

from game import persistence as P
from game.engine.match import Game, cut
from game.persistence import lock
from game.scenario import catalog
from game.ui.session import Match
from game.ui.setup import Setup

ONE_HUMAN = {"kennedy": "human", "khrushchev": "pragmatist"}
ROOT = Path(__file__).resolve().parents[1]
LIMIT = 120  # seconds: a bound on each process, never a measurement

HOLDER = textwrap.dedent(
    """
    import sys
    from game.persistence import lock
    lock.hold(sys.argv[1])
    print("held", flush=True)
    sys.stdin.read()  # until the test closes stdin: then a clean exit lets go
    """
)


def a_save(tmp_path: Path, turns: int = 1) -> Path:
    game = Game(catalog.get("thirteen-days"), 5)
    while len(game.state.log) < turns:
        for side in game.sides_to_act():
            game.apply(game.legal_moves(side)[0])
    return P.save(game, tmp_path / "game.json", sides=ONE_HUMAN)


@contextmanager
def held(save):  # noqa: ANN001, ANN201
    """Another process that holds the lock of `save` while the block runs (killed after it)."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(save)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()


@pytest.fixture
def holder(tmp_path):
    """Another process that holds the lock of `tmp_path/game.json` until the test ends (or kills it)."""
    save = a_save(tmp_path)
    with held(save) as proc:
        yield save, proc


def test_a_save_held_by_another_process_is_in_use_and_says_by_whom(holder):
    save, proc = holder
    with pytest.raises(lock.InUse) as err:
        lock.hold(save)
    assert err.value.holder.pid == proc.pid
    assert "is open in another game (process" in str(err.value)
    assert not lock.holds(save)


def test_a_clean_exit_leaves_no_lock_file(holder):
    save, proc = holder
    assert lock.lock_file(save).exists()
    assert proc.stdin is not None
    proc.stdin.close()
    assert proc.wait(LIMIT) == 0
    assert not lock.lock_file(save).exists()
    lock.hold(save)
    try:
        assert lock.holds(save)
    finally:
        lock.release(save)


def test_the_lock_of_a_killed_game_is_taken_over(holder):
    save, proc = holder
    proc.send_signal(signal.SIGKILL)
    proc.wait(LIMIT)
    assert json.loads(lock.lock_file(save).read_text())["pid"] == proc.pid  # left behind by the crash
    lock.hold(save)
    try:
        assert json.loads(lock.lock_file(save).read_text())["pid"] == os.getpid()
    finally:
        lock.release(save)
    assert not lock.lock_file(save).exists()


def test_a_stale_lock_file_of_a_dead_process_blocks_nothing(tmp_path):
    save = a_save(tmp_path)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = {"pid": int(dead.stdout), "host": os.uname().nodename, "since": "2026-12-03 01:00"}
    lock.lock_file(save).write_text(json.dumps(stale))
    lock.hold(save)
    try:
        assert lock.holds(save)
    finally:
        lock.release(save)


def crisis(*args: str, answers: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT,
        input=answers,
        capture_output=True,
        text=True,
        timeout=LIMIT,
    )


def test_a_second_crisis_play_on_an_open_save_is_told_and_may_cancel(holder):
    save, proc = holder
    before = save.read_bytes()
    done = crisis("play", "--load", str(save), "--text", answers="q\n")
    assert done.returncode == 1, done.stderr
    assert f"{save} is open in another game (process {proc.pid}" in done.stderr
    assert "c  play on in a copy: " in done.stderr and "was not opened" in done.stderr
    assert save.read_bytes() == before


def test_a_second_crisis_play_may_play_on_in_a_copy(holder, tmp_path):
    save, _ = holder
    before = save.read_bytes()
    done = crisis("play", "--load", str(save), "--text", answers="c\nq\n")
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "game-copy.json"
    assert f"playing on in {copy}" in done.stderr
    assert save.read_bytes() == before  # the other game's file untouched
    assert P.load(copy).game.state.log == P.load(save).game.state.log
    assert not lock.lock_file(copy).exists()  # the copy's lock went with the process


def test_quitting_a_branch_names_its_line(tmp_path):
    """Two lines in one file: `--load FILE` opens the one saved last, so the message names the line."""
    save = a_save(tmp_path, turns=2)
    loaded = P.load(save)
    again = cut(loaded.game, 2)
    P.share_home(again, loaded.game)
    for side in again.sides_to_act():
        again.apply(again.legal_moves(side)[-1])
    match = Match.start(Setup("thirteen-days", "kennedy"), again)
    try:
        assert match.autosave()
        said = match.farewell()
    finally:
        lock.release_all()
    assert said is not None
    assert f"Saved to {save}, line b1" in said
    assert f"crisis play --load '{save}#b1'" in said
    assert P.load(f"{save}", line="b1").game.state.log == again.state.log


def test_quitting_the_main_line_names_the_file_alone(tmp_path):
    save = a_save(tmp_path)
    match = Match.start(Setup("thirteen-days", "kennedy"), P.load(save).game, save)
    said = match.farewell()
    assert said is not None and said.endswith(f"crisis play --load {save}") and "#" not in said


@pytest.mark.parametrize("answer", ["c", "r", "escape"])
def test_the_new_game_screen_asks_before_opening_a_save_open_elsewhere(holder, tmp_path, answer):
    import asyncio

    from game.ui.app import quit_question
    from game.ui.screens.desk import GameScreen
    from game.ui.screens.in_use import InUseScreen
    from game.ui.screens.new_game import NewGameScreen

    from .test_ui_support import make_app, press, settle

    save, proc = holder
    before = save.read_bytes()

    async def go():
        app = make_app(tmp_path, "thirteen-days", skip_menu=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            menu = app.screen
            assert isinstance(menu, NewGameScreen)
            menu._open(str(save))
            await settle(pilot)
            page = app.screen
            assert isinstance(page, InUseScreen)
            assert f"process {proc.pid}" in page.question() and "game-copy.json" in page.question()
            await press(pilot, answer)
            if answer == "escape":
                assert app.screen is menu and app.match is None
                return
            assert any(isinstance(s, GameScreen) for s in app.screen_stack)
            match = app.match
            assert match is not None
            if answer == "c":
                assert match.saved_to == tmp_path / "game-copy.json" and match.saved_to.exists()
                assert lock.holds(match.saved_to)
            else:
                assert match.read_only and match.saved_to is None
                assert not match.autosave()  # nothing is written
                assert "Opened read only" in (match.farewell() or "")
                assert "read only" in quit_question(match) and "nothing is saved" in quit_question(match)

    asyncio.run(go())
    assert save.read_bytes() == before
    assert not lock.holds(save)
    assert not lock.lock_file(tmp_path / "game-copy.json").exists()  # let go when the app closed


def test_the_text_game_on_a_branch_says_its_line_on_quitting(tmp_path):
    save = a_save(tmp_path, turns=2)
    done = crisis("play", "--load", str(save), "--branch-at", "2", "--text", answers="2\nq\n")
    assert done.returncode == 0, done.stderr
    assert f"play --load '{save}#b1' --text" in done.stdout
    assert [x.id for x in P.lines(save)] == ["main", "b1"]


@pytest.mark.parametrize("answer", ["c", "r"])
def test_a_save_open_elsewhere_keeps_its_tip_and_read_only_is_on_the_top_line(holder, tmp_path, answer):
    """Playtest G12: a game opened read only said so nowhere on the desk (only on quitting), and the
    copy and the read-only game started the tips again at Tip 1/7."""
    import asyncio

    from game.persistence import tips
    from game.persistence.gallery import Gallery
    from game.ui.app import CrisisApp
    from game.ui.screens.desk import GameScreen

    from .test_ui_support import press, screen_text, settle
    from .waits import until

    save, _ = holder
    tips.keep(save, 3)  # the first game had read three tips

    async def go():
        setup = Setup("thirteen-days", "kennedy", "pragmatist", 1, True, tips=True)
        app = CrisisApp(setup, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.screen._open(str(save))
            await settle(pilot)
            await press(pilot, answer)
            desk = next(s for s in app.screen_stack if isinstance(s, GameScreen))
            assert desk.coach.reached == 3 and desk.coach.step != "1/7"
            while app.screen is not desk:
                await press(pilot, "enter")
            await until(pilot, lambda: desk.built.is_set(), "the desk built")
            top = screen_text(app).splitlines()[0]
            if answer == "r":
                assert "read only" in top
                await pilot.resize_terminal(160, 50)
                await settle(pilot)
                assert "read only: nothing is saved" in screen_text(app).splitlines()[0]
            else:
                assert "read only" not in top
                assert app.match is not None and app.match.saved_to is not None
                assert tips.reached(app.match.saved_to) == 3

    asyncio.run(go())


def test_the_lock_prompt_wraps_at_80_columns_and_names_its_choices_after_a_wrong_answer(
    tmp_path, monkeypatch, capsys
):
    """Playtest G23: "Choose [c/r/q]:" asked again without a word after x or an empty line, and its
    lines broke mid-word at 80 columns ("o\nne file", "seed51011\n-copy.json")."""
    import io

    from game import fold
    from game.cli import play

    folder = tmp_path / "saves"
    folder.mkdir()
    save = a_save(folder).rename(folder / "cuban-missile-crisis-seed51011.json")
    monkeypatch.setattr(fold, "width", lambda: 80)  # a terminal of 80 columns
    monkeypatch.setattr(sys, "stdin", io.StringIO("x\n\nq\n"))
    with held(save):
        assert play._claim(save, text=False) == "cancel"
    said = capsys.readouterr().err
    lines = said.replace("Choose [c/r/q]: ", "Choose [c/r/q]:\n").splitlines()
    copy = str(folder / "cuban-missile-crisis-seed51011-copy.json")
    whole = (str(save), copy)  # a path longer than the line stays whole, on a line of its own
    assert all(len(line) <= 80 or line.strip() in whole for line in lines), said
    assert all(any(line.strip().endswith(path) for line in lines) for path in whole), said
    told = [line for line in lines if line.startswith("Type one letter")]
    assert len(told) == 2 and "c (copy), r (read), q (cancel)" in told[0]


def test_a_lock_left_by_a_killed_game_is_told_apart_from_one_held(holder):
    save, proc = holder
    assert lock.left_open(save) is None  # a game holds it
    proc.kill()
    proc.wait(LIMIT)
    left = lock.left_open(save)
    assert left is not None and left.pid == proc.pid
    assert lock.left_open(save) is not None and lock.lock_file(save).exists()  # looking changed nothing
    lock.hold(save)
    try:
        assert lock.left_open(save) is None  # this game holds it now
    finally:
        lock.release(save)
    assert lock.left_open(save) is None  # a clean quit: no lock file
