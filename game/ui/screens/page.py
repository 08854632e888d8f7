"""The base of every page: `?` and F1 open help about it, whatever page it is (modal or not).

Textual stops the key bindings of a modal screen at the screen: an App binding never reaches a page
shown over the desk. So each page carries the help keys itself, and says in `PAGE_HELP` what it is for.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import events
from textual._context import NoActiveAppError
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

R = TypeVar("R")

HELP_KEYS = Binding("question_mark,f1", "app.help", "Help", key_display="?")


def preset_breakpoints(screen: Screen) -> None:
    """Give `screen` the breakpoint classes (-narrow, -wide) of the terminal's present size now.

    Textual adds them on the screen's first resize, which restyles every widget on the page a second
    time before the first paint (~10% of the new-game screen's start); a screen made with the right
    classes already is left alone by that resize, and later resizes still change them.
    """
    try:
        width, height = screen.app.size
    except NoActiveAppError:
        return
    h, v = screen.HORIZONTAL_BREAKPOINTS, screen.VERTICAL_BREAKPOINTS  # the screen's, else the app's
    for size, breakpoints in (
        (width, screen.app.HORIZONTAL_BREAKPOINTS if h is None else h),
        (height, screen.app.VERTICAL_BREAKPOINTS if v is None else v),
    ):
        fitting = [(least, name) for least, name in breakpoints or () if size >= least]
        if fitting:
            screen.add_class(max(fitting)[1], update=False)  # styled as it mounts


class _Styled:
    """What every page does to reach its first paint sooner (a mixin of Page and ModalPage)."""

    _resumed = False

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
