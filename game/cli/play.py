"""`crisis play`: a new game, or a saved one resumed (`--load`) or branched (`--branch-at`)."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Any

from game.ai.names import POLICY_NAMES
from game.cli.options import Subparsers, count, scenario_arg, scenarios_arg
from game.errors import CrisisError


def register(sub: Subparsers) -> None:
    play = sub.add_parser(
        "play",
        help="play a game (the default)",
        description="Play a game on the screen (or, with --text, line by line). With no --as and no "
        "--load, the new-game screen opens with these options preset.",
    )
    scenario_arg(play)
    play.add_argument(
        "--as",
        dest="side",
        choices=["kennedy", "khrushchev", "both"],
        help="your side; both: two players at one keyboard (without it: chosen on the new-game screen)",
    )
    play.add_argument(
        "--opponent", choices=sorted(POLICY_NAMES), default="pragmatist", help="the other side's policy"
    )
    play.add_argument(
        "--seed",
        type=int,
        default=None,
        help="the game's seed (shown, so a class can share a game; without it, a new one each game)",
    )
    play.add_argument("--load", metavar="PATH", help="resume a saved game (FILE or FILE#LINE)")
    play.add_argument(
        "--branch-at",
        type=count(1),
        metavar="TURN",
        help="with --load: go back to the start of TURN and play on differently (a new branch)",
    )
    play.add_argument(
        "--spoilers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show what really happened after each decision (--no-spoilers: only at the end)",
    )
    play.add_argument(
        "--objectives",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="each side draws a hidden objective per chapter, revealed and scored at the end "
        "(--no-objectives: the plain history, for a class that wants it)",
    )
    play.add_argument("--text", action="store_true", help="the plain line-by-line game instead of the screen")
    scenarios_arg(play)
    play.set_defaults(func=_play)


def _play(args: argparse.Namespace) -> int:
    if args.branch_at is not None and not args.load:
        raise CrisisError("--branch-at needs --load PATH: the saved game to branch from")
    if args.load:
        return _resume(args)
    if args.text:
        from game import textplay

        return textplay.run(args.scenario, args.side, args.opponent, args.seed, objectives=args.objectives)
    return _screen(
        scenario=args.scenario,
        side=args.side,
        opponent=args.opponent,
        seed=args.seed,
        spoilers=args.spoilers,
        objectives=args.objectives,
    )


def _screen(**kwargs: Any) -> int:
    """The Textual game (game.ui.app.run), Python's cyclic collector off from before its imports.

    Textual and the game allocate tens of thousands of objects as they load and draw the first page,
    almost none of them garbage; each collection walked them all again (~10% of the CPU to the first
    paint). The app turns the collector back on once its first page is painted (CrisisApp.run).
    """
    gc.disable()
    try:
        from game.ui.app import run

        return run(**kwargs)
    finally:
        gc.enable()


def _resume(args: argparse.Namespace) -> int:
    """`crisis play --load PATH [--branch-at TURN]`: resume a saved game, or take another road."""
    from pathlib import Path

    from game.cli.options import open_save
    from game.persistence import branch
    from game.scenario import catalog
    from game.seats import seats

    spec, at = args.load, args.branch_at
    search = list(args.scenarios)
    if args.scenario != catalog.DEFAULT and Path(args.scenario).suffix in (".yaml", ".yml"):
        search.append(str(Path(args.scenario).parent))  # --scenario FILE names its folder
    if at is not None:
        loaded = branch(spec, at, search=search)
        print(f"crisis: branching {spec} at turn {at}; the original line is kept", file=sys.stderr)
    else:
        loaded = open_save(spec, search=search)
    game = loaded.game
    if game.is_over():
        raise CrisisError(
            f"the game in {spec} is over; use --branch-at TURN to play it differently, "
            f"or 'crisis replay {spec}'"
        )
    taken = seats(loaded.meta.sides, args.side, args.opponent)  # the save's policy across the table
    if taken.note:
        print(f"crisis: {spec}: {taken.note}", file=sys.stderr)
    side, opponent = taken.side, taken.opponent
    if args.text:
        from game import textplay

        return textplay.resume(game, side, opponent)
    from game.ui.screens.saves import scenario_choice

    source = Path(spec) if at is None and Path(spec).is_file() else None  # quitting says where it is saved
    return _screen(
        scenario=scenario_choice(game.scenario),
        side=side,
        opponent=opponent,
        seed=game.state.seed,
        spoilers=args.spoilers,
        game=game,
        source=source,
    )
