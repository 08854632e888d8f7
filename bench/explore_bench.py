"""Explore on one core, on two, and on a Dask LocalCluster: games per CPU second and per wall second.

One study (every alternative open at a turn of a historical game, `--runs` games each, the default
mix of policies) is played three ways in one run, side by side:
- serially in this process (`jobs=1`);
- in a process pool of `--jobs` workers (`jobs=2`: the two cores of this machine);
- on a Dask LocalCluster of `--jobs` single-threaded worker processes (with the `dask` extra).
Each prints its wall time, its CPU time (this process plus its workers: the pool's from
RUSAGE_CHILDREN once it has shut down, the cluster's asked of each worker), games per CPU second
and per wall second, and the three tables must be identical (the same seeds give the same counts).

Then the overhead of one task: `--tasks` games in tasks of one game each, and in tasks of `--size`
games, through a process pool (its start included, as explore pays it) and through Dask (its
workers warmed first: each reads the scenario once); the CPU beyond the same games played in this
process, divided by the tasks, is the cost of sending one task; the wall time is beside it. The
Dask CPU counts this process (the client and the LocalCluster's scheduler) and every worker's
process, heartbeats included.

The load average is printed before and after: the 1.8x on two cores can only show on an idle
machine; on a busy one, compare CPU per game (parallel work that costs no more CPU per game scales).
Run: `.venv/bin/python bench/explore_bench.py [--scenario ID] [--at TURN] [--runs N] [--jobs J]`.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from game import schema, sim
from game.ai.policies import POLICIES
from game.analysis import playout
from game.analysis.explore import Exploration, alternatives, explore
from game.engine.match import Game, cut
from game.model import SIDES, Side
from game.persistence import scenario_cache
from game.scenario import catalog


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _worker_cpu() -> float:  # runs on a Dask worker
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Meter:
    """Wall and CPU time of a block: this process, its reaped children, and (given) Dask workers."""

    def __init__(self, client: Any = None) -> None:
        self.client = client
        self.wall = self.cpu = 0.0

    def _workers(self) -> float:
        return sum(self.client.run(_worker_cpu).values()) if self.client is not None else 0.0

    def __enter__(self) -> Meter:
        self._start = (time.perf_counter(), time.process_time() + _children_cpu() + self._workers())
        return self

    def __exit__(self, *exc: object) -> None:
        wall, cpu = self._start
        self.wall = time.perf_counter() - wall
        self.cpu = time.process_time() + _children_cpu() + self._workers() - cpu


def _same(serial: Exploration, other: Exploration, name: str) -> None:
    """Say so, with the rows, if `other`'s table is not the serial one (it must be: same seeds)."""
    rows = [(a, b) for a, b in zip(serial.rows, other.rows, strict=True) if a.endings != b.endings]
    if rows:
        print(f"  !! {name}'s table differs from the serial one in {len(rows)} of {len(serial.rows)} rows:")
        for a, b in rows:
            moves = ", ".join(f"{m.side.value} {m.decision}" for m in a.alternative.moves)
            print(f"     {moves}: serial {a.endings}\n     {'':{len(moves)}}  {name} {b.endings}")


def _line(label: str, games: int, m: Meter, base: Meter | None = None) -> str:
    text = (
        f"  {label:34} {games:6} games  wall {m.wall:7.2f} s  cpu {m.cpu:7.2f} s  "
        f"{games / m.cpu:6.1f} games/cpu-s  {games / m.wall:6.1f} games/wall-s"
    )
    if base is not None:
        text += f"  wall {base.wall / m.wall:4.2f}x, cpu/game {m.cpu / base.cpu:4.2f}x"
    return text


@contextmanager
def _cluster(jobs: int) -> Iterator[tuple[Any, Executor, float]]:
    """A LocalCluster of `jobs` single-threaded worker processes, its client's executor, and the
    seconds it took to start."""
    import distributed

    start = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    try:
        yield client, client.get_executor(pure=False), time.perf_counter() - start
    finally:
        client.close()
        cluster.close()


def _task_list(n_alts: int, games: int, size: int) -> list[tuple[int, int, int]]:
    """`games` games (alternatives in turn) in tasks of `size`: (alternative, first run, end)."""
    return [(k % n_alts, lo, lo + size) for k, lo in enumerate(range(0, games, size))]


def _run(
    submit: Callable[[tuple[int, int, int]], Any], tasks: list[tuple[int, int, int]], width: int
) -> None:
    for _ in playout._bounded(submit, iter(tasks), width):
        pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scenario", default="thirteen-days")
    ap.add_argument("--at", type=int, default=3, help="the turn explored (thirteen-days' 3: October 20)")
    ap.add_argument("--runs", type=int, default=30, help="games per alternative")
    ap.add_argument("--jobs", type=int, default=2, help="processes of the pool and workers of the cluster")
    ap.add_argument("--policies", default=None, help="the mix, comma-separated (default: every policy)")
    ap.add_argument("--tasks", type=int, default=200, help="one-game tasks for the overhead per task")
    ap.add_argument("--size", type=int, default=25, help="games per task, the overhead's anchor")
    ap.add_argument("--no-dask", action="store_true", help="leave the Dask cluster out")
    args = ap.parse_args()
    scenario_cache.install()
    s = catalog.get(args.scenario)
    game = sim.play(s, {side: POLICIES["historical"] for side in SIDES}, 1)
    mix = args.policies.split(",") if args.policies else None
    study = {"runs": args.runs, "policies": mix, "seed": 1}
    load = os.getloadavg()
    print(f"explore {args.scenario} at turn {args.at}, {args.runs} games per alternative, {args.jobs} jobs")
    print(f"  load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) before")

    with Meter() as serial:
        one = explore(game, args.at, jobs=1, **study)  # type: ignore[arg-type]
    games = args.runs * len(one.rows)
    print(f"  {len(one.rows)} alternatives on {one.date} ({one.phase})")
    print(_line("serial (jobs=1)", games, serial))
    with Meter() as pool:
        two = explore(game, args.at, jobs=args.jobs, **study)  # type: ignore[arg-type]
    print(_line(f"process pool (jobs={args.jobs})", games, pool, serial))
    _same(one, two, "the process pool")

    job, n_alts = _job(game, args)
    print(
        f"  overhead per task: {args.tasks} games in one-game tasks and in tasks of {args.size}, "
        "beside the same games played in this process:"
    )
    playout._init(job)
    work = {size: _task_list(n_alts, args.tasks, size) for size in (1, args.size)}
    alone = {}
    for size, tasks in work.items():  # the same games in this process: what the tasks cost beyond
        with Meter() as alone[size]:
            for task in tasks:
                playout._chunk(task)
    for size, tasks in work.items():  # before any cluster: the pool forks while this process has one thread
        with Meter() as m, _pool(args.jobs, job) as pool:
            _run(lambda t, pool=pool: pool.submit(playout._chunk, t), tasks, 4 * args.jobs)
        _overhead("process pool", len(tasks), size, alone[size], m)

    dask = not args.no_dask
    if dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("  (no Dask: pip install 'missile-crisis[dask]')")
            dask = False
    if dask:
        want = playout.stamp(game.scenario)
        with _cluster(args.jobs) as (client, executor, started):
            print(f"  Dask LocalCluster of {args.jobs} workers started in {started:.2f} s (wall)")
            warm = _task_list(n_alts, 4 * args.jobs, 1)  # each worker reads the scenario once, unmeasured
            _run(lambda t: executor.submit(playout.stamped_chunk, job, want, t), warm, 4 * args.jobs)
            for size, tasks in work.items():
                with Meter(client) as m:
                    _run(lambda t: executor.submit(playout.stamped_chunk, job, want, t), tasks, 4 * args.jobs)
                _overhead("Dask", len(tasks), size, alone[size], m)
            with Meter(client) as on_dask:
                three = explore(game, args.at, jobs=args.jobs, executor=executor, **study)  # type: ignore[arg-type]
            print(_line(f"Dask LocalCluster ({args.jobs} workers)", games, on_dask, serial))
            _same(one, three, "the Dask cluster")
    load = os.getloadavg()
    print(f"  load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) after")


def _job(game: Game, args: argparse.Namespace) -> tuple[playout.Job, int]:
    """The study's job as explore builds it, and its number of alternatives."""
    start = cut(game, args.at)
    log = game.state.log
    made = log[args.at - 1].moves if args.at <= len(log) else game.state.pending
    played = {side: next((m for m in made if m.side is side), None) for side in SIDES}
    alts = alternatives(start, played, sides=(Side.KENNEDY, Side.KHRUSHCHEV))
    job = playout.Job(
        path=game.scenario.path,
        state=start.state.to_dict(),
        alternatives=[schema.dump(a.moves) for a in alts],
        policies=tuple(args.policies.split(",")) if args.policies else tuple(sorted(POLICIES)),
        seed=1,
    )
    return job, len(alts)


def _overhead(name: str, n: int, size: int, alone: Meter, m: Meter) -> None:
    """One line: the CPU beyond the same games played in this process, per task, and the wall time."""
    extra = (m.cpu - alone.cpu) / n
    print(
        f"    {name:13} {n:5} tasks of {size:3} game(s): cpu {m.cpu:6.2f} s, beyond the games "
        f"{extra * 1000:7.2f} ms a task; wall {m.wall:6.2f} s, {m.wall / n * 1000:7.2f} ms a task"
    )


@contextmanager
def _pool(jobs: int, job: playout.Job) -> Iterator[ProcessPoolExecutor]:
    """A pool as explore makes one (its workers' start is part of what is measured)."""
    with ProcessPoolExecutor(
        jobs, mp_context=playout._context(), initializer=playout._init, initargs=(job,)
    ) as pool:
        yield pool


if __name__ == "__main__":
    main()
