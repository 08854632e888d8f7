"""Command lines a user gets wrong: each answered with the option, the values that exist, no traceback."""

import argparse
import importlib

import pytest

from game import cli

from .cli_support import MINI, run


@pytest.mark.parametrize(
    "args, option, bad, values",
    [
        (["play", "--as", "nobody"], "--as", "nobody", "kennedy, khrushchev, both"),
        (["play", "--opponent", "skynet"], "--opponent", "skynet", "dove, hawk, historical"),
        (["simulate", "--kennedy", "skynet"], "--kennedy", "skynet", "pragmatist, random"),
        (["explore", "x.json", "--at", "1", "--side", "up"], "--side", "up", "kennedy, khrushchev, both"),
        (["report", "x.json", "--format", "pdf"], "--format", "pdf", "md, html"),
    ],
)
def test_a_bad_choice_names_the_option_and_the_values_that_exist(capsys, args, option, bad, values):
    code, _, err = run(capsys, *args)
    assert code == 2 and "Traceback" not in err
    assert f"crisis: {option}: {bad!r} is not one of:" in err and values in err
    assert "no command" not in err


def test_a_mistyped_command_is_still_a_command(capsys):
    code, _, err = run(capsys, "simlate")
    assert code == 2 and "no command 'simlate' (did you mean 'simulate'?)" in err


@pytest.mark.parametrize(
    "args, said, usage",
    [
        (
            ["play", "--oponent", "hawk"],
            "play does not take --oponent hawk (did you mean '--opponent'?)",
            "play",
        ),
        (
            ["simulate", "--games", "3"],
            "simulate does not take --games 3 (crisis simulate's options: ",
            "simulate",
        ),
        (
            ["class", "status", "--server", "http://h", "--code", "X"],
            "class status does not take --code",
            "class status",
        ),
        (["graph", "extra.yaml"], "graph does not take extra.yaml", "graph"),
        (["--bogus"], "crisis does not take --bogus (crisis's options: --help, --version)", ""),
    ],
)
def test_an_unknown_option_is_named_by_its_own_command_with_the_options_it_has(capsys, args, said, usage):
    """Said with the (sub)command's usage, not the top level's 'crisis COMMAND ...' (which read as if
    the command itself were wrong), and its nearest option if one is close."""
    code, _, err = run(capsys, *args)
    assert code == 2 and "Traceback" not in err
    assert f"crisis: {said}" in err
    assert f"usage: crisis {usage}".rstrip() in err


@pytest.mark.parametrize(
    "args, said",
    [
        (["explore", "x.json", "--at", "1", "--jobs", "0"], "--jobs: should be at least 1, not 0"),
        (["explore", "x.json", "--at", "1", "--jobs", "-2"], "--jobs: should be at least 1, not -2"),
        (["explore", "x.json", "--at", "1", "--runs", "100000000"], "--runs: should be at most 100,000"),
        (["explore", "x.json", "--at", "0"], "--at: should be at least 1, not 0"),
        (["simulate", "--runs", "-3"], "--runs: should be at least 1, not -3"),
        (["simulate", "--runs", "lots"], "--runs: 'lots' is not a whole number"),
        (["simulate", "--save", ""], "--save: needs a file name, not an empty one"),
        (["report", "x.json", "-o", " "], "needs a file name, not an empty one"),
        (["play", "--load", "x.json", "--branch-at", "0"], "--branch-at: should be at least 1, not 0"),
    ],
)
def test_counts_and_names_out_of_range_are_refused_before_any_work(capsys, args, said):
    code, out, err = run(capsys, *args)
    assert code == 2 and said in err and "Traceback" not in err and out == ""


def test_simulate_save_into_a_missing_folder_is_refused_and_makes_nothing(tmp_path, capsys):
    target = tmp_path / "nowhere" / "game.json"
    code, _, err = run(capsys, "simulate", "--scenario", MINI, "--save", target)
    assert code == 2 and "nowhere is not a folder" in err
    assert not (tmp_path / "nowhere").exists()


def test_report_into_a_missing_folder_is_refused(tmp_path, capsys):
    save = tmp_path / "g.json"
    assert run(capsys, "simulate", "--scenario", MINI, "--save", save)[0] == 0
    code, _, err = run(capsys, "report", save, "-o", tmp_path / "no" / "r.md")
    assert code == 2 and "is not a folder" in err and not (tmp_path / "no").exists()
    code, _, err = run(capsys, "report", save, "-o", tmp_path)
    assert code == 2 and "is a folder" in err


def test_every_group_registers_its_commands_with_a_handler():
    parser = cli.parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) >= {"play", "validate", "simulate", "graph", "scenarios", "letters"}
    assert set(sub.choices) >= {"replay", "compare", "explore", "report"}

    def handled(p):  # a handler, or a group of subcommands that each have one (crisis table new)
        if callable(p.get_default("func")):
            return True
        nested = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        return bool(nested) and all(handled(c) for a in nested for c in a.choices.values())

    for name, p in sub.choices.items():
        assert handled(p), name
    for group in cli.GROUPS:
        assert callable(importlib.import_module(f"game.cli.{group}").register)


def test_help_says_what_a_command_does_and_the_defaults(capsys):
    """Playtest E27: `crisis play --help` had no description and no defaults."""
    code, out, _ = run(capsys, "play", "--help")
    text = " ".join(out.split())
    assert code == 0 and "the new-game screen opens" in text
    assert "(default: pragmatist)" in text and "(default: cuban-missile-crisis)" in text.replace(
        "cuban- ", "cuban-"
    )
    code, out, _ = run(capsys, "simulate", "--help")
    text = " ".join(out.split())
    assert "Kennedy's policy (default: historical)" in text and "the (first) game's seed (default: 1)" in text


def test_a_broken_scenario_names_the_file_to_validate(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n")
    code, _, err = run(capsys, "simulate", "--scenario", bad)
    assert code == 1 and f"run 'crisis validate {bad}'" in err


@pytest.mark.parametrize(
    "args, said",
    [
        (["debrief", "g.json"], "no command 'debrief' (did you mean 'report'? crisis report g.json"),
        (["resume", "g.json"], "no command 'resume' (did you mean 'play --load'? crisis play --load g.json)"),
        (["export", "g.json"], "a saved game's debrief is 'crisis report g.json --format md|html'"),
    ],
)
def test_the_games_own_words_point_to_the_command(capsys, args, said):
    """The front page says "Export debrief" and "Continue": those words typed as commands are answered
    with the command that does it (playtest F17)."""
    code, _, err = run(capsys, *args)
    assert code == 2 and said in err


def test_export_of_a_table_code_is_not_taken_for_a_save(capsys):
    code, _, err = run(capsys, "export", "7QYPH9")
    assert code == 2 and "report" not in err and "--server" in err
