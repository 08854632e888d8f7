"""What the terminal says on leaving names commands that work from where the player is: the script
that ran (`.venv/bin/crisis` after `make play`), `make play` itself, and for an ended game where it
is and how to see it again."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import pytest

from game import persistence as P
from game.launch import Launch, _command, this_launch
from game.ui.session import Match
from game.ui.setup import Setup

from .test_ui_support import MINI


@pytest.fixture
def venv(tmp_path, monkeypatch) -> Path:
    """A checkout with its own .venv/bin/crisis, not on PATH; the current folder."""
    script = tmp_path / "checkout" / ".venv" / "bin" / "crisis"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.chdir(script.parents[2])
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))
    return script


def test_a_script_not_on_path_is_named_as_it_can_be_typed(venv, monkeypatch):
    here = venv.parents[2]
    assert _command(".venv/bin/crisis", here) == ".venv/bin/crisis"  # make play, from the checkout
    assert _command(str(venv), here.parent / "other") == str(venv)  # elsewhere: the full path
    monkeypatch.setenv("PATH", str(venv.parent))
    assert _command(".venv/bin/crisis", here) == "crisis"  # on PATH: the short name works


def test_python_m_game_is_named_with_its_interpreter(venv, monkeypatch):
    import game

    monkeypatch.setattr(sys, "executable", str(venv.parent / "python"))
    main = str(Path(game.__file__).parent / "__main__.py")
    assert _command(main, venv.parents[2]) == ".venv/bin/python -m game"


def test_this_launch_reads_argv_and_make(venv, monkeypatch):
    monkeypatch.setattr(sys, "argv", [".venv/bin/crisis"])
    monkeypatch.setenv("MAKELEVEL", "1")
    assert this_launch() == Launch(".venv/bin/crisis", make=True)
    monkeypatch.setattr(sys, "argv", ["/x/game/__main__.py"])  # python -m game under make test: not make play
    assert this_launch().make is False
    monkeypatch.setattr(sys, "argv", [".venv/bin/crisis"])
    monkeypatch.delenv("MAKELEVEL")
    assert this_launch().make is False
    assert Launch("crisis").run("replay", "/tmp/my saves/g.json") == "crisis replay '/tmp/my saves/g.json'"


def _match(turns: int | None) -> Match:
    """A mini game played by its first moves, `turns` turns (None: to its end), saved every turn."""
    match = Match.start(Setup(MINI, "kennedy", "historical", 3, True))
    game = match.game
    while not game.is_over() and (turns is None or len(game.state.log) < turns):
        for side in game.sides_to_act():
            match.apply(game.legal_moves(side)[0])
    return match


def test_quitting_after_make_play_says_make_play_and_the_script(venv):
    match = _match(1)
    saved = match.saved_to
    assert saved is not None and saved.parent == P.saves_dir()
    words = match.farewell(Launch(".venv/bin/crisis", make=True))
    assert words == (
        f"Saved to {saved}\n"
        "Resume with: make play, then c (Continue)\n"
        f"         or: .venv/bin/crisis play --load {shlex.quote(str(saved))}"
    )
    for line in words.splitlines()[1:]:  # each command as typed runs here
        command = line.split(": ", 1)[1]
        if command.startswith(".venv"):
            assert os.access(shlex.split(command)[0], os.X_OK)


def test_quitting_an_ended_game_says_where_it_is_and_how_to_see_it_again(venv):
    match = _match(None)
    saved = match.saved_to
    assert saved is not None and match.game.is_over()
    words = match.farewell(Launch(".venv/bin/crisis"))
    assert words is not None
    assert f"The game is over; it is saved in {saved}" in words
    assert f".venv/bin/crisis replay {saved}" in words
    assert f".venv/bin/crisis report {saved} --format html -o {saved.stem}.html" in words
    assert "make play" not in words  # not started by make
