"""Checks on endings: what each asserts (`holds`) can be true, fits its own `when` and the edges that
lead to it, and its variants tell an ending that exists; and on escalation (ratchets, blame tracks)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Mapping

from game.conditions import Expr
from game.model import SIDES, Ending, Problem, Scenario
from game.scenario.checks import Names, check_expr, problem
from game.scenario.convert import suggest

END = "end"
EXHAUSTIVE = 1 << 16
"""Assignments tried one by one up to this many; beyond it, a seeded sample of this many."""
_BUILTIN_RANGES: Mapping[str, tuple[object, ...]] = {
    "turn": tuple(range(0, 60, 3)),
    "phase_turn": tuple(range(0, 15)),
    "deadline": (False, True),
    "time_left": (0.0, 0.25, 0.5, 1.0),
}


def lint_endings(s: Scenario, names: Names) -> Iterator[Problem]:
    readable = names.readable
    ids = {e.id for e in s.endings}
    for e in s.endings:
        what = f"ending {e.id!r}"
        yield from check_expr(e.holds, readable, f"what {what} holds")
        if e.variant_of:
            if e.variant_of not in ids or e.variant_of == e.id:
                hint = suggest(e.variant_of, ids - {e.id})
                message = f"{what} is a variant of {e.variant_of!r}, not of another ending{hint}"
                yield problem(e, "variant_of", message)
            elif s.ending(e.variant_of).variant_of:
                yield problem(e, "variant_of", f"{what} is a variant of a variant ({e.variant_of!r})")
            if e.holds is None:
                yield problem(e, "holds", f"{what} is a variant: it must say in 'holds' when it is told")
            if e.when is not None:
                yield problem(e, "when", f"{what} is a variant: it is told by 'holds', not reached by 'when'")
        if e.holds is None or check_bad(e.holds, readable):
            continue
        if witness(s, e.holds) is None:
            yield problem(e, "holds", f"{what} can never hold: no state makes {e.holds.source!r} true")
        elif e.when is not None and not check_bad(e.when, readable) and witness(s, e.when, e.holds) is None:
            yield problem(e, "holds", f"{what} is reached when {e.when.source!r}, but then never holds")
    yield from _edges(s, readable)


def lint_escalation(s: Scenario, names: Names) -> Iterator[Problem]:
    """Ratchets read declared names; the escalation counts a track into two other tracks."""
    for t in s.tracks:
        yield from check_expr(t.ratchet, names.readable, f"the ratchet of track {t.id!r}")
    esc = s.escalation
    if esc is None:
        return
    tracks = {t.id for t in s.tracks}
    for name in (esc.danger, *esc.tracks.values()):
        if name not in tracks:
            yield problem(
                esc,
                "tracks",
                f"escalation counts track {name!r}, which is not declared{suggest(name, tracks)}",
            )
    for side in (side for side in SIDES if side not in esc.tracks):
        yield problem(esc, "tracks", f"escalation gives no track for {side.value}")


def _edges(s: Scenario, readable: set[str]) -> Iterator[Problem]:
    """Every edge to an ending can end on a state where that ending, or one of its variants, holds."""
    told: dict[str, list[Ending]] = {}
    for e in s.endings:
        told.setdefault(e.variant_of or e.id, []).append(e)
    for phase in s.phases:
        for t in (*s.interrupts, *phase.transitions):
            if t.to == END or not s.is_ending(t.to) or (t.when is not None and check_bad(t.when, readable)):
                continue
            every = told.get(t.to, [])
            tellings = [e for e in every if e.holds is not None and not check_bad(e.holds, readable)]
            if not tellings or any(e.holds is None for e in every):
                continue
            if not any(witness(s, t.when, e.holds) for e in tellings):
                yield problem(
                    t, "to", f"the edge from {phase.id!r} to {t.to!r} never ends on a state its headline fits"
                )


def check_bad(expr: Expr, readable: set[str]) -> bool:
    return bool(expr.names - readable - {"min", "max", "abs"})


def witness(s: Scenario, *exprs: Expr | None) -> dict[str, object] | None:
    """A state (the names the expressions read, with values) in which all of them hold, or None."""
    parts = [e for e in exprs if e is not None]
    names = sorted({n for e in parts for n in e.names} - {"min", "max", "abs"})
    domains = [_domain(s, n) for n in names]
    size = 1
    for d in domains:
        size *= len(d)
    if size <= EXHAUSTIVE:
        candidates: Iterator[tuple[object, ...]] = itertools.product(*domains)
    else:
        rng = random.Random(0)
        candidates = (tuple(rng.choice(d) for d in domains) for _ in range(EXHAUSTIVE))
    for values in candidates:
        env = _Env(zip(names, values, strict=True))
        if all(bool(e.fn(env)) for e in parts):
            return dict(env)
    return None


class _Env(dict):
    def __missing__(self, key: str) -> bool:
        return False


def _domain(s: Scenario, name: str) -> tuple[object, ...]:
    track = next((t for t in s.tracks if t.id == name), None)
    if track is not None:
        return tuple(range(track.min, track.max + 1))
    return _BUILTIN_RANGES.get(name, (False, True))
