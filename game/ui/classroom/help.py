"""Help on ? and F1 in the console and on the projector: what the page is for and its keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from game.ui.screens.closing import close
from game.ui.screens.help import page_help
from game.ui.screens.page import ModalPage
from game.ui.widgets.keybar import KeyBar


class ClassHelp(ModalPage[None]):
    """The help of the page under it; Escape, ? or F1 closes it."""

    PAGE_HELP = """
        ## Help

        What the page under it is for and its keys. Escape, ? or F1 closes it.
    """
    AUTO_FOCUS = "#help-scroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", key_display="esc"),
    ]

    def __init__(self, topic: Screen | None) -> None:
        super().__init__()
        self.topic = page_help(topic) or "No help for this page."

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="frame") as frame:
            frame.border_title = "Help"
            frame.border_subtitle = "↑↓ PgUp PgDn scroll · Escape closes"
            with VerticalScroll(id="help-scroll"):
                yield Markdown(self.topic, id="help-page")
        yield KeyBar()

    def action_close(self) -> None:
        close(self, None)
