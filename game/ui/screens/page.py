"""The base of every page: `?` and F1 open help about it, whatever page it is (modal or not).

Textual stops the key bindings of a modal screen at the screen: an App binding never reaches a page
shown over the desk. So each page carries the help keys itself, and says in `PAGE_HELP` what it is for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from textwrap import dedent
from typing import Any, ClassVar, TypeVar, cast

from textual import events
from textual._context import NoActiveAppError
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import ModalScreen, Screen

R = TypeVar("R")
S = TypeVar("S", bound="Screen[Any]")

HELP_KEYS = Binding("question_mark,f1", "app.help", "Help", key_display="?")
TYPING_HELP_KEYS = Binding("f1,question_mark", "app.help", "Help", key_display="F1")
"""The help keys of a page where the player types words: `?` is a character there (it opens help only
outside the text), so the footer and the help name F1, which always works."""


def closing(screen: Screen[Any]) -> bool:
    """`screen` or the app is being taken down (a quit confirmed, a test's end): its widgets may be gone."""
    app = screen.app
    return not screen.is_attached or screen._closing or app._closing or app.return_code is not None


def while_open(handler: Callable[[S], None]) -> Callable[[S], None]:
    """A page's `on_mount` that queries its widgets: a NoMatches while the page or the app closes is
    dropped (play-test 8 H1: the composer, opened by a key typed after the quit, raised one as a
    traceback on the terminal); any other is raised."""

    @wraps(handler)
    def guarded(screen: S) -> None:
        try:
            handler(screen)
        except NoMatches:
            if not closing(screen):
                raise

    return guarded


def preset_breakpoints(screen: Screen) -> None:
    """Give `screen` the breakpoint classes (-narrow, -wide) of the terminal's present size now.

    Textual adds them on the screen's first resize, which restyles every widget on the page a second
    time before the first paint (~10% of the new-game screen's start); a screen made with the right
    classes already is left alone by that resize, and later resizes still change them.
    """
    try:
        size = screen.app.size
    except NoActiveAppError:
        return
    for name in _breakpoints(screen, size):
        screen.add_class(name, update=False)  # styled as it mounts


def _breakpoints(screen: Screen, size: Size) -> list[str]:
    """The breakpoint classes of `screen` at `size` (the screen's breakpoints, else the app's)."""
    h, v = screen.HORIZONTAL_BREAKPOINTS, screen.VERTICAL_BREAKPOINTS
    names = []
    for length, breakpoints in (
        (size.width, screen.app.HORIZONTAL_BREAKPOINTS if h is None else h),
        (size.height, screen.app.VERTICAL_BREAKPOINTS if v is None else v),
    ):
        fitting = [(least, name) for least, name in breakpoints or () if length >= least]
        if fitting:
            names.append(max(fitting)[1])
    return names


class _Styled:
    """What every page does to reach its first paint sooner (a mixin of Page and ModalPage)."""

    _resumed = False
    PAGE_HELP: ClassVar[str] = ""

    def page_text(self) -> str:
        """What the page is for (Markdown): its PAGE_HELP, or more where the page knows more."""
        return dedent(self.PAGE_HELP).strip()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """A page just pushed is styled as it mounts: its first resume need not restyle it all again.

        Textual restyles a resumed screen and every widget on it; on the push that shows a page for
        the first time that is a second pass over widgets styled a moment before (~20% of the
        new-game screen's start). Later resumes (back from a page above it) restyle as before. This
        runs before Screen's own handler (Textual calls a subclass's handler first).
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        """A Resize to the size the page is laid out at, its breakpoints set, goes no further.

        Textual sends a page one as it is first laid out (and the app's first, when the page is on
        top), and its handler lays out the page again, and every page under it (~10% of the first
        chapter card's start). Any other Resize goes on to that handler.
        """
        screen = cast(Screen[object], self)
        if event.size == screen.outer_size and all(
            screen.has_class(name) for name in _breakpoints(screen, event.size)
        ):
            event.prevent_default()


class Page(_Styled, Screen[R]):
    """A full screen with context help."""

    BINDINGS: ClassVar[list[BindingType]] = [HELP_KEYS]
    PAGE_HELP: ClassVar[str] = ""
    """Markdown: a heading naming the page, then what it is for (its keys are listed from its bindings)."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name, id, classes)
        preset_breakpoints(self)


class ModalPage(_Styled, ModalScreen[R]):
    """A page over another, with context help."""

    BINDINGS: ClassVar[list[BindingType]] = [HELP_KEYS]
    PAGE_HELP: ClassVar[str] = ""
    """Markdown: a heading naming the page, then what it is for (its keys are listed from its bindings)."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name, id, classes)
        preset_breakpoints(self)
