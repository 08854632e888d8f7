"""The AI's decision time: how long each policy takes to choose a move (median and 99th percentile),
in CPU time (time.thread_time, so that other work on a busy machine does not count), with wall time
beside it, and whole negotiating games per second of CPU.

Run: python bench/ai_bench.py [--scenario ID] [--games N]
Aim: about 2 ms of CPU per decision.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.policies import POLICIES  # noqa: E402
from game.engine.match import Game  # noqa: E402
from game.model import SIDES  # noqa: E402
from game.scenario import catalog  # noqa: E402


def timings(scenario, kind: str, games: int) -> tuple[list[float], list[float], int]:
    """Per-move seconds for the policy alone, and for building the view it reads; letters written."""
    policy, think, look, letters = POLICIES[kind], [], [], 0
    wall.clear()
    for seed in range(games):
        game = Game(scenario, seed)
        while not game.is_over():
            for side in SIDES:
                if side in game.sides_to_act():
                    t0 = time.thread_time()
                    view = game.view(side)
                    t1, w1 = time.thread_time(), time.perf_counter()
                    move = policy(scenario, view, seed)
                    t2, w2 = time.thread_time(), time.perf_counter()
                    look.append(t1 - t0)
                    think.append(t2 - t1)
                    wall.append(w2 - w1)
                    letters += move.letter is not None
                    game.apply(move)
    return think, look, letters


wall: list[float] = []


def p99(xs: list[float]) -> float:
    return sorted(xs)[int(0.99 * (len(xs) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scenario", default=catalog.DEFAULT)
    ap.add_argument("--games", type=int, default=40)
    args = ap.parse_args()
    scenario = catalog.get(args.scenario)
    print(f"scenario {scenario.id}, {args.games} games per policy (both sides)")
    print(
        f"{'policy':12} {'moves':>6} {'letters':>8} {'cpu med':>9} {'cpu p99':>9} {'cpu max':>9} "
        f"{'wall med':>9}  view (cpu median)  games/s (cpu, policy+engine)"
    )
    for kind in ("historical", "random", "hawk", "dove", "pragmatist"):
        c0 = time.process_time()
        think, look, letters = timings(scenario, kind, args.games)
        spent = time.process_time() - c0
        print(
            f"{kind:12} {len(think):6d} {letters:8d} {statistics.median(think) * 1e3:7.3f}ms "
            f"{p99(think) * 1e3:7.3f}ms {max(think) * 1e3:7.3f}ms {statistics.median(wall) * 1e3:7.3f}ms"
            f"  {statistics.median(look) * 1e3:.3f}ms  {args.games / spent:8.1f}"
        )


if __name__ == "__main__":
    main()
