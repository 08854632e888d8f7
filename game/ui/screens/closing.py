"""Closing a page: only the page on top closes, and only once.

Textual 8's `Screen.is_current` is also true for a screen under a modal (a hand-over under the help), and
`dismiss` on such a screen answers its caller and then pops whatever is on top: a second key later
answers again (`InvalidStateError`). `is_active` is true only for the top of the stack, and stops being
true as soon as `dismiss` has popped it.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

R = TypeVar("R")


def close(screen: Screen[R], result: R | None = None) -> bool:
    """Dismiss `screen` with `result` if it is the page on top; False (nothing done) otherwise."""
    if not screen.is_active:
        return False
    screen.dismiss(result)
    return True
