"""Checks of the `objectives:` section: chapters that exist, ids used once, conditions over declared names."""

from __future__ import annotations

from collections.abc import Iterator

from game.model import SIDES, Problem, Scenario
from game.scenario.checks import Names, check_expr, check_sources, problem
from game.scenario.convert import suggest

POINTS = (1, 3)
"""The smallest and largest weight an objective may carry."""


def lint_objectives(s: Scenario, names: Names, kinds: frozenset[str]) -> Iterator[Problem]:
    """`kinds`: the names an ending's kind is read by (`settlement`, `nuclear_war`, ...)."""
    phases = {p.id for p in s.phases}
    readable = names.readable | {e.id for e in s.endings} | kinds
    chapters: set[str] = set()
    seen: set[str] = set()
    for c in s.objectives:
        if c.chapter not in phases:
            yield problem(
                c, "chapter", f"objectives for {c.chapter!r}, which is no chapter{suggest(c.chapter, phases)}"
            )
        elif c.chapter in chapters:
            yield problem(c, "chapter", f"the objectives for chapter {c.chapter!r} are given twice")
        chapters.add(c.chapter)
        for side in SIDES:
            for o in c.of(side):
                what = f"objective {o.id!r}"
                if o.id in seen:
                    yield problem(o, "id", f"{what} is used twice (objective ids are unique in a scenario)")
                seen.add(o.id)
                yield from check_expr(o.when, readable, what)
                yield from check_sources(o, o.source, False, s, what)
                if not POINTS[0] <= o.points <= POINTS[1]:
                    yield problem(
                        o, "points", f"{what} is worth {o.points}; give {POINTS[0]} to {POINTS[1]} points"
                    )
                if not o.title.strip() or not o.text.strip():
                    yield problem(o, "text", f"{what} needs a title and a text for the player")
