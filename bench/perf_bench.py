"""Performance targets of issue 16, each measured beside its anchor in one run, CPU time beside wall.

- random campaigns per second on one core (aim: 1,000/s), and pragmatist-against-pragmatist
  campaigns per second (aim: 200/s);
- an engine step against a bare transitions trigger (aim: within 3x);
- the AI's decision, median and p99 of CPU time (aim: p99 within 5 ms);
- first save, autosave and load of an 800-turn synthetic game, beside the bare replay of its moves
  (aim: each under 0.5 s);
- loading the campaign against a bare CSafeLoader parse of the same file.

CPU time is time.process_time (this process only), so the shared machine's load counts less; wall
time (time.perf_counter) is printed beside it. Rates are per CPU second.

`--fingerprint N` prints a hash of the final state digest of N random and N pragmatist games
(seeds 0..N-1): the same hash before and after an optimisation means identical games.

Run: python bench/perf_bench.py [--seconds S] [--fingerprint N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from transitions import Machine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game import sim  # noqa: E402
from game.ai.policies import POLICIES  # noqa: E402
from game.engine import rules  # noqa: E402
from game.engine.match import Game  # noqa: E402
from game.model import SIDES  # noqa: E402
from game.persistence import load, save, write_atomic  # noqa: E402
from game.scenario import catalog  # noqa: E402
from game.scenario.load import load as load_scenario  # noqa: E402

LONG_TURNS = 800


def clocks() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def since(start: tuple[float, float]) -> tuple[float, float]:
    cpu, wall = clocks()
    return cpu - start[0], wall - start[1]


def line(name: str, value: str, cpu: float, wall: float, note: str = "") -> None:
    print(f"  {name:28}{value:>16}   cpu {cpu * 1000:9.1f} ms  wall {wall * 1000:9.1f} ms  {note}")


def campaign(scenario, policy_name: str, seed: int) -> Game:
    policy = POLICIES[policy_name]
    game = Game(scenario, seed)
    while not game.is_over():
        for side in SIDES:
            if side in game.sides_to_act():
                game.apply(policy(scenario, game.view(side), seed))
    return game


def campaigns_per_second(scenario, policy_name: str, seconds: float) -> None:
    """Whole campaigns played one after another, seeds 0, 1, 2 ... until `seconds` of CPU, after one
    warm-up game outside the clock (a study plays thousands: its rate is the warm one); and the moves
    they made per second, each with its view and its policy's choice."""
    campaign(scenario, policy_name, 10**6)  # warm: the caches a first game fills once (the pragmatist's
    # first game took ~635 ms against ~28 ms warm, ~15% of a 3 s window: mypyc12's profile)
    games = moves = 0
    start = clocks()
    while time.process_time() - start[0] < seconds:
        moves += sum(len(r.moves) for r in campaign(scenario, policy_name, games).state.log)
        games += 1
    cpu, wall = since(start)
    aim = {"random": 1000, "pragmatist": 200}[policy_name]
    line(f"{policy_name} campaigns", f"{games / cpu:10,.1f} /s", cpu, wall, f"{games} games; aim {aim}/s")
    per = f"{moves / games / 2:.1f} turns a game"
    line("  moves with view and policy", f"{cpu / moves * 1e6:10.1f} us", cpu, wall, per)


def bare_trigger(n: int) -> tuple[float, float]:
    """CPU and wall seconds of `n` triggers of a two-state machine with one condition per edge."""

    class Model:
        pass

    model = Model()
    machine = Machine(model=model, states=["a", "b"], initial="a", auto_transitions=False)
    env = {"risk": 3}
    machine.add_transition("advance", "a", "b", conditions=[lambda e: e["risk"] < 10])
    machine.add_transition("advance", "b", "a", conditions=[lambda e: e["risk"] < 10])
    start = clocks()
    for _ in range(n):
        model.advance(env)  # type: ignore[attr-defined]
    return since(start)


def engine_step(scenario, rounds: int = 7) -> None:
    """Replay the moves of 50 random campaigns through Game.apply, beside as many bare triggers;
    `rounds` rounds of each, interleaved, and the median round of each (the machine is shared)."""
    logs = []
    for seed in range(50):
        game = campaign(scenario, "random", seed)
        logs.append((seed, [m for r in game.state.log for m in r.moves]))
    n = sum(len(moves) for _, moves in logs)
    steps, triggers = [], []
    for _ in range(rounds):
        start = clocks()
        for seed, moves in logs:
            game = Game(scenario, seed)
            for move in moves:
                game.apply(move)
        steps.append(since(start))
        triggers.append(bare_trigger(n))
    cpu, wall = sorted(steps)[rounds // 2]
    t_cpu, t_wall = sorted(triggers)[rounds // 2]
    step, trig = cpu / n, t_cpu / n
    line("engine step", f"{step * 1e6:10.1f} us", cpu, wall, f"{n} applies, median of {rounds}")
    note = f"{n} triggers, median of {rounds}"
    line("  bare trigger (anchor)", f"{trig * 1e6:10.1f} us", t_cpu, t_wall, note)
    print(f"  {'':28}{step / trig:14.1f} x   a bare trigger (aim: within 3x)")


def ai_decisions(scenario, games: int) -> None:
    """CPU time of each pragmatist decision (the policy alone, its view built before the clock)."""
    t = sim.timed(scenario, POLICIES["pragmatist"], range(games))
    med, top = statistics.median(t.think), sim.p99(t.think)
    note = f"{len(t.think)} decisions"
    line("AI decision median", f"{med * 1000:10.2f} ms", med, statistics.median(t.wall), note)
    line("AI decision p99", f"{top * 1000:10.2f} ms", top, sim.p99(t.wall), "aim: within 5 ms")


def long_yaml(turns: int) -> str:
    """The saves bench's synthetic siege scenario, one turn a day for `turns` days."""
    end = (dt.date(1962, 1, 1) + dt.timedelta(days=turns - 1)).isoformat()
    decisions_k = [
        "{id: press, label: Press, description: Press., historical: false, stance: hawk,"
        " effects: {risk: +1}}",
        "{id: ease, label: Ease, description: Ease., historical: false, stance: dove, effects: {risk: -1}}",
        "{id: talk, label: Talk, description: Open talks., historical: false, effects: {talks: true}}",
    ]
    decisions_s = [
        "{id: push, label: Push, description: Push., historical: false, effects: {risk: +1, prestige: +1}}",
        "{id: give, label: Give, description: Give., historical: false, effects: {risk: -1, prestige: -1}}",
        "{id: wait, label: Wait, description: Wait., historical: false}",
    ]
    k = "".join(f"        - {d}\n" for d in decisions_k)
    s = "".join(f"        - {d}\n" for d in decisions_s)
    return f"""\
format: 1
id: long-siege
title: A long siege
summary: A synthetic {turns}-turn game for the performance benchmark.
dates: {{start: 1962-01-01, end: {end}}}
sides:
  kennedy: {{leader: John F. Kennedy, country: United States, short: Kennedy}}
  khrushchev: {{leader: Nikita S. Khrushchev, country: Soviet Union, short: Khrushchev}}
sources: [{{id: bench, title: The benchmark}}]
tracks:
  - {{id: risk, label: Risk of war, min: 0, max: 10, start: 3, higher_is: bad, role: risk,
     thresholds: {{warning: 4, danger: 7, jump: 2, bands: [4, 6, 8]}}}}
  - {{id: prestige, label: Soviet prestige, min: 0, max: 10, start: 5}}
flags: [{{id: talks, description: Talks are open.}}]
start: {{phase: siege}}
phases:
  - id: siege
    title: The siege
    dates: {{start: 1962-01-01, end: {end}}}
    briefing:
      kennedy: {{text: Hold the line., historical: false}}
      khrushchev: {{text: Keep the pressure on., historical: false}}
    decisions:
      kennedy:
{k}      khrushchev:
{s}    events:
      - id: incident
        title: Incident
        text: Shots at the wire.
        historical: false
        once: false
        chance: 0.05 * risk
        effects: {{risk: +1}}
    transitions:
      - {{to: end}}
endings:
  - id: peace
    headline: PEACE
    epilogue: It ended.
    kind: settlement
    historical: true
    source: bench
    scores:
      kennedy: {{survival: 10, security: 5, prestige: 5, history: 5}}
      khrushchev: {{survival: 10, security: 5, prestige: prestige, history: 5}}
"""


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    start = clocks()
    fn()
    return since(start)


def saves(folder: Path) -> None:
    """First save, autosave and load of an 800-turn game, beside the bare replay of its moves."""
    path = folder / "long-siege.yaml"
    write_atomic(path, long_yaml(LONG_TURNS).encode())
    s = load_scenario(path)
    game = sim.play(s, {side: POLICIES["random"] for side in SIDES}, 7)
    turns = len(game.state.log)
    target = folder / "long.json"
    sides = {"kennedy": "random", "khrushchev": "random"}
    first = timed(lambda: save(game, target, sides=sides))
    again = timed(lambda: save(game, target, sides=sides))
    fresh = load_scenario(path)  # a scenario no save has seen: nothing remembered
    loaded = timed(lambda: load(target, scenario=fresh))
    moves = [m for r in game.state.log for m in r.moves]

    def bare() -> None:
        state = rules.new_game(s, 7)
        for m in moves:
            state = rules.apply(s, state, m)

    replay = timed(bare)
    size = target.stat().st_size
    print(f"  {turns}-turn save: {len(moves)} moves, {size / 1024:,.0f} KiB of JSON (aim: each under 0.5 s)")
    line("  first save", "", *first)
    line("  autosave", "", *again)
    line("  load (fresh scenario)", "", *loaded)
    line("  bare replay (anchor)", "", *replay, f"{len(moves)} rules.apply")


def scenario_load(path: Path, repeat: int) -> None:
    """Loading the campaign (read, convert, check), then from the scenario cache (a second start),
    beside a bare CSafeLoader parse of its text."""
    from game.persistence import scenario_cache
    from game.scenario import cache

    text = path.read_bytes()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def median_of(fn: Callable[[], object]) -> tuple[float, float]:
        runs = sorted((timed(fn) for _ in range(repeat)), key=lambda r: r[0])
        return runs[len(runs) // 2]

    bare = median_of(lambda: yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader
    cache.install(None)
    full = median_of(lambda: load_scenario(path))
    with tempfile.TemporaryDirectory() as tmp:
        cache.install(scenario_cache.FileStore(Path(tmp)))
        load_scenario(path)  # the first start fills the cache
        warm = median_of(lambda: load_scenario(path))
        cache.install(None)
    line("scenario load", f"{full[0] / bare[0]:12.2f} x", *full, f"median of {repeat}; no cache")
    line("  second start (cached)", f"{warm[0] / bare[0]:12.2f} x", *warm, "aim: under 0.5x the bare parse")
    line("  bare parse (anchor)", "", *bare, loader.__name__)


def dask_overhead(scenario, tasks: int) -> None:
    """What a task costs on a Dask LocalCluster, beyond its games: `tasks` chunks of no game each,
    through the executor explore uses (stamp checked, a worker's context built once per process)."""
    try:
        import distributed
    except ImportError:
        print("  dask overhead: the dask extra is not installed (pip install 'missile-crisis[dask]')")
        return
    from game.analysis import playout as R

    job = R.Job(scenario.path, Game(scenario, 1).state.to_dict(), [[]], ("random",), 1)
    want = R.stamp(scenario)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as client:
        pool = client.get_executor(pure=False)
        list(pool.map(R.stamped_chunk, [job] * 2, [want] * 2, [(0, 0, 0)] * 2))  # warm: contexts built
        start = clocks()
        futures = [pool.submit(R.stamped_chunk, job, want, (0, 0, 0)) for _ in range(tasks)]
        for f in futures:
            f.result()
        cpu, wall = since(start)
    note = f"{tasks} empty tasks, 2 workers; cpu is this process (the client)"
    line("dask task overhead", f"{wall / tasks * 1000:10.2f} ms", cpu, wall, note)


def explore_cores(scenario, runs: int) -> None:
    """Explore from the quarantine decision on one process and on two: games per second of wall time
    and per CPU second (this process and its workers, from getrusage), and the speed-up of two."""
    import resource

    from game.analysis.explore import explore

    game = sim.play(scenario, {side: POLICIES["historical"] for side in SIDES}, 1)
    at = next(r.turn for r in game.state.log if r.phase == "excomm" and r.to)
    rates = {}
    for jobs in (1, 2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = clocks()
        table = explore(game, at, runs=runs, seed=1, jobs=jobs)
        cpu, wall = since(start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        games = runs * len(table.rows)
        rates[jobs] = (games / wall, games / cpu)
        note = f"{games} games ({len(table.rows)} alternatives x {runs}); {games / cpu:,.0f} per cpu s"
        line(f"explore, {jobs} process(es)", f"{games / wall:10,.1f} /s", cpu, wall, note)
    print(
        f"  {'':28}{rates[2][0] / rates[1][0]:14.2f} x   wall speed-up on 2 (aim: 1.8x); "
        f"cpu cost per game {rates[1][1] / rates[2][1]:.2f}x one process's"
    )


FINGERPRINTS = Path(__file__).with_name("fingerprints.json")
"""Games recorded before the engine's speed work: (scenario, policy, seeds, objectives) -> hash, tally.
The random runs depend on the rules alone; the pragmatist run on game/ai too, so an AI change changes
it (as a golden): record it again on purpose (--record) on a commit whose engine is trusted."""
FINGERPRINT_RUNS = (
    ("cuban-missile-crisis", "random", 1000, False),
    ("thirteen-days", "random", 1000, False),
    ("il28-endgame", "random", 1000, False),
    ("cuban-missile-crisis", "random", 200, True),
    ("cuban-missile-crisis", "pragmatist", 200, False),
)


def fingerprints(runs: int, record: bool) -> bool:
    """Play every run of FINGERPRINT_RUNS (at most `runs` seeds each) and compare its hash with the
    stored one (or store it, with `record`); True when every hash matches."""
    stored = json.loads(FINGERPRINTS.read_text()) if FINGERPRINTS.exists() else {}
    same = True
    for scenario_id, kind, seeds, objectives in FINGERPRINT_RUNS:
        seeds = min(seeds, runs)
        key = f"{scenario_id} {kind} {seeds}" + (" objectives" if objectives else "")
        s = load_scenario(Path(catalog.resolve(scenario_id)))
        start = clocks()
        policies = {side: POLICIES[kind] for side in SIDES}
        digest, ends = sim.fingerprint(s, policies, range(seeds), objectives=objectives)
        cpu, wall = since(start)
        want = stored.get(key, {}).get("hash")
        verdict = "recorded" if record else ("same" if digest == want else f"DIFFERENT (stored {want})")
        same &= record or digest == want
        line(f"{key}:", "", cpu, wall, f"{digest} {verdict}")
        if record:
            stored[key] = {"hash": digest, "endings": ends}
    if record:
        FINGERPRINTS.write_text(json.dumps(stored, indent=1) + "\n")
    return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scenario", default=catalog.DEFAULT)
    ap.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per campaign rate")
    ap.add_argument("--games", type=int, default=30, help="pragmatist games for the decision times")
    parts = ("random", "pragmatist", "step", "ai", "saves", "load", "explore", "dask")
    ap.add_argument("--only", choices=parts, action="append", help="run only these parts")
    ap.add_argument(
        "--fingerprint", type=int, default=0, metavar="N", help="compare N games of each run with the stored"
    )
    ap.add_argument("--record", action="store_true", help="with --fingerprint: store the hashes instead")
    ap.add_argument("--explore-runs", type=int, default=40, help="explore runs per alternative")
    args = ap.parse_args()
    path = Path(catalog.resolve(args.scenario))
    scenario = load_scenario(path)
    if args.fingerprint:
        sys.exit(0 if fingerprints(args.fingerprint, args.record) else 1)
    from game.engine import native

    engine = (
        f"compiled ({len(native.compiled())} of {len(native.HOT)} hot modules)"
        if native.compiled()
        else "pure Python"
    )
    print(f"scenario {scenario.id}; engine {engine}; cpu = time.process_time, wall = time.perf_counter")
    only = set(args.only or parts)
    for kind in ("random", "pragmatist"):
        if kind in only:
            campaigns_per_second(scenario, kind, args.seconds)
    if "step" in only:
        engine_step(scenario)
    if "ai" in only:
        ai_decisions(scenario, args.games)
    if "saves" in only:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["CRISIS_DATA_DIR"] = tmp
            saves(Path(tmp))
    if "load" in only:
        scenario_load(path, 7)
    if "explore" in only:
        explore_cores(scenario, args.explore_runs)
    if "dask" in only:
        dask_overhead(scenario, 200)


if __name__ == "__main__":
    main()
