"""A FLASH: an incident nobody ordered, which must be read and dismissed with Enter."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from game.model import Event
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.text import flat, tag


class FlashScreen(ModalPage[None]):
    """Red and loud; only Enter (or a click on it) lets it go, so a stray key cannot skip it."""

    PAGE_HELP = """
        ## FLASH

        An incident nobody ordered: a plane shot down, a depth charge, a false alarm. The higher the risk
        of war, the likelier they come. Read it, then press **Enter** (other keys are ignored, so a stray key
        cannot skip it).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "close", "I have read it", key_display="⏎")]

    def __init__(self, event: Event, when: str, spoilers: bool) -> None:
        super().__init__()
        self.event, self.when, self.spoilers = event, when, spoilers

    def compose(self) -> ComposeResult:
        e = self.event
        with Vertical(id="flash"):
            yield Static("F L A S H", id="flash-banner")
            yield Static(Content.from_markup(f"[b]{flat(e.title).upper()}[/b]"), id="flash-title")
            meta = f"[i]{self.when}[/i]" + (f"  {tag(e.historical)}" if self.spoilers else "")
            yield Static(Content.from_markup(meta), id="flash-when")
            yield Static(Content.from_markup(flat(e.text)), id="flash-text")
            yield Static("Press Enter", id="flash-hint")

    def on_mount(self) -> None:
        self.app.bell()

    def on_click(self) -> None:
        close(self, None)

    def action_close(self) -> None:
        close(self, None)
