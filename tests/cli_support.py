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
