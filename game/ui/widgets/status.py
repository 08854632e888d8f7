"""The top line: the date, the chapter and its turns left, who is playing, and who is thinking."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StatusBar(Horizontal):
    """Left: when and where. Right: who you are, the seed, or who is considering a move."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    StatusBar > #status-where { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; padding-right: 2; }
    StatusBar > #status-who { width: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.who = ""
        self.thinking = ""
        self._tick = 0

    def compose(self) -> ComposeResult:
        yield Static(id="status-where")
        yield Static(id="status-who")

    def on_mount(self) -> None:
        self._timer = self.set_interval(0.12, self._spin, pause=True)

    def show(self, where: str, who: str) -> None:
        self.query_one("#status-where", Static).update(Content.from_markup(where))
        self.who = who
        self._paint()

    def think(self, leader: str | None) -> None:
        """Show (or, with None, hide) '<leader> is considering...'."""
        self.thinking = f"{leader} is considering" if leader else ""
        if leader:
            self._timer.resume()
        else:
            self._timer.pause()
        self._paint()

    def _spin(self) -> None:
        self._tick += 1
        self._paint()

    def _paint(self) -> None:
        if self.thinking:
            frame = SPINNER[self._tick % len(SPINNER)]
            text = f"[b $warning]{frame} {self.thinking}...[/] "
        else:
            text = self.who
        self.query_one("#status-who", Static).update(Content.from_markup(text))
