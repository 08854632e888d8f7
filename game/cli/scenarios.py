"""`crisis scenarios`, `validate`, `graph`, `letters`: what the scenario files hold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.analysis.continuity import GAMES_PER_PAIR, continuity
from game.cli import render
from game.cli.options import Subparsers, scenario_arg
from game.engine.machine import mermaid
from game.model import ScenarioError
from game.scenario import catalog
from game.scenario.lint_citations import citation_warnings
from game.scenario.load import load, problems_in


def register(sub: Subparsers) -> None:
    val = sub.add_parser("validate", help="check scenario files; every problem as file:line:col")
    val.add_argument("files", nargs="*", help="scenario files (default: every bundled scenario)")
    val.add_argument(
        "--games",
        type=int,
        default=GAMES_PER_PAIR,
        metavar="N",
        help=f"games of each policy pair played to check continuity (default {GAMES_PER_PAIR}; 0: none)",
    )
    val.set_defaults(func=_validate)

    graph = sub.add_parser("graph", help="print the phase graph as a Mermaid state diagram")
    scenario_arg(graph)
    graph.set_defaults(func=_graph)

    scenarios = sub.add_parser("scenarios", help="list the bundled scenarios")
    scenarios.set_defaults(func=_scenarios)

    letters = sub.add_parser("letters", help="the real letters and messages, with what each proposed")
    scenario_arg(letters)
    letters.set_defaults(func=_letters)


def _validate(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files] or catalog.bundled()
    bad = 0
    for path in files:
        problems = problems_in(path)
        if not problems:
            # texts that name a fact without declaring it, or are shown where it is false
            problems = continuity(load(path), max(args.games, 0))
        for problem in problems:
            print(problem)
        if problems:
            bad += 1
        else:
            for warning in citation_warnings(load(path)):
                print(warning)
            print(f"{path}: ok")
    if bad:
        print(f"{bad} of {len(files)} file(s) have problems", file=sys.stderr)
    return 1 if bad else 0


def _graph(args: argparse.Namespace) -> int:
    print(mermaid(catalog.get(args.scenario)))
    return 0


def _letters(args: argparse.Namespace) -> int:
    print(render.letters_text(catalog.get(args.scenario)))
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    for path in catalog.bundled():
        try:
            s = catalog.get(str(path))
        except ScenarioError as err:
            print(render.broken_line(path, len(err.problems)))
            continue
        print(render.scenario_lines(s))
    return 0
