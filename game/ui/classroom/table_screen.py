"""One table in full, on the facilitator's console: its log, both sides' letters, what each side has seen."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Static, TabbedContent, TabPane

from game.ui.classroom import describe
from game.ui.classroom.link import ClassLink, Refused, Unreachable
from game.ui.screens.closing import close
from game.ui.screens.page import Page, while_open
from game.ui.widgets.keybar import KeyBar

TABS = (("log", "Log"), ("letters", "Letters"), ("kennedy", "Kennedy saw"), ("khrushchev", "Khrushchev saw"))


class TableScreen(Page[None]):
    """A table of the class in full, refreshed as it plays; Escape goes back to the class."""

    PAGE_HELP = """
        ## One table in full

        The table's numbers and seats at the top, then four tabs: its **log** (both sides' moves,
        events and the facilitator's controls, turn by turn), both sides' **letters** with their
        words, and what **Kennedy** and **Khrushchev** have each seen. It refreshes as the table
        plays. **p** pauses or resumes this table; **Escape** goes back to the class.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back", key_display="esc"),
        Binding("p", "pause", "Pause/resume"),
        Binding("1", "tab('log')", "Log"),
        Binding("2", "tab('letters')", "Letters"),
        Binding("3", "tab('kennedy')", "JFK saw"),
        Binding("4", "tab('khrushchev')", "NSK saw"),
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, link: ClassLink, code: str, number: int, phase_label: Callable[[str], str]) -> None:
        super().__init__()
        self.link, self.code, self.number, self.phase_label = link, code, number, phase_label
        self.full: dict[str, Any] | None = None
        self.note = "loading..."
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Static("", id="table-head")
        with TabbedContent(id="table-tabs"):
            for key, title in TABS:
                with TabPane(title, id=f"tab-{key}"), VerticalScroll():
                    yield Static("", id=f"table-{key}")
        yield KeyBar()

    @while_open
    def on_mount(self) -> None:
        self.draw()
        self.load()
        self.set_interval(2.0, self.load)

    def load(self) -> None:
        if not self.busy:
            self.busy = True
            self.run_worker(self._load(), group="table")

    async def _load(self) -> None:
        try:
            self.full = await self.link.table(self.code)
            self.note = ""
        except Unreachable:
            self.note = f"server lost: showing what it last sent; trying again ({self.link.failures})"
        except Refused as err:
            self.note = f"the server gives no more of this table: {err}"
        finally:
            self.busy = False
        self.draw()

    def _summary(self) -> dict[str, Any]:
        if self.full is not None:
            return self.full
        tables = (self.link.status or {}).get("tables") or []
        return next((t for t in tables if t.get("code") == self.code), {"code": self.code})

    def draw(self) -> None:
        table = self._summary()
        head = describe.heading(self.number, table, self.phase_label) + "\n" + describe.summary(table, 0.0)
        if self.note:
            head += f"\n[b]{escape(self.note)}[/b]"
        self.query_one("#table-head", Static).update(head)
        full = self.full or {}
        views = full.get("views") or {}
        scenario = getattr(self.app, "scenario", None)  # (the class's, if this machine has it)
        log = describe.log_text(full, self._label, scenario) if full else "-"
        self.query_one("#table-log", Static).update(log)
        self.query_one("#table-letters", Static).update(
            describe.letters_text(full, scenario) if full else "-"
        )
        for side in ("kennedy", "khrushchev"):
            self.query_one(f"#table-{side}", Static).update(describe.seen_text(views.get(side), scenario))

    def _label(self, decision: str) -> str:
        scenario = getattr(self.app, "scenario", None)
        if scenario is not None:
            with contextlib.suppress(KeyError):
                return str(scenario.decision(decision).label)
        return decision

    def action_tab(self, key: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{key}"

    def action_pause(self) -> None:
        from game.ui.classroom.console import ConsoleApp

        app = self.app
        if isinstance(app, ConsoleApp):
            paused = self._summary().get("state") != "paused"
            app.act(
                lambda: self.link.pause(self.code, paused),
                f"table {self.number} " + ("paused" if paused else "resumed"),
            )
            self.set_timer(0.3, self.load)

    def action_back(self) -> None:
        close(self)
