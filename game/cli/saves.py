"""`crisis replay` and `crisis compare`: a saved game turn by turn, and where two games part."""

from __future__ import annotations

import argparse
import json

from game.analysis.history import compare, steps
from game.cli import render_saves
from game.cli.options import Subparsers, open_save, save_arg, scenarios_arg
from game.model import CrisisError


def register(sub: Subparsers) -> None:
    rep = sub.add_parser("replay", help="print a saved game turn by turn, and where it left history")
    save_arg(rep)
    rep.add_argument("--json", action="store_true", help="print JSON")
    rep.set_defaults(func=_replay)

    cmp_ = sub.add_parser("compare", help="show where two saved games part, and what followed")
    cmp_.add_argument("a", metavar="A", help="a save file (FILE#LINE for one of its branches)")
    cmp_.add_argument(
        "b", metavar="B", nargs="?", help="another (default: A's line's parent in the same file)"
    )
    cmp_.add_argument("--json", action="store_true", help="print JSON")
    scenarios_arg(cmp_)
    cmp_.set_defaults(func=_compare)


def _replay(args: argparse.Namespace) -> int:
    loaded = open_save(args.path, args.line, args.scenarios)
    rows = steps(loaded.game)
    if args.json:
        print(json.dumps(render_saves.replay_dict(loaded, rows), indent=2))
    else:
        print(render_saves.replay_text(loaded, rows))
    return 0


def _compare(args: argparse.Namespace) -> int:
    from game.persistence import load

    a = open_save(args.a, search=args.scenarios)
    if args.b:
        b = open_save(args.b, search=args.scenarios)
        names = (args.a, args.b)
    else:
        info = next(x for x in a.meta.lines if x.id == a.meta.line)
        if info.parent is None:
            raise CrisisError(f"{args.a}: line {info.id!r} is the first line; name another game or FILE#LINE")
        b = load(a.meta.path, line=info.parent, search=args.scenarios)
        names = (f"{a.meta.path}#{info.id}", f"{a.meta.path}#{info.parent}")
    if a.game.scenario.id != b.game.scenario.id:
        raise CrisisError(
            f"the games are of different scenarios ({a.game.scenario.id}, {b.game.scenario.id})"
        )
    c = compare(a.game, b.game)
    s = a.game.scenario
    if args.json:
        print(json.dumps(render_saves.compare_dict(s, c, a.game, b.game, names), indent=2))
    else:
        print(render_saves.compare_text(s, c, a.game, b.game, names))
    return 0
