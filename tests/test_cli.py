"""The `crisis` command as a user meets it: output, exit status, and no tracebacks."""

import json
import subprocess
import sys

import pytest

from game.cli import main

from .cli_support import MINI, run
from .conftest import FIXTURES


def test_validate_a_sound_file(capsys):
    code, out, _ = run(capsys, "validate", MINI)
    assert code == 0 and "ok" in out


def test_validate_reports_file_line_and_fails(capsys):
    bad = str(FIXTURES / "bad" / "misspelt_transition.yaml")
    code, out, err = run(capsys, "validate", MINI, bad)
    assert code == 1
    assert f"{bad}:45:14: transition to 'tlaks'" in out
    assert "1 of 2 file(s) have problems" in err


def test_validate_without_arguments_checks_the_bundled_scenarios(capsys):
    # continuity, which plays games, is checked in tests/test_continuity.py
    code, out, _ = run(capsys, "validate", "--games", "0")
    assert code == 0, out
    assert "cuban-missile-crisis.yaml: ok" in out


def test_simulate_one_game_as_text(capsys):
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--seed", "2")
    assert code == 0
    assert "1962-10-22" in out and "Blockade *" in out
    assert "DEAL" in out and "kind of ending: settlement" in out  # its headline, not its id (J14)


def test_simulate_one_game_as_json(capsys):
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--json", "--kennedy", "random")
    data = json.loads(out)
    assert code == 0
    assert {"ending", "kind", "historical", "turns", "tracks"} <= data.keys()
    assert data["turns"][0]["moves"].keys() == {"kennedy", "khrushchev"}


def test_simulate_many_games_as_json(capsys):
    code, out, _ = run(
        capsys,
        "simulate",
        "--scenario",
        MINI,
        "--runs",
        "50",
        "--json",
        "--kennedy",
        "random",
        "--khrushchev",
        "random",
    )
    data = json.loads(out)
    assert data["runs"] == 50 and sum(data["endings"].values()) == 50
    assert sum(data["kinds"].values()) == 50


def test_simulate_many_games_as_text(capsys):
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--runs", "20", "--kennedy", "hawk")
    assert code == 0 and "20 games" in out and "endings:" in out and "kinds:" in out


def test_graph_is_mermaid(capsys):
    code, out, _ = run(capsys, "graph", "--scenario", MINI)
    assert code == 0 and "stateDiagram-v2" in out and "crisis --> talks" in out


def test_scenarios_lists_the_bundled_ones(capsys):
    code, out, _ = run(capsys, "scenarios")
    assert code == 0
    for name in ("cuban-missile-crisis", "thirteen-days", "il28-endgame"):
        assert name in out


def test_unknown_scenario_is_a_message(capsys):
    code, _, err = run(capsys, "simulate", "--scenario", "thirteen-dayz")
    assert code == 2 and "did you mean 'thirteen-days'?" in err


def test_broken_scenario_is_a_message_not_a_traceback(capsys):
    code, _, err = run(capsys, "simulate", "--scenario", str(FIXTURES / "bad" / "tab_indent.yaml"))
    assert code == 1 and "tab_indent.yaml:25:1" in err and "Traceback" not in err


def test_a_mistyped_command_says_what_would_have_worked(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["simualte"])
    assert exit_.value.code == 2
    assert "did you mean 'simulate'?" in capsys.readouterr().err


def test_python_dash_m_game_runs():
    out = subprocess.run(
        [sys.executable, "-m", "game", "--version"], capture_output=True, text=True, check=True
    )
    assert "missile-crisis" in out.stdout


def test_text_play_to_an_ending(capsys):
    from game.textplay import run as play

    answers = iter(["1"] * 500)
    code = play(MINI, "kennedy", "historical", 3, ask=lambda prompt: next(answers))
    out = capsys.readouterr().out
    assert code == 0 and "Seed 3" in out and "In history:" in out and "DEAL" in out


def test_text_play_explains_bad_input_and_survives_end_of_input(capsys):
    from game.textplay import run as play

    answers = iter(["9", "x", "zz", "a"])

    def ask(prompt):
        return next(answers)  # StopIteration -> treat as end of input below

    def ask_eof(prompt):
        try:
            return ask(prompt)
        except StopIteration:
            raise EOFError from None

    code = play(MINI, "both", "historical", 3, ask=ask_eof)
    out = capsys.readouterr().out
    assert code == 0 and "Type a number from 1 to 3" in out and "Game abandoned" in out
    assert "No letter to answer" in out  # 'x' with no letter (play-test F18)
