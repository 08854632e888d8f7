"""What the look-ahead's memory of positions (planner.position_and_node) buys, side by side in one run.

Pragmatist campaigns, seeds 0..N-1, each played twice in one process, once with the position
remembered by the names it reads and once worked out afresh (chance, the ways out, the worth), in
alternating order; CPU time of each decision (time.thread_time, as sim.timed), per block of games,
so that the first games (nothing remembered yet) show apart from the rest. Both play the same game.

Run: python bench/look_memo_bench.py [--games N] [--scenario ID]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game import sim  # noqa: E402
from game.ai import planner  # noqa: E402
from game.ai.policies import POLICIES  # noqa: E402
from game.engine.rules import Env  # noqa: E402
from game.model import Scenario, Side  # noqa: E402
from game.scenario import catalog  # noqa: E402

REMEMBERED = planner.position_and_node


def afresh(
    s: Scenario, side: Side, phase: str, env: Env, fear: float, rivalry: float = planner.RIVALRY
) -> tuple[float, str | None, str | None]:
    """position_and_node with nothing remembered of positions (the planner before the memo)."""
    planner.likely(s, phase, env)
    node = planner.next_node(s, phase, env)
    if node is not None and s.is_ending(node):
        return planner.ending_value(s, side, node, env, rivalry), node, node
    return planner.going_on(s, side, node or phase, env, fear, rivalry), None, node


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--games", type=int, default=100)
    ap.add_argument("--scenario", default="cuban-missile-crisis")
    args = ap.parse_args()
    s = catalog.get(args.scenario)
    planner.prepare(s)  # once per scenario, before any clock
    ways = {"remembered": REMEMBERED, "afresh": afresh}
    times: dict[str, list[list[float]]] = {name: [] for name in ways}
    for seed in range(args.games):
        order = list(ways) if seed % 2 else list(reversed(ways))
        for name in order:
            planner.position_and_node = ways[name]  # type: ignore[assignment]
            times[name].append(sim.timed(s, POLICIES["pragmatist"], [seed]).think)
    planner.position_and_node = REMEMBERED  # type: ignore[assignment]
    print(f"{'games':>9} {'position':11} {'ms/game':>8} {'cpu med':>8} {'cpu p99':>8}")
    cut = min(25, args.games)
    for lo, hi in ((0, cut), (cut, args.games)):
        if hi <= lo:
            continue
        for name, per_game in times.items():
            games = per_game[lo:hi]
            flat = [x for g in games for x in g]
            print(
                f"{lo:>4}-{hi:<4} {name:11} {sum(flat) / len(games) * 1e3:8.2f} "
                f"{statistics.median(flat) * 1e3:6.3f}ms {sim.p99(flat) * 1e3:6.3f}ms"
            )


if __name__ == "__main__":
    main()
