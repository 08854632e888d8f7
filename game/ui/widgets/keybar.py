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

    def on_resize(self) -> None:
        self._changed(self.screen)

    def entries(self) -> list[tuple[str, str, str, bool]]:
        """(click target, key shown, description, enabled) per key, help last, deduplicated by action."""
        out: list[tuple[str, str, str, bool]] = []
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        badge = getattr(self.screen, "key_badge", None)  # a screen may add a count to a key: "(2 new)"
        for key, (_node, binding, enabled, _tip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            label = binding.description + (badge(binding.action) if callable(badge) else "")
            out.append((f"app.simulate_key({key!r})", self.app.get_key_display(binding), label, enabled))
        out.sort(key=lambda e: e[2] == "Help")  # help at the end, beside the palette
        if self.app.ENABLE_COMMAND_PALETTE:
            out.append(("app.command_palette", "^p", "palette", True))
        return out

    STAGES = (  # (gap, first word only, palette shown, disabled keys shown, words shown)
        (2, False, True, True, True),
        (1, False, True, True, True),
        (1, False, False, True, True),
        (1, False, False, False, True),  # the dimmed keys go before the others' words (playtest E20)
        (1, True, False, False, True),
    )

    def markup(self) -> str:
        """As much as fits in one line: the palette, then the disabled keys dropped, then words shortened,
        if need be."""
        entries = self.entries()
        width = self.size.width or 10_000
        for gap, short, palette, disabled, worded in self.STAGES:
            shown = [e for e in entries if (palette or e[0] != "app.command_palette") and (disabled or e[3])]
            words = [(key, (label.split() or [""])[0] if short else label) for _, key, label, _ in shown]
            if not worded:
                words = [(key, "") for key, _ in words]
            if sum(len(k) + 1 + len(w) for k, w in words) + gap * (len(words) - 1) <= width:
                break
        else:  # still too long: words for the first keys, the key alone for the rest
            used = 0
            for i, (key, word) in enumerate(words):
                rest = sum(len(k) + 1 for k, _ in words[i + 1 :])
                if used + len(key) + 1 + len(word) + rest > width:
                    words[i] = (key, "")
                used += len(key) + 1 + len(words[i][1]) + gap
        parts = []
        for (target, _, _, enabled), (key, label) in zip(shown, words, strict=True):
            shown_key, shown_label = escape(key), escape(label)
            if enabled:
                parts.append(f"[@click={target}][b $footer-key-foreground]{shown_key}[/] {shown_label}[/]")
            else:
                parts.append(f"[$text-disabled]{shown_key} {shown_label}[/]".replace(" [/]", "[/]"))
        return (" " * gap).join(parts)
