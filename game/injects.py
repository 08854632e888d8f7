"""The scenario's inject catalogue: news, intelligence, rumours and events a facilitator sends a table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from game.record import Record
from game.sides import Effects


class InjectKind(StrEnum):
    """What a facilitator's inject is: how the students' screens label it."""

    NEWS = "news"
    INTELLIGENCE = "intelligence"
    RUMOUR = "rumour"
    EVENT = "event"


MAX_INJECT_TEXT = 400
"""Characters in an inject's text: a class reads it at a glance."""


@dataclass(frozen=True, eq=False, repr=False)
class Inject(Record):
    """An item of the scenario's inject catalogue: news, intelligence, a rumour or an event that a
    facilitator sends to a table during a class. Its effects count when the turn resolves."""

    id: str
    kind: InjectKind
    title: str
    text: str
    effects: Effects = ()
    date: dt.date | None = None
    """When it happened or was reported in 1962, for an item grounded in history."""
    historical: bool = False
    """It happened (or was reported) as told; then it cites a source."""
    source: tuple[str, ...] = ()
