"""The `crisis` command: one parser, one module per command group, errors as messages.

Each group is a module in this package with one function, `register(sub)`, which adds its
subcommands to `sub` (argparse's subparsers) and points each at its handler with
`parser.set_defaults(func=handler)`. A handler takes the parsed `argparse.Namespace` and returns
the exit status; a user's mistake is raised as `CrisisError` (exit 2) or `ScenarioError` (exit 1),
and `main` prints it as one line, never a traceback.

Adding a command group, e.g. `game/cli/net.py`:

    def register(sub: Subparsers) -> None:
        p = sub.add_parser("serve", help="...")
        p.add_argument(...)
        p.set_defaults(func=_serve)

and one line in GROUPS below: `"net",`. Options shared by several commands (`--scenario`, a save
path, counts that must be positive) are in `game/cli/options.py`; text renderers live apart from
the commands (`render.py`, `render_saves.py`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from game import __version__
from game.cli.options import Parser
from game.errors import CrisisError, ScenarioError

GROUPS = (
    "play",
    "scenarios",
    "simulate",
    "saves",
    "explore",
    "report",
    "net",
    "read_letter",
)


COMMANDS = {
    "play": "play",
    **dict.fromkeys(("scenarios", "validate", "graph", "letters"), "scenarios"),
    "simulate": "simulate",
    **dict.fromkeys(("replay", "compare"), "saves"),
    **dict.fromkeys(("explore", "explore-merge"), "explore"),
    "report": "report",
    **dict.fromkeys(("serve", "table", "tables", "join", "host", "export", "class"), "net"),
    "read-letter": "read_letter",
}
"""Each command's group: a command named on the line loads its group alone (the others' imports,
the engine's and the AI's among them, are a large part of a cold start). A command missing here
still works, with every group loaded; tests/test_perf.py checks the table against the groups."""


OWN_WORDS = {
    "debrief": "report",
    "export-debrief": "report",
    "resume": "play --load",
    "continue": "play --load",
    "load": "play --load",
}
"""Words the game itself uses for what a command does (the front page's "e Export debrief", "Continue"),
each with the command that does it: a user who types them is pointed there (playtest F17)."""


def _own_word(words: list[str]) -> str | None:
    """What to say when `words` start with one of the game's own words for a command, or with `export`
    and a save file (which `report` turns into a debrief); None for anything else."""
    if not words:
        return None
    first, rest = words[0], " ".join(words[1:]) or "FILE"
    if first in OWN_WORDS:
        command = OWN_WORDS[first]
        extra = " --format md|html" if command == "report" else ""
        return f"no command {first!r} (did you mean {command!r}? crisis {command} {rest}{extra})"
    if first == "export" and len(words) > 1 and words[1].endswith(".json"):
        return (
            f"'crisis export' saves a network table's game by its code; a saved game's debrief is "
            f"'crisis report {words[1]} --format md|html'"
        )
    return None


def _groups_for(argv: Sequence[str] | None) -> tuple[str, ...]:
    """The groups to register for `argv`: the command's own, or every one (help, a mistake, or a
    command not in COMMANDS)."""
    words = list(sys.argv[1:] if argv is None else argv)
    if not words:
        return ("play",)  # no command: play
    group = COMMANDS.get(words[0])
    return (group,) if group in GROUPS else GROUPS


def parser(argv: Sequence[str] | None = None, *, every: bool = True) -> argparse.ArgumentParser:
    """The `crisis` parser: every group registered, or (`every=False`) only what `argv` needs."""
    p = Parser(
        prog="crisis",
        description="Negotiate the Cuban Missile Crisis as Kennedy or Khrushchev. "
        "With no command, starts a game.",
    )
    p.add_argument("--version", action="version", version=f"missile-crisis {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in GROUPS if every else _groups_for(argv):
        importlib.import_module(f"game.cli.{name}").register(sub)
    p.commands = tuple(sub.choices)
    return p


def _owner(p: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the (sub)command `args` was parsed for: `crisis class status`'s, not `crisis`'s."""
    while True:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        chosen = getattr(args, subs[0].dest, None) if subs else None
        if not subs or chosen not in subs[0].choices:
            return p
        p = subs[0].choices[chosen]


def main(argv: Sequence[str] | None = None) -> int:
    said = _own_word(list(sys.argv[1:] if argv is None else argv))
    if said is not None:
        print(f"crisis: {said}", file=sys.stderr)
        return 2
    p = parser(argv, every=False)
    args, extra = p.parse_known_args(argv)
    if extra:  # said by the command's own parser, with its usage and options, not the top level's
        _owner(p, args).error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command is None:  # no command: play
        args = p.parse_args(["play"])
    from game.persistence import scenario_cache

    scenario_cache.install()  # checked scenarios are kept between runs (CRISIS_CACHE_DIR=off: not)
    if getattr(args, "func", None) is None:  # a command registered without set_defaults(func=...)
        p.error(f"the command {args.command!r} has no handler (a bug: please report it)")
    try:
        return int(args.func(args))
    except ScenarioError as err:
        print(str(err), file=sys.stderr)
        file = err.problems[0].file if err.problems else "FILE"
        print(
            f"crisis: the scenario has {len(err.problems)} problem(s); run 'crisis validate {file}'",
            file=sys.stderr,
        )
        return 1
    except CrisisError as err:
        print(f"crisis: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
