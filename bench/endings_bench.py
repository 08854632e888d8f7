"""Endings that contradict the final state: every policy pair on every bundled scenario.

An ending contradicts the game when its `holds` (what its headline and epilogue assert) is false of
the state the game ended in, when its headline or epilogue names a fact of the continuity lexicon
(game/scenario/lint_continuity.py: "the quarantine stays", ...) that is false there, or when it opens
on a day ("Sunday morning, October 28:") that is not the day the game ended. Prints, per scenario,
the games played, the contradictions, and the endings they fell on (with a sample seed), and the CPU
time beside the wall time.

Run: python bench/endings_bench.py [--games N] [--scenario ID ...] [--seed S]
`--games` is the number of games per scenario, spread evenly over the 25 policy pairs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.policies import POLICIES  # noqa: E402
from game.engine.endings import variants  # noqa: E402
from game.engine.machine import machine_for  # noqa: E402
from game.engine.rules import env_of  # noqa: E402
from game.model import SIDES, Scenario  # noqa: E402
from game.scenario import catalog  # noqa: E402
from game.scenario.lint_continuity import Sighting, check  # noqa: E402
from game.sim import play  # noqa: E402

OPENS_ON_A_DAY = re.compile(r"^(?:\w+day )?(?:morning, |night, )?(October|November) (\d+)\b")
"""An epilogue that opens on a day of the crisis (the year is 1962 in every bundled scenario)."""


def aimed_at(s: Scenario, game_state) -> str | None:  # noqa: ANN001
    """The ending the last turn's transition pointed at, before the facts told it."""
    last = game_state.log[-1]
    return machine_for(s).next(last.phase, env_of(s, game_state))


def contradictions(s: Scenario, games: int, seed: int) -> tuple[int, Counter[str], dict[str, str]]:
    """(games played, problems by kind and ending, a sample game of each): endings that
    contradict the final state, and endings the facts chose over the edge's own (not a variant)."""
    pairs = list(product(POLICIES, repeat=2))
    per_pair = max(1, -(-games // len(pairs)))
    bad: Counter[str] = Counter()
    sample: dict[str, str] = {}
    played = 0
    for k, (a, b) in enumerate(pairs):
        policies = dict(zip(SIDES, (POLICIES[a], POLICIES[b]), strict=True))
        for n in range(per_pair):
            game_seed = seed + k * per_pair + n
            game = play(s, policies, game_seed)
            played += 1
            assert game.state.ending is not None
            end = s.ending(game.state.ending)
            where = f"seed {game_seed}, {a} v {b}"
            env = env_of(s, game.state)
            if end.holds is not None and not end.holds(env):
                bad[f"contradicts: {end.id}"] += 1
                sample.setdefault(f"contradicts: {end.id}", where)
            told = f"{end.headline}. {end.epilogue}"  # the headline's words are checked too
            for problem in check(s, [Sighting(end, end.id, told, env, where)]):
                key = f"contradicts: {end.id} says {problem.message.split(' says ', 1)[1].split(' (', 1)[0]}"
                bad[key] += 1
                sample.setdefault(key, where)
            opens = OPENS_ON_A_DAY.match(" ".join(end.epilogue.split()))
            ended = game.state.log[-1].date if game.state.log else game.state.date
            if (
                opens is not None
                and dt.datetime.strptime(f"{opens[1]} {opens[2]} 1962", "%B %d %Y").date().isoformat()
                != ended
            ):
                key = f"contradicts: {end.id} opens on {opens[0]!r}"
                bad[key] += 1
                sample.setdefault(key, f"{where}, ended {ended}")
            target = aimed_at(s, game.state) if game.state.log else None
            told = {target, *(v.id for v in variants(s).get(target or "", ()))}
            if target is not None and end.id not in told:
                key = f"edge to {target} told as {end.id}"
                bad[key] += 1
                sample.setdefault(key, where)
    return played, bad, sample


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=10_000, help="games per scenario (default 10000)")
    ap.add_argument("--scenario", action="append", help="scenario id (default: every bundled one)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    ids = args.scenario or [p.stem for p in catalog.bundled()]
    total_games = total_bad = 0
    for sid in ids:
        s = catalog.get(sid)
        wall, cpu = time.perf_counter(), time.process_time()
        played, bad, sample = contradictions(s, args.games, args.seed)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        n = sum(v for k, v in bad.items() if k.startswith("contradicts"))
        total_games, total_bad = total_games + played, total_bad + n
        moved = sum(bad.values()) - n
        print(
            f"{sid}: {played} games, {n} endings contradict the final state, {moved} told by another"
            f" ending than their edge's ({wall:.1f}s wall, {cpu:.1f}s CPU)"
        )
        for key, count in bad.most_common():
            print(f"  {count:6d}  {key}  (e.g. {sample[key]})")
    print(f"total: {total_games} games, {total_bad} contradictions")


if __name__ == "__main__":
    main()
