"""The console's page: the class at a glance, one row per table, sorted by any column, and its keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from game.ui.classroom.rows import COLUMNS
from game.ui.classroom.table_screen import TableScreen
from game.ui.screens.page import Page, while_open
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from game.ui.classroom.console import ConsoleApp

DETAIL_HEIGHT = 36
"""Screens at least this tall show the selected table's detail under the class."""
SORTS = ("n", "risk", "left", "awaiting", "date", "state", "letters", "agreements", "defcon", "phase", "code")


class ConsoleScreen(Page[None]):
    """The class at a glance: one row per table; Enter opens a table in full."""

    PAGE_HELP = """
        ## The facilitator's console

        One row per table: its date, phase, risk of war, DEFCON, letters and agreements, whose move
        is awaited (JFK, NSK) and the time left on the turn. **s** sorts by the next column (**S**
        turns the order round); a click on a heading sorts by it. **Enter** opens the selected table
        in full: its log, both sides' letters, what each side has seen.

        The controls act on the selected table or on every table. Pauses freeze the students'
        screens ("paused by the facilitator"); a timer plays the scenario's default for a seat whose
        time runs out; an inject is news, intelligence, a rumour or an event of the scenario's
        catalogue. When the lesson ends, reveal history (spoilers on for everyone), end the class and
        export it. If the server goes away, the console keeps what it had, keeps trying, and sends
        what you did meanwhile when the server is back.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=False),
        Binding("p", "pause_one", "Pause/resume"),
        Binding("P", "pause_all(True)", "Pause all"),
        Binding("R", "pause_all(False)", "Resume all"),
        Binding("t", "timer", "Timer"),
        Binding("i", "inject", "Inject"),
        Binding("s", "sort", "Sort"),
        Binding("S", "reverse", "Reverse", show=False),
        Binding("v", "reveal", "Reveal"),
        Binding("e", "end", "End"),
        Binding("x", "export", "Export"),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="class-head")
        yield DataTable(id="class-tables", cursor_type="row", zebra_stripes=True)
        yield Static("", id="class-detail")
        yield Static("", id="class-news")
        yield KeyBar()

    @while_open  # a page pushed as the console closes has no widgets (as H1 found for the game's)
    def on_mount(self) -> None:
        grid = self.query_one(DataTable)
        for column in COLUMNS:
            grid.add_column(column.heading, key=column.key)
        grid.focus()
        self.console.show()

    @property
    def console(self) -> ConsoleApp:
        return cast("ConsoleApp", self.app)  # the only app that shows this page

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.console.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = str(event.column_key.value)
        app = self.console
        app.reverse = (not app.reverse) if app.sort == key else False
        app.sort = key
        app.show()

    def action_open(self) -> None:
        app = self.console
        code = app.selected()
        if code is not None:
            app.push_screen(TableScreen(app.link, code, app.number(code), app.phase_label))

    def action_pause_one(self) -> None:
        self.console.pause_selected()

    def action_pause_all(self, paused: bool) -> None:
        self.console.act(
            lambda: self.console.link.pause(None, paused),
            "every table " + ("paused" if paused else "resumed"),
        )

    def action_timer(self) -> None:
        self.console.ask_timer()

    def action_inject(self) -> None:
        self.console.ask_inject()

    def action_sort(self) -> None:
        app = self.console
        app.sort = SORTS[(SORTS.index(app.sort) + 1) % len(SORTS)] if app.sort in SORTS else "n"
        app.reverse = False
        app.show()

    def action_reverse(self) -> None:
        self.console.reverse = not self.console.reverse
        self.console.show()

    def action_reveal(self) -> None:
        self.console.confirm(
            "Reveal history to every student? Their screens show what really happened (spoilers on).",
            lambda: self.console.link.reveal(),
            "history revealed",
        )

    def action_end(self) -> None:
        self.console.confirm(
            "End the class? Every table stops taking moves (you can still export it).",
            lambda: self.console.link.end(),
            "class ended",
        )

    def action_export(self) -> None:
        self.console.ask_export()
