"""Hidden objectives: how often each side meets its drawn aims, with the negotiators' lean toward them
and without it, and what the lean costs in CPU time.

Run: python bench/objectives_bench.py [--seeds N] [--scenario ID ...] [--policy NAME] [--engine N]

For each scenario, N games of the policy against itself with objectives on: the share of drawn aims
met per side, with `game.ai.objectives.LEAN` as it is and set to 0 (the AI blind to its aims), the
endings' kinds, and the CPU time per game (process time, beside wall time). With `--engine N`, what
the engine's hook costs: N random campaign games with objectives off and on, CPU time per game.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai import objectives as lean  # noqa: E402
from game.ai.policies import POLICIES  # noqa: E402
from game.engine.match import Game  # noqa: E402
from game.model import SIDES, Scenario  # noqa: E402
from game.scenario import catalog  # noqa: E402


def play(s: Scenario, policy: str, seed: int) -> Game:
    game = Game(s, seed, objectives=True)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES[policy](s, game.view(side), seed))
    return game


def measure(s: Scenario, policy: str, seeds: int) -> tuple[dict[str, float], Counter[str], float, float]:
    met: Counter[str] = Counter()
    drawn: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    cpu, wall = time.process_time(), time.perf_counter()
    for seed in range(seeds):
        out = play(s, policy, seed).outcome()
        assert out is not None
        kinds[out.kind.value] += 1
        for j in out.objectives:
            drawn[j.aim.side.value] += 1
            met[j.aim.side.value] += j.met
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    shares = {side.value: met[side.value] / drawn[side.value] if drawn[side.value] else 0.0 for side in SIDES}
    return shares, kinds, cpu / seeds, wall / seeds


def engine(games: int, rounds: int = 8) -> None:
    """Random campaign games with objectives off and on, interleaved, `rounds` times each: the least and
    the median CPU time per game (a loaded machine's noise is larger than the hook's cost)."""
    s = catalog.get("cuban-missile-crisis")
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for on in (False, True):
            cpu = time.process_time()
            for seed in range(games):
                game = Game(s, seed, objectives=on)
                while not game.is_over():
                    for side in game.sides_to_act():
                        game.apply(POLICIES["random"](s, game.view(side), seed))
                assert game.outcome() is not None
            times[on].append((time.process_time() - cpu) * 1000 / games)
    print(f"\nthe engine's cost: {games} random campaign games, {rounds} rounds each way, CPU per game")
    for on, found in times.items():
        found.sort()
        least, median = found[0], found[len(found) // 2]
        print(f"  objectives {'on ' if on else 'off'}  least {least:5.2f} ms, median {median:5.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=40)
    ap.add_argument("--scenario", nargs="*", default=["thirteen-days", "il28-endgame"])
    ap.add_argument("--policy", default="pragmatist")
    ap.add_argument("--engine", type=int, default=0, help="also time N random campaign games off and on")
    args = ap.parse_args()
    weight = lean.LEAN
    print(f"{args.policy} against itself, objectives on, {args.seeds} seeds per row")
    print(f"{'scenario':22} {'lean':>5} {'K met':>6} {'S met':>6} {'CPU/game':>9} {'wall/game':>9}  kinds")
    for sid in args.scenario:
        s = catalog.get(sid)
        for value in (weight, 0.0):
            lean.LEAN = value
            shares, kinds, cpu, wall = measure(s, args.policy, args.seeds)
            told = ", ".join(f"{k} {c}" for k, c in kinds.most_common())
            print(
                f"{sid:22} {value:5.1f} {shares['kennedy']:6.0%} {shares['khrushchev']:6.0%} "
                f"{cpu * 1000:7.0f}ms {wall * 1000:7.0f}ms  {told}"
            )
    lean.LEAN = weight
    if args.engine:
        engine(args.engine)


if __name__ == "__main__":
    main()
