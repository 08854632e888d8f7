"""A modal page of text to read and dismiss: the base of the report, phase, counsel and flash screens."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage


class TextPage(ModalPage[int | None]):
    """Text in a framed, scrollable box; Enter, Space or Escape closes it."""

    PAGE_HELP = """
        ## A page to read

        Scroll with the arrows or Page Up/Down; Enter, Space or Escape goes on.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Continue", key_display="⏎"),
        Binding("space", "close", "Continue", show=False),
        Binding("escape", "close", "Continue", show=False),
        Binding("down", "scroll(1)", "Scroll", show=False),
        Binding("up", "scroll(-1)", "Scroll", show=False),
        Binding("pagedown", "scroll(10)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
    ]
    FRAME_ID = "reading"

    def __init__(self, title: str, markup: str, subtitle: str = "Enter to continue") -> None:
        super().__init__()
        self.title_text, self.markup, self.subtitle = title, markup, subtitle

    def compose(self) -> ComposeResult:
        with Vertical(id=self.FRAME_ID, classes="frame") as frame:
            frame.border_title = self.title_text
            frame.border_subtitle = self.subtitle
            with VerticalScroll(classes="reading-body"):
                yield Static(Content.from_markup(self.markup), classes="reading-text")

    def action_close(self) -> None:
        close(self, None)

    def action_scroll(self, lines: int) -> None:
        for scroll in self.query(VerticalScroll):
            scroll.scroll_relative(y=lines, animate=False)
