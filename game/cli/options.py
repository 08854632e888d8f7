"""Options and helpers that several `crisis` commands share: the parser, counts, a save to open."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.scenario import catalog

if TYPE_CHECKING:
    from game.model import Scenario, Side

Subparsers = Any  # argparse's _SubParsersAction, which it does not export


class _Help(argparse.HelpFormatter):
    """Each option's help with its default, where it has one worth saying (not a flag's on or off)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        flag = any(default is x for x in (None, False, True, argparse.SUPPRESS))  # or none
        empty = isinstance(default, list | tuple) and not default
        if not text or "default" in text or flag or empty:
            return text  # nothing to say, or said already in the help's own words
        return f"{text} (default: %(default)s)"


class Parser(argparse.ArgumentParser):
    """argparse that names the option and the values that exist, and a mistyped command's fix."""

    commands: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        from game.scenario.convert import suggest  # the converter pulls in the model: only for a mistake

        if message.startswith("argument COMMAND: invalid choice"):
            word = message.split("'")[1] if "'" in message else ""
            commands = self.commands or ()
            hint = suggest(word, commands) or f" (commands: {', '.join(commands)})"
            message = f"no command {word!r}{hint}"
        elif message.startswith("unrecognized arguments: "):
            words = message.removeprefix("unrecognized arguments: ").split()
            word = next((w.partition("=")[0] for w in words if w.startswith("-")), "")
            options = sorted({o for a in self._actions for o in a.option_strings if o.startswith("--")})
            hint = suggest(word, options) if word else ""
            if word and not hint:
                hint = f" ({self.prog}'s options: {', '.join(options)})"
            command = "crisis" if self.prog == "crisis" else self.prog.removeprefix("crisis ")
            message = f"{command} does not take {' '.join(words)}{hint}"
        elif "invalid choice" in message:
            option, _, rest = message.partition(": invalid choice: ")
            word = rest.split("'")[1] if "'" in rest else rest
            choices = rest.partition("(choose from ")[2].rstrip(")").replace("'", "")
            hint = suggest(word, [c.strip() for c in choices.split(",")])
            message = f"{option.removeprefix('argument ')}: {word!r} is not one of: {choices}{hint}"
        self.print_usage(sys.stderr)
        self.exit(2, f"crisis: {message}\n")


def count(lowest: int = 1, highest: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `lowest` to `highest`, else a message saying so."""

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if n < lowest:
            raise argparse.ArgumentTypeError(f"should be at least {lowest}, not {n}")
        if highest is not None and n > highest:
            raise argparse.ArgumentTypeError(f"should be at most {highest:,}, not {n:,}")
        return n

    parse.__name__ = "count"
    return parse


def file_path(text: str) -> str:
    """An argparse type: a file name that is not empty."""
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file name, not an empty one")
    return text


def scenario_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", default=catalog.DEFAULT, help="a bundled scenario id or a YAML file")


def save_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "path",
        metavar="PATH",
        help="a save file (FILE#LINE for one of its branches; a name alone: in the saves folder)",
    )
    p.add_argument("--line", help="the line (branch) to use (default: the one last played)")
    scenarios_arg(p)


def scenarios_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenarios",
        metavar="FOLDER",
        action="append",
        default=[],
        help="a folder where a save may find its scenario if it is not bundled (repeatable)",
    )


def output_to(path: str) -> Path:
    """Where to write a file a user named: its folder must exist (we do not make folders unasked)."""
    from game.persistence.files import user_target

    return user_target(path)


def open_save(spec: str, line: str | None = None, search: list[str] | None = None) -> Any:
    """Load `FILE` or `FILE#LINE` (a bare name not here: that game in the saves folder); say on stderr
    if the replay stopped short."""
    from game.persistence import load
    from game.persistence.files import saved_game

    spec = saved_game(spec)

    path, _, tag = spec.partition("#") if "#" in spec and not Path(spec).exists() else (spec, "", "")
    loaded = load(path, line=line or tag or None, search=search or ())
    if loaded.stopped is not None:
        print(
            f"crisis: {path}: the game no longer replays to its end; it stops at {loaded.stopped}",
            file=sys.stderr,
        )
    for warning in loaded.meta.warnings:
        print(f"crisis: {path}: {warning}", file=sys.stderr)
    return loaded


def who(s: Scenario, side: Side) -> str:
    return s.sides[side].short or side.value
