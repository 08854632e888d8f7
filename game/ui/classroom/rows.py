"""A class's tables as rows for the console: the columns, their text, and how each sorts (no Textual)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.dates import short_date
from game.net.clock import as_clock

SIDE_SHORT = {"kennedy": "JFK", "khrushchev": "NSK"}


@dataclass(frozen=True)
class Column:
    """One column of the console's table: its key, heading, and the value it sorts by."""

    key: str
    heading: str
    sort: Callable[[int, dict[str, Any], float], Any]
    """(table number, table, seconds since the status came) -> a sortable value."""


def _by_role(table: dict[str, Any], key: str) -> int | None:
    """The server names the risk of war and the state of alert by their roles ('risk', 'defcon'), whatever
    the scenario calls their tracks; older servers sent only the tracks, by id."""
    value = table[key] if key in table else (table.get("tracks") or {}).get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def risk(table: dict[str, Any]) -> int | None:
    return _by_role(table, "risk")


def defcon(table: dict[str, Any]) -> int | None:
    return _by_role(table, "defcon")


def in_danger(table: dict[str, Any]) -> bool:
    """Whether the table's risk of war stands at or past the scenario's danger line (sent with it)."""
    value, lines = risk(table), table.get("risk_lines")
    danger = lines.get("danger") if isinstance(lines, dict) else None
    return value is not None and isinstance(danger, int) and value >= danger


def seconds_left(table: dict[str, Any], since: float) -> float | None:
    """Seconds left on the turn's timer now, counting down from the status `since` seconds ago."""
    timer = table.get("timer") or {}
    left = timer.get("seconds_left")
    if not isinstance(left, int | float):
        return None
    seats = timer.get("seats") or {}  # a seat that read the report has longer (H4): the last one counts
    for side in table.get("waiting_for") or ():
        mine = (seats.get(side) or {}).get("seconds_left")
        left = max(left, mine) if isinstance(mine, int | float) else left
    if table.get("state") != "playing" or timer.get("waiting"):  # (nobody sat down: the clock waits)
        return max(0.0, float(left))
    return max(0.0, float(left) - since)


def clock(seconds: float | None) -> str:
    return "-" if seconds is None else as_clock(seconds)


def reading(table: dict[str, Any], side: str, since: float = 0.0) -> float | None:
    """Seconds the seat may still read the last turn's report before its clock starts (H4), counting
    down from the status `since` seconds ago; None if it is not reading."""
    seat = ((table.get("timer") or {}).get("seats") or {}).get(side) or {}
    left = seat.get("reading")
    if not isinstance(left, int | float):
        return None
    if table.get("state") != "playing":  # (paused: the reading waits too)
        return float(left)
    return float(left) - since if left > since else None


READING_MARK = "*"
"""After a seat awaited that is still reading the last turn's report (its clock waits): 'JFK*+NSK'."""


def awaiting(table: dict[str, Any], since: float = 0.0) -> str:
    """The seats awaited, 'JFK+NSK'; one still reading the report is marked: 'JFK*' (the column stays
    narrow enough for 80 columns; the console's head says what the mark means)."""
    if table.get("state") in ("over", "ended", "broken"):
        return "-"
    return (
        "+".join(
            SIDE_SHORT.get(s, s) + (READING_MARK if reading(table, s, since) is not None else "")
            for s in table.get("waiting_for") or ()
        )
        or "-"
    )


def state(table: dict[str, Any]) -> str:
    """The table's state in a word; an ending's headline (shortened) once it is over."""
    if table.get("state") == "over":
        return "over"
    return str(table.get("state") or "?")


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def _missing_last(value: Any, descending: bool = False) -> tuple[bool, Any]:
    if value is None:
        return (True, 0)
    return (False, -value if descending else value)


COLUMNS: tuple[Column, ...] = (
    Column("n", "#", lambda n, t, s: n),
    Column("code", "Table", lambda n, t, s: t.get("code", "")),
    Column("date", "Date", lambda n, t, s: (t.get("date") or "", t.get("turn") or 0)),
    Column("phase", "Phase", lambda n, t, s: t.get("phase") or ""),
    Column("risk", "Risk", lambda n, t, s: _missing_last(risk(t), descending=True)),
    Column("defcon", "DEF", lambda n, t, s: _missing_last(defcon(t))),
    Column("letters", "Let", lambda n, t, s: -(t.get("letters") or 0)),
    Column("agreements", "Agr", lambda n, t, s: -(t.get("agreements") or 0)),
    Column("awaiting", "Awaiting", lambda n, t, s: (awaiting(t, s) == "-", awaiting(t, s))),
    Column("left", "Left", lambda n, t, s: _missing_last(seconds_left(t, s))),
    Column("state", "State", lambda n, t, s: state(t)),
)
BY_KEY = {c.key: c for c in COLUMNS}


def cells(
    n: int, table: dict[str, Any], since: float, place: Callable[[dict[str, Any]], str]
) -> tuple[str, ...]:
    """The row of one table: `n` its number in the class, `since` seconds since the status came, `place`
    the words for where it stands (its phase, or its ending once over)."""
    date = table.get("date") or ""
    short = short_date(date).rsplit(",", 1)[0] if date else "-"
    letters = table.get("letters")
    agreements = table.get("agreements")
    return (
        str(n),
        str(table.get("code", "")),
        short,
        place(table),
        _num(risk(table)),
        _num(defcon(table)),
        "-" if letters is None else str(letters),
        "-" if agreements is None else str(agreements),
        awaiting(table, since),
        clock(seconds_left(table, since)),
        state(table),
    )


def ordered(
    tables: list[dict[str, Any]], key: str, reverse: bool, since: float
) -> list[tuple[int, dict[str, Any]]]:
    """The tables numbered in class order (1, 2, ...), sorted by the column `key`."""
    column = BY_KEY[key]
    numbered = list(enumerate(tables, 1))
    return sorted(numbered, key=lambda nt: (column.sort(nt[0], nt[1], since), nt[0]), reverse=reverse)
