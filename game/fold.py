"""Text for the terminal: each line wrapped at the terminal's width, between words, never inside one
(a file name or a command stays whole: play-test 7, G23)."""

from __future__ import annotations

import shutil
import sys
import textwrap


def width() -> int | None:
    """The terminal's columns; None when the output goes to no terminal (a pipe, a file: a script
    reads whole lines)."""
    if sys.stdout.isatty() or sys.stderr.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return None


def fold(text: str, columns: int | None = None, hang: str = "  ") -> str:
    """`text` with each of its lines wrapped at `columns` (default: the terminal's width); a line's
    continuation keeps its indent and `hang` more. A word longer than the line stays whole. Output
    to no terminal is left as it is."""
    room = columns or width()
    if room is None:
        return text
    out = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        out.append(
            textwrap.fill(
                line,
                room,
                subsequent_indent=indent + hang,
                break_long_words=False,
                break_on_hyphens=False,
                drop_whitespace=True,
            )
            if len(line) > room
            else line
        )
    return "\n".join(out)
