"""Checks on the tracks: starts inside their range, one track a role, the risk of war declared with
its thresholds, and every line on the track's own scale."""

from __future__ import annotations

from collections.abc import Iterator

from game.model import HigherIs, Problem, Role, Scenario, Track
from game.scenario.checks import problem
from game.tracks import ROLE_MEANING

ROLES = ", ".join(f"{r.value!r} ({ROLE_MEANING[r]})" for r in Role)
"""The roles a track may play, for messages."""


def lint_tracks(s: Scenario) -> Iterator[Problem]:
    holders: dict[Role, Track] = {}
    for t in s.tracks:
        if not t.min <= t.start <= t.max:
            yield problem(t, "start", f"track {t.id!r} starts at {t.start}, outside {t.min}..{t.max}")
        if t.role is not None and t.role in holders:
            yield problem(
                t,
                "role",
                f"track {t.id!r} plays the role {t.role.value!r}, as track {holders[t.role].id!r} does",
            )
        elif t.role is not None:
            holders[t.role] = t
        if t.thresholds is not None:
            yield from _lines(t)
    risk = holders.get(Role.RISK)
    if risk is None:
        played = sorted(r.value for r in holders)
        here = f"; roles played here: {', '.join(played)}" if played else ""
        yield problem(
            s,
            "tracks",
            "no track plays the role 'risk': give the track of the risk of war `role: risk` and its "
            f"`thresholds` (warning, danger, jump, bands); the roles are {ROLES}{here}",
        )
        return
    if risk.higher_is is not HigherIs.BAD:
        yield problem(
            risk, "role", f"track {risk.id!r} is the risk of war: its rise should be bad (higher_is: bad)"
        )
    if risk.thresholds is None:
        yield problem(
            risk,
            "role",
            f"track {risk.id!r} is the risk of war but declares no thresholds "
            "(e.g. thresholds: {warning: 4, danger: 7, jump: 2, bands: [4, 6, 8]})",
        )
    elif not risk.thresholds.bands:
        yield problem(risk, "thresholds", f"track {risk.id!r} is the risk of war: the AI reads it in bands")


def _lines(t: Track) -> Iterator[Problem]:
    """Every line of a track's thresholds on its own scale, the warning before the danger line."""
    lines = t.lines
    where = f"track {t.id!r}"
    for name, value in (("warning", lines.warning), ("danger", lines.danger)):
        if not t.min <= value <= t.max:
            yield problem(t, "thresholds", f"{where}: its {name} line {value} is outside {t.min}..{t.max}")
    for value in lines.bands:  # the last band runs from the last top to the track's top
        if not t.min <= value < t.max:
            yield problem(t, "thresholds", f"{where}: a band's top {value} is outside {t.min}..{t.max - 1}")
    if lines.warning != lines.danger and t.beyond(lines.warning, lines.danger):
        yield problem(
            t,
            "thresholds",
            f"{where}: its warning line {lines.warning} is past its danger line {lines.danger}",
        )
    if not 1 <= lines.jump <= t.max - t.min:
        yield problem(t, "thresholds", f"{where}: a jump of {lines.jump} cannot happen on {t.min}..{t.max}")
    if any(b <= a for a, b in zip(lines.bands, lines.bands[1:], strict=False)):
        yield problem(t, "thresholds", f"{where}: its bands {list(lines.bands)} should rise")
