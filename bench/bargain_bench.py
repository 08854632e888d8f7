"""How the negotiators bargain, and how fast they decide (issue 10).

Run: python bench/bargain_bench.py [--seeds N] [--first N] [--pairs K:S,...] [--timing-games N]
     [--only talks|speed] [--scenarios ID,...]

1. Talks, for every pair of negotiators (Kennedy's first) in each scenario, over N seeds a pair: the
   share of games with an agreement made in play; the share of obligations broken; of the agreements,
   the share Pareto-optimal among the terms open when proposed and their joint value against the best
   joint value open (both by the scenario's TRUE values, which the AI never reads: see
   game/analysis/bargains.py); agreements with terms that exclude each other; proposals repeating their
   sender's last; letters and distinct texts; per side, threats / bluffs (threats not carried out) /
   bluffs called, and promises broken / broken in the open (caught).
2. Speed: each negotiator playing both sides of the campaign, its decision time per move in CPU
   (time.thread_time) with wall beside it, median and p99, and whole negotiating campaigns per CPU-second
   (time.process_time: policy and engine together).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game import sim  # noqa: E402
from game.ai.policies import POLICIES  # noqa: E402
from game.analysis.bargains import Talks, measure, play  # noqa: E402
from game.engine.match import Game  # noqa: E402
from game.model import Side  # noqa: E402
from game.scenario import catalog  # noqa: E402

KINDS = ("hawk", "dove", "pragmatist")
K, S = Side.KENNEDY, Side.KHRUSHCHEV


def talks(scenario_id: str, seeds: int, first: int = 0, pairs: list[tuple[str, str]] | None = None) -> None:
    s = catalog.get(scenario_id)
    span = f"seeds {first}-{first + seeds - 1}" if first else f"{seeds} seeds"
    print(f"\n== talks in {s.id}, {span} per pair (K = Kennedy, S = Khrushchev) ==")
    print(
        f"{'kennedy':10} {'khrushchev':10} {'agreed':>6} {'broken':>6} {'pareto':>6} {'joint':>5} "
        f"{'clash':>5} {'repeat':>6} {'letters':>7} {'texts':>5}  threats/bluffs/called K S  "
        "broken/caught K S"
    )
    for k_kind, s_kind in pairs or list(product(KINDS, KINDS)):
        total = Talks()
        for seed in range(first, first + seeds):
            game, open_at = play(s, {K: POLICIES[k_kind], S: POLICIES[s_kind]}, seed)
            total += measure(s, game, open_at)
        tb = "  ".join(f"{total.threats[x]}/{total.bluffs[x]}/{total.called[x]}" for x in (K, S))
        bc = "  ".join(f"{total.breaks[x]}/{total.exposed[x]}" for x in (K, S))
        joint = total.joint / total.best_joint if total.best_joint else 0.0
        print(
            f"{k_kind:10} {s_kind:10} {total.share('with_deal', 'games') * 100:5.1f}% "
            f"{total.share('broken', 'obligations') * 100:5.1f}% "
            f"{total.share('pareto', 'agreements') * 100:5.1f}% "
            f"{joint:5.2f} {total.clash:5d} {total.share('repeats', 'proposals') * 100:5.1f}% "
            f"{total.letters:7d} {len(total.texts):5d}  {tb:22}  {bc}"
        )
        sys.stdout.flush()


def speed(games: int) -> None:
    s = catalog.get("cuban-missile-crisis")
    print(f"\n== decision time in {s.id}, {games} games per negotiator (both sides) ==")
    print(
        f"{'policy':11} {'moves':>6} {'cpu med':>8} {'cpu p99':>8} {'cpu max':>8} {'wall med':>8} "
        f"{'wall p99':>8}  games/cpu-s"
    )
    Game(s, 0)  # the scenario's one-time preparation is not a decision
    POLICIES["pragmatist"](s, Game(s, 0).view(K), 0)
    for kind in KINDS:
        c0 = time.process_time()
        t = sim.timed(s, POLICIES[kind], range(games))
        spent = time.process_time() - c0
        cpu, wall = t.think, t.wall
        print(
            f"{kind:11} {len(cpu):6d} {statistics.median(cpu) * 1e3:6.2f}ms {sim.p99(cpu) * 1e3:6.2f}ms "
            f"{max(cpu) * 1e3:6.2f}ms {statistics.median(wall) * 1e3:6.2f}ms {sim.p99(wall) * 1e3:6.2f}ms  "
            f"{games / spent:8.1f}"
        )
        sys.stdout.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=40)
    ap.add_argument("--first", type=int, default=0, help="the first seed (seeds first..first+N-1)")
    ap.add_argument("--pairs", default="", help="only these pairs, Kennedy's first: pragmatist:hawk,...")
    ap.add_argument("--timing-games", type=int, default=20)
    ap.add_argument("--only", choices=("talks", "speed"))
    ap.add_argument("--scenarios", default="thirteen-days,il28-endgame,cuban-missile-crisis")
    args = ap.parse_args()
    if args.only != "talks":
        speed(args.timing_games)
    pairs = [tuple(p.split(":")) for p in args.pairs.split(",") if p]
    for k, v in pairs:
        if k not in KINDS or v not in KINDS:
            ap.error(f"unknown pair {k}:{v!r}; the negotiators are {', '.join(KINDS)}")
    if args.only != "speed":
        for scenario_id in args.scenarios.split(","):
            talks(scenario_id, args.seeds, args.first, [(k, v) for k, v in pairs] or None)


if __name__ == "__main__":
    main()
