"""News benchmark: the CPU time of each side's view of the log (every turn's news) over a long game.

The campaign's games are short, so the long game is one pragmatist-Kennedy-against-hawk game with
many promises kept and broken (seed 8: 29 turns, 6 agreements, 12 obligations settled), its turns
repeated, numbered on, to TURNS turns. The views are made afresh for each round (a view extends the
log it saw last; a new game starts again).

Run: python bench/news_bench.py [--turns N] [--rounds N] [--against TREE]
`--against TREE` runs this bench in subprocesses alternately on TREE's code (e.g. /work/main) and on
this tree's, so the two are measured side by side under the same load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def measure(turns: int, rounds: int) -> list[float]:
    """CPU seconds of both sides' seen logs over a `turns`-turn game, once per round."""
    from game import sim
    from game.ai.policies import POLICIES
    from game.engine.match import Game
    from game.model import SIDES, Side
    from game.scenario import catalog

    s = catalog.get("cuban-missile-crisis")
    played = sim.play(s, {Side.KENNEDY: POLICIES["pragmatist"], Side.KHRUSHCHEV: POLICIES["hawk"]}, 8)
    base = played.state.log
    log = tuple(replace(base[i % len(base)], turn=i + 1) for i in range(turns))
    state = replace(played.state, log=log)
    out = []
    for _ in range(rounds):
        game = Game(s, state=state)
        start = time.process_time()
        for side in SIDES:
            game.view(side).log  # noqa: B018 (worked out when first read)
        out.append(time.process_time() - start)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=800)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--against", metavar="TREE", help="compare with the code of another checkout")
    args = ap.parse_args()
    if not args.against:
        import game

        times = measure(args.turns, args.rounds)
        print(" ".join(f"{t:.4f}" for t in times), Path(game.__file__).parents[1])
        return
    found: dict[str, list[float]] = {args.against: [], str(HERE): []}
    for _ in range(args.rounds):
        for tree in found:
            env = {**os.environ, "PYTHONPATH": tree}
            cmd = [sys.executable, __file__, "--turns", str(args.turns), "--rounds", "1"]
            done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
            *times, measured = done.stdout.split()
            assert Path(measured) == Path(tree), f"measured {measured}, not {tree}"
            found[tree].append(float(times[0]))
    for tree, times in found.items():
        median = statistics.median(times) * 1000
        print(f"{tree}: median {median:.1f} ms CPU ({args.turns} turns, both sides' logs)")


if __name__ == "__main__":
    main()
