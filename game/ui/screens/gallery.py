"""The endings gallery: every ending of the scenario, the ones reached so far shown, the rest withheld."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from game.model import Scenario
from game.persistence.gallery import Gallery
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.widgets.keybar import KeyBar


class GalleryScreen(ModalPage[None]):
    """Reached endings with their headline and count; unreached ones only by kind."""

    PAGE_HELP = """
        ## Endings gallery

        Every ending of this scenario: those you have reached with their headline and how often, the
        rest only by kind, so that there is something left to find.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,g,q", "close", "Close")]

    def __init__(self, scenario: Scenario, gallery: Gallery) -> None:
        super().__init__()
        self.scenario, self.gallery = scenario, gallery

    def compose(self) -> ComposeResult:
        s = self.scenario
        reached = self.gallery.reached(s.id)
        lines = []
        for e in s.endings:
            r = reached.get(e.id)
            kind = f"[$text-muted]{e.kind.value:<12}[/]"
            if r is None:
                lines.append(f"[$text-muted]○[/] {kind} [$text-muted]? ? ?[/]")
                continue
            mark = " [$success]history[/]" if e.historical else ""
            times = f"[$text-muted]×{r.times}[/]"
            lines.append(f"[$accent]●[/] {kind} [b]{escape(e.headline)}[/b] {times}{mark}")
        note = f"\n\n[$text-muted i]{escape(self.gallery.error)}[/]" if self.gallery.error else ""
        with Vertical(id="gallery", classes="frame") as frame:
            frame.border_title = f"Endings gallery · {len(reached)} of {len(s.endings)} reached"
            frame.border_subtitle = escape(s.title)
            with VerticalScroll():
                yield Static(Content.from_markup("\n".join(lines) + note), id="gallery-list")
        yield KeyBar()

    def action_close(self) -> None:
        close(self, None)
