"""Go back to a past turn and take the other road: asks which turn, and answers with it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage


class BranchScreen(ModalPage[int | None]):
    """Type a turn number and Enter; Escape goes back without branching."""

    PAGE_HELP = """
        ## Go back to a turn

        Type the number of a past turn and press Enter: the game goes back to the start of that turn.
        The line you played stays in the save. Escape goes back without changing anything.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, last: int, dates: list[str]) -> None:
        super().__init__()
        self.last, self.dates = last, dates

    def compose(self) -> ComposeResult:
        with Vertical(id="branch", classes="frame") as frame:
            frame.border_title = "Go back and choose differently"
            yield Static(
                f"From which turn (1-{self.last})? The game goes back to the start of that turn; "
                "the line you played stays in the save, and the new one is kept beside it.",
                id="branch-question",
            )
            yield Input(placeholder=f"a turn, 1 to {self.last}", id="branch-turn")
            yield Static("", id="branch-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text.isdigit() and 1 <= int(text) <= self.last:
            close(self, int(text))
            return
        self.query_one("#branch-error", Static).update(f"Type a turn from 1 to {self.last} (or Escape).")

    def action_cancel(self) -> None:
        close(self, None)
