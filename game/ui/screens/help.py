"""How to play, on ? and F1."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

from game.ui.screens.closing import close
from game.ui.widgets.keybar import KeyBar

HELP = Path(__file__).resolve().parent.parent / "help.md"


class HelpScreen(ModalScreen[None]):
    """The help text (game/ui/help.md); Escape, ? or F1 closes it."""

    AUTO_FOCUS = "Markdown"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="frame") as frame:
            frame.border_title = "Help"
            frame.border_subtitle = "Escape to close"
            yield Markdown(HELP.read_text(encoding="utf-8"))
        yield KeyBar()

    def action_close(self) -> None:
        close(self, None)
