"""The turn's report: both moves, the news, what moved, and (spoilers on) what really happened."""

from __future__ import annotations

from game.ui.screens.text_page import TextPage


class TurnReport(TextPage):
    """One resolved turn, as one side saw it."""

    PAGE_HELP = """
        ## Report

        One resolved turn: both orders (a secret one stays secret), the news, letters that arrived, how
        the meters moved, and, with spoilers on, what really happened that day. Enter goes on.
    """

    FRAME_ID = "report"
