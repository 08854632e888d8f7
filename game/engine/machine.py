"""The phase machine, built with `transitions` from a scenario's declared edges: the only importer of it."""

from __future__ import annotations

import operator
import re
import threading
from collections.abc import Callable, Mapping
from functools import cache

from transitions import Machine

from game.conditions import Expr, First, first_holding, parse, ready
from game.model import Scenario, Transition

END = "end"
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
ALLOWED_CALLBACKS: frozenset[str] = frozenset()
"""Callback names a scenario may hand to the machine: none. Conditions are compiled closures,
never strings, so no dotted path from YAML can reach an importable function."""


class _Cursor:
    """A stand-in model: games keep their phase in their own state and lend it here to fire."""

    state: str
    trigger: Callable[..., bool]
    """Added by the machine (add_model)."""


_TESTS: dict[Callable[[Mapping], bool], Callable[[Mapping], object]] = {}
"""Each condition handed to the machine, and the bare function whose truth it returns."""
_EXPRS: dict[Callable[[Mapping], bool], Expr] = {}
"""Each condition handed to the machine, and the expression it tests (`deadline` for the deadline)."""
DEADLINE = parse("deadline")


def _condition(expr: Expr | None, label: str) -> Callable[[Mapping], bool]:
    if expr is None:

        def at_deadline(env: Mapping) -> bool:
            return bool(env["deadline"])

        at_deadline.__name__ = "deadline"
        _TESTS[at_deadline] = operator.itemgetter("deadline")
        _EXPRS[at_deadline] = DEADLINE
        return at_deadline

    fn = ready(expr)  # the compiled function itself, even for a condition compiled on first use

    def holds(env: Mapping) -> bool:
        return bool(fn(env))

    holds.__name__ = label
    _TESTS[holds] = fn
    _EXPRS[holds] = expr
    return holds


def _checked(name: str) -> str:
    if not _NAME.match(name) and name not in ALLOWED_CALLBACKS:
        raise ValueError(f"{name!r} may not reach the phase machine")
    return name


class PhaseMachine:
    """One per scenario, shared by every game of it."""

    def __init__(self, scenario: Scenario, machine_cls: type = Machine, **options: object) -> None:
        self.scenario = scenario
        states = [_checked(p.id) for p in scenario.phases]
        states += [_checked(e.id) for e in scenario.endings]
        self.machine = machine_cls(
            model=None,
            states=states,
            initial=scenario.start.phase,
            auto_transitions=False,
            ignore_invalid_triggers=True,
            **options,
        )
        self._rows: dict[str, tuple[tuple[str, str, tuple[Expr, ...]], ...]] = {}
        """Per phase, the edges as (trigger, destination, the expressions they test)."""
        self._finders: dict[str, First] = {}
        """Per phase, its edges' conditions compiled into one function (`first_holding`), when first asked."""
        self.edges: dict[str, list[tuple[str, str, list[Callable[[Mapping], object]]]]] = {}
        """Per phase, in the order transitions tries them: (trigger, destination, conditions), each
        condition the bare function whose truth the machine's own condition returns (one call less
        for the AI's look-ahead, which asks them thousands of times)."""
        for phase in scenario.phases:
            added = [
                e for edge in (*scenario.interrupts, *phase.transitions) for e in self._add(phase.id, edge)
            ]
            triggers = list(dict.fromkeys(t for t, _, _ in added))
            ordered = [e for t in triggers for e in added if e[0] == t]
            self._rows[phase.id] = tuple(
                (trigger, dest, tuple(_EXPRS[c] for c in conds)) for trigger, dest, conds in ordered
            )
            self.edges[phase.id] = [
                (trigger, dest, [_TESTS[c] for c in conds]) for trigger, dest, conds in ordered
            ]
        self._local = threading.local()
        self.check = False
        """Fire the transitions trigger after `next` has chosen an edge, and insist that the machine
        agrees (the tests turn it on; play leaves it off, as the edges are the machine's own)."""

    def _add(self, source: str, edge: Transition) -> list[tuple[str, str, list[Callable[[Mapping], bool]]]]:
        trigger = _checked(edge.trigger)
        if edge.to != END:
            label = edge.when.source if edge.when else "deadline"
            targets = [(_checked(edge.to), [_condition(edge.when, label)])]
        else:  # `end`: the first ending whose condition holds
            targets = []
            for ending in self.scenario.endings:
                parts = [c for c in (edge.when, ending.when) if c is not None]
                conds = [_condition(c, c.source) for c in parts] or [_condition(None, "deadline")]
                if edge.when is None and parts:
                    conds.append(_condition(None, "deadline"))
                targets.append((_checked(ending.id), conds))
        for dest, conds in targets:
            self.machine.add_transition(trigger, source, dest, conditions=conds)
        return [(trigger, dest, conds) for dest, conds in targets]

    def _cursor(self) -> _Cursor:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = _Cursor()
            self.machine.add_model(cursor, initial=self.scenario.start.phase)
        return cursor

    def next(self, phase: str, env: Mapping) -> str | None:
        """Where the game goes from `phase` after a turn, given `env`, or None to stay."""
        first = self._finders.get(phase)
        if first is None:
            first = self._finders[phase] = first_holding(
                [((*x,), None) for _, _, x in self._rows.get(phase, ())]
            )
        i = first(env, (), 0)  # the first edge every condition of which holds, as the machine tries them
        if i < 0:
            return None  # most turns: no edge holds, and the machine need not be woken
        trigger, dest, _ = self._rows[phase][i]
        if not self.check:
            return dest  # the machine would try the same edges in the same order
        cursor = self._cursor()
        self.machine.set_state(phase, model=cursor)
        # the machine tries the same edges in the same order; not queued, so its answer is final
        if not cursor.trigger(trigger, env) or cursor.state != dest:
            raise RuntimeError(f"phase machine disagrees on {phase!r} -> {dest!r}")
        return cursor.state


@cache
def machine_for(scenario: Scenario) -> PhaseMachine:
    """The shared machine of `scenario` (built once)."""
    return PhaseMachine(scenario)


def mermaid(scenario: Scenario) -> str:
    """The phase graph as a Mermaid state diagram (transitions' mermaid backend)."""
    from transitions.extensions import GraphMachine

    graph = PhaseMachine(scenario, machine_cls=GraphMachine, graph_engine="mermaid", show_conditions=True)
    cursor = _Cursor()
    graph.machine.add_model(cursor, initial=scenario.start.phase)
    return cursor.get_graph().draw(None)  # type: ignore[attr-defined]
