"""A page's two panes: the list to choose from, and the chosen item's text, scrolled as a reader expects
(the letters, the promises)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList


class ChoiceList(OptionList):
    """The items: its keys move in the list (End: the last); Enter opens the highlighted one in the
    screen's `Reader`, and another highlighted item is read from its top."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Read", key_display="⏎"),  # OptionList's Enter, named in the footer
    ]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        for reader in self.screen.query(Reader):  # the screen shows the new item as the message bubbles
            reader.scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.screen.query_one(Reader).focus()


class Reader(VerticalScroll):
    """The item being read: with the focus, the arrows, PgUp/PgDn, space, Home and End scroll it, and
    Escape gives the focus back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,space", "page_down", "Page down", key_display="PgDn"),
        Binding("pageup", "page_up", "Page up", key_display="PgUp", show=False),
        Binding("escape", "back", "List", key_display="esc"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # no list to go back to (nothing listed): Escape closes the page
            return any(listed.display for listed in self.screen.query(ChoiceList))
        return True

    def action_back(self) -> None:
        """Back to the list the item was chosen from."""
        self.screen.query_one(ChoiceList).focus()
