"""Pragmatist-against-pragmatist campaigns per CPU-second, this tree beside an anchor tree, in one run.

Each round plays the same seeds in a fresh process per tree (anchor first, then this one, then
again), so the machine's load falls on both alike; the rate is games per CPU second of that
process (time.process_time, the scenario's one-time preparation left out), with the AI's share
(time.thread_time around the policy) and the decision p99 beside it; and, as a bound, the same
games' moves replayed with no AI (the engine and the views the AI reads): no AI can make the
campaigns faster than that.

With --paired the two trees run at the same time in each round (on a shared machine, the load
then falls on both at once), and the ratio of each round's pair is printed.

With --quiet this tree plays the quiet pragmatist (ai/policies.py QUIET: the same games, letters
without words, as explore and `simulate --runs` play them); the anchor, as ever, the worded one.

Run: python bench/negspeed_bench.py --anchor /tmp/negspeed-base [--games 40] [--rounds 3] [--paired] [--quiet]
     (the anchor: `git archive main | tar -x -C /tmp/negspeed-base`)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from game import sim
from game.ai.policies import {table} as POLICIES
from game.engine.match import Game
from game.model import SIDES
from game.scenario import catalog
s = catalog.get("cuban-missile-crisis")
policy = POLICIES["pragmatist"]
sim.timed(s, policy, [0])  # the scenario's one-time preparation is not a campaign
c0 = time.process_time()
t = sim.timed(s, policy, range({first}, {first} + {games}))
spent = time.process_time() - c0
games = []  # the same games again, their moves replayed: the engine and the views without the AI
for seed in range({first}, {first} + {games}):
    g, moves = Game(s, seed), []
    while not g.is_over():
        for side in SIDES:
            if side in g.sides_to_act():
                moves.append(policy(s, g.view(side), seed))
                g.apply(moves[-1])
    games.append((seed, moves))
c0 = time.process_time()
for seed, moves in games:
    g = Game(s, seed)
    for m in moves:
        v = g.view(m.side)  # every field the AI reads, as it reads them
        v.tracks, v.flags, v.log, v.opening, v.letters, v.channels, v.terms, v.term_names
        v.time_left, v.objectives
        g.apply(m)
floor = time.process_time() - c0
print(json.dumps({{"rate": {games} / spent, "ai": sum(t.think) / spent, "p99": sim.p99(t.think),
                  "med": sorted(t.think)[len(t.think) // 2], "moves": len(t.think),
                  "floor": {games} / floor}}))
"""


def start(root: Path, games: int, first: int, table: str = "POLICIES") -> subprocess.Popen[str]:
    code = CHILD.format(root=str(root), games=games, first=first, table=table)
    return subprocess.Popen([sys.executable, "-c", code], cwd=root, stdout=subprocess.PIPE, text=True)


def result(child: subprocess.Popen[str]) -> dict[str, float]:
    out, _ = child.communicate()
    if child.returncode:
        raise SystemExit(f"a campaign run failed (exit {child.returncode})")
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anchor", type=Path, required=True, help="the tree to compare with")
    ap.add_argument("--games", type=int, default=40)
    ap.add_argument("--first", type=int, default=1, help="the first seed")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--paired", action="store_true", help="run the two trees at once in each round")
    ap.add_argument(
        "--quiet",
        action="store_true",
        help="this tree plays the quiet pragmatist (the same games, letters without words: QUIET)",
    )
    args = ap.parse_args()
    tables = {"anchor": "POLICIES", "this": "QUIET" if args.quiet else "POLICIES"}
    results: dict[str, list[dict[str, float]]] = {"anchor": [], "this": []}
    trees = (("anchor", args.anchor.resolve()), ("this", HERE))
    for _ in range(args.rounds):
        if args.paired:  # both at once: whatever else loads the machine loads both alike
            children = [(name, start(root, args.games, args.first, tables[name])) for name, root in trees]
            for name, child in children:
                results[name].append(result(child))
        else:
            for name, root in trees:
                results[name].append(result(start(root, args.games, args.first, tables[name])))
    print(f"{args.games} pragmatist-vs-pragmatist campaigns (cuban-missile-crisis), {args.rounds} rounds")
    print(f"anchor plays {tables['anchor']}, this plays {tables['this']}")
    print(
        f"{'tree':7} {'games/cpu-s':>11} {'best':>6} {'ai share':>8} {'dec med':>8} {'dec p99':>8} "
        f"{'no-AI/s':>8}  rounds"
    )
    for name, rs in results.items():
        rate = statistics.median(r["rate"] for r in rs)
        ai = statistics.median(r["ai"] for r in rs)
        med = statistics.median(r["med"] for r in rs)
        p99 = statistics.median(r["p99"] for r in rs)
        each = " ".join(f"{r['rate']:.1f}" for r in rs)
        best = max(r["rate"] for r in rs)
        times = f"{med * 1e3:6.2f}ms {p99 * 1e3:6.2f}ms"
        floor = statistics.median(r["floor"] for r in rs)
        print(f"{name:7} {rate:11.1f} {best:6.1f} {ai * 100:7.0f}% {times} {floor:8.1f}  {each}")
    ratios = [b["rate"] / a["rate"] for a, b in zip(results["anchor"], results["this"], strict=True)]
    each = " ".join(f"{r:.2f}" for r in ratios)
    print(f"this / anchor, round by round: {each}; median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
