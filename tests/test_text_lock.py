"""The text game holds its save's lock as the screen game does (playtest F7): another game that opens
the save while it plays is told and offered a copy, and a file open in another game is never
written by it: the player plays on in a copy, or does not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from game import persistence as P
from game.engine.match import Game
from game.persistence import lock
from game.scenario import catalog
from game.text_saves import Quit, Saver

from . import test_save_lock
from .test_save_lock import LIMIT, ONE_HUMAN, ROOT

holder = test_save_lock.holder
"""Another process holding the lock of `tmp_path/game.json` (test_save_lock's fixture)."""


def _held_by(save, pid: int) -> bool:
    try:
        return json.loads(lock.lock_file(save).read_text())["pid"] == pid
    except (OSError, ValueError, KeyError):
        return False


def test_a_text_game_in_play_holds_its_save_and_a_second_game_may_take_a_copy(tmp_path):
    env = {**os.environ, "CRISIS_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    args = ["play", "--text", "--as", "kennedy", "--scenario", "thirteen-days", "--seed", "5"]
    with subprocess.Popen(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as first:
        try:
            assert first.stdin is not None
            first.stdin.write("1\n")  # one turn: saved, and the save held while the game waits
            first.stdin.flush()
            save = tmp_path / "saves" / "thirteen-days-seed5.json"
            end = time.monotonic() + LIMIT  # a bound on the wait, never a measurement
            while not _held_by(save, first.pid):
                assert first.poll() is None and time.monotonic() < end, "the text game never held its save"
                time.sleep(0.1)
            assert P.load(save).game.state.log

            before = save.read_bytes()
            second = subprocess.run(
                [sys.executable, "-m", "game", "play", "--load", str(save), "--text"],
                cwd=ROOT,
                env=env,
                input="c\nq\n",
                capture_output=True,
                text=True,
                timeout=LIMIT,
            )
            assert second.returncode == 0, second.stderr
            assert f"{save} is open in another game (process {first.pid}" in second.stderr
            copy = tmp_path / "saves" / "thirteen-days-seed5-copy.json"
            assert f"playing on in {copy}" in second.stderr
            assert save.read_bytes() == before  # the first game's file untouched by the second
            assert _held_by(save, first.pid)

            first.stdin.close()  # end of input: the text game saves and quits
            assert first.wait(LIMIT) == 0
        finally:
            if first.poll() is None:
                first.kill()
                first.wait(LIMIT)
    assert not lock.lock_file(save).exists()  # a clean quit leaves no lock file
    lock.hold(save)  # and the save is free again
    lock.release(save)


def _answers(*typed: str):
    answers = iter(typed)
    return lambda prompt: next(answers)


def _next_turn(game: Game) -> Game:
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])
    return game


def test_the_text_game_never_writes_a_file_open_elsewhere_but_may_play_on_in_a_copy(holder, tmp_path):
    save, _ = holder
    before = save.read_bytes()
    game = _next_turn(P.load(save).game)  # the same game, a turn further: it would add to that file
    saver = Saver(game, ONE_HUMAN, _answers(str(save), "", ""))
    saver.error = "the disk is full"  # its own file failed: the player types another, the open one
    saver.elsewhere()
    assert save.read_bytes() == before and saver.path is None and saver.error  # not written; played on
    assert not lock.holds(save)

    saver = Saver(game, ONE_HUMAN, _answers(str(save), "c"))
    saver.error = "the disk is full"
    saver.elsewhere()
    copy = tmp_path / "game-copy.json"
    try:
        assert saver.path == copy and saver.error is None
        assert P.load(copy).game.state.log == game.state.log and lock.holds(copy)
        assert save.read_bytes() == before
    finally:
        lock.release_all()


def test_a_text_game_whose_save_is_open_elsewhere_stops_or_plays_on_in_a_copy(holder, tmp_path):
    """A game resumed without its lock (textplay.resume called by another program): its next save."""
    save, _ = holder
    before = save.read_bytes()
    loaded = P.load(save).game
    saver = Saver(_next_turn(loaded), ONE_HUMAN, _answers("q"))
    with pytest.raises(Quit):  # the player's q: nothing more saved, the game stops
        saver()
    assert save.read_bytes() == before
    assert "NOT saved" in saver.farewell() and "is open in another game" in saver.farewell()

    game = _next_turn(P.load(save).game)
    saver = Saver(game, ONE_HUMAN, _answers("c"))
    try:
        saver()
        assert saver.path == tmp_path / "game-copy.json" and lock.holds(saver.path)
        assert save.read_bytes() == before
        _next_turn(game)
        saver()  # from now on, the copy
        assert P.load(saver.path).game.state.log == game.state.log
    finally:
        lock.release_all()


def test_a_bare_name_typed_in_the_text_game_saves_in_the_saves_folder(tmp_path, monkeypatch):
    """Play-test 8, H2 (the text game's half): a bare name went into the current folder."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    game = _next_turn(Game(catalog.get("thirteen-days"), 5))
    saver = Saver(game, ONE_HUMAN, _answers("mine"))
    saver.error = "the disk is full"
    saver.elsewhere()
    try:
        assert saver.error is None and saver.path == P.files.saves_dir() / "mine.json"
        assert P.load(saver.path).game.state.log == game.state.log
        assert not (tmp_path / "mine").exists() and not (tmp_path / "mine.json").exists()
    finally:
        lock.release_all()
