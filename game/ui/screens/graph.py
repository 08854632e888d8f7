"""The phase graph of the scenario as Mermaid text (transitions' mermaid backend)."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import TextArea

from game.engine.machine import mermaid
from game.model import Scenario
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.widgets.keybar import KeyBar


class GraphScreen(ModalPage[None]):
    """Read-only Mermaid source: copy it into any Mermaid viewer to see the crisis as a graph."""

    PAGE_HELP = """
        ## Phase graph

        The chapters of this scenario and where each can lead, as a tree: the current chapter is marked.
        It names every ending, so it spoils the surprise.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close")]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        with Vertical(id="graph", classes="frame") as frame:
            frame.border_title = f"Phase graph: {self.scenario.title}"
            frame.border_subtitle = "Mermaid · spoilers: every ending is named · Escape to close"
            yield TextArea("Drawing...", read_only=True, id="graph-text", show_line_numbers=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.draw()

    @work(thread=True, exclusive=True)
    def draw(self) -> None:
        text = mermaid(self.scenario)
        self.app.call_from_thread(self._show, text)

    def _show(self, text: str) -> None:
        if self.is_attached:
            self.query_one(TextArea).load_text(text)

    def action_close(self) -> None:
        close(self, None)
