"""Text for the terminal: each line wrapped at the terminal's width, between words, never inside one
(a file name or a command stays whole: play-test 7, G23)."""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from collections.abc import Iterable


def width() -> int | None:
    """The terminal's columns; None when the output goes to no terminal (a pipe, a file: a script
    reads whole lines)."""
    if sys.stdout.isatty() or sys.stderr.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return None


GLUE = "\x00"
"""Stands for a space inside a command while the lines are wrapped."""


def fold(text: str, columns: int | None = None, hang: str = "  ", commands: Iterable[str] = ()) -> str:
    """`text` with each of its lines wrapped at `columns` (default: the terminal's width); a line's
    continuation keeps its indent and `hang` more. A word longer than the line stays whole, and so
    does a command: from any of `commands` (how the game is run: `crisis`, `make play`) to the end
    of its line, on a line of its own if it must (a command cut in two cannot be pasted back). Output
    to no terminal is left as it is."""
    room = columns or width()
    if room is None:
        return text
    starts = "|".join(re.escape(c) for c in commands if c)
    command = re.compile(rf"(?:^|(?<=\s))(?:{starts})(?=\s)") if starts else None
    out = []
    for line in text.split("\n"):
        found = command.search(line) if command else None
        if found:
            line = line[: found.start()] + line[found.start() :].replace(" ", GLUE)
        indent = line[: len(line) - len(line.lstrip())]
        wrapped = (
            textwrap.fill(
                line,
                room,
                subsequent_indent=indent + hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            if len(line) > room
            else line
        )
        out.append(wrapped.replace(GLUE, " "))
    return "\n".join(out)
