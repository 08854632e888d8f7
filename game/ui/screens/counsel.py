"""The advisors' counsel for this phase, one key away from the decisions."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from game.ui.screens.closing import close
from game.ui.screens.text_page import TextPage


class CounselScreen(TextPage):
    """What each advisor urges, and why; a number key closes it and picks that decision."""

    PAGE_HELP = """
        ## Advisors

        What each of your advisors urges in this chapter, and why. A number closes this page and
        highlights that decision on your desk.
    """

    FRAME_ID = "counsel"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "close", "Close", show=False),
        *[Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)],
    ]

    def action_pick(self, index: int) -> None:
        """Close, and have the decisions list highlight decision `index`."""
        close(self, index)
