"""The `crisis` command run in this process, as the CLI tests meet it: exit status and what it printed."""

from __future__ import annotations

import pytest

from game.cli import main

from .conftest import FIXTURES

MINI = str(FIXTURES / "mini.yaml")
"""The engine's small test scenario, as a command-line argument."""


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int | str | None, str, str]:
    """`crisis ARGS...`: its exit status (argparse's too, when it refuses before a command runs), stdout
    and stderr."""
    try:
        code: int | str | None = main([str(a) for a in args])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def feed(monkeypatch, lines) -> None:  # noqa: ANN001
    """The text game's `input()` answers `lines` one by one, then end of input."""
    answers = iter(lines)

    def ask(prompt: str = "") -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", ask)
