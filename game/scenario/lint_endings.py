"""Checks on endings: what each asserts (`holds`) can be true, fits its own `when` and the edges that
lead to it, its variants tell an ending that exists, and its words claim nothing its `holds` allows
to be false (the scenario's `claims` and the continuity LEXICON; playtest 6 F1: "no quarantine" told
after seven turns of "Keep the quarantine in place"); and on escalation (ratchets, blame tracks)."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator, Mapping
from functools import cache

from game.conditions import Env, Expr, parse
from game.model import SIDES, Ending, Problem, Scenario
from game.scenario.checks import Names, check_expr, problem
from game.scenario.convert import suggest
from game.scenario.lint_continuity import LEXICON, readable

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
    yield from _claim_words(s, readable | s.retired)
    yield from _claims(s)


Claimed = tuple[re.Pattern[str], Expr, str]
"""A claim compiled: its words, its fact, and the fact in plain words."""


@cache
def claims(s: Scenario) -> tuple[Claimed, ...]:
    """The scenario's `claims` and the LEXICON's words, those whose facts read only names the
    scenario reads (a scenario built on another may lack some), compiled."""
    names = readable(s)
    made = [(c.pattern, c.fact, c.says) for c in s.claims] + [
        (w.pattern, parse(w.fact), w.says) for w in LEXICON
    ]
    out = []
    for pattern, fact, says in made:
        if fact.names <= names:
            try:
                out.append((re.compile(pattern, re.IGNORECASE), fact, says))
            except re.error:
                continue  # told by _claim_words
    return tuple(out)


def _claim_words(s: Scenario, names: set[str]) -> Iterator[Problem]:
    """A claim's words are a regular expression, and its fact reads names the scenario declares (or
    the phases a scenario built on it dropped)."""
    for c in s.claims:
        try:
            re.compile(c.pattern)
        except re.error as err:
            yield problem(
                c, "pattern", f"the claim's words {c.pattern!r} are not a regular expression: {err}"
            )
        yield from check_expr(c.fact, names, f"the claim {c.says!r}")


def told(end: Ending) -> str:
    """An ending's words as the player reads them: headline, then epilogue, on one line."""
    return " ".join(f"{end.headline}. {end.epilogue}".split())


def false_claims(s: Scenario, end: Ending, env: Env) -> list[str]:
    """What `end`'s words claim that is false in the final state `env`, each as a message."""
    return [
        f"says {m.group(0)!r} ({says}), false here ({fact.source!r})"
        for regex, fact, says in claims(s)
        if (m := regex.search(told(end))) is not None and not fact(env)
    ]


def _claims(s: Scenario) -> Iterator[Problem]:
    """An ending whose words claim a fact its `holds` allows to be false (one state is given)."""
    names = set(readable(s))
    for end in s.endings:
        if end.holds is None or check_bad(end.holds, names):
            continue
        text = told(end)
        for regex, fact, says in claims(s):
            match = regex.search(text)
            if match is None:
                continue
            state = witness(s, end.holds, parse(f"not ({fact.source})"))
            if state is not None:
                shown = ", ".join(f"{k}={v}" for k, v in state.items() if k in fact.names)
                message = (
                    f"ending {end.id!r} says {match.group(0)!r} ({says}), but its 'holds' allows"
                    f" {fact.source!r} to be false ({shown}): add it to 'holds', or give a variant"
                )
                yield problem(end, "holds", message)


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
    fixed: dict[str, bool] = {}
    for e in parts:
        for name, value in _literals(e).items():
            if fixed.setdefault(name, value) != value:
                return None  # one says `name`, another `not name`
    domains = [(fixed[n],) if n in fixed and _domain(s, n) == (False, True) else _domain(s, n) for n in names]
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


_LITERAL = re.compile(r"(not\s+)?([A-Za-z_]\w*)")


def _literals(expr: Expr) -> dict[str, bool]:
    """The flags `expr` fixes as a top-level conjunct (`a and not b and ...`: a true, b false), so
    that a witness need not try the other value (the claims' check stays cheap at load)."""
    source = expr.source.split("#", 1)[0]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(source):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and source.startswith(" and ", i):
            parts.append(source[start:i])
            start = i + 5
        elif depth == 0 and source.startswith(" or ", i):
            return {}
    parts.append(source[start:])
    out = {}
    for part in parts:
        m = _LITERAL.fullmatch(part.strip())
        if m is not None and m.group(2) not in ("not", "and", "or", "True", "False", "true", "false"):
            out[m.group(2)] = m.group(1) is None
    return out


class _Env(dict):
    def __missing__(self, key: str) -> bool:
        return False


def _domain(s: Scenario, name: str) -> tuple[object, ...]:
    track = next((t for t in s.tracks if t.id == name), None)
    if track is not None:
        return tuple(range(track.min, track.max + 1))
    return _BUILTIN_RANGES.get(name, (False, True))
