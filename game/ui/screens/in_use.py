"""A save open in another game: play on in a copy, open it read only, or leave it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage


class InUseScreen(ModalPage[str | None]):
    """Dismisses with 'copy', 'read' or None (cancel)."""

    PAGE_HELP = """
        ## A save open in another game

        Another game (another terminal, or another window) has this save open and writes its turns
        into it. Two games playing one save would fork it. **c** plays on in a copy, a new file beside
        it, saved every turn; **r** opens it read only: you may look and play, but nothing is saved;
        **Escape** leaves it to the other game.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "answer('copy')", "Play a copy"),
        Binding("r", "answer('read')", "Read only"),
        Binding("escape,q", "answer('')", "Cancel", key_display="esc"),
    ]

    def __init__(self, save: Path, holder: str, copy: Path) -> None:
        super().__init__()
        self.save, self.holder, self.copy = save, holder, copy

    def question(self) -> str:
        return (
            f"This save is open in another game\n({self.holder}):\n{self.save}\n\n"
            f"Play on in a copy ({self.copy.name}),\nopen it read only (nothing saved), or leave it?"
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="frame"):
            yield Static(self.question(), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Play a copy (c)", id="copy", variant="primary")
                yield Button("Read only (r)", id="read")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        for button in self.query("#cancel"):
            button.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id if event.button.id in ("copy", "read") else "")

    def action_answer(self, how: str) -> None:
        close(self, how or None)
