"""`crisis class projector CODE`: the wall: the join code, then a clock and the risk per table, then endings.

Read-only and spoiler-free (see `wall`): big letters and digits, few words, the high-contrast theme.
It asks the server every `poll` seconds and keeps its picture while the server is away.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center
from textual.markup import escape
from textual.widgets import Digits, Static

from game.model import CrisisError, Scenario
from game.ui.classroom.help import ClassHelp
from game.ui.classroom.link import ClassLink, Refused, Unreachable
from game.ui.classroom.wall import Wall, bar, big, elapsed, from_projector, from_status
from game.ui.screens.page import Page
from game.ui.themes import THEMES


class WallScreen(Page[None]):
    """The one page of the projector."""

    PAGE_HELP = """
        ## The projector

        For the wall of the classroom, read-only and without spoilers. While students arrive it
        shows the class's join code in large letters and their names as they join; once the tables
        play, the class's clock, every table's risk of war as a bar, and the headlines as tables
        make them; at the end, the endings the class reached. **q** quits.
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="wall-title")
        with Center(id="wall-code-box"):
            yield Static("", id="wall-code")
        with Center(id="wall-clock-box"):
            yield Digits("0:00", id="wall-clock")
        yield Static("", id="wall-names")
        yield Static("", id="wall-bars")
        yield Static("", id="wall-news")
        yield Static("", id="wall-endings")

    def on_mount(self) -> None:
        app = self.app
        if isinstance(app, ProjectorApp):
            app.draw()


class ProjectorApp(App[int]):
    """The projector for one class."""

    CSS_PATH = Path(__file__).resolve().parent / "classroom.tcss"
    TITLE = "Missile Crisis"

    def __init__(self, link: ClassLink, *, poll: float = 2.0) -> None:
        super().__init__()
        self.link = link
        self.poll = poll
        self.wall = Wall(link.code, "arriving", 0)
        self.lost = ""
        self.busy = False
        self.scenario: Scenario | None = None
        self.headlines: list[str] = []
        """Headlines in the order the tables made them (newest last)."""

    def get_default_screen(self) -> WallScreen:
        return WallScreen()

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = "projector"
        self.fetch()
        self.set_interval(self.poll, self.fetch)
        self.set_interval(1.0, self.tick)

    def fetch(self) -> None:
        if not self.busy:
            self.busy = True
            self._fetch()  # a worker that makes its coroutine itself: none is left unawaited at quit

    @work(group="wall")
    async def _fetch(self) -> None:
        try:
            try:
                self.wall = from_projector(await self.link.projector())
            except Refused:
                if (
                    not self.link.teacher
                ):  # an older server without the public route: the status needs the key
                    raise
                self.wall = from_status(await self.link.refresh())
            self.lost = ""
        except Unreachable:
            self.lost = "reconnecting…"
        except Refused as err:
            self.lost = str(err)
        finally:
            self.busy = False
        if self.scenario is None and self.wall.scenario:
            from game.scenario import catalog

            with contextlib.suppress(CrisisError):
                self.scenario = catalog.get(self.wall.scenario)
        for t in self.wall.tables:
            line = f"Table {t.n}: {t.headline}"
            if t.headline and line not in self.headlines:
                self.headlines.append(line)
        self.draw()

    def tick(self) -> None:
        if self.wall.stage == "playing":
            self._screen().query_one("#wall-clock", Digits).update(elapsed(self.wall.started))

    def _screen(self) -> WallScreen:
        return next(s for s in self.screen_stack if isinstance(s, WallScreen))

    def draw(self) -> None:
        screen = self._screen()
        if not screen.query("#wall-title"):
            return
        w = self.wall
        stage = w.stage
        for name, shown in (
            ("#wall-code-box", stage == "arriving"),
            ("#wall-names", stage == "arriving"),
            ("#wall-clock-box", stage == "playing"),
            ("#wall-bars", stage in ("playing", "over")),
            ("#wall-news", stage == "playing"),
            ("#wall-endings", stage == "over"),
        ):
            screen.query_one(name).display = shown
        lost = f"   [{escape(self.lost)}]" if self.lost else ""
        width = self.size.width
        if stage == "arriving":
            title = f"Join the crisis: crisis join {escape(self.link.url)} {escape(w.code)}"
            screen.query_one("#wall-code", Static).update(big(w.code, width - 4, self.size.height // 3))
            people = "  ·  ".join(escape(n) for n in w.names)
            joined = max(w.students, len(w.names))  # advisors in teams hold no seat of their own
            count = f"[b]{joined}[/b] joined" if joined else "Waiting for the class…"
            screen.query_one("#wall-names", Static).update(f"{count}\n\n{people}")
        elif stage == "playing":
            live = [t for t in w.tables if t.state not in ("over", "ended", "broken")]
            paused = bool(live) and all(t.state == "paused" for t in live)
            title = "Paused by the facilitator" if paused else "The crisis: risk of war at every table"
            screen.query_one("#wall-clock", Digits).update(elapsed(w.started))
            screen.query_one("#wall-news", Static).update("\n".join(escape(h) for h in self.headlines[-4:]))
        else:
            title = "The endings the class reached"
            total = sum(w.endings.values()) or 1
            lines = [
                f"[b]{count:>2}[/b]  {bar(count, total, 20)}  {escape(self.ending_words(headline))}"
                for headline, count in sorted(w.endings.items(), key=lambda kv: -kv[1])
            ]
            screen.query_one("#wall-endings", Static).update("\n".join(lines) or "No ending yet.")
        screen.query_one("#wall-title", Static).update(f"{title}{lost}")
        room = max(10, width - 22)
        rows = []
        for t in w.tables:
            risk = "?" if t.risk is None else str(t.risk)
            mark = {"paused": " ‖", "over": " ■", "ended": " ■"}.get(t.state, "")
            tone = w.tone(t.risk)
            rows.append(f"[b]{t.n:>2}[/b] [{tone}]{bar(t.risk, w.risk_max, room)}[/] [b]{risk:>2}[/b]{mark}")
        screen.query_one("#wall-bars", Static).update("\n".join(rows))

    def ending_words(self, ending: str) -> str:
        """An ending's headline (older servers send its id)."""
        return ending if self.scenario is None else self.scenario.headline(ending)

    def action_help(self) -> None:
        self.push_screen(ClassHelp(self.screen))


def run(url: str, code: str, teacher: str = "") -> int:
    """Run the projector until quit."""
    return ProjectorApp(ClassLink(url, code, teacher)).run() or 0
