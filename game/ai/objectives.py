"""The negotiators' lean toward their own hidden objectives: a deed or a deal that would make one of this
side's drawn aims come true is worth a little more, one that would spoil it a little less.

Only the side's own aims, as its view holds them, are read (never the other side's), and only one step
ahead: the aim's condition on what conditions read now, beside what they would read after the deed or
the deal. Small beside the planner's values, so an aim never outweighs the dread of a war.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.ai import planner
from game.diplomacy import Offer
from game.engine.match import SideView
from game.engine.rules import Env
from game.model import Decision, Scenario

LEAN = 1.5
"""What one point of an aim that comes true (or is spoiled) adds (or takes) on the planner's 0-40 scale."""


def pull(view: SideView, before: Mapping, after: Mapping) -> float:
    """How far going from `before` to `after` serves this side's aims."""
    total = 0.0
    for aim in view.objectives:
        when = aim.objective.when
        total += aim.objective.points * (bool(when(after)) - bool(when(before)))
    return LEAN * total


def deed(s: Scenario, view: SideView, env: Mapping, decision: Decision) -> float:
    """The lean of taking `decision` now."""
    if not view.objectives:
        return 0.0
    after = Env(env)
    planner.with_effects(s, after, decision.effects)
    after[decision.id] = True
    return pull(view, env, after)


def deal(s: Scenario, view: SideView, env: Mapping, offers: Iterable[Offer]) -> float:
    """The lean of a deal on `offers` struck now."""
    if not view.objectives:
        return 0.0
    return pull(view, env, planner.after_deal(s, env, offers))
