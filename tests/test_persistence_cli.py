"""Saved games from the command line (replay, compare, explore, play --load), and kill -9 mid-save."""

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from game import persistence as P
from game import sim
from game.ai.policies import POLICIES
from game.analysis.explore import explore
from game.analysis.odds import bracket
from game.engine.match import Game
from game.model import SIDES, Side

from .cli_support import MINI, run

ROOT = Path(__file__).parent.parent


@pytest.fixture
def hawk_save(tmp_path, capsys):
    path = tmp_path / "hawk.json"
    code, _, err = run(
        capsys, "simulate", "--kennedy", "hawk", "--khrushchev", "random", "--seed", "3", "--save", path
    )
    assert code == 0 and "saved to" in err
    return path


def test_simulate_save_then_replay_as_json(hawk_save, capsys):
    code, out, _ = run(capsys, "replay", hawk_save, "--json")
    data = json.loads(out)
    assert code == 0
    assert {"ending", "kind", "turns", "diverged_at"} <= data.keys()
    assert data["sides"] == {"kennedy": "hawk", "khrushchev": "random"}
    first = data["diverged_at"]
    turn = data["turns"][first - 1]
    assert not all(turn["historical"].values())
    assert all(all(t["historical"].values()) for t in data["turns"][: first - 1])


def test_replay_as_text_says_where_it_left_history(hawk_save, capsys):
    code, out, _ = run(capsys, "replay", hawk_save)
    assert code == 0 and "Left history at turn" in out and "ending:" in out


def test_the_historical_game_never_leaves_history(tmp_path, capsys):
    path = tmp_path / "h.json"
    run(capsys, "simulate", "--scenario", MINI, "--seed", "2", "--save", path)
    data = json.loads(run(capsys, "replay", path, "--json")[1])
    assert data["diverged_at"] is None and data["ending"] == "deal" and data["historical"] is True


def test_a_damaged_save_is_a_message_not_a_traceback(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"format": "missile-crisis-save", "version": 1, "lines": [')
    code, _, err = run(capsys, "replay", path)
    assert code == 2 and "cut short" in err and "Traceback" not in err


def test_branch_at_needs_load(capsys):
    code, _, err = run(capsys, "play", "--branch-at", "3")
    assert code == 2 and "--branch-at needs --load" in err


def test_play_load_branch_at_adds_a_branch_and_keeps_the_original(hawk_save, capsys, monkeypatch):
    original = P.load(hawk_save, line="main").game.state
    answers = iter(["2"] * 400)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code, out, err = run(capsys, "play", "--load", hawk_save, "--branch-at", "2", "--as", "kennedy", "--text")
    assert code == 0 and "original line is kept" in err
    assert P.load(hawk_save, line="main").game.state == original
    tree = {x.id: x for x in P.lines(hawk_save)}
    if len(tree) == 2:  # option 2 differed from what the hawk played at turn 2 or later
        assert tree["b1"].parent == "main" and tree["b1"].branch_at >= 2
        code, out, _ = run(capsys, "compare", f"{hawk_save}#b1")
        assert code == 0 and "They part at turn" in out and "What followed" in out


def test_compare_two_games(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(capsys, "simulate", "--seed", "5", "--save", a)
    run(capsys, "simulate", "--seed", "5", "--kennedy", "hawk", "--save", b)
    code, out, _ = run(capsys, "compare", a, b)
    assert code == 0 and "They part at turn" in out
    data = json.loads(run(capsys, "compare", a, b, "--json")[1])
    assert data["diverged_at"] == data["shared"] + 1 and data["a"]["ending"] == "historical_settlement"


# ---- explore ------------------------------------------------------------------------------


def _mini_game(mini):
    return sim.play(mini, {side: POLICIES["historical"] for side in SIDES}, 2)


def test_explore_lists_every_alternative_of_each_side(mini):
    x = explore(_mini_game(mini), 1, runs=30, seed=4, jobs=1)
    by_side = {side: [r for r in x.rows if r.alternative.side is side] for side in SIDES}
    assert [r.alternative.moves[0].decision for r in by_side[Side.KENNEDY]] == ["blockade", "strike", "wait"]
    assert all(sum(r.endings.values()) == 30 == sum(r.kinds.values()) for r in x.rows)
    played = [r for r in x.rows if r.alternative.played]
    assert len(played) == 2 and all(r.alternative.historical for r in played)
    pairs = explore(_mini_game(mini), 1, runs=5, seed=4, jobs=1, pairs=True)
    assert len(pairs.rows) == 3 * 2  # run_it needs the quarantine: not open on the first turn


def test_explore_is_the_same_for_a_seed_whatever_the_processes(mini):
    game = _mini_game(mini)
    one = explore(game, 1, runs=40, seed=9, jobs=1).to_dict()
    two = explore(game, 1, runs=40, seed=9, jobs=2).to_dict()
    assert one == two
    assert explore(game, 1, runs=40, seed=10, jobs=1).to_dict() != one


def test_explore_command(tmp_path, capsys):
    path = tmp_path / "g.json"
    run(capsys, "simulate", "--scenario", MINI, "--seed", "2", "--save", path)
    code, out, _ = run(capsys, "explore", path, "--at", "1", "--runs", "20", "--seed", "1", "--jobs", "1")
    assert code == 0 and "Strike:" in out and "%" in out and "[as played]  [history]" in out
    code, out, err = run(capsys, "explore", path, "--at", "1", "--runs", "20", "--json", "--progress")
    assert code == 0 and json.loads(out)["runs"] == 20 and "games" in err
    code, _, err = run(capsys, "explore", path, "--at", "9", "--runs", "5")
    assert code == 2 and "explore a turn from 1" in err


def test_explore_gives_each_share_its_interval(tmp_path, capsys):
    """Every kind's share in the table stands beside its 95% interval, worked out from the same
    counts the JSON gives; simulate --runs brackets its shares the same way."""
    path = tmp_path / "g.json"
    run(capsys, "simulate", "--scenario", MINI, "--seed", "2", "--save", path)
    args = ("explore", path, "--at", "1", "--runs", "30", "--seed", "3", "--jobs", "1")
    _, text, _ = run(capsys, *args)
    _, js, _ = run(capsys, *args, "--json")
    rows = [line for line in text.splitlines() if line.startswith("  ") and not line.startswith("      ")]
    alternatives = json.loads(js)["alternatives"]
    assert len(rows) == len(alternatives) and "95% interval" in text
    for line, alt in zip(rows, alternatives, strict=True):
        for kind, n in alt["kinds"].items():
            assert f"{kind.replace('-', ' ')} {round(100 * n / 30)}% {bracket(n, 30)}" in line
    _, tally, _ = run(capsys, "simulate", "--scenario", MINI, "--runs", "12", "--kennedy", "random")
    kinds = tally.split("  kinds:")[1].strip().splitlines()
    assert "95% interval" in tally and sum(int(k.split()[2]) for k in kinds) == 12
    assert all(k.split()[1] == bracket(int(k.split()[2]), 12) for k in kinds)


# ---- kill -9 during an autosave -----------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from game import persistence as P
    from game.ai.policies import POLICIES
    from game.engine.match import Game
    from game.scenario import catalog

    path, mode = sys.argv[1], sys.argv[2]
    s = catalog.get("cuban-missile-crisis")
    sides = {"kennedy": "human", "khrushchev": "random"}
    game = Game(s, 21)
    turns = 0
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["random"](s, game.view(side), 21))
        turns += 1
        if mode == "hang" and turns == 3:
            def hang(fd):
                print("writing", flush=True)
                time.sleep(60)
            os.fsync = hang
        P.autosave(game, sides=sides) if turns > 1 else P.save(game, path, sides=sides)
        print("saved", turns, flush=True)
    print("done", flush=True)
    """
)


def _child(path, mode):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path), mode], stdout=subprocess.PIPE, text=True, env=env
    )


def _kill(child):
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()


def _reference(upto=None):
    from game.scenario import catalog

    s = catalog.get("cuban-missile-crisis")
    game, turns = Game(s, 21), 0
    while not game.is_over() and (upto is None or turns < upto):
        for side in game.sides_to_act():
            game.apply(POLICIES["random"](s, game.view(side), 21))
        turns += 1
    return game


def test_kill_9_in_the_middle_of_an_autosave_loses_only_that_turn(tmp_path):
    path = tmp_path / "g.json"
    child = _child(path, "hang")
    before = None
    for line in child.stdout:
        if line.startswith("saved 2"):
            before = path.read_bytes()
        if line.startswith("writing"):
            break
    _kill(child)
    assert before is not None and path.read_bytes() == before  # the old file, byte for byte
    assert list(tmp_path.glob(".g.json.*.tmp"))  # the new one was cut off in its temporary file
    assert P.load(path).game.state == _reference(upto=2).state


@pytest.mark.parametrize(
    "delay", [random.Random(n).uniform(0.05, 0.5) for n in range(3)], ids=lambda d: f"{d:.2f}s"
)
def test_kill_9_at_any_moment_leaves_a_save_that_loads(tmp_path, delay):
    path = tmp_path / "g.json"
    child = _child(path, "run")
    assert child.stdout.readline().startswith("saved 1")
    time.sleep(delay)
    _kill(child)
    game = P.load(path).game
    full = _reference()
    assert game.state.log == full.state.log[: len(game.state.log)] and game.state.turn > 1


def test_replay_as_text_says_who_played_the_letters_the_agreements_and_what_star_means(tmp_path, capsys):
    """Playtest E14: the text replay named no sides, no letters or agreements, and left `*` unexplained."""
    path = tmp_path / "talks.json"
    args = ("--scenario", "thirteen-days", "--kennedy", "pragmatist", "--khrushchev", "historical")
    assert run(capsys, "simulate", *args, "--seed", "37355", "--save", path)[0] == 0
    game = P.load(path).game
    P.save(game, path, sides={"kennedy": "pragmatist", "khrushchev": "human"})
    code, out, _ = run(capsys, "replay", path)
    head = out.splitlines()[:5]
    assert code == 0
    assert head[1] == "  Kennedy: the computer (pragmatist) · Khrushchev: a player", head
    assert "* an order given on the same date in history; (history: ...) the order given that date" in head[2]
    assert "[history gave it on ...] an order played on another date" in head[3]
    assert "> a letter sent   = an agreement struck" in head[4]
    mail = game.state.mail
    assert mail and game.state.agreements
    assert all(f"> {m.id} " in out for m in mail)  # every letter, on its turn
    assert [line for line in out.splitlines() if "= AGREED:" in line] == [
        f"{'':>20}= AGREED: " + ", ".join(_terms(game, a)) for a in game.state.agreements
    ]


def _terms(game, agreement):  # type: ignore[no-untyped-def]
    from game.cli.render import term_text

    return [term_text(game.scenario, o.term, o.public) for o in agreement.obligations]
