"""The letters page's two panes: the list to choose from, and the letter, scrolled as a reader expects."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList


class LetterList(OptionList):
    """The letters, newest first: its keys move in the list (End: the oldest); Enter opens the letter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Read", key_display="⏎"),  # OptionList's Enter, named in the footer
    ]


class LetterView(VerticalScroll):
    """The letter being read: with the focus, the arrows, PgUp/PgDn, space, Home and End scroll it, and
    Escape gives the focus back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,space", "page_down", "Page down", key_display="PgDn"),
        Binding("pageup", "page_up", "Page up", key_display="PgUp", show=False),
        Binding("escape", "back", "List", key_display="esc"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # no list to go back to (no letters yet): Escape closes the page
            return any(listed.display for listed in self.screen.query(LetterList))
        return True

    def action_back(self) -> None:
        """Back to the list the letter was chosen from."""
        self.screen.query_one(LetterList).focus()
