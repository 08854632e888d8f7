"""The console's small forms: a turn timer, an inject, where to export (each a page with its own help)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage

INJECT_KINDS = ("news", "intelligence", "rumour", "event")
"""Kinds of the teacher's own words (a catalogue item has its own kind)."""


@dataclass(frozen=True)
class Scope:
    """Who an action is for: one table (its code) or every table; one side or both."""

    table: str | None
    side: str | None = None

    def words(self, number: int | None) -> str:
        where = f"table {number} ({self.table})" if self.table else "every table"
        return where + (f", {self.side} only" if self.side else "")


def _minutes(text: str) -> float | None:
    """Minutes typed: a positive number, or empty / 'none' / 0 for no timer; ValueError otherwise."""
    text = text.strip().lower()
    if text in ("", "none", "off", "0"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r}: type a number of minutes, e.g. 3 or 1.5") from None
    if not 0.1 <= value <= 240:
        raise ValueError(f"{text!r}: a turn lasts 0.1 to 240 minutes")
    return value


class TimerScreen(ModalPage[tuple[float | None, Scope] | None]):
    """Minutes per turn for the selected table or all; empty or 0 takes the timer off."""

    PAGE_HELP = """
        ## Turn timer

        Type the minutes a turn may last (0.1 to 240; empty or 0: no timer). When a seat's time runs
        out, the server plays the scenario's default for that decision, logs it as such and tells the
        students. A student's clock starts when they leave the last turn's report, at most a minute
        after the turn began (`crisis class timer CODE M --reading S` changes that); the tables list
        marks a seat still reading with `*`. **Enter** sets it for the table you had selected, **a**
        for every table.
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+a", "all", "Every table", key_display="^a"),
    ]

    def __init__(self, table: str | None, number: int | None, current: float | None) -> None:
        super().__init__()
        self.table, self.number, self.current = table, number, current

    def compose(self) -> ComposeResult:
        with Vertical(id="class-form", classes="frame") as frame:
            frame.border_title = "Turn timer"
            where = f"table {self.number}" if self.table else "every table"
            yield Static(f"Minutes a turn for {where} (empty: none). ^a: every table.")
            now = "" if self.current is None else f"{self.current:g}"
            yield Input(now, placeholder="e.g. 3", id="timer-minutes")
            yield Static("", id="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button("This table", id="timer-one", variant="primary", disabled=self.table is None)
                yield Button("Every table", id="timer-all")

    def _done(self, table: str | None) -> None:
        try:
            minutes = _minutes(self.query_one("#timer-minutes", Input).value)
        except ValueError as err:
            self.query_one("#form-error", Static).update(escape(str(err)))
            return
        close(self, (minutes, Scope(table)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._done(self.table)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._done(self.table if event.button.id == "timer-one" else None)

    def action_all(self) -> None:
        self._done(None)

    def action_cancel(self) -> None:
        close(self, None)


class InjectScreen(ModalPage[tuple[dict[str, Any], Scope] | None]):
    """Pick an event from the scenario's catalogue, or type a news item; then who receives it."""

    PAGE_HELP = """
        ## Send an inject

        Pick an item of the scenario's catalogue (its effects on the tracks are shown beside it), or
        type your own news item, intelligence report, rumour or event (words only: no effect). Then
        choose who gets it: the table you had selected or every table, and one side or both. Injects
        are moves in the table's log, so replays stay exact. **Tab** moves on; **ctrl+s** sends.
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "send", "Send", key_display="^s"),
    ]

    def __init__(self, catalogue: list[dict[str, Any]], table: str | None, number: int | None) -> None:
        super().__init__()
        self.catalogue, self.table, self.number = catalogue, table, number

    def compose(self) -> ComposeResult:
        with Vertical(id="class-form", classes="frame inject") as frame:
            frame.border_title = "Inject"
            frame.border_subtitle = "^s sends · Escape cancels"
            options = [Option(escape("Your own words (below)"), id="typed")]
            for entry in self.catalogue:
                effects = ", ".join(entry.get("effects") or [])
                label = f"{entry.get('kind', '?')}: {entry.get('title', entry.get('id'))}"
                options.append(Option(escape(label + (f"  [{effects}]" if effects else "")), id=entry["id"]))
            yield OptionList(*options, id="inject-pick")
            yield Input(
                placeholder="your own words, as students will read them", id="inject-text", max_length=400
            )
            with Horizontal(classes="form-row"):
                yield Select(
                    [(k, k) for k in INJECT_KINDS], value=INJECT_KINDS[0], allow_blank=False, id="inject-kind"
                )
                where = [("every table", "all")]
                if self.table is not None:
                    where.insert(0, (f"table {self.number}", "one"))
                yield Select(where, value=where[0][1], allow_blank=False, id="inject-where")
                sides = [("both sides", "both"), ("Kennedy", "kennedy"), ("Khrushchev", "khrushchev")]
                yield Select(sides, value="both", allow_blank=False, id="inject-side")
            yield Static("", id="form-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_send()

    def action_send(self) -> None:
        pick = self.query_one("#inject-pick", OptionList)
        chosen = pick.highlighted_option.id if pick.highlighted_option is not None else "typed"
        error = self.query_one("#form-error", Static)
        if chosen == "typed":
            text = self.query_one("#inject-text", Input).value.strip()
            if not text:
                error.update("Pick an item of the catalogue, or type the words to send.")
                return
            inject: dict[str, Any] = {"text": text, "kind": str(self.query_one("#inject-kind", Select).value)}
        else:
            inject = {"id": chosen}
        one = self.query_one("#inject-where", Select).value == "one" and self.table is not None
        side = str(self.query_one("#inject-side", Select).value)
        close(self, (inject, Scope(self.table if one else None, None if side == "both" else side)))

    def action_cancel(self) -> None:
        close(self, None)


class ExportScreen(ModalPage[str | None]):
    """The folder to export the class into: its status, every table's save, the facilitator's log."""

    PAGE_HELP = """
        ## Export the class

        Everything goes into one folder: the class (every table's summary and the facilitator's
        controls) and each table's save, which `crisis replay` and `crisis report` read.
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="class-form", classes="frame") as frame:
            frame.border_title = "Export"
            yield Static("The folder for the class's file and every table's save:")
            yield Input(self.default, id="export-folder")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        close(self, event.value.strip() or self.default)

    def action_cancel(self) -> None:
        close(self, None)
