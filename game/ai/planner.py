"""Looking one turn ahead: what a deal or a pair of deeds would lead to, and what that is worth.

Prepared once per scenario (and cached): the endings each phase can still reach, the edges out of
every phase, which tracks count in each side's scores. A position is worth the ending it reaches
now, or, if the crisis goes on, what the endings still open are worth on average, weighed against
the chance of war that the risk track stands for (as much as a personality fears it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from game.diplomacy import Offer
from game.engine.machine import machine_for
from game.model import Kind, Scenario
from game.sides import Effect, Side

AXES = ("survival", "security", "prestige")
"""The score axes a leader plays for (closeness to history is the teacher's axis, not theirs)."""
_WAR = (Kind.LIMITED_WAR, Kind.NUCLEAR_WAR)


@dataclass(frozen=True)
class Prepared:
    """What the planner works out once per scenario."""

    edges: Mapping[str, tuple[tuple[str, tuple]]]
    """Per phase: (destination, conditions) in the order the rules try them."""
    peace: Mapping[str, tuple[str, ...]]
    """Per phase: the endings without war that can still be reached from it."""
    war: Mapping[str, tuple[str, ...]]
    """Per phase: the endings at war that can still be reached from it."""


@cache
def prepare(s: Scenario) -> Prepared:
    machine = machine_for(s)
    edges = {p.id: tuple((e[1], tuple(e[2])) for e in machine.edges.get(p.id, ())) for p in s.phases}
    reach: dict[str, set[str]] = {}
    for p in s.phases:
        seen, todo, found = {p.id}, [p.id], set()
        while todo:
            for dest, _ in edges.get(todo.pop(), ()):
                if s.is_ending(dest):
                    found.add(dest)
                elif dest not in seen and dest in edges:
                    seen.add(dest)
                    todo.append(dest)
        reach[p.id] = found
    peace = {p: tuple(sorted(e for e in found if s.ending(e).kind not in _WAR)) for p, found in reach.items()}
    war = {p: tuple(sorted(e for e in found if s.ending(e).kind in _WAR)) for p, found in reach.items()}
    return Prepared(edges, peace, war)


def ending_value(s: Scenario, side: Side, ending: str, env: Mapping) -> float:
    """What an ending is worth to `side` on its own axes (0-30), with the tracks as they stand."""
    scores = s.ending(ending).scores[side]
    return float(sum(min(max(round(float(scores[a].fn(env))), 0), 10) for a in AXES if a in scores))


def war_chance(env: Mapping, fear: float) -> float:
    """How likely `side` believes the crisis is to end in war if it goes on: from the risk track."""
    risk = float(env.get("risk", 0))
    return min(max((risk - 2.5) / 7.5 * fear, 0.0), 0.95)


def going_on(s: Scenario, side: Side, phase: str, env: Mapping, fear: float) -> float:
    """What it is worth to `side` that the crisis goes on from `phase`."""
    prep = prepare(s)
    peace = [ending_value(s, side, e, env) for e in prep.peace.get(phase, ())]
    war = [ending_value(s, side, e, env) for e in prep.war.get(phase, ())]
    if not peace and not war:
        return 0.0
    calm = sum(peace) / len(peace) if peace else 0.0
    hot = sum(war) / len(war) if war else calm
    p = war_chance(env, fear) if peace else 1.0
    return (1 - p) * calm + p * hot


def next_node(s: Scenario, phase: str, env: Mapping) -> str | None:
    """Where the rules would take the crisis from `phase` with `env` (the first edge that holds)."""
    for dest, conditions in prepare(s).edges.get(phase, ()):
        if all(c(env) for c in conditions):
            return dest
    return None


def position(s: Scenario, side: Side, phase: str, env: Mapping, fear: float) -> tuple[float, str | None]:
    """(worth to `side`, the ending reached or None) of the position `env` after a turn in `phase`."""
    node = next_node(s, phase, env)
    if node is not None and s.is_ending(node):
        return ending_value(s, side, node, env), node
    return going_on(s, side, node or phase, env, fear), None


def with_effects(s: Scenario, env: dict, effects: Iterable[Effect]) -> None:
    """Apply effects to a copy of what conditions read, as the rules would."""
    tracks = {t.id: t for t in s.tracks}
    for eff in effects:
        t = tracks.get(eff.name)
        if t is not None:
            value = eff.value if eff.value is not None else int(env.get(eff.name, 0)) + eff.delta
            env[eff.name] = min(max(int(value), t.min), t.max)
        elif eff.value:
            env[eff.name] = True
        else:
            env.pop(eff.name, None)


def after_deal(s: Scenario, env: Mapping, offers: Iterable[Offer]) -> dict:
    """What conditions would read once a deal on `offers` is struck."""
    n = s.negotiation
    out = dict(env)
    if n is None:
        return out
    for o in offers:
        with_effects(s, out, n.term(o.term).on_agree)
        out[f"{o.term}_agreed"] = True
        out[f"{o.term}_{'public' if o.public else 'secret'}"] = True
    return out
