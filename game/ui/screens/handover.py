"""Two players at one terminal: a blank page between their turns until the next player presses a key."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from game.ui.screens.closing import close
from game.ui.screens.page import Page


class HandoverScreen(Page[None]):
    """Opaque: nothing of the previous player's screen shows through; any key (or a click) goes on."""

    PAGE_HELP = """
        ## Hand-over

        Two players at one terminal: this blank page hides the desk while the keyboard changes hands.
        The player who just chose looks away; the next player presses any key when ready.
    """

    def __init__(self, to_leader: str, from_leader: str, date: str) -> None:
        super().__init__()
        self.to_leader, self.from_leader, self.date = to_leader, from_leader, date

    def compose(self) -> ComposeResult:
        text = (
            f"[$text-muted]{escape(self.date)}[/]\n\n"
            f"[b]Pass the keyboard to {escape(self.to_leader)}.[/b]\n\n"
            f"{escape(self.from_leader)}, look away: your orders are sealed.\n\n"
            f"[$accent]{escape(self.to_leader)}, press any key when you are ready.[/]"
        )
        with Middle(), Center():
            yield Static(Content.from_markup(text), id="handover")

    def on_key(self, event: events.Key) -> None:
        if event.key in ("ctrl+q", "ctrl+c", "ctrl+p", "question_mark", "f1"):
            return  # quit, the palette and help work here too
        event.stop()
        event.prevent_default()
        close(self, None)

    def on_click(self) -> None:
        close(self, None)
