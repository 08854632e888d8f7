"""The turn's report: both moves, the news, what moved, and (spoilers on) what really happened."""

from __future__ import annotations

from game.ui.screens.reading import Reading


class TurnReport(Reading):
    """One resolved turn, as one side saw it."""

    FRAME_ID = "report"
