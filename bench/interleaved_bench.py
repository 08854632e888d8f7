"""Pragmatist campaigns per CPU second, this tree beside an anchor tree, interleaved in small chunks.

Two long-lived processes, one per tree, each play the same seeds (0, 1, 2 ...) a chunk at a time,
in turn (anchor first on even rounds, this tree first on odd ones), so that a shared machine's
load, which changes from minute to minute, falls on both alike; each reports the CPU time
(time.process_time) of its own chunks. The scenario's one-time preparation is left out. Then the
AI's decision median and p99 (CPU, sim.timed) over `--decisions` games in each.

Run: python bench/interleaved_bench.py --anchor /tmp/anchor [--rounds 20] [--chunk 20] [--quiet]
     (the anchor: `git worktree add --detach /tmp/anchor main`; --quiet: both play QUIET)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def worker(root: str, quiet: bool) -> None:
    """Play campaigns on command from stdin ('games N' or 'decisions N'), print the CPU spent."""
    sys.path.insert(0, root)
    from game import sim
    from game.ai.policies import POLICIES, QUIET
    from game.engine.match import Game
    from game.model import SIDES
    from game.scenario import catalog

    s = catalog.get("cuban-missile-crisis")
    policy = (QUIET if quiet else POLICIES)["pragmatist"]

    def campaign(seed: int) -> None:
        game = Game(s, seed)
        while not game.is_over():
            for side in SIDES:
                if side in game.sides_to_act():
                    game.apply(policy(s, game.view(side), seed))

    campaign(10_000)  # the scenario's preparation, left out
    seed = 0
    for line in sys.stdin:
        command, n = line.split()
        if command == "games":
            start = time.process_time()
            for _ in range(int(n)):
                campaign(seed)
                seed += 1
            print(time.process_time() - start, flush=True)
        else:
            t = sim.timed(s, policy, range(int(n)))
            print(statistics.median(t.think), sim.p99(t.think), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--anchor", required=True, help="the anchor tree (a checkout of main)")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--chunk", type=int, default=20, help="campaigns per tree per round")
    ap.add_argument("--decisions", type=int, default=30, help="games for the decision times")
    ap.add_argument("--quiet", action="store_true", help="both trees play QUIET (letters without words)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.quiet)
        return
    trees = {"anchor": str(Path(args.anchor).resolve()), "this": str(HERE)}
    flags = ["--quiet"] if args.quiet else []
    procs = {
        name: subprocess.Popen(
            [sys.executable, __file__, "--anchor", root, "--worker", root, *flags],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, root in trees.items()
    }

    def ask(name: str, command: str) -> list[str]:
        p = procs[name]
        assert p.stdin is not None and p.stdout is not None
        p.stdin.write(command + "\n")
        p.stdin.flush()
        return p.stdout.readline().split()

    cpu = dict.fromkeys(trees, 0.0)
    for r in range(args.rounds):
        for name in list(trees)[:: 1 if r % 2 == 0 else -1]:
            cpu[name] += float(ask(name, f"games {args.chunk}")[0])
    games = args.rounds * args.chunk
    kind = "quiet" if args.quiet else "worded"
    for name in trees:
        med, p99 = (float(x) for x in ask(name, f"decisions {args.decisions}"))
        print(
            f"{name:7} {games} {kind} pragmatist campaigns: {cpu[name]:6.2f} cpu-s, {games / cpu[name]:5.1f}"
            f" /cpu-s; AI decision median {med * 1000:.3f} ms, p99 {p99 * 1000:.3f} ms"
        )
    print(f"this / anchor: {cpu['anchor'] / cpu['this']:.2f}x")
    for p in procs.values():
        assert p.stdin is not None
        p.stdin.close()
        p.wait()


if __name__ == "__main__":
    main()
