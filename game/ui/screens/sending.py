"""Sending a letter from the composer and the free-text composer: the one check, and the one way out."""

from __future__ import annotations

from collections.abc import Callable

from textual.markup import escape
from textual.screen import Screen

from game.engine.letters import Letter
from game.ui.screens.closing import close

Check = Callable[[Letter], str | None]
"""The engine's reason a letter cannot go now, or None (screens/letters.py's `letter_check`)."""

NO_CHANNEL = "no channel is open to you now"


def problem(check: Check, letter: Letter) -> str | None:
    """Why `letter` cannot go: no channel chosen, or the engine's reason; None if it can."""
    return check(letter) if letter.channel else NO_CHANNEL


def after_keys(page: Screen[Letter | None], then: Callable[[], object]) -> None:
    """Run `then` once the keys already handed to the focused widget are handled. ctrl+s and ctrl+e
    are the app's priority keys, taken before a backlog of typed keys queued for the text box (J2):
    what is in the box when `then` runs is everything typed before them."""
    (page.focused or page).call_later(lambda: then() if page.is_active else None)


def send(page: Screen[Letter | None], letter: Letter, check: Check, *, words_needed: bool = False) -> bool:
    """Close `page` with `letter` if it can go (and has words, where they are needed); else say why
    and keep the page open, nothing lost. True if it went."""
    if not page.is_active:
        return False
    why = problem(check, letter)
    if why:
        page.notify(escape(why), title="This letter cannot go", severity="error")
        return False
    if words_needed and not letter.text.strip():
        page.notify("Write the letter first.", title="Nothing to send", severity="warning")
        return False
    return close(page, letter)
