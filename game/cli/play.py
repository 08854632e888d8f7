"""`crisis play`: a new game, or a saved one resumed (`--load`) or branched (`--branch-at`)."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import TYPE_CHECKING, Any

from game.ai.names import POLICY_NAMES
from game.cli.options import Subparsers, count, scenario_arg, scenarios_arg
from game.errors import CrisisError

if TYPE_CHECKING:
    from pathlib import Path


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
    play.add_argument(
        "--load",
        metavar="PATH",
        help="resume a saved game (FILE or FILE#LINE; a name alone: that game in the saves folder)",
    )
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

    from game.persistence.files import saved_game

    spec, at = saved_game(args.load), args.branch_at  # (a bare name: the game in the saves folder)
    file = spec.partition("#")[0] if "#" in spec and not Path(spec).exists() else spec
    how = _claim(Path(file), text=args.text)  # one game at a time on a save (F7)
    if how == "cancel":
        from game.fold import fold

        print(fold(f"crisis: {file} was not opened; it is left to the other game"), file=sys.stderr)
        return 1
    try:
        return _open(args, spec, at, file, how)
    finally:
        from game.persistence import lock

        lock.release_all()  # the game is over: no lock file is left behind


def _open(args: argparse.Namespace, spec: str, at: int | None, file: str, how: str) -> int:
    """The save `spec` loaded (or branched `at` a turn) and played, as `how` says (see `_claim`)."""
    from pathlib import Path

    from game.cli.options import open_save
    from game.persistence import branch
    from game.scenario import catalog
    from game.seats import seats

    search = list(args.scenarios)
    if args.scenario != catalog.DEFAULT and Path(args.scenario).suffix in (".yaml", ".yml"):
        search.append(str(Path(args.scenario).parent))  # --scenario FILE names its folder
    if at is not None:
        loaded = branch(spec, at, search=search)
        print(f"crisis: branching {spec} at turn {at}; the original line is kept", file=sys.stderr)
    else:
        loaded = open_save(spec, search=search)
    game = loaded.game
    if game.is_over():  # opened to read its ending and debrief, as Saved games opens it (K15)
        from game.fold import fold

        told = f"crisis: the game in {spec} is over: opening its ending (--branch-at TURN plays it again)"
        print(fold(told), file=sys.stderr)
    taken = seats(loaded.meta.sides, args.side, args.opponent)  # the save's policy across the table
    if taken.note:
        print(f"crisis: {spec}: {taken.note}", file=sys.stderr)
    side, opponent = taken.side, taken.opponent
    source = Path(spec) if at is None and Path(spec).is_file() else None  # quitting says where it is saved
    if how == "copy":
        source = _copy(game, Path(file), loaded.meta.sides)
    if args.text:
        from game import textplay

        return textplay.resume(game, side, opponent)
    from game.ui.screens.saves import scenario_choice

    return _screen(
        scenario=scenario_choice(game.scenario),
        side=side,
        opponent=opponent,
        seed=game.state.seed,
        spoilers=args.spoilers,
        game=game,
        source=source,
        read_only=how == "read",
    )


def _claim(file: Path, *, text: bool) -> str:
    """Hold `file`'s lock ('open'), or, when another game has it open, ask what to do instead: play on
    in a copy ('copy'), read only ('read', not in the text game, which saves every turn) or not at
    all ('cancel'; also when nobody is at the terminal to answer). Its lines are wrapped at the
    terminal's width, never inside a file name; an answer that is none of the choices is told them
    (G23)."""
    from game.fold import fold
    from game.persistence import lock
    from game.persistence.saves import copy_path

    if not file.is_file():
        return "open"  # loading will say what is wrong with it
    try:
        lock.hold(file)
    except lock.InUse as busy:
        copy = copy_path(file)
        said = {"c": f"play on in a copy: {copy}", "r": "open it read only: nothing is saved", "q": "cancel"}
        choices = {"c": "copy"} | ({} if text else {"r": "read"}) | {"q": "cancel"}
        keys = "/".join(choices)
        head = (
            f"crisis: {file} is open in another game ({busy.holder}).\n"
            "Playing it here as well would fork it: both games would write their turns into one file."
        )
        options = "\n".join(f"  {key}  {said[key]}" for key in choices)
        print(f"{fold(head)}\n{fold(options, hang='   ')}", file=sys.stderr)
        while True:
            print(f"Choose [{keys}]: ", end="", file=sys.stderr, flush=True)
            answer = sys.stdin.readline()
            if not answer:  # no one to answer (end of input)
                return "cancel"
            key = answer.strip().lower()[:1]
            if key in choices:
                return choices[key]
            told = ", ".join(f"{k} ({choices[k]})" for k in choices)
            print(fold(f"Type one letter, then Enter: {told}."), file=sys.stderr)
    return "open"


def _copy(game: Any, file: Path, sides: dict[str, str]) -> Path:
    """Save `game` (its line) in a new file beside `file`, which it is saved in from now on."""
    from game.fold import fold
    from game.persistence import lock
    from game.persistence.saves import save_copy

    copy = save_copy(game, file, sides=sides)
    lock.hold(copy)
    print(fold(f"crisis: playing on in {copy}; {file} is left to the other game"), file=sys.stderr)
    return copy
