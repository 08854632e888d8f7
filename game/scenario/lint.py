"""Checks beyond the schema: references, names, dates, reachability, legal moves, citations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from game.diplomacy import term_names
from game.model import (
    SIDES,
    Decision,
    Event,
    Kind,
    Phase,
    Problem,
    Scenario,
    Transition,
)
from game.scenario.checks import BUILTINS, Names, check_effects, check_expr, check_sources, problem
from game.scenario.convert import suggest
from game.scenario.lint_continuity import lint_briefings
from game.scenario.lint_endings import lint_endings, lint_escalation
from game.scenario.lint_injects import lint_injects
from game.scenario.lint_objectives import lint_objectives
from game.scenario.lint_phrases import lint_phrases
from game.scenario.lint_terms import lint_negotiation
from game.scenario.lint_tracks import lint_tracks

END = "end"
_TRIGGER = re.compile(r"[a-z][a-z0-9_]*\Z")
_RESERVED_TRIGGERS = {"trigger", "state", "machine", "get_triggers"}


def lint(s: Scenario) -> list[Problem]:
    """Every problem in `s` that the schema alone cannot see."""
    return sorted(set(_lint(s)))


def _lint(s: Scenario) -> Iterator[Problem]:
    yield from _unique_ids(s)
    names = Names(
        tracks={t.id for t in s.tracks},
        flags={f.id for f in s.flags},
        decisions={d.id for p in s.phases for side in SIDES for d in p.decisions.get(side, ())} | s.retired,
        events={e.id for e in _all_events(s)} | s.retired,
        terms=term_names(s.negotiation),
    )
    yield from lint_tracks(s)
    yield from _sides(s)
    yield from _phases(s, names)
    yield from lint_briefings(s, names)
    yield from _events(s, names, s.events)
    yield from _transitions(s, names, s.interrupts)
    yield from _endings(s, names)
    yield from lint_endings(s, names)
    yield from lint_escalation(s, names)
    yield from _start(s, names)
    yield from _graph(s)
    yield from _questions(s, names)
    yield from lint_objectives(s, names, KIND_NAMES)
    yield from lint_phrases(s)
    yield from lint_injects(s, names)
    if s.negotiation is not None:
        yield from lint_negotiation(s, s.negotiation, names)
    elif s.start.agreements:
        yield problem(s.start, "agreements", "the start has agreements but the scenario has no negotiation")


def _all_events(s: Scenario) -> Iterator[Event]:
    yield from s.events
    for phase in s.phases:
        yield from phase.events


def _all_decisions(s: Scenario) -> Iterator[tuple[Phase, Decision]]:
    for phase in s.phases:
        for side in SIDES:
            for d in phase.decisions.get(side, ()):
                yield phase, d


def _unique_ids(s: Scenario) -> Iterator[Problem]:
    owners: dict[str, str] = {}
    groups: list[tuple[str, Iterable]] = [
        ("track", s.tracks),
        ("flag", s.flags),
        ("phase", s.phases),
        ("ending", s.endings),
        ("decision", (d for _, d in _all_decisions(s))),
        ("event", _all_events(s)),
    ]
    for kind, items in groups:
        for item in items:
            if item.id in BUILTINS or item.id == END:
                yield problem(item, "id", f"{kind} id {item.id!r} is a reserved name")
            elif item.id in owners:
                yield problem(item, "id", f"{kind} id {item.id!r} is already used by a {owners[item.id]}")
            else:
                owners[item.id] = kind
    for kind, items in (("advisor", s.advisors), ("source", s.sources), ("question", s.questions)):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                yield problem(item, "id", f"{kind} id {item.id!r} is used twice")
            seen.add(item.id)


def _sides(s: Scenario) -> Iterator[Problem]:
    for side in SIDES:
        if side not in s.sides:
            yield problem(s, "sides", f"the scenario does not describe the side {side.value!r}")
    for adv in s.advisors:
        if not adv.name.strip():
            yield problem(adv, "name", f"advisor {adv.id!r} has no name")


def _always_one(decisions: Sequence[Decision], turns: int | None) -> bool:
    """Whether one of `decisions` is open on every turn: one that is neither once nor conditional;
    two that are neither once and whose conditions are a flag and its negation ('x' and 'not x'); or,
    in a chapter of `turns` fixed turns, at least as many unconditional ones taken once."""
    conditions = {d.requires.source.strip() for d in decisions if not d.once and d.requires is not None}
    if any(d.requires is None and not d.once for d in decisions):
        return True
    if turns is not None and sum(d.requires is None for d in decisions) >= turns:
        return True
    return any(f"not {c}" in conditions for c in conditions if c.isidentifier())


def _phases(s: Scenario, names: Names) -> Iterator[Problem]:
    advisors = {a.id: a for a in s.advisors}
    for phase in s.phases:
        where = f"phase {phase.id!r}"
        for side in SIDES:
            if side not in phase.briefing:
                yield problem(phase, "briefing", f"{where} has no briefing for {side.value}")
            decisions = phase.decisions.get(side, ())
            if not decisions:
                yield problem(phase, "decisions", f"{where} gives {side.value} no decisions")
            elif not _always_one(decisions, len(phase.calendar) or None):
                yield problem(
                    phase,
                    "decisions",
                    f"{where} may leave {side.value} without a legal move: give one decision "
                    "with no 'requires' and no 'once'",
                )
        for side, text in phase.briefing.items():
            yield from check_sources(
                text, text.source, text.historical, s, f"the {side.value} briefing of {where}"
            )
        for decisions in phase.decisions.values():
            for d in decisions:
                what = f"decision {d.id!r}"
                yield from check_expr(d.requires, names.readable, what)
                yield from check_effects(d.effects, names, what)
                yield from check_sources(d, d.source, d.historical, s, what)
        own = {side: {d.id for d in phase.decisions.get(side, ())} for side in SIDES}
        for c in phase.counsel:
            adv = advisors.get(c.advisor)
            if adv is None:
                yield problem(
                    c,
                    "advisor",
                    f"counsel in {where} names no advisor {c.advisor!r}{suggest(c.advisor, advisors)}",
                )
                continue
            if c.recommends not in own[adv.side]:
                hint = suggest(c.recommends, own[adv.side])
                yield problem(
                    c,
                    "recommends",
                    f"{adv.name} recommends {c.recommends!r}, "
                    f"not a {adv.side.value} decision in {where}{hint}",
                )
            yield from check_sources(c, c.source, c.historical, s, f"counsel of {adv.name} in {where}")
        yield from _events(s, names, phase.events)
        yield from _transitions(s, names, phase.transitions)
        if not any(t.when is None for t in phase.transitions):
            yield problem(
                phase,
                "transitions",
                f"{where} has no transition for its deadline (one without 'when')",
            )
        yield from _calendar(s, phase)
        yield from _taken_on(phase)


def _taken_on(phase: Phase) -> Iterator[Problem]:
    """History's dates: each on the phase's calendar, on a decision marked historical, and at most
    one order per side and date (the one answer to 'what was done that day')."""
    for side, decisions in phase.decisions.items():
        seen: dict[object, str] = {}
        for d in decisions:
            if d.taken_on and not d.historical:
                yield problem(d, "taken_on", f"decision {d.id!r} has dates in history but is not historical")
            for day in d.taken_on:
                if day not in phase.calendar:
                    yield problem(
                        d, "taken_on", f"{day} (decision {d.id!r}) is not a date of phase {phase.id!r}"
                    )
                if day in seen:
                    yield problem(
                        d,
                        "taken_on",
                        f"{side.value} has two orders in history on {day}: {seen[day]!r} and {d.id!r}",
                    )
                seen[day] = d.id


def _calendar(s: Scenario, phase: Phase) -> Iterator[Problem]:
    dates = phase.dates
    if dates.end < dates.start:
        yield problem(phase, "dates", f"phase {phase.id!r} ends before it starts")
    if list(phase.calendar) != sorted(set(phase.calendar)):
        yield problem(
            phase,
            "calendar",
            f"the calendar of phase {phase.id!r} should list each date once, in order",
        )
    for day in phase.calendar:
        if not dates.start <= day <= dates.end:
            yield problem(
                phase,
                "calendar",
                f"{day} in the calendar of {phase.id!r} is outside its dates {dates.start}..{dates.end}",
            )


def _events(s: Scenario, names: Names, events: tuple[Event, ...]) -> Iterator[Problem]:
    for e in events:
        what = f"event {e.id!r}"
        yield from check_expr(e.when, names.readable, what)
        yield from check_expr(e.chance, names.readable, f"the chance of {what}")
        yield from check_effects(e.effects, names, what)
        yield from check_sources(e, e.source, e.historical, s, what)


def _transitions(s: Scenario, names: Names, edges: tuple[Transition, ...]) -> Iterator[Problem]:
    targets = {p.id for p in s.phases} | {e.id for e in s.endings} | {END}
    for t in edges:
        if t.to not in targets:
            yield problem(t, "to", f"transition to {t.to!r}: no such phase or ending{suggest(t.to, targets)}")
        yield from check_expr(t.when, names.readable, f"the transition to {t.to!r}")
        if (
            not _TRIGGER.match(t.trigger)
            or t.trigger in _RESERVED_TRIGGERS
            or t.trigger.startswith(("to_", "may_", "is_"))
        ):
            yield problem(
                t,
                "trigger",
                f"trigger {t.trigger!r} is not allowed: use a-z, 0-9 and _, not a name the machine reserves",
            )


def _endings(s: Scenario, names: Names) -> Iterator[Problem]:
    historical = [e for e in s.endings if e.historical]
    if len(historical) != 1:
        yield problem(s, "endings", f"exactly one ending should be historical, not {len(historical)}")
    if not any(e.when is None for e in s.endings):
        yield problem(s, "endings", "no ending without 'when': 'to: end' needs one to fall back on")
    readable = names.readable
    for e in s.endings:
        yield from check_expr(e.when, readable, f"ending {e.id!r}")
        yield from check_sources(e, e.source, e.historical, s, f"ending {e.id!r}")
        for side in SIDES:
            if side not in e.scores:
                yield problem(e, "scores", f"ending {e.id!r} gives no scores for {side.value}")
        for axes in e.scores.values():
            for axis, expr in axes.items():
                if axis not in s.axes:
                    yield problem(
                        e,
                        "scores",
                        f"ending {e.id!r} scores {axis!r}, not an axis{suggest(axis, s.axes)}",
                    )
                yield from check_expr(expr, readable, f"the {axis} score of ending {e.id!r}")


def _start(s: Scenario, names: Names) -> Iterator[Problem]:
    st = s.start
    phase_ids = {p.id for p in s.phases}
    if st.phase not in phase_ids:
        yield problem(st, "phase", f"start phase {st.phase!r} does not exist{suggest(st.phase, phase_ids)}")
    for key, pool, items in (
        ("tracks", names.tracks, st.tracks),
        ("flags", names.flags, st.flags),
        ("taken", names.decisions, st.taken),
        ("fired", names.events, st.fired),
    ):
        for item in items:
            if item not in pool:
                yield problem(
                    st,
                    key,
                    f"start {key} names {item!r}, which is not declared{suggest(item, pool)}",
                )
    for name, value in st.tracks.items():
        if name in names.tracks:
            t = s.track(name)
            if not t.min <= value <= t.max:
                yield problem(st, "tracks", f"start sets {name!r} to {value}, outside {t.min}..{t.max}")


def _graph(s: Scenario) -> Iterator[Problem]:
    if s.start.phase not in {p.id for p in s.phases}:
        return
    edges = successors(s)
    reached = _closure(s.start.phase, edges)
    for phase in s.phases:
        if phase.id not in reached:
            yield problem(phase, "id", f"phase {phase.id!r} cannot be reached from the start")
        elif not any(s.is_ending(n) for n in _closure(phase.id, edges)):
            yield problem(phase, "transitions", f"phase {phase.id!r} cannot reach any ending")
    cycle = _find_cycle(s, edges)
    if cycle:
        loop = " -> ".join(cycle)
        yield problem(
            s.phase(cycle[0]),
            "transitions",
            f"the phases form a loop ({loop}); a game must always move on",
        )
    for ending in s.endings:
        if ending.id not in reached:
            yield problem(ending, "id", f"ending {ending.id!r} cannot be reached by any transition")


KIND_NAMES = frozenset(k.value.replace("-", "_") for k in Kind)
"""What a question's `when` reads for the ending's kind: `settlement`, `limited_war`, ..."""


def _questions(s: Scenario, names: Names) -> Iterator[Problem]:
    readable = names.readable | {e.id for e in s.endings} | KIND_NAMES
    for q in s.questions:
        what = f"question {q.id!r}"
        yield from check_expr(q.when, readable, what)
        yield from check_sources(q, q.source, False, s, what)
        if not q.text.strip():
            yield problem(q, "text", f"{what} has no text")


def successors(s: Scenario) -> dict[str, set[str]]:
    """The declared edges: phase -> phases and endings it may lead to (`end` expanded)."""
    endings = [e.id for e in s.endings]
    out: dict[str, set[str]] = {}
    for phase in s.phases:
        targets: set[str] = set()
        for t in (*s.interrupts, *phase.transitions):
            targets.update(endings if t.to == END else [t.to])
        targets.update(e.id for e in s.endings if e.variant_of in targets)  # told another way
        out[phase.id] = targets
    return out


def _closure(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _find_cycle(s: Scenario, edges: dict[str, set[str]]) -> list[str]:
    """A loop among the phases, as a path that returns to its start, or []."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if s.is_ending(nxt) or nxt not in edges:
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for phase in s.phases:
        if phase.id not in state and (found := visit(phase.id)):
            return found
    return []


def reachable(s: Scenario) -> set[str]:
    """Phases and endings reachable from the start by declared edges."""
    return _closure(s.start.phase, successors(s))
