"""Dates of the crisis in words, from the ISO text the engine keeps (standard library only)."""

from __future__ import annotations

import datetime as dt


def _day(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None


def long_date(iso: str) -> str:
    """'1962-10-22' -> 'Monday, October 22, 1962' (the text as it was if it is no date)."""
    d = _day(iso)
    return f"{d:%A}, {d:%B} {d.day}, {d.year}" if d else iso


def plain_date(iso: str) -> str:
    """'1962-10-22' -> 'October 22, 1962'."""
    d = _day(iso)
    return f"{d:%B} {d.day}, {d.year}" if d else iso


def short_date(iso: str) -> str:
    """'1962-10-22' -> 'Oct 22, 1962'."""
    d = _day(iso)
    return f"{d:%b} {d.day}, {d.year}" if d else iso
