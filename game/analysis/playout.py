"""The work of an exploration: a job, each worker's copy of it, and the runs played in chunks, in this
process, in a process pool or on a Dask cluster, with at most a few chunks in flight."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import math
import multiprocessing
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from game import schema
from game.ai.policies import QUIET
from game.engine.chance import pick
from game.engine.match import Game
from game.engine.state import GameState, Move
from game.model import SIDES, CrisisError, Scenario


@dataclass(frozen=True)
class Job:
    path: str
    state: dict[str, Any]
    alternatives: list[list[dict[str, Any]]]
    policies: tuple[str, ...]
    seed: int


class _Ctx:
    """A worker's copy of the job, built once per process."""

    def __init__(self, job: Job, scenario: Scenario | None = None) -> None:
        if scenario is None:
            from game.scenario import catalog

            _use_cache()
            scenario = catalog.get(job.path)
        self.job = job
        self.scenario = scenario
        self.start = GameState.from_dict(job.state)
        self.alternatives = [schema.load(alt, tuple[Move, ...]) for alt in job.alternatives]


_ctx: _Ctx | None = None


def _use_cache() -> None:
    """In a worker the command line did not start (a Dask worker), the scenario cache of that
    machine's user, where one is there: the checked scenario is read back, not parsed and linted
    again. Nothing is set up where there is none (no folder, no key): the worker parses, as before."""
    from game.persistence import scenario_cache
    from game.persistence.files import data_dir
    from game.scenario import cache

    if cache.installed() is not None:
        return
    folder = scenario_cache.cache_dir()
    if folder is not None and folder.is_dir() and (data_dir() / scenario_cache.KEY).is_file():
        scenario_cache.install()


def _init(job: Job, quiet: bool = False) -> None:
    global _ctx
    if quiet:  # started under a full-screen app: a worker's output would land on its screen
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
    # a forked worker inherits its parent's SIGTERM handler (the command line's, which raises):
    # a worker is stopped by SIGTERM, as the pool's shutdown on a failure sends it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _ctx is None or _ctx.job != job:
        _ctx = _Ctx(job)


def _chunk(task: tuple[int, int, int]) -> tuple[int, int, Counter[tuple[str, str]]]:
    alt, lo, hi = task
    assert _ctx is not None
    return alt, hi - lo, Counter(play_out(_ctx, alt, r) for r in range(lo, hi))


def stamp(s: Scenario) -> tuple[str, str]:
    """The game's version and the hash of the scenario's files: what a worker must have too."""
    from game import __version__
    from game.persistence.fingerprint import fingerprint

    return __version__, fingerprint(s).hash


def stamped_chunk(job: Job, want: tuple[str, str], task: tuple[int, int, int]) -> Any:
    """A chunk on another machine: refused unless its game and scenario are the ones of the study."""
    global _ctx
    if _ctx is None or _ctx.job != job:
        ctx = _Ctx(job)
        have = stamp(ctx.scenario)
        if have != want:
            raise CrisisError(
                f"a worker has version {have[0]} and scenario {have[1]} of {job.path!r}; "
                f"the study needs version {want[0]} and scenario {want[1]}: install the same on every worker"
            )
        _ctx = ctx
    return _chunk(task)


def run_seed(seed: int, run: int) -> int:
    """The seed of run `run`: a pure function of the explore seed and the run's number."""
    digest = hashlib.blake2b(f"explore:{seed}:{run}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") & 0x7FFFFFFF


def play_out(ctx: _Ctx, alt: int, run: int) -> tuple[str, str]:
    """One run of one alternative, to the end: (ending, kind)."""
    s, mix = ctx.scenario, ctx.job.policies
    seed = run_seed(ctx.job.seed, run)
    # no one reads a run's letters: the same moves without their words (ai/policies.py QUIET)
    chosen = {side: QUIET[mix[pick(seed, 0, f"explore:{side.value}", [1.0] * len(mix))]] for side in SIDES}
    game = Game(s, state=dataclasses.replace(ctx.start, seed=seed))
    for move in ctx.alternatives[alt]:
        game.apply(move)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(chosen[side](s, game.view(side), seed))
    out = game.outcome()
    assert out is not None
    return out.ending, out.kind.value


def _bounded(submit: Callable[[Any], Future[Any]], tasks: Iterator[Any], width: int) -> Iterator[Any]:
    """The result of `submit(task)` for every task, with at most `width` in flight (tasks streamed)."""
    running = {submit(t) for t in itertools.islice(tasks, width)}
    while running:
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        running |= {submit(t) for t in itertools.islice(tasks, len(finished))}
        for future in finished:
            yield future.result()


def run(
    job: Job,
    s: Scenario,
    first: int,
    end: int,
    jobs: int,
    progress: Callable[[int, int], None] | None,
    executor: Executor | None = None,
) -> list[tuple[Counter[str], Counter[str]]]:
    n, runs = len(job.alternatives), end - first
    if jobs > 1:
        size = max(5, min(500, math.ceil(runs / (4 * jobs))))
    else:  # ten slices or more: the page's bar and time left move, and a stop comes soon
        size = max(1, min(100, math.ceil(runs / 10)))
    # a generator, and at most a few chunks per process in flight: memory does not grow with `runs`;
    # every alternative's runs in turn, a slice at a time, so the rate so far holds for the rest (one
    # order's games may last three times another's: in order of alternatives the time left was off)
    tasks = ((alt, lo, min(lo + size, end)) for lo in range(first, end, size) for alt in range(n))
    results: list[Counter[tuple[str, str]]] = [Counter() for _ in range(n)]
    total = runs * n
    if progress:
        progress(0, total)

    def _absorb(chunks: Iterable[tuple[int, int, Counter[tuple[str, str]]]]) -> None:
        done = 0
        for alt, count, found in chunks:
            results[alt] += found
            done += count
            if progress:
                progress(done, total)

    if executor is not None:
        want = stamp(s)
        chunks = _bounded(lambda t: executor.submit(stamped_chunk, job, want, t), tasks, 4 * jobs)
        _absorb(chunks)
    elif jobs == 1:
        global _ctx
        _ctx = _Ctx(job, s)
        _absorb(_chunk(task) for task in tasks)
    else:
        context, quiet = _context(), not _usable(sys.stderr)
        if quiet and context.get_start_method() != "fork":
            _start_tracker()
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(job, quiet))
        try:
            _absorb(_bounded(lambda t: pool.submit(_chunk, t), tasks, 4 * jobs))
        except BaseException:  # an error, Ctrl-C or SIGTERM: no worker is left playing on (orphaned)
            _stop(pool)
            raise
        pool.shutdown()
    out = []
    for found in results:
        endings: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for (ending, kind), k in found.items():
            endings[ending] += k
            kinds[kind] += k
        out.append((endings, kinds))
    return out


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: the chunks not started are cancelled and the workers terminated (shutdown
    alone would wait for every chunk in flight, up to 500 games each)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # the pool has no public handle
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(STOP_SECONDS)


STOP_SECONDS = 5.0
"""How long a terminated worker is waited for."""


def _usable(stream: Any) -> bool:
    """The stream has a file a child process can be handed (a Textual app's stand-ins answer -1)."""
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def _start_tracker() -> None:
    """Start multiprocessing's resource tracker (spawned workers need it) with a stderr it can keep.
    It hands the process it starts `sys.stderr.fileno()`, and a Textual app's stand-in stderr answers
    -1 ("bad value(s) in fds_to_keep"): while it starts, stderr is os.devnull instead."""
    from multiprocessing import resource_tracker

    with open(os.devnull, "w", encoding="utf-8") as null:  # no file is written
        held, sys.stderr = sys.stderr, null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = held


def _context() -> Any:
    """fork where it is safe (a single thread, POSIX): workers start at once; spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
