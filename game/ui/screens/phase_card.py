"""A new chapter of the crisis: its title, dates and this side's briefing."""

from __future__ import annotations

from game.ui.screens.text_page import TextPage


class PhaseCard(TextPage):
    """Shown to a side as it enters a phase."""

    PAGE_HELP = """
        ## A new chapter

        The chapter's title and dates, and your side's briefing for it. Enter goes on.
    """

    FRAME_ID = "phase-card"
