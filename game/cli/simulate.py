"""`crisis simulate`: headless games between policies, one told turn by turn or many counted."""

from __future__ import annotations

import argparse
import json
import sys

from game.ai.policies import POLICIES, QUIET
from game.cli import render
from game.cli.options import Subparsers, count, file_path, output_to, scenario_arg
from game.model import SIDES, CrisisError
from game.scenario import catalog


def register(sub: Subparsers) -> None:
    sim = sub.add_parser(
        "simulate",
        help="play headless games between policies",
        description="Play games between two computer policies, with no screen: one game told turn by "
        "turn, or with --runs, many games and how often each ending came.",
    )
    scenario_arg(sim)
    for side in SIDES:
        sim.add_argument(
            f"--{side.value}",
            choices=sorted(POLICIES),
            default="historical",
            help=f"{side.value.capitalize()}'s policy",
        )
    sim.add_argument("--seed", type=int, default=1, help="the (first) game's seed")
    sim.add_argument(
        "--runs",
        type=count(1),
        default=1,
        help="play this many games (seeds seed, seed+1, ...) and count endings",
    )
    sim.add_argument(
        "--objectives",
        action="store_true",
        help="each side draws a hidden objective per chapter, scored and revealed at the end",
    )
    sim.add_argument("--json", action="store_true", help="print JSON")
    sim.add_argument("--save", metavar="PATH", type=file_path, help="save the game (one run) to this file")
    sim.set_defaults(func=_simulate)


def _simulate(args: argparse.Namespace) -> int:
    from game import sim

    s = catalog.get(args.scenario)
    # many games are only counted: the same games without the letters' words (QUIET)
    chosen = QUIET if args.runs > 1 else POLICIES
    policies = {side: chosen[getattr(args, side.value)] for side in SIDES}
    if args.runs > 1 and args.save:
        raise CrisisError("--save keeps one game: drop --runs, or give --runs 1")
    if args.save:
        output_to(args.save)
    if args.runs > 1:
        result = sim.many(s, policies, args.seed, args.runs, objectives=args.objectives)
        print(json.dumps(result, indent=2) if args.json else render.tally_text(s, result))
        return 0
    game = sim.play(s, policies, args.seed, objectives=args.objectives)
    print(json.dumps(sim.report(game), indent=2) if args.json else render.game_text(game))
    if args.save:
        from game.persistence import save

        written = save(game, args.save, sides={side.value: getattr(args, side.value) for side in SIDES})
        print(f"saved to {written}", file=sys.stderr)
    return 0
