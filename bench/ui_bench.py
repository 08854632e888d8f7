"""Cold start of the Textual game to its first screen, beside a minimal Textual app started the same way.

Each run is a fresh interpreter (`python -c`), headless, timed from spawn until the first screen has been
painted and the app has exited. CPU time (so that the shared machine's load counts less) is taken
twice: at the first paint (the child's time.process_time when its first screen has been drawn: the
measure of the aim) and at its exit (user + system from wait4, with the interpreter's teardown and
whatever the page starts after its first paint, such as the new-game screen's scenario summary 0.25 s
later, which a loaded machine's slower paint lets in); wall time to the exit beside them; memory is
the child's peak resident set. A second anchor composes the new-game screen's widgets (three radio
sets, two inputs, three switches, two buttons, ...) in a plain Textual app without the game's code
or stylesheet: what Textual itself needs for that page. The game's
child starts as the `crisis` command does: it builds the `play` command's parser and installs the
scenario cache (in CRISIS_DATA_DIR/cache; one warm-up run fills it). The three kinds take turns, run by
run, so that a change in the machine's load falls on all of them; the load average is printed beside.

Bytecode is cached as an installed game has it (pip compiles on install): PYTHONDONTWRITEBYTECODE is
taken out of the children's environment, so the warm-up run writes `__pycache__` (with it set, every
start compiled the game's ~60 modules from source, ~150 ms of CPU the minimal app, whose Textual is
compiled, never pays). Aim: within 1.3x of the minimal app.
Run: `.venv/bin/python bench/ui_bench.py [--runs N] [--root TREE]`.
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

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
kind = sys.argv[1]
painted = []  # CPU seconds of this process when the first screen had been painted

def done(app):
    painted.append(time.process_time())
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
else:
    from game.cli import parser

    parser(["play"], every=False)  # as `crisis` does: the play command's group alone
    try:
        from game.persistence import scenario_cache
    except ImportError:  # a tree from before the scenario cache (--root, for a before-and-after)
        pass
    else:
        scenario_cache.install()  # as `crisis` does before it starts the app
    from game.ui.app import CrisisApp
    from game.ui.setup import Setup

    want = {"menu": "NewGameScreen", "desk": "PhaseCard"}[kind]

    class Timed(CrisisApp):
        def on_ready(self):  # (CrisisApp's own on_mount runs too: Textual calls every class's handler)
            self.set_interval(0.002, self.check)

        def check(self):
            if type(self.screen).__name__ == want and self.screen.is_mounted and not painted:
                self.call_after_refresh(done, self)

    setup = Setup("cuban-missile-crisis", "kennedy", "historical", 7, True)
    Timed(setup, skip_menu=kind == "desk", think_time=0).run(headless=True, size=(80, 24))
print(f"painted {painted[0]!r}")
"""


def once(kind: str, env: dict[str, str]) -> tuple[float, float, float, float]:
    """Seconds from spawn to exit, the child's CPU seconds to its first paint and in all (to its
    exit), and its peak memory in MiB."""
    start = time.perf_counter()
    root = env.get("CRISIS_BENCH_ROOT", ROOT)
    proc = subprocess.Popen([sys.executable, "-c", CHILD, kind], cwd=root, env=env, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    said = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0 or "painted " not in said:
        raise SystemExit(f"{kind}: the child failed with status {status}")
    painted = float(said.rsplit("painted ", 1)[1])
    return elapsed, painted, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=ROOT, help="the source tree to start (default: here)")
    args = parser.parse_args()
    env = {**os.environ, "CRISIS_DATA_DIR": tempfile.mkdtemp(prefix="crisis-bench-")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["CRISIS_BENCH_ROOT"] = str(args.root)
    kinds = ("minimal", "widgets", "menu", "desk")
    load_before = os.getloadavg()
    for kind in kinds:
        once(kind, env)  # warm the file cache, the bytecode and the scenario cache
    runs: dict[str, list[tuple[float, float, float, float]]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):
        for kind in kinds:
            runs[kind].append(once(kind, env))
    results = {
        kind: tuple(statistics.median(r[i] for r in done) for i in range(3)) + (max(r[3] for r in done),)
        for kind, done in runs.items()
    }
    load_after = os.getloadavg()
    base_t, base_p, base_c, base_m = results["minimal"]
    print(f"cold start to the first screen, median of {args.runs} fresh interpreters (headless, 80x24)")
    print(f"  load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after; tree {args.root}")
    labels = {
        "minimal": "minimal Textual app (Static + Footer)",
        "widgets": "Textual app: the new-game widgets alone",
        "menu": "crisis: the new-game screen",
        "desk": "crisis play --as kennedy: first page",
    }
    print(f"  {'':40} {'cpu to first paint':>20} {'cpu to exit':>18} {'wall to exit':>18}  peak memory")
    for kind, (t, p, c, m) in results.items():
        first = f"{p * 1000:6.0f} ms {p / base_p:5.2f}x"
        cpu = f"{c * 1000:6.0f} ms {c / base_c:5.2f}x"
        wall = f"{t * 1000:6.0f} ms {t / base_t:5.2f}x"
        print(f"  {labels[kind]:40} {first:>20} {cpu:>18} {wall:>18}  {m:6.1f} MiB ({m / base_m:4.2f}x)")


if __name__ == "__main__":
    main()
