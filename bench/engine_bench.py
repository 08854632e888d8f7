"""Engine benchmark: load-and-validate, engine steps and random campaigns, beside a bare trigger loop.

Run: python bench/engine_bench.py [--scenario ID] [--seconds S]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml
from transitions import Machine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.policies import POLICIES  # noqa: E402
from game.engine.match import Game  # noqa: E402
from game.model import SIDES  # noqa: E402
from game.scenario import catalog  # noqa: E402
from game.scenario.load import load  # noqa: E402


def timed(fn, seconds: float) -> tuple[int, float]:
    """Call fn() repeatedly for about `seconds`; return (calls, elapsed)."""
    calls, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        fn()
        calls += 1
    return calls, elapsed


def bare_trigger_rate(seconds: float) -> float:
    """Triggers per second of a two-state transitions machine with one condition per edge."""

    class Model:
        pass

    model = Model()
    machine = Machine(model=model, states=["a", "b"], initial="a", auto_transitions=False)
    env = {"risk": 3}
    machine.add_transition("advance", "a", "b", conditions=[lambda e: e["risk"] < 10])
    machine.add_transition("advance", "b", "a", conditions=[lambda e: e["risk"] < 10])
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(1000):
            model.advance(env)
        n += 1000
    return n / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scenario", default=catalog.DEFAULT)
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args()
    path = catalog.resolve(args.scenario)

    loads = []
    for _ in range(7):
        t = time.perf_counter()
        scenario = load(path)
        loads.append(time.perf_counter() - t)
    print(
        f"scenario            {scenario.id} ({len(scenario.phases)} phases, "
        f"{sum(len(d) for p in scenario.phases for d in p.decisions.values())} decisions)"
    )
    print(f"libyaml             {'CSafeLoader' if yaml.__with_libyaml__ else 'pure-Python SafeLoader'}")
    print(f"load and validate   {statistics.median(loads) * 1000:8.1f} ms (median of {len(loads)})")

    trig = bare_trigger_rate(args.seconds)
    print(f"bare trigger        {trig:10,.0f} /s   ({1e6 / trig:6.1f} us)  transitions yardstick")

    policy = POLICIES["random"]
    steps = games = 0
    seed = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        game = Game(scenario, seed)
        while not game.is_over():
            for side in SIDES:
                if side in game.sides_to_act():
                    game.apply(policy(scenario, game.view(side), seed))
                    steps += 1
        games += 1
        seed += 1
    elapsed = time.perf_counter() - start
    # the engine alone: replay the same moves without the policy or views
    moves_log = []
    for seed in range(50):
        game = Game(scenario, seed)
        moves = []
        while not game.is_over():
            for side in SIDES:
                if side in game.sides_to_act():
                    move = policy(scenario, game.view(side), seed)
                    moves.append(move)
                    game.apply(move)
        moves_log.append((seed, moves))
    n_apply, t0 = 0, time.perf_counter()
    for seed, moves in moves_log:
        game = Game(scenario, seed)
        for move in moves:
            game.apply(move)
            n_apply += 1
    apply_rate = n_apply / (time.perf_counter() - t0)
    print(
        f"engine step         {apply_rate:10,.0f} /s   ({1e6 / apply_rate:6.1f} us)  "
        f"= {trig / apply_rate:.1f}x a bare trigger (aim: within 5x)"
    )
    print(f"with policy + view  {steps / elapsed:10,.0f} /s   ({1e6 * elapsed / steps:6.1f} us)")
    print(f"random campaigns    {games / elapsed:10,.1f} /s   ({steps / games / 2:.1f} turns each)")


if __name__ == "__main__":
    main()
