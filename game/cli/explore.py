"""`crisis explore`: every alternative open at a turn played forward by the AI, endings counted."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from game.cli import render_saves
from game.cli.options import Subparsers, count, open_save, save_arg
from game.model import SIDES, CrisisError, Side

MAX_RUNS = 100_000  # per alternative: past a few thousand the shares no longer move; this is hours
MAX_JOBS = 256


def register(sub: Subparsers) -> None:
    exp = sub.add_parser("explore", help="play every alternative at a turn forward, and count the endings")
    save_arg(exp)
    exp.add_argument("--at", type=count(1), required=True, metavar="TURN", help="the turn to explore")
    exp.add_argument(
        "--runs",
        type=count(1, MAX_RUNS),
        default=200,
        help=f"games per alternative (default 200, at most {MAX_RUNS:,})",
    )
    exp.add_argument("--seed", type=int, default=1, help="the seed of the runs (same seed, same table)")
    exp.add_argument(
        "--jobs", type=count(1, MAX_JOBS), default=None, help="processes (default: every core for large runs)"
    )
    exp.add_argument(
        "--side", choices=["kennedy", "khrushchev", "both"], default="both", help="whose options to vary"
    )
    exp.add_argument("--pairs", action="store_true", help="every combination of both sides' moves instead")
    exp.add_argument(
        "--policies",
        default=None,
        help="the policies each run draws from for each side, comma-separated (default: all of them)",
    )
    exp.add_argument("--json", action="store_true", help="print JSON")
    exp.add_argument(
        "--shard",
        type=_shard,
        default=None,
        metavar="I/N",
        help="play only the I-th of N slices of the runs (merge the parts with crisis explore-merge)",
    )
    exp.add_argument(
        "--dask",
        default=None,
        metavar="ADDRESS",
        help="run on a Dask cluster: tcp://HOST:8786, or local (needs missile-crisis[dask])",
    )
    exp.add_argument("-o", "--output", default=None, metavar="FILE", help="write the table as JSON to FILE")
    exp.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr"
    )
    exp.set_defaults(func=_explore)
    merge = sub.add_parser("explore-merge", help="add up the shards of one explore study into its table")
    merge.add_argument("parts", nargs="+", metavar="PART", help="the JSON of each shard (explore -o)")
    merge.add_argument("-o", "--output", default=None, metavar="FILE", help="write the JSON to FILE")
    merge.set_defaults(func=_merge)


def _shard(text: str) -> tuple[int, int]:
    """An argparse type: `I/N`, the I-th of N shards, 1 <= I <= N."""
    index, slash, of = text.partition("/")
    try:
        i, n = int(index), int(of)
    except ValueError:
        i = n = 0
    if not slash or n < 1 or not 1 <= i <= n:
        raise argparse.ArgumentTypeError(f"{text!r} is not I/N with I from 1 to N (like 2/8)")
    return i, n


def _merge(args: argparse.Namespace) -> int:
    from game.analysis.shards import merge

    parts = []
    for name in args.parts:
        try:
            with open(name, encoding="utf-8") as handle:
                parts.append((name, json.load(handle)))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise CrisisError(f"{name}: cannot read it as JSON ({err})") from None
    _emit(merge(parts), args.output)
    return 0


def _emit(doc: dict[str, Any], output: str | None) -> None:
    """Print the JSON, or write it to `output` (atomically, by the persistence layer)."""
    text = json.dumps(doc, indent=2)
    if output is None:
        print(text)
        return
    from pathlib import Path

    from game.persistence import write_atomic

    try:
        write_atomic(Path(output), (text + "\n").encode())
    except OSError as err:
        raise CrisisError(f"cannot write {output}: {err.strerror or err}") from None


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread like Ctrl-C, so that the pool is stopped on the way out."""


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While inside: SIGTERM raises `Terminated` (only the main thread can set a handler)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise Terminated

    before = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _explore(args: argparse.Namespace) -> int:
    try:
        with _sigterm_raises():
            return _explore_now(args)
    except Terminated:
        print("crisis: explore stopped by SIGTERM; its worker processes were stopped too", file=sys.stderr)
        return 128 + signal.SIGTERM


def _explore_now(args: argparse.Namespace) -> int:
    from game.analysis.explore import explore

    loaded = open_save(args.path, args.line, args.scenarios)
    policies = [p.strip() for p in args.policies.split(",") if p.strip()] if args.policies else None
    sides = SIDES if args.side == "both" else (Side(args.side),)
    show = sys.stderr.isatty() if args.progress is None else args.progress
    with ExitStack() as stack:
        executor, jobs = None, args.jobs
        if args.dask:
            from game.analysis.cluster import dask_executor

            executor, slots = stack.enter_context(dask_executor(args.dask))
            jobs = args.jobs or slots
        bar = stack.enter_context(_Progress(show))
        result = explore(
            loaded.game,
            args.at,
            runs=args.runs,
            seed=args.seed,
            jobs=jobs,
            policies=policies,
            sides=sides,
            pairs=args.pairs,
            progress=bar.update if show else None,
            shard=args.shard,
            executor=executor,
        )
    if args.output is not None:
        _emit(result.to_dict(), args.output)
    elif args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(render_saves.explore_text(result))
    return 0


class _Progress:
    """A `rich.progress` bar on stderr, fed `(done, total)` as games finish; nothing when not shown."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress(
                "  games",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=False,
            )
            self.bar.__enter__()
        return self

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            return
        if self.task is None:
            self.task = self.bar.add_task("explore", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
