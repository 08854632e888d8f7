"""Checks on a scenario's inject catalogue (`injects:`): ids, effects, sources, text length."""

from __future__ import annotations

from collections.abc import Iterator

from game.model import MAX_INJECT_TEXT as MAX_TEXT
from game.model import Problem, Scenario
from game.scenario.checks import Names, check_effects, check_sources, problem
from game.scenario.convert import IDENT


def lint_injects(s: Scenario, names: Names) -> Iterator[Problem]:
    seen: set[str] = set()
    for item in s.injects:
        what = f"inject {item.id!r}"
        if item.id in seen:
            yield problem(item, "id", f"inject id {item.id!r} is used twice")
        seen.add(item.id)
        if not IDENT.match(item.id):
            yield problem(
                item, "id", f"inject id {item.id!r} should be lower_case_words (it is sent in moves)"
            )
        if not item.title.strip() or not item.text.strip():
            yield problem(item, "text", f"{what} needs a title and a text the students read")
        if len(" ".join(item.text.split())) > MAX_TEXT:
            yield problem(
                item, "text", f"{what} has over {MAX_TEXT} characters; a class reads it in a glance"
            )
        yield from check_effects(item.effects, names, what)
        yield from check_sources(item, item.source, item.historical, s, what)
