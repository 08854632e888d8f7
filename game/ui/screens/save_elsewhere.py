"""When a save fails: say why at once, and offer to save the game to another file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Input, Static

from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.session import Match


class SaveElsewhereScreen(ModalPage["Path | None"]):
    """Enter saves to the path typed (and keeps saving there); Escape plays on unsaved."""

    PAGE_HELP = """
        ## The game could not be saved

        The game saves itself after every turn, and the last save failed (the reason is on the page:
        a full disk, a read-only or altered file). The box takes no key until you choose it, so the
        keys you meant for the desk go nowhere: **Tab** (or a click) goes to the path; type another
        and press **Enter**: the game is saved there, and after every turn from then on. A name
        without a folder goes in the saves folder (`.json` added); a path with a folder is used as
        typed, and its folder must exist. **Escape** plays on without saving; every turn then says it
        was not saved, and so does quitting.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "play_on", "Play on unsaved")]
    AUTO_FOCUS = ""
    """Nothing has the focus at first: the box comes up between two keys, and a decision's `1 1 Enter`
    typed on the desk used to replace the path with "11" and save there (play-test 8 H2)."""
    HINT = "Tab goes to the path (Enter then saves there; a name alone goes in the saves folder)."

    def __init__(self, match: Match) -> None:
        super().__init__()
        self.match = match

    def compose(self) -> ComposeResult:
        m = self.match
        where = f" ({m.saved_to} holds turn {m.saved_turns})" if m.saved_to and m.saved_turns >= 0 else ""
        with Vertical(id="save-elsewhere", classes="frame"):
            yield Static(f"[b]The game could not be saved.[/b]\n{escape(m.save_error or '')}", id="save-why")
            yield Static(
                f"{m.unsaved_turns} turn(s) are not saved{escape(where)}. Save to another file:",
                id="save-ask",
            )
            yield Input(value=str(self._suggestion()), id="save-path")
            yield Static(self.HINT, id="save-problem")
            with Horizontal(id="save-buttons"):
                yield Button("Save here (Enter)", id="save", variant="primary")
                yield Button("Play on unsaved (Esc)", id="unsaved", variant="error")

    def _suggestion(self) -> Path:
        s, seed = self.match.scenario, self.match.game.state.seed
        return Path.home() / f"{s.id}-seed{seed}.json"

    def on_key(self, event: events.Key) -> None:
        """A character or Enter while nothing has the focus (meant for the page under the box) goes
        nowhere: say so."""
        if self.focused is None and (
            event.key == "enter" or (event.is_printable and event.key != "question_mark")
        ):
            self.query_one("#save-problem", Static).update(
                f"[b]This box took no key yet.[/b] {self.HINT} Esc plays on unsaved."
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._save(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save(self.query_one("#save-path", Input).value)
        else:
            self.action_play_on()

    def _save(self, path: str) -> None:
        from game.persistence import SaveError
        from game.persistence.files import save_target

        try:
            written = self.match.save_to(str(save_target(path)))
        except SaveError as err:
            self.query_one("#save-problem", Static).update(
                f"[b]Not saved there either:[/b] {escape(str(err))}"
            )
            return
        close(self, written)

    def action_play_on(self) -> None:
        close(self, None)
