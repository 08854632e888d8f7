"""What the terminal says on leaving names commands that work from where the player is: the script
that ran (`.venv/bin/crisis` after `make play`), `make play` itself, and for an ended game where it
is and how to see it again."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
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
    monkeypatch.setenv("PWD", str(script.parents[2]))  # as the shell that cd'd there says
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
        f"         or: .venv/bin/crisis play --load {shlex.quote(saved.name)}"  # found in the saves folder
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
    assert f".venv/bin/crisis replay {saved.name}" in words  # in the saves folder: by its name
    assert f".venv/bin/crisis report {saved.name} --format html -o {saved.stem}.html" in words
    assert "make play" not in words  # not started by make


def test_make_dash_c_from_another_folder_gives_commands_from_that_folder(venv, monkeypatch):
    """`make -C checkout play` runs the game in the checkout; the player is still in the folder above."""
    player = venv.parents[3]
    monkeypatch.setenv("PWD", str(player))  # make leaves the shell's PWD to a recipe run without a shell
    monkeypatch.setattr(sys, "argv", [".venv/bin/crisis"])
    monkeypatch.setenv("MAKELEVEL", "1")
    launch = this_launch()
    assert launch == Launch("checkout/.venv/bin/crisis", make=True, folder="checkout")
    words = _match(1).farewell(launch)
    assert words is not None
    assert "Resume with: make -C checkout play, then c (Continue)" in words
    assert "or: checkout/.venv/bin/crisis play --load " in words
    monkeypatch.chdir(player)
    assert os.access(shlex.split(words.split("or: ")[1])[0], os.X_OK)  # typed from the player's folder


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_makefiles_play_recipe_run_with_dash_c_names_the_checkout(tmp_path):
    """The real recipe of `make play`, run by make -C from the folder above: what it says works there."""
    recipe = Path(__file__).parents[1].joinpath("Makefile").read_text().split("\nplay:", 1)[1]
    line = next(x for x in recipe.splitlines() if x.startswith("\t"))
    checkout = tmp_path / "checkout"
    script = checkout / ".venv" / "bin" / "crisis"
    script.parent.mkdir(parents=True)
    (checkout / "Makefile").write_text(f"BIN := .venv/bin\nplay:\n{line}\n")
    script.write_text(
        f"#!{sys.executable}\nfrom game.launch import this_launch\n"
        "launch = this_launch()\nprint(launch.make_play)\nprint(launch.run('play'))\n"
    )
    script.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    env.update(PWD=str(tmp_path), PATH=os.defpath)  # as a shell in tmp_path passes it on

    def run(*command: str) -> list[str]:
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
        return done.stdout.splitlines()

    make, again = run("make", "-s", "-C", "checkout", "play")
    assert (make, again) == ("make -C checkout play", "checkout/.venv/bin/crisis play")
    assert run(*shlex.split(make), "-s") == [make, again]  # each works as typed from tmp_path
    assert run(*shlex.split(again)[:1])[1] == again


def test_the_text_games_resume_hint_resumes_the_text_game(capsys, monkeypatch):
    from .cli_support import MINI, feed, run

    feed(monkeypatch, ["1", "q"])
    code, out, _ = run(capsys, "play", "--text", "--as", "kennedy", "--scenario", MINI, "--seed", 3)
    hint = out.split("resume it with: ", 1)[1].splitlines()[0]
    assert code == 0 and hint.endswith(" --text")
    feed(monkeypatch, ["q"])
    code, out, err = run(capsys, *shlex.split(hint)[1:])  # the command as printed, after `crisis`
    assert code == 0 and "resuming on" in out, out + err  # the text game, not the screen
    saved = shlex.split(hint)[3]
    assert f"Nothing was played; {saved} is as it was. Resume it with: {hint}" in out  # not "nothing to save"
