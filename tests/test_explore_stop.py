"""`crisis explore` stopped by SIGTERM stops its pool's workers too: none is left playing, orphaned."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .waits import LIMIT

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads child processes from /proc")


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.add(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _save(tmp_path: Path) -> Path:
    """A thirteen-days game of two hawks, five turns in, saved with today's scenario (a golden save
    stops replaying whenever the story changes)."""
    from game.ai.policies import POLICIES
    from game.engine.match import Game
    from game.persistence.saves import save
    from game.scenario import catalog

    s = catalog.get("thirteen-days")
    game = Game(s, 7)
    while game.state.turn < 5 and not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["hawk"](s, game.view(side), 7))
    return save(game, tmp_path / "hawks.json", sides={"kennedy": "hawk", "khrushchev": "hawk"})


def test_sigterm_stops_the_workers_with_the_explore(tmp_path):
    save_file = _save(tmp_path)
    env = {**os.environ, "CRISIS_DATA_DIR": str(tmp_path), "CRISIS_CACHE_DIR": "off"}
    argv = [sys.executable, "-m", "game", "explore", str(save_file), "--at", "3", "--runs", "100000"]
    log = tmp_path / "stderr.txt"
    with log.open("w") as stderr:  # a file, not a pipe: a worker left behind would hold a pipe open
        proc = subprocess.Popen([*argv, "--jobs", "2", "--no-progress"], env=env, stderr=stderr)
    workers: set[int] = set()
    try:
        end = time.monotonic() + LIMIT  # a bound against a hang, not a timing check
        while len(workers) < 2 and proc.poll() is None:
            assert time.monotonic() < end, "the pool's two workers never started"
            workers = _children(proc.pid)
            time.sleep(0.05)
        assert proc.poll() is None, log.read_text()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=LIMIT)
        err = log.read_text()
        assert proc.returncode == 128 + signal.SIGTERM, err
        assert "stopped by SIGTERM" in err and "Traceback" not in err
        end = time.monotonic() + LIMIT
        while any(_alive(w) for w in workers):
            assert time.monotonic() < end, f"workers left playing: {[w for w in workers if _alive(w)]}"
            time.sleep(0.05)
    finally:
        for pid in [proc.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        proc.wait()


def _job():
    from game import schema, sim
    from game.ai.policies import POLICIES
    from game.analysis import playout
    from game.model import SIDES
    from game.scenario import catalog

    s = catalog.get("thirteen-days")
    game = sim.play(s, {side: POLICIES["historical"] for side in SIDES}, 1)
    return playout.Job(s.path, game.state.to_dict(), [schema.dump(())], ("random",), 1)


def test_a_dask_worker_reads_the_scenario_from_this_machine_s_cache_where_there_is_one(tmp_path, monkeypatch):
    """A worker the command line did not start (Dask's) parsed the scenario again: it now installs the
    user's scenario cache when the folder and its key are there, and sets up nothing where they are not."""
    from game.analysis import playout
    from game.persistence import scenario_cache
    from game.scenario import cache

    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CRISIS_CACHE_DIR", str(tmp_path / "cache"))
    job = _job()
    before = cache.installed()
    try:
        cache.install(None)
        playout._Ctx(job)
        assert (
            cache.installed() is None
            and not (tmp_path / "cache").exists()
            and not (tmp_path / "data").exists()
        )
        scenario_cache.install()  # the command line ran here once: a cache folder and a key
        from game.scenario.load import load

        load(job.path)
        assert (tmp_path / "cache").is_dir() and (tmp_path / "data" / scenario_cache.KEY).is_file()
        cache.install(None)
        playout._Ctx(job)
        store = cache.installed()
        assert isinstance(store, scenario_cache.FileStore) and store.folder == tmp_path / "cache"
    finally:
        cache.install(before)
