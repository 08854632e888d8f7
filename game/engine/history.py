"""One account of history for every caller (the game's screens, replays, reports, explore, the
`historical` policy): what really happened on this date, and whether a move matched it.

History is kept by date: each decision a leader really gave names the dates of its turns
(`Decision.taken_on`), so a date has one answer however the game reached it (playtest 6, F4)."""

from __future__ import annotations

from functools import cache

from game.engine import rules
from game.engine.state import GameState, Move
from game.model import Decision, Scenario, Side


def on_date(s: Scenario, phase: str, date: str, side: Side) -> Decision | None:
    """The order `side` really gave on `date` among its decisions in `phase` (None: none is dated
    there, as on every date of a phase history never entered)."""
    return _dated(s, phase, side).get(date)


@cache
def _dated(s: Scenario, phase: str, side: Side) -> dict[str, Decision]:
    out: dict[str, Decision] = {}
    for d in s.phase(phase).decisions.get(side, ()):
        for day in d.taken_on:
            out.setdefault(day.isoformat(), d)  # the lint refuses two on one date
    return out


def what_happened(s: Scenario, state: GameState, side: Side) -> Decision | None:
    """The order the real leader gave on this date, if it is open to `side` in `state` (whether or
    not it has moved this turn); None where history has left this road, or the game is over."""
    if state.ending is not None:
        return None
    d = on_date(s, state.phase, state.date, side)
    if d is None or (d.once and d.id in state.taken):
        return None
    if d.requires is not None and not d.requires.fn(rules.env_of(s, state)):
        return None
    return d


def matched(s: Scenario, state: GameState, move: Move) -> bool:
    """Whether `move`, made in `state`, is what really happened at this point."""
    d = what_happened(s, state, move.side)
    return d is not None and d.id == move.decision


def given_on_its_date(s: Scenario, phase: str, date: str, move: Move) -> bool:
    """Whether a move played in `phase` on `date` is the order history gave on that date (a move
    played was open, so the log alone decides: the same answer as `matched` on the state it was
    made in)."""
    d = on_date(s, phase, date, move.side)
    return d is not None and d.id == move.decision
