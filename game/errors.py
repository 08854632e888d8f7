"""The game's narrow errors, and the one diagnostic a scenario's loader reports (`file:line:col: ...`)."""

from __future__ import annotations

from dataclasses import dataclass


class CrisisError(ValueError):
    """Base of the game's own errors: a message fit to show a user."""


class ScenarioError(CrisisError):
    """A scenario that cannot be loaded; `problems` holds every diagnostic."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class IllegalMoveError(CrisisError):
    """A move that is not legal in the state it was applied to."""


class StateError(CrisisError):
    """A serialised state that does not fit its scenario."""


@dataclass(frozen=True, order=True)
class Problem:
    """One diagnostic: `file:line:col: message`."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"
