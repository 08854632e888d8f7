"""Cold start of the Textual game to its first screen, beside a minimal Textual app started the same way.

Each run is a fresh interpreter (`python -c`), headless at 80x24. Every kind marks its first paint the
same way: when its first page has been mounted, after the next refresh (the anchors from their
on_mount, the game from its first page's). Taken there: the child's CPU time (time.process_time: the
aim's measure, which the shared machine's load distorts least) and the wall time since the spawn; at
the exit, its CPU in all (wait4: user + system, with the teardown and whatever runs after the first
paint, such as the desk built under the first chapter card or the new-game screen's scenario summary)
and the wall time; and its peak resident set. A second anchor composes the new-game screen's widgets
(three radio sets, two inputs, three switches, two buttons, ...) in a plain Textual app without the
game's code or stylesheet: what Textual itself needs for that page.

The game's child is the `crisis` command itself: `game.cli.main(["play", ...])`, with the scenario
cache in CRISIS_DATA_DIR/cache (the warm-up run fills it). An import hook puts two hooks in as their
modules load (the app runs headless; the first page ends the run once painted), so nothing is
imported before `crisis` would import it and nothing polls. The kinds take turns, run by run, so that
a change in the machine's load falls on all of them; the load average is printed beside; the figures
are medians.

Bytecode is cached as an installed game has it (pip compiles on install): PYTHONDONTWRITEBYTECODE is
taken out of the children's environment, so the warm-up run writes `__pycache__` (with it set, every
start compiled the game's modules from source, CPU the minimal app, whose Textual is compiled, never
pays). Aim: within 1.3x of the minimal app.
`--instructions` counts each start's instructions to its first paint under valgrind's callgrind
instead (one start each, ~4 minutes in all): the same count run after run whatever the load, so a
change of 1% shows, where the CPU times' spread on this machine is +-15%. The new-game screen reads its
files on a timer 0.25 s after its paint, which valgrind's 50-fold slowness could bring before the
paint was counted (+150 M on a busy machine): the child holds that reading back until its paint.
Run: `.venv/bin/python bench/ui_bench.py [--runs N] [--root TREE] [--against TREE] [--instructions]`:
`--root` starts the game from another checkout; `--against` adds another checkout's game (e.g. the
commit before a change, `git archive COMMIT | tar -x -C DIR`) to the same rotation, so that a
before-and-after shares one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, sys, time
kind = sys.argv[1]
painted = []  # CPU and wall seconds of this process when its first screen had been painted

def done(app):
    painted.append((time.process_time(), time.time()))
    if os.environ.get("UI_BENCH_EXIT_AT_PAINT"):  # --instructions: count nothing after the paint
        print(f"painted {painted[0][0]!r} {painted[0][1]!r}", flush=True)
        os._exit(0)
    app.exit()

if kind == "minimal":
    from textual.app import App
    from textual.widgets import Footer, Static

    class Minimal(App):
        def compose(self):
            yield Static("hello")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(done, self)

    Minimal().run(headless=True, size=(80, 24))
elif kind == "widgets":  # the new-game screen's widgets, without the game: what Textual needs for them
    from textual.app import App
    from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
    from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static, Switch

    class Widgets(App):
        def compose(self):
            with Vertical():
                yield Static("title")
                with Grid():
                    for group in (3, 3, 5):
                        with Vertical():
                            with RadioSet():
                                for i in range(group):
                                    yield RadioButton(f"choice {i}", value=i == 0)
                            yield Static("words")
                    with VerticalScroll():
                        yield Static("about")
                with Horizontal():
                    yield Label("Seed")
                    yield Input("7")
                    for name in ("Spoilers", "Tips", "Aims"):
                        yield Label(name)
                        yield Switch(True)
                    yield Button("Continue", disabled=True)
                    yield Button("Start", variant="primary")
            yield Footer()

        def on_mount(self):
            self.call_after_refresh(done, self)

    Widgets().run(headless=True, size=(80, 24))
else:  # the `crisis` command itself (game.cli.main), with two hooks put in as their modules load
    import importlib.abc, importlib.machinery

    def timed(module):
        # the app runs headless at 80x24; its first page, once mounted, ends it after the next refresh
        # (as the anchors do from their on_mount)
        if module.__name__ == "game.ui.app":
            class Timed(module.CrisisApp):
                def run(self, *args, **kwargs):
                    return super().run(headless=True, size=(80, 24))

            module.CrisisApp = Timed
        else:
            page = getattr(module, "PhaseCard" if kind == "desk" else "NewGameScreen")
            mounted = page.__dict__.get("on_mount")

            def on_mount(self):
                if mounted is not None:
                    mounted(self)
                if not painted:
                    self.app.call_after_refresh(done, self.app)

            page.on_mount = on_mount
            later = page.__dict__.get("_painted")
            if later is not None:  # the new-game screen reads its files 0.25 s after its paint; under
                # valgrind (50 times slower) that timer could come before the paint was counted

                def _painted(self):
                    if painted:
                        later(self)
                    else:
                        self.set_timer(0.05, lambda: _painted(self))

                page._painted = _painted

    class Hook(importlib.abc.MetaPathFinder):
        names = ("game.ui.app", "game.ui.screens." + ("phase_card" if kind == "desk" else "new_game"))

        def find_spec(self, name, path, target=None):
            if name not in self.names:
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            run = spec.loader.exec_module
            spec.loader.exec_module = lambda module: (run(module), timed(module))
            return spec

    sys.meta_path.insert(0, Hook())
    from game.cli import main

    main(["play"] if kind == "menu" else ["play", "--as", "kennedy", "--opponent", "historical", "--seed=7"])
print(f"painted {painted[0][0]!r} {painted[0][1]!r}")
"""


class Run(NamedTuple):
    """One cold start, in seconds (memory in MiB)."""

    cpu_paint: float
    """The child's CPU time when its first screen had been painted: the aim's measure."""
    wall_paint: float
    """Wall time from spawn to that paint."""
    cpu_exit: float
    """The child's CPU time in all (wait4: user + system), teardown and work after the paint included."""
    wall_exit: float
    memory: float
    """Peak resident set."""


def once(kind: str, env: dict[str, str], root: Path) -> Run:
    """Start `kind` from the tree `root` in a fresh interpreter and time it."""
    spawned, start = time.time(), time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, kind], cwd=root, env=env, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    said = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0 or "painted " not in said:
        raise SystemExit(f"{kind} ({root}): the child failed with status {status}")
    cpu, wall = (float(word) for word in said.rsplit("painted ", 1)[1].split()[:2])
    return Run(cpu, wall - spawned, usage.ru_utime + usage.ru_stime, elapsed, usage.ru_maxrss / 1024)


def instructions(kind: str, env: dict[str, str], root: Path) -> float:
    """Instructions (millions) `kind` runs to its first paint under valgrind's callgrind: the same
    count start after start, whatever the machine's load (Python's hash seed fixed)."""
    said = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", CHILD, kind],
        cwd=root,
        env={**env, "UI_BENCH_EXIT_AT_PAINT": "1", "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        check=False,
    )
    counted = [line.split()[-1] for line in said.stderr.splitlines() if "Collected :" in line]
    if "painted " not in said.stdout or not counted:
        raise SystemExit(f"{kind} ({root}): no count under valgrind (status {said.returncode})")
    return int(counted[-1]) / 1e6


LABELS = {
    "minimal": "minimal Textual app (Static + Footer)",
    "widgets": "Textual app: the new-game widgets alone",
    "menu": "crisis: the new-game screen",
    "desk": "crisis play --as kennedy: first page",
}
GAME = ("menu", "desk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT, help="the source tree to start (default: here)")
    parser.add_argument(
        "--against",
        type=Path,
        help="another tree (e.g. the commit before a change): its game kinds take turns with this one's",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count each start's instructions to its first paint under valgrind instead (one run each)",
    )
    args = parser.parse_args()
    env = {**os.environ, "CRISIS_DATA_DIR": tempfile.mkdtemp(prefix="crisis-bench-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    starts = [(kind, args.root, LABELS[kind]) for kind in LABELS]
    if args.against is not None:
        starts += [(kind, args.against, f"  the same, {args.against.name}") for kind in GAME]
        starts.sort(key=lambda start: list(LABELS).index(start[0]))  # each beside its counterpart
    load_before = os.getloadavg()
    for kind, root, _ in starts:
        once(kind, env, root)  # warm the file cache, the bytecode and the scenario cache
    if args.instructions:
        counts = [instructions(kind, env, root) for kind, root, _ in starts]
        print("instructions to the first paint under valgrind (callgrind), one start each")
        for (_, _, label), count in zip(starts, counts, strict=True):
            print(f"  {label:40} {count:8.1f} M  {count / counts[0]:5.2f}x")
        return
    runs: list[list[Run]] = [[] for _ in starts]
    for _ in range(args.runs):
        for done, (kind, root, _) in zip(runs, starts, strict=True):
            done.append(once(kind, env, root))
    results = [Run(*(statistics.median(column) for column in zip(*done, strict=True))) for done in runs]
    load_after = os.getloadavg()
    base = results[0]
    print(f"cold start to the first screen, median of {args.runs} fresh interpreters (headless, 80x24)")
    print(f"  load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after; tree {args.root}")
    heads = ("cpu to first paint", "wall to first paint", "cpu to exit", "wall to exit")
    print(f"  {'':40} " + " ".join(f"{h:>19}" for h in heads) + "  peak memory")
    for (_, _, label), r in zip(starts, results, strict=True):
        cells = [f"{v * 1000:6.0f} ms {v / b:5.2f}x" for v, b in zip(r[:4], base[:4], strict=True)]
        memory = f"{r.memory:6.1f} MiB ({r.memory / base.memory:4.2f}x)"
        print(f"  {label:40} " + " ".join(f"{c:>19}" for c in cells) + f"  {memory}")


if __name__ == "__main__":
    main()
