"""The base of every page: `?` and F1 open help about it, whatever page it is (modal or not).

Textual stops the key bindings of a modal screen at the screen: an App binding never reaches a page
shown over the desk. So each page carries the help keys itself, and says in `PAGE_HELP` what it is for.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

R = TypeVar("R")

HELP_KEYS = Binding("question_mark,f1", "app.help", "Help", key_display="?")


class Page(Screen[R]):
    """A full screen with context help."""

    BINDINGS: ClassVar[list[BindingType]] = [HELP_KEYS]
    PAGE_HELP: ClassVar[str] = ""
    """Markdown: a heading naming the page, then what it is for (its keys are listed from its bindings)."""


class ModalPage(ModalScreen[R]):
    """A page over another, with context help."""

    BINDINGS: ClassVar[list[BindingType]] = [HELP_KEYS]
    PAGE_HELP: ClassVar[str] = ""
    """Markdown: a heading naming the page, then what it is for (its keys are listed from its bindings)."""
