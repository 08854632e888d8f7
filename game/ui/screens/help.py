"""Help on ? and F1: what the page under it is for and its keys, then how to play."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.widgets.keybar import KeyBar

HELP = Path(__file__).resolve().parent.parent / "help.md"


def _own_actions(node: object) -> set[str]:
    """The actions a widget of this game binds itself (not those it inherits from a stock widget)."""
    if not type(node).__module__.startswith("game."):
        return set()
    return {b.action for b in vars(type(node)).get("BINDINGS", []) if isinstance(b, Binding)}


def keys_table(screen: Screen) -> str:
    """The keys `screen` takes now, as a Markdown list (from its bindings: never out of date)."""
    app = screen.app
    rows: dict[str, list[str]] = {}
    """Per thing a key does (its description), the keys that do it: 'esc ^q Quit'."""
    moving = len(screen.focus_chain) > 1  # Tab only matters where there is somewhere to move
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if not binding.description or key == app.COMMAND_PALETTE_BINDING or binding.system:
            continue  # the palette is in the general help; Textual's own keys are not this game's
        if node is not screen and node is not app and binding.action not in _own_actions(node):
            continue  # a stock widget's scrolling keys (the general help names the arrows)
        if "copy" in binding.action or ("focus_" in binding.action and not moving):
            continue
        if not binding.show and binding.description in rows:
            continue  # a hidden twin of a key already listed ('-' beside '+/- Days')
        shown = app.get_key_display(binding)
        keys = rows.setdefault(binding.description, [])
        if shown not in keys:
            keys.append(shown)
    return "\n".join(f"- **{' '.join(keys)}** {description}" for description, keys in rows.items())


def page_help(screen: Screen | None, about: str = "") -> str:
    """What `screen` is for (`about`, else its `page_text()`, else its PAGE_HELP) and its keys, as
    Markdown; empty for a page without help."""
    own = getattr(screen, "page_text", None)
    text = dedent(about).strip() or (
        own() if callable(own) else dedent(getattr(screen, "PAGE_HELP", "") or "").strip()
    )
    if screen is None or not text:
        return ""
    return f"{text}\n\n**Keys on this page**\n\n{keys_table(screen)}"


class HelpScreen(ModalPage[None]):
    """The help text (game/ui/help.md); Escape, ? or F1 closes it."""

    PAGE_HELP = """
        ## Help

        What the page under it is for and its keys, then how to play. Scroll with the arrows or Page
        Up/Down; Escape, ? or F1 closes it.
    """

    AUTO_FOCUS = "#help-scroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", key_display="esc"),
    ]

    def __init__(self, topic: Screen | None = None, about: str = "", general: str | None = None) -> None:
        """`about`: what the page is for, where `topic` (a plain screen) does not say it itself;
        `general`: how to play, in place of game/ui/help.md (the network desk's own)."""
        super().__init__()
        self.topic = page_help(topic, about)
        """Help about the page it was opened on, read while that page was still on top."""
        self.general = HELP.read_text(encoding="utf-8") if general is None else general

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="frame") as frame:
            frame.border_title = "Help"
            frame.border_subtitle = "↑↓ PgUp PgDn scroll · Escape closes"
            with VerticalScroll(id="help-scroll"):
                if self.topic:
                    yield Markdown(self.topic, id="help-page")
                yield Markdown(self.general, id="help-general")
        yield KeyBar()

    def action_close(self) -> None:
        close(self, None)
