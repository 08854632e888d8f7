"""The network desk's reading pages: the news (every turn so far, newest first) and the briefing, each
a full page where the desk's feed column is narrow, rebuilt as each frame comes."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from game.ui.screens.text_page import TextPage


class SeatPage(TextPage):
    """A page of the seat's view: `make` builds its text now (from the last frame)."""

    KEY = ""
    """The desk's key that opened the page: it closes it again."""

    def __init__(self, title: str, make: Callable[[], str]) -> None:
        super().__init__(title, make(), f"↑↓ scroll · {self.KEY}, Enter or Escape: the desk")
        self.make = make

    def renew(self) -> None:
        """Build the text again, from the frame that just came, keeping the place read."""
        self.markup = self.make()
        if self.is_attached:
            for text in self.query(".reading-text").results(Static):
                text.update(Content.from_markup(self.markup))


class NewsPage(SeatPage):
    """Every turn this seat has seen, newest first, and the facilitator's word."""

    PAGE_HELP = """
        ## News

        Every turn so far as your side saw it, newest first: both orders (a secret one stays secret),
        what happened, promises broken and the chapter that followed; then how the game opened. The
        facilitator's notices are on top. It follows the game as turns are played. Scroll with the
        arrows or Page Up/Down; **n**, Enter or Escape goes back to the desk.
    """

    KEY = "n"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("n", "close", "Close", show=False)]


class BriefingPage(SeatPage):
    """This turn's briefing: the chapter, what happened in it, your hidden aim, what your side knows."""

    PAGE_HELP = """
        ## Briefing

        This turn's briefing for your side: the chapter and the date, your hidden aim, what happened
        since the chapter opened, the chapter's briefing as things stand today and what your side
        knows. It follows the game as turns are played. Scroll with the arrows or Page Up/Down; **b**,
        Enter or Escape goes back to the desk.
    """

    KEY = "b"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("b", "close", "Close", show=False)]
