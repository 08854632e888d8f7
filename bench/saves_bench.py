"""Saves benchmark: saving, loading and replaying a 200-turn save; explore games per second on one core
and on all cores.

The campaign's games are short (4-30 turns), so the 200-turn save is of a synthetic scenario written
to a temporary folder: one phase with a turn a day for 200 days, three decisions a side, and a chance
incident every turn, played by the random policy. Loading it replays all 400 moves through the engine
and checks 200 state digests.

Run: python bench/saves_bench.py [--runs N] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game import sim  # noqa: E402
from game.ai.policies import POLICIES  # noqa: E402
from game.analysis.explore import explore  # noqa: E402
from game.engine import rules  # noqa: E402
from game.model import SIDES  # noqa: E402
from game.persistence import load, save, write_atomic  # noqa: E402
from game.scenario import catalog  # noqa: E402
from game.scenario.load import load as load_scenario  # noqa: E402

LONG = """\
format: 1
id: long-siege
title: A long siege
summary: A synthetic 200-turn game for the saves benchmark.
dates: {start: 1962-01-01, end: 1962-07-19}
sides:
  kennedy: {leader: John F. Kennedy, country: United States, short: Kennedy}
  khrushchev: {leader: Nikita S. Khrushchev, country: Soviet Union, short: Khrushchev}
sources: [{id: bench, title: The benchmark}]
tracks:
  - {id: risk, label: Risk of war, min: 0, max: 10, start: 3, higher_is: bad, role: risk,
     thresholds: {warning: 4, danger: 7, jump: 2, bands: [4, 6, 8]}}
  - {id: prestige, label: Soviet prestige, min: 0, max: 10, start: 5}
flags: [{id: talks, description: Talks are open.}]
start: {phase: siege}
phases:
  - id: siege
    title: The siege
    dates: {start: 1962-01-01, end: 1962-07-19}
    briefing:
      kennedy: {text: Hold the line., historical: false}
      khrushchev: {text: Keep the pressure on., historical: false}
    decisions:
      kennedy:
        - {id: press, label: Press, description: Press., historical: false, stance: hawk, effects: {risk: +1}}
        - {id: ease, label: Ease, description: Ease., historical: false, stance: dove, effects: {risk: -1}}
        - {id: talk, label: Talk, description: Open talks., historical: false, effects: {talks: true}}
      khrushchev:
        - {id: push, label: Push, description: Push., historical: false, effects: {risk: +1, prestige: +1}}
        - {id: give, label: Give, description: Give., historical: false, effects: {risk: -1, prestige: -1}}
        - {id: wait, label: Wait, description: Wait., historical: false}
    events:
      - id: incident
        title: Incident
        text: Shots at the wire.
        historical: false
        once: false
        chance: 0.05 * risk
        effects: {risk: +1}
    transitions:
      - {to: end}
endings:
  - id: peace
    headline: PEACE
    epilogue: It ended.
    kind: settlement
    historical: true
    source: bench
    scores:
      kennedy: {survival: 10, security: 5, prestige: 5, history: 5}
      khrushchev: {survival: 10, security: 5, prestige: prestige, history: 5}
"""


def median_time(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `fn` over `repeat` calls (CPU time holds on a busy machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def bench_long_save(folder: Path, repeat: int) -> None:
    path = folder / "long-siege.yaml"
    write_atomic(path, LONG.encode())
    s = load_scenario(path)
    game = sim.play(s, {side: POLICIES["random"] for side in SIDES}, 7)
    turns = len(game.state.log)
    target = folder / "long.json"
    sides = {"kennedy": "random", "khrushchev": "random"}
    t, c = time.perf_counter(), time.process_time()
    save(game, target, sides=sides)  # the first save digests every turn
    t_save = (time.perf_counter() - t, time.process_time() - c)
    size = target.stat().st_size
    t_autosave = median_time(lambda: save(game, target, sides=sides), repeat)  # digests are remembered
    t_load = median_time(lambda: load(target, scenario=load_scenario(path)), repeat)  # a fresh scenario
    moves = [m for r in game.state.log for m in r.moves]

    def bare() -> None:
        state = rules.new_game(s, 7)
        for m in moves:
            state = rules.apply(s, state, m)

    t_bare = median_time(bare, repeat)
    t_scen = median_time(lambda: load_scenario(path), repeat)
    assert load(target, scenario=s).game.state == game.state
    print(f"200-turn save        {turns} turns, {len(moves)} moves, {size / 1024:,.0f} KiB of JSON")
    rows = [
        ("first save", t_save, "replays the game, digests every turn, writes"),
        ("save again", t_autosave, "an autosave: digests remembered; read, merge, write"),
        ("load and replay", t_load, f"parse, checksum, replay, check {turns} digests"),
        ("  of which scenario", t_scen, "loading the scenario file itself"),
        ("bare replay", t_bare, f"the engine alone: {len(moves)} applies, no digests"),
    ]
    print(f"  {'':19}{'wall':>8}    {'CPU':>8}")
    for name, (wall, cpu), what in rows:
        print(f"  {name:19}{wall * 1000:8.1f} ms {cpu * 1000:8.1f} ms   ({what})")


def bench_explore(runs: int) -> None:
    s = catalog.get("cuban-missile-crisis")
    game = sim.play(s, {side: POLICIES["historical"] for side in SIDES}, 1)
    at = next(r.turn for r in game.state.log if r.phase == "excomm" and r.to)
    cores = os.cpu_count() or 1
    rates = {}
    for jobs in sorted({1, cores}):
        t = time.perf_counter()
        x = explore(game, at, runs=runs, seed=1, jobs=jobs)
        elapsed = time.perf_counter() - t
        games = runs * len(x.rows)
        rates[jobs] = games / elapsed
        print(
            f"explore, {jobs} core(s)  {rates[jobs]:8,.0f} games/s  ({games:,} games from turn {at}, "
            f"{len(x.rows)} alternatives x {runs} runs, {elapsed:.1f} s)"
        )
    if cores > 1:
        print(f"  speed-up on {cores} cores: {rates[cores] / rates[1]:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=100, help="explore runs per alternative")
    ap.add_argument("--repeat", type=int, default=5, help="repeats for the save timings (median)")
    ap.add_argument("--saves-only", action="store_true", help="skip the explore timings")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CRISIS_DATA_DIR"] = tmp
        bench_long_save(Path(tmp), args.repeat)
    if not args.saves_only:
        bench_explore(args.runs)


if __name__ == "__main__":
    main()
