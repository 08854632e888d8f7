"""Explore in shards: any split of the runs, merged, gives exactly the table of one whole run."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import sim
from game.ai.policies import POLICIES
from game.analysis.explore import explore, shard_runs
from game.analysis.shards import merge
from game.cli import main
from game.model import SIDES, CrisisError

from .cli_support import MINI, run


def _game(mini):
    return sim.play(mini, {side: POLICIES["historical"] for side in SIDES}, 2)


@settings(max_examples=200, deadline=None)
@given(runs=st.integers(1, 500), of=st.integers(1, 40))
def test_the_shards_cover_every_run_once(runs, of):
    if of > runs:
        with pytest.raises(CrisisError, match="more shards than"):
            shard_runs(runs, (1, of))
        return
    slices = [shard_runs(runs, (i, of)) for i in range(1, of + 1)]
    assert slices[0][0] == 0 and slices[-1][1] == runs
    assert all(a[1] == b[0] for a, b in zip(slices, slices[1:], strict=False))
    assert all(lo < hi for lo, hi in slices)


def test_merged_shards_are_the_whole_table(mini):
    game = _game(mini)
    whole = explore(game, 1, runs=23, seed=5, jobs=1).to_dict()
    parts = [(f"p{i}", explore(game, 1, runs=23, seed=5, jobs=1, shard=(i, 3)).to_dict()) for i in (3, 1, 2)]
    assert [p["runs"] for _, p in sorted(parts)] == [7, 8, 8]
    assert parts[0][1]["alternatives"] != whole["alternatives"]
    assert merge(parts) == whole
    assert json.dumps(merge(parts)) == json.dumps(whole)  # the same order of keys and endings too


def test_a_shard_missing_twice_or_of_another_study_is_named(mini):
    game = _game(mini)
    one, two = (explore(game, 1, runs=6, seed=5, jobs=1, shard=(i, 2)).to_dict() for i in (1, 2))
    other = explore(game, 1, runs=6, seed=6, jobs=1, shard=(2, 2)).to_dict()
    with pytest.raises(CrisisError, match="2/2 missing"):
        merge([("a.json", one)])
    with pytest.raises(CrisisError, match="b.json: shard 1/2 is given twice"):
        merge([("a.json", one), ("b.json", one)])
    with pytest.raises(CrisisError, match="c.json: another study than a.json \\(seed 6, not 5\\)"):
        merge([("a.json", one), ("c.json", other)])
    whole = explore(game, 1, runs=6, seed=5, jobs=1).to_dict()
    with pytest.raises(CrisisError, match="w.json: not an explore shard"):
        merge([("w.json", whole), ("b.json", two)])
    with pytest.raises(CrisisError, match="x.json: a damaged explore shard"):
        merge([("x.json", {**two, "alternatives": [{"side": None}]})])


def test_explore_shard_and_merge_commands(tmp_path, capsys):
    path = tmp_path / "g.json"
    run(capsys, "simulate", "--scenario", MINI, "--seed", "2", "--save", path)
    common = ("explore", path, "--at", "1", "--runs", "20", "--seed", "4", "--jobs", "1")
    code, out, _ = run(capsys, *common, "--json")
    assert code == 0
    whole = json.loads(out)
    for i in (1, 2):
        code, out, _ = run(capsys, *common, "--shard", f"{i}/2", "-o", tmp_path / f"part{i}.json")
        assert code == 0 and out == ""
    code, out, _ = run(capsys, "explore-merge", tmp_path / "part2.json", tmp_path / "part1.json")
    assert code == 0 and json.loads(out) == whole
    code, _, err = run(capsys, "explore-merge", tmp_path / "part1.json")
    assert code == 2 and "shard(s) 2/2 missing" in err
    (tmp_path / "bad.json").write_text("{not json")
    code, _, err = run(capsys, "explore-merge", tmp_path / "bad.json")
    assert code == 2 and "bad.json: cannot read it as JSON" in err
    with pytest.raises(SystemExit):
        main(["explore", str(path), "--at", "1", "--shard", "3/2"])
    assert "is not I/N with I from 1 to N" in capsys.readouterr().err


def test_serial_process_pool_and_dask_cluster_give_the_same_table(mini):
    distributed = pytest.importorskip("distributed")
    game = _game(mini)
    serial = explore(game, 1, runs=12, seed=8, jobs=1).to_dict()
    assert explore(game, 1, runs=12, seed=8, jobs=2).to_dict() == serial
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as client:
        on_dask = explore(game, 1, runs=12, seed=8, jobs=2, executor=client.get_executor(pure=False))
    assert on_dask.to_dict() == serial


def test_a_worker_with_another_scenario_or_version_refuses_the_chunk(mini, monkeypatch):
    from game.analysis import playout as R

    game = _game(mini)
    job = R.Job(path=mini.path, state=game.state.to_dict(), alternatives=[[]], policies=("random",), seed=1)
    monkeypatch.setattr(R, "_ctx", None)
    version, scenario_hash = R.stamp(mini)
    with pytest.raises(CrisisError, match="the study needs version 0.0.0-other"):
        R.stamped_chunk(job, ("0.0.0-other", scenario_hash), (0, 0, 2))
    with pytest.raises(CrisisError, match="and scenario ffff: install the same on every worker"):
        R.stamped_chunk(job, (version, "ffff"), (0, 0, 2))
    alt, count, found = R.stamped_chunk(job, (version, scenario_hash), (0, 0, 2))
    assert (alt, count, sum(found.values())) == (0, 2, 2)


def test_explore_on_a_local_dask_cluster_from_the_command_line(tmp_path, capsys):
    pytest.importorskip("distributed")
    path = tmp_path / "g.json"
    run(capsys, "simulate", "--scenario", MINI, "--seed", "2", "--save", path)
    common = ("explore", path, "--at", "1", "--runs", "10", "--seed", "4", "--json")
    code, out, _ = run(capsys, *common, "--jobs", "1")
    assert code == 0
    code, on_dask, _ = run(capsys, *common, "--dask", "local")
    assert code == 0 and json.loads(on_dask) == json.loads(out)
