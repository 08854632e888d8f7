"""`crisis class console CODE`: the facilitator's console: the class's status, polled, and the controls.

The console asks the server for the class's status every `poll` seconds. When the server cannot be
reached it says so, keeps the last status on screen and keeps trying; an action taken meanwhile waits
in a queue and is sent, in order, when the server answers again: nothing the teacher does is lost.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App
from textual.markup import escape
from textual.widgets import DataTable, Static

from game.model import CrisisError, Scenario
from game.ui.classroom import describe
from game.ui.classroom.help import ClassHelp
from game.ui.classroom.link import ClassLink, Refused, Unreachable
from game.ui.classroom.overview import DETAIL_HEIGHT, ConsoleScreen
from game.ui.classroom.rows import BY_KEY, COLUMNS, READING_MARK, cells, in_danger, ordered
from game.ui.screens.confirm import ConfirmScreen
from game.ui.themes import THEMES

Action = Callable[[], Awaitable[Any]]
RISK_COLUMN = [c.key for c in COLUMNS].index("risk")
AWAITING_COLUMN = [c.key for c in COLUMNS].index("awaiting")


class ConsoleApp(App[int]):
    """The facilitator's console for one class (the teacher's credential is in `link`)."""

    CSS_PATH = Path(__file__).resolve().parent / "classroom.tcss"
    TITLE = "Missile Crisis: the class"

    def __init__(self, link: ClassLink, *, poll: float = 1.5, scenario: Scenario | None = None) -> None:
        super().__init__()
        self.link = link
        self.poll = poll
        self.scenario = scenario
        self.sort = "n"
        self.reverse = False
        self.fetched = time.monotonic()
        """When the status on screen came from the server."""
        self.connection = "connecting..."
        self.queue: list[tuple[Action, str]] = []
        """Actions the server could not be reached for: sent in order when it answers again."""
        self.polling = False
        self.shown_codes: list[str] = []

    def get_default_screen(self) -> ConsoleScreen:
        return ConsoleScreen()

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = "crisis"
        self.refresh_status()
        self.set_interval(self.poll, self.refresh_status)
        self.set_interval(1.0, self.show)

    # ---- the status -------------------------------------------------------------------------

    def refresh_status(self) -> None:
        if not self.polling:
            self.polling = True
            self._fetch()  # a worker that makes its coroutine itself: none is left unawaited at quit

    @work(group="poll")
    async def _fetch(self) -> None:
        try:
            await self.link.refresh()
            self.fetched = time.monotonic()
            self.connection = "connected"
            await self._send_kept()
        except Unreachable:
            self.connection = f"[b]server lost[/b]: trying again ({self.link.failures})"
        except Refused as err:
            self.connection = f"[b]refused[/b]: {escape(str(err))}"
        finally:
            self.polling = False
        if self.scenario is None and self.link.status:
            self._load_scenario(str(self.link.status.get("scenario", "")))
        self.show()

    def _load_scenario(self, scenario_id: str) -> None:
        from game.scenario import catalog

        with contextlib.suppress(CrisisError):  # without it, phases show as ids
            self.scenario = catalog.get(scenario_id)

    def place(self, table: dict[str, Any]) -> str:
        """The table's phase, or the headline of its ending once it is over."""
        if table.get("phase"):
            return self.phase_label(str(table["phase"]))
        ending = table.get("ending")
        if table.get("headline") or not ending:
            return str(table.get("headline") or "-")
        if self.scenario is not None and self.scenario.is_ending(str(ending)):
            return self.scenario.headline(str(ending))
        return str(ending).replace("_", " ")

    def phase_label(self, phase: str) -> str:
        if self.scenario is not None:
            try:
                return self.scenario.phase(phase).title
            except KeyError:
                pass
        return phase.replace("_", " ")

    def tables(self) -> list[dict[str, Any]]:
        return list((self.link.status or {}).get("tables") or [])

    def number(self, code: str) -> int:
        codes = [t.get("code") for t in self.tables()]
        return codes.index(code) + 1 if code in codes else 0

    def selected(self) -> str | None:
        grid = self.screen.query(DataTable).first() if self.screen.query(DataTable) else None
        if grid is None or not self.shown_codes or grid.cursor_row < 0:
            return None
        return self.shown_codes[min(grid.cursor_row, len(self.shown_codes) - 1)]

    def show(self) -> None:
        """Draw the status on the console's own page (the selection stays on the same table)."""
        screen = self.get_default_screen_instance()
        if screen is None or not screen.query(DataTable):
            return
        status = self.link.status or {}
        since = time.monotonic() - self.fetched
        grid = screen.query_one(DataTable)
        keep = self.selected() if self.screen is screen else None
        rows = ordered(self.tables(), self.sort, self.reverse, since)
        room = max(10, min(40, self.size.width - 70))

        def phase(table: dict[str, Any]) -> str:
            label = self.place(table)
            return label if len(label) <= room else label[: room - 1] + "…"

        grid.clear()
        reading = False  # a seat marked as still reading the report: the head says what the mark means
        danger = f"bold {self.current_theme.error or 'red'}"
        for n, table in rows:
            row: list[str | Text] = list(cells(n, table, since, phase))
            reading = reading or READING_MARK in str(row[AWAITING_COLUMN])
            if in_danger(table):  # at or past the scenario's danger line: red, as on the desk
                row[RISK_COLUMN] = Text(str(row[RISK_COLUMN]), style=danger)
            grid.add_row(*row, key=str(table.get("code")))
        self.shown_codes = [str(t.get("code")) for _, t in rows]
        if keep in self.shown_codes:
            grid.move_cursor(row=self.shown_codes.index(keep), animate=False)
        flags = [
            w
            for w, on in (("history revealed", status.get("revealed")), ("ended", status.get("ended")))
            if on
        ]
        pending = f"  {len(self.queue)} action(s) waiting for the server" if self.queue else ""
        order = f"sorted by {BY_KEY[self.sort].heading}{' (reversed)' if self.reverse else ''}"
        students = status.get("students")
        head = (
            f"[b]Class {escape(self.link.code)}[/b] · {escape(str(status.get('scenario', '')))} · "
            f"{len(rows)} tables"
            + (f" · {students} students" if isinstance(students, int) else "")
            + "".join(f" · [b]{escape(f)}[/b]" for f in flags)
            + f"\n{self.connection}{pending} · {order}"
            + (f" · {READING_MARK} reading the report" if reading else "")
        )
        screen.query_one("#class-head", Static).update(head)
        self.show_detail()
        news = [f"{self.number(str(t.get('code')))}: {t['news'][-1]}" for t in self.tables() if t.get("news")]
        screen.query_one("#class-news", Static).update(escape(" · ".join(news[-4:])) or " ")

    def show_detail(self) -> None:
        """On a tall screen, the selected table's numbers and seats under the class (Enter: in full)."""
        screen = self.get_default_screen_instance()
        if screen is None or not screen.query("#class-detail"):
            return
        detail = screen.query_one("#class-detail", Static)
        code = self.selected()
        detail.display = self.size.height >= DETAIL_HEIGHT and code is not None
        if detail.display and code is not None:
            since = time.monotonic() - self.fetched
            table = self._table(code)
            text = describe.heading(self.number(code), table, self.phase_label)
            detail.update(
                f"{text}\n{describe.summary(table, since)}\n[dim]Enter: its log, letters, what each saw[/dim]"
            )

    def get_default_screen_instance(self) -> ConsoleScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, ConsoleScreen):
                return screen
        return None

    # ---- the controls -----------------------------------------------------------------------

    def act(self, action: Action, done: str) -> None:
        """Send `action` now; if the server cannot be reached, keep it and send it when it is back."""
        self.run_worker(self._act(action, done), group="act")

    async def _act(self, action: Action, done: str) -> bool:
        try:
            await action()
        except Unreachable:
            self.queue.append((action, done))
            self.notify(f"The server cannot be reached: '{done}' is kept and sent when it is back.")
            self.show()
            return False
        except Refused as err:
            self.notify(escape(str(err)), title="Refused", severity="error")
            return True
        self.notify(escape(done))
        self.refresh_status()
        return True

    async def _send_kept(self) -> None:
        while self.queue:
            action, done = self.queue[0]
            try:
                await action()
            except Unreachable:
                return
            except Refused as err:
                self.notify(f"{escape(done)}: {escape(str(err))}", title="Refused", severity="error")
            else:
                self.notify(f"sent now: {escape(done)}")
            self.queue.pop(0)

    def _table(self, code: str) -> dict[str, Any]:
        return next((t for t in self.tables() if t.get("code") == code), {})

    def pause_selected(self) -> None:
        code = self.selected()
        if code is None:
            return
        paused = self._table(code).get("state") != "paused"
        n = self.number(code)
        self.act(lambda: self.link.pause(code, paused), f"table {n} " + ("paused" if paused else "resumed"))

    def ask_timer(self) -> None:
        from game.ui.classroom.forms import TimerScreen

        code = self.selected()
        current = (self._table(code).get("timer") or {}).get("minutes") if code else None
        if current is None:
            current = (self.link.status or {}).get("minutes_per_turn")

        def chosen(answer: Any) -> None:
            if answer is None:
                return
            minutes, scope = answer
            what = "no timer" if minutes is None else f"{minutes:g} minutes a turn"
            where = f"table {self.number(scope.table)}" if scope.table else "every table"
            self.act(lambda: self.link.timer(scope.table, minutes), f"{what} at {where}")

        self.push_screen(TimerScreen(code, self.number(code) if code else None, current), chosen)

    def ask_inject(self) -> None:
        self.run_worker(self._ask_inject(), group="inject")

    async def _ask_inject(self) -> None:
        from game.ui.classroom.forms import InjectScreen

        try:
            catalogue = await self.link.injects()
        except CrisisError as err:
            catalogue = []
            self.notify(f"No catalogue of injects ({escape(str(err))}); typed news can still be sent.")
        code = self.selected()

        def chosen(answer: Any) -> None:
            if answer is None:
                return
            inject, scope = answer
            title = inject.get("text", "")[:30] or next(
                (e.get("title") for e in catalogue if e.get("id") == inject.get("id")), inject.get("id")
            )
            words = scope.words(self.number(scope.table) if scope.table else None)
            self.act(
                lambda: self.link.inject(inject, scope.table, scope.side), f"inject '{title}' to {words}"
            )

        self.push_screen(InjectScreen(catalogue, code, self.number(code) if code else None), chosen)

    def confirm(self, question: str, action: Action, done: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.act(action, done)

        self.push_screen(ConfirmScreen(question), answered)

    def ask_export(self) -> None:
        from game.ui.classroom.forms import ExportScreen

        def chosen(folder: str | None) -> None:
            if folder:
                self.run_worker(self._export(folder), group="export")

        self.push_screen(ExportScreen(f"class-{self.link.code}"), chosen)

    async def _export(self, folder: str) -> None:
        from game.persistence.class_export import write_class

        try:
            data = await self.link.export()
            written = write_class(folder, data)
        except CrisisError as err:
            self.notify(escape(str(err)), title="Not exported", severity="error")
            return
        self.notify(f"{len(written)} files in {escape(str(Path(folder).resolve()))}", title="Exported")

    def action_help(self) -> None:
        self.push_screen(ClassHelp(self.screen))


def run(url: str, code: str, teacher: str) -> int:
    """Run the console until the teacher quits."""
    return ConsoleApp(ClassLink(url, code, teacher)).run() or 0
