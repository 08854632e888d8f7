"""Checks on endings: what each asserts (`holds`) can be true, fits its own `when` and the edges that
lead to it, its variants tell an ending that exists, and its words claim nothing its `holds` allows
to be false (CLAIMS, playtest 6 F1: "no quarantine" told after seven turns of "Keep the quarantine in
place"); and on escalation (ratchets, blame tracks)."""

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
from game.scenario.lint_continuity import LEXICON, Word, readable

END = "end"
EXHAUSTIVE = 1 << 16
"""Assignments tried one by one up to this many; beyond it, a seeded sample of this many."""
_BUILTIN_RANGES: Mapping[str, tuple[object, ...]] = {
    "turn": tuple(range(0, 60, 3)),
    "phase_turn": tuple(range(0, 15)),
    "deadline": (False, True),
    "time_left": (0.0, 0.25, 0.5, 1.0),
}

_NEVER_QUARANTINE = r"\bbefore any (?:blockade|quarantine)\b|\bno quarantine,|\bthere was no quarantine\b"
_QUARANTINE_ENDED = r"\bquarantine lifted\b|\bthe quarantine ended\b|\blifts quarantine\b"
_PLEDGED = (
    r"\bpledges? no invasion\b|\bassurances against an invasion\b|\bthe pledge against invasion\b"
    r"|\ba pledge not to invade\b"
)
_NO_PLEDGE = (
    r"\bno pledge against invasion\b|\bno U\.S\. pledge\b|\bno pledge on Cuba\b|\bwithout a pledge\b"
    r"|\bgave no promise not to invade\b|\bgives no promise in return\b"
)
CLAIMS: tuple[Word, ...] = (
    Word(
        _NEVER_QUARANTINE,
        "not (quarantine_on or proclaim_quarantine)",
        "no quarantine was ever proclaimed (a lift agreed with none in force lifts nothing)",
    ),
    Word(
        _NEVER_QUARANTINE,
        "not (hold_quarantine or tighten_quarantine)",
        "Kennedy never kept or tightened a quarantine (F1)",
    ),
    Word(
        _QUARANTINE_ENDED,
        "quarantine_lifted or not (quarantine_on or hold_quarantine or tighten_quarantine)",
        "the quarantine was lifted, or never kept",
    ),
    Word(r"\bnuclear war\b", "nuclear_exchange or risk >= 10", "the missiles flew"),
    Word(r"\bnuclear blast\b|\bno one decided\b", "accidental_launch", "a weapon was fired with no order"),
    Word(r"\batomic fire in Cuba\b", "tactical_nuclear_use", "nuclear weapons were fired in Cuba"),
    Word(r"\bfighting in Berlin\b", "berlin_fighting", "troops fought in Berlin"),
    Word(r"\bair strikes\b|\bair raids\b", "air_strike", "American aircraft struck Cuba"),
    Word(
        r"\bforces fight in Cuba\b|\bthe war in Cuba\b|\bthe bombing stopped\b|\bstrikes Cuba\b"
        r"|\bbombs on Cuba\b",
        "air_strike or invasion",
        "American forces attacked Cuba",
    ),
    Word(r"\bmissiles hit bases in Turkey\b", "jupiters_struck", "Soviet missiles struck Turkey"),
    Word(
        r"\bout of Cuba and Turkey\b|\bleave Cuba and Turkey\b|\bAmerican missiles out of Turkey\b",
        "turkey_public",
        "the Jupiters were traded in the open",
    ),
    Word(
        r"\bbetween Robert Kennedy and (?:Ambassador )?Dobrynin\b",
        "answer_first_letter",
        "Robert Kennedy went to Dobrynin (the only deed that says so; a letter's channel is not read, F19)",
    ),
    Word(
        r"\bmissiles out of Cuba and Turkey\b",
        "missiles == 0 or not withdraw_missiles_later",
        "the missiles are out, not only promised to go at some later date (H8)",
    ),
    Word(
        r"\b(?:came|made) (?:out )?in(?:to)? the open\b|\ba trade in the open\b"
        r"|\bannounced for everyone to hear\b",
        "turkey_public and not withdraw_missiles_secret and not no_invasion_pledge_secret",
        "the bargain is public: the Jupiters traded openly, and neither the missiles' going nor the pledge"
        " promised in secret (H8)",
    ),
    Word(r"\bthe bombers sailed on time\b", "not withdraw_il28_broken", "no promise on the bombers broken"),
    Word(
        r"\bnever allowed inspection\b|\bno inspectors on the ground\b",
        "not on_site_inspection_done",
        "no inspection in Cuba carried out",
    ),
    Word(
        r"\bleft Turkey in April 1963\b",
        "not remove_jupiters_dated",
        "the Jupiters were promised for some later date, not by a day in 1962 (H8)",
    ),
    Word(
        r"\bso did the reconnaissance flights\b|\breconnaissance flights went on\b|\bthe U-2s flying\b",
        "not stop_overflights_dated",
        "no promise to end the flights over Cuba by a day stands (H8)",
    ),
    Word(
        r"\bKennedy pledges no invasion\b",
        "not no_invasion_pledge_secret",
        "the pledge was given in public, as a headline can print it (H8)",
    ),
    Word(r"\btest ban signed\b", "test_ban_signed or test_ban_agreed", "a test ban was signed or agreed"),
    Word(r"\bno Jupiters\b", "not (turkey_secret or turkey_public)", "no promise on the Jupiters was given"),
    Word(_PLEDGED, "no_invasion_pledge", "Washington pledged not to invade (by deed, or by agreeing to it)"),
    Word(_NO_PLEDGE, "not no_invasion_pledge", "Washington gave no pledge not to invade"),
)
"""What endings' headlines and epilogues claim about the whole game, beyond the LEXICON (which is
read in every text): each claim is checked against the ending's `holds` here, and against the final
states of played games in tests/test_ending_claims.py."""


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
    yield from _claims(s)


@cache
def claims(names: frozenset[str]) -> tuple[tuple[Word, re.Pattern[str], Expr], ...]:
    """The CLAIMS and the LEXICON entries whose facts read only `names`, compiled."""
    return tuple(
        (w, re.compile(w.pattern, re.IGNORECASE), parse(w.fact))
        for w in (*CLAIMS, *LEXICON)
        if parse(w.fact).names <= names
    )


def told(end: Ending) -> str:
    """An ending's words as the player reads them: headline, then epilogue, on one line."""
    return " ".join(f"{end.headline}. {end.epilogue}".split())


def false_claims(s: Scenario, end: Ending, env: Env) -> list[str]:
    """What `end`'s words claim that is false in the final state `env`, each as a message."""
    return [
        f"says {m.group(0)!r} ({w.says}), false here ({w.fact!r})"
        for w, regex, fact in claims(readable(s))
        if (m := regex.search(told(end))) is not None and not fact(env)
    ]


def _claims(s: Scenario) -> Iterator[Problem]:
    """An ending whose words claim a fact its `holds` allows to be false (one state is given)."""
    names = readable(s)
    for end in s.endings:
        if end.holds is None or check_bad(end.holds, set(names)):
            continue
        text = told(end)
        for w, regex, fact in claims(names):
            match = regex.search(text)
            if match is None:
                continue
            state = witness(s, end.holds, parse(f"not ({w.fact})"))
            if state is not None:
                shown = ", ".join(f"{k}={v}" for k, v in state.items() if k in fact.names)
                message = (
                    f"ending {end.id!r} says {match.group(0)!r} ({w.says}), but its 'holds' allows"
                    f" {w.fact!r} to be false ({shown}): add it to 'holds', or give a variant"
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
