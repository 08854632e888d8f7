"""Which ending a game reaches: the one its transitions point at, told by the facts of the final state."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from game.model import Ending, Scenario


@cache
def variants(s: Scenario) -> Mapping[str, tuple[Ending, ...]]:
    """Ending id -> the endings that tell it another way (`variant_of`), in file order."""
    out: dict[str, list[Ending]] = {}
    for e in s.endings:
        if e.variant_of:
            out.setdefault(e.variant_of, []).append(e)
    return {k: tuple(v) for k, v in out.items()}


def holds(ending: Ending, env: Mapping) -> bool:
    """Whether what `ending` asserts is true of the final state `env` (no `holds`: always)."""
    return ending.holds is None or bool(ending.holds(env))


def settle(s: Scenario, target: str, env: Mapping) -> str:
    """The ending reached when a transition points at `target` in the final state `env`.

    The first variant of `target` that holds; else `target` if it holds; else the first ending in
    file order that declares what it asserts and holds, of `target`'s kind first; else `target`
    (a contradiction `crisis validate` and bench/endings_bench.py report).
    """
    end = s.ending(target)
    for v in variants(s).get(target, ()):
        if holds(v, env):
            return v.id
    if holds(end, env):
        return target
    declared = [e for e in s.endings if e.holds is not None and holds(e, env)]
    same = [e for e in declared if e.kind is end.kind]
    return (same or declared or [end])[0].id
