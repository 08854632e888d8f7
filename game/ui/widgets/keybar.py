"""The footer: the keys that apply now (check_action decides), clickable, drawn as one line of text.

Textual's Footer rebuilds a widget per key whenever the bindings change (several times per key press),
which cost about a third of this game's time per turn; this draws the same thing as one Static.
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Shown bindings of the active screen, deduplicated by action; disabled ones dimmed."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 100%;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
        link-color: $footer-foreground;
        link-style: none;
        link-background-hover: $footer-key-background;
        link-color-hover: $footer-foreground;
        link-style-hover: bold;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self.call_after_refresh(self._changed, self.screen)

    def _changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.is_current:  # not while a page covers it
            self.update(Content.from_markup(self.markup()))

    def markup(self) -> str:
        parts: list[str] = []
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        badge = getattr(self.screen, "key_badge", None)  # a screen may add a count to a key: "(2 new)"
        for key, (_node, binding, enabled, _tip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            shown = escape(self.app.get_key_display(binding))
            label = escape(binding.description + (badge(binding.action) if callable(badge) else ""))
            if enabled:
                parts.append(
                    f"[@click=app.simulate_key({key!r})][b $footer-key-foreground]{shown}[/] {label}[/]"
                )
            else:
                parts.append(f"[$text-disabled]{shown} {label}[/]")
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append("[@click=app.command_palette][b $footer-key-foreground]^p[/] palette[/]")
        return "  ".join(parts)
