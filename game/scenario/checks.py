"""Shared checks for the linters: names conditions may read, expressions, effects, citations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from game.conditions import Expr, check_names
from game.model import Effect, Problem, Scenario
from game.scenario.convert import at, suggest

BUILTINS = frozenset({"turn", "phase_turn", "deadline"})
"""Names every condition may read besides the scenario's own: turns played in the game,
turns played in this phase (counting the one resolving), and whether this was the phase's last."""


@dataclass
class Names:
    tracks: set[str]
    flags: set[str]
    decisions: set[str]
    events: set[str]
    terms: set[str]
    """Names the negotiation adds: `<term>_agreed`, ..., and `time_left`."""

    @property
    def readable(self) -> set[str]:
        return self.tracks | self.flags | self.decisions | self.events | self.terms | BUILTINS


def problem(obj: object, key: str, message: str) -> Problem:
    return Problem(*at(obj, key), message)


def check_expr(expr: Expr | None, names: set[str], what: str) -> Iterator[Problem]:
    if expr is None:
        return
    for name, col in check_names(expr, names):
        file, line, start = at(expr)
        hint = suggest(name, names)
        yield Problem(file, line, start + col, f"{what} reads {name!r}, which is not declared{hint}")


def check_effects(effects: tuple[Effect, ...], names: Names, what: str) -> Iterator[Problem]:
    for eff in effects:
        if eff.name in names.tracks:
            if isinstance(eff.value, bool):
                yield problem(eff, "", f"{what} sets track {eff.name!r} to true/false; give +N, -N or '=N'")
        elif eff.name in names.flags:
            if not isinstance(eff.value, bool):
                yield problem(eff, "", f"{what} changes flag {eff.name!r} by a number; give true or false")
        else:
            hint = suggest(eff.name, names.tracks | names.flags)
            yield problem(eff, "", f"{what} changes {eff.name!r}, which is neither a track nor a flag{hint}")


def check_sources(
    obj: object, sources: tuple[str, ...], historical: bool, s: Scenario, what: str
) -> Iterator[Problem]:
    for cite in sources:
        if cite not in s.citations:
            yield problem(
                obj,
                "source",
                f"{what} cites {cite!r}, which is not a known source or fact{suggest(cite, s.citations)}",
            )
    if historical and not sources:
        yield problem(obj, "historical", f"{what} is marked historical but cites no source")
