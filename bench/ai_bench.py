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

from game import sim  # noqa: E402
from game.ai.policies import POLICIES  # noqa: E402
from game.scenario import catalog  # noqa: E402


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
        t = sim.timed(scenario, POLICIES[kind], range(args.games))
        spent = time.process_time() - c0
        print(
            f"{kind:12} {len(t.think):6d} {t.letters:8d} {statistics.median(t.think) * 1e3:7.3f}ms "
            f"{sim.p99(t.think) * 1e3:7.3f}ms {max(t.think) * 1e3:7.3f}ms "
            f"{statistics.median(t.wall) * 1e3:7.3f}ms"
            f"  {statistics.median(t.look) * 1e3:.3f}ms  {args.games / spent:8.1f}"
        )


if __name__ == "__main__":
    main()
