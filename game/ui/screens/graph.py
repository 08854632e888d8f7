"""The phase graph of the scenario drawn as a tree of chapters and endings, the current chapter marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from rich.tree import Tree
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from game.model import Scenario, Transition
from game.ui.rules_text import KIND_NAMES
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage, while_open
from game.ui.widgets.keybar import KeyBar


def _when(t: Transition) -> str:
    return "when its turns run out" if t.when is None else "on conditions"


def phase_tree(s: Scenario, current: str | None = None) -> Tree:
    """Every chapter from the first and where each can lead; a chapter met again is named, not redrawn."""
    drawn: set[str] = set()

    def label(phase_id: str) -> Text:
        p = s.phase(phase_id)
        text = Text(p.title, style="bold")
        text.append(f"  {p.dates.start:%b %-d, %Y}", style="dim")
        if phase_id == current:
            text.append("  ◀ you are here", style="bold reverse")
        return text

    def ending(ending_id: str, why: str) -> Text:
        e = s.ending(ending_id)
        kind = KIND_NAMES.get(e.kind.value, e.kind.value)
        return Text.assemble(("⚑ ", ""), (e.headline, "italic"), (f"  {kind}{why}", "dim"))

    def grow(node: Tree, t: Transition) -> None:
        if t.to == "end":  # the first ending whose condition holds
            first = Text.assemble(("the first of these that holds", "italic"), (f"  {_when(t)}", "dim"))
            end = node.add(first)
            for e in s.endings:  # in file order, up to the first with no condition (it always holds)
                end.add(ending(e.id, ""))
                if e.when is None:
                    break
        elif s.is_ending(t.to):
            node.add(ending(t.to, f", {_when(t)}"))
        elif t.to in drawn:
            node.add(Text.assemble(("↺ ", ""), (s.phase(t.to).title, ""), (f"  (above), {_when(t)}", "dim")))
        else:
            walk(node.add(Text.assemble(label(t.to), (f"  {_when(t)}", "dim"))), t.to)

    def walk(node: Tree, phase_id: str) -> None:
        drawn.add(phase_id)
        for t in s.phase(phase_id).transitions:
            grow(node, t)

    root = Tree(label(s.start.phase), guide_style="dim")
    walk(root, s.start.phase)
    if s.interrupts:
        anywhere = root.add(Text("From any chapter", style="bold"))
        for t in s.interrupts:
            grow(anywhere, t)
    return root


class GraphScreen(ModalPage[None]):
    """The scenario's chapters and endings as a tree (`crisis graph` prints the Mermaid source)."""

    PAGE_HELP = """
        ## Phase graph

        The chapters of this scenario and where each can lead, as a tree: the current chapter is marked.
        It names every ending, so it spoils the surprise. `crisis graph` prints it as a Mermaid diagram.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close", key_display="esc")]

    def __init__(self, scenario: Scenario, current: str | None = None) -> None:
        super().__init__()
        self.scenario, self.current = scenario, current

    def compose(self) -> ComposeResult:
        with Vertical(id="graph", classes="frame") as frame:
            frame.border_title = f"Phase graph: {self.scenario.title}"
            frame.border_subtitle = "spoilers: every ending is named · ↑↓ scroll · Escape closes"
            with VerticalScroll(id="graph-scroll"):
                yield Static(phase_tree(self.scenario, self.current), id="graph-text")
        yield KeyBar()

    @while_open
    def on_mount(self) -> None:
        self.query_one("#graph-scroll").focus()

    def action_close(self) -> None:
        close(self, None)
