"""The first game's tips: the desk, the tracks, a decision, a report, a letter and its answer, one at a time.

Plain Python (no Textual): the desk tells the coach what happened (`seen`), and shows `tip()`. A tip
goes when the player does what it points at, asks for the next one, or gives an order with it on the
desk (a turn is time enough to read it); after the last, none. All of them can be turned off.
A resumed game goes on from the tip its save had reached (`game/persistence/tips.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tip:
    """One tip of the first game's tutorial, shown on the desk."""

    id: str
    text: str
    """Markup shown on the desk."""
    done_by: str = "next"
    """What the player does that moves past it besides the tip key and an order: a thing the desk
    reports ('decided', 'wrote', 'read'), or 'next' for the tip key and an order only."""
    needs: str = ""
    """A thing that must have happened before it is shown ('letters': the scenario has letters; 'mail':
    a letter has arrived)."""


TIPS = (
    Tip(
        "desk",
        "This is your desk: the date and chapter on top, the [b]Situation[/b] on the left, your "
        "[b]Briefing[/b], and [b]Your decision[/b]. Tips like this one guide your first game.",
    ),
    Tip(
        "tracks",
        "The [b]Situation[/b]: the [b]risk of war[/b] matters most (at its top the crisis ends in war); "
        "DEFCON 5 is peace, 1 is war. The other meters are how each side stands, with their history.",
    ),
    Tip(
        "decide",
        "[b]Your decision[/b]: press a number to read an order, the same number again (or Enter) to give "
        "it. [b]a[/b] asks your advisors first. Both leaders choose at once, neither seeing the other.",
        done_by="decided",
    ),
    Tip(
        "report",
        "After each turn a report says what both sides did and how the meters moved; [b]n[/b] shows the "
        "news so far, [b]t[/b] your game beside history.",
    ),
    Tip(
        "letter",
        "Negotiate: [b]l[/b] writes a letter (what you give, what you ask, public or secret). It goes "
        "with your next decision, and takes its channel's time to arrive.",
        done_by="wrote",
        needs="letters",
    ),
    Tip(
        "answer",
        "A letter has come: [b]m[/b] reads it; there [b]y[/b] accepts, [b]c[/b] counters, [b]x[/b] rejects. "
        "An accepted proposal is an agreement each side must keep.",
        done_by="read",
        needs="mail",
    ),
    Tip("end", "That is the game. [b]?[/b] or F1 explains any page. Good luck, and keep the risk low."),
)


class Coach:
    """Which tip is showing; `seen` moves it on, `off` ends it."""

    def __init__(self, on: bool, letters: bool, at: int = 0) -> None:
        """`at`: the tip a resumed game had reached (`reached`), where its tips go on from."""
        self.on = on
        self.happened: set[str] = {"letters"} if letters else set()
        self.index = min(max(at, 0), len(TIPS))
        self._skip()

    def _skip(self) -> None:
        """Past tips the player has already acted on, or whose subject this game lacks (no letters)."""
        while self.index < len(TIPS):
            tip = TIPS[self.index]
            lacking = tip.needs in ("letters", "mail") and "letters" not in self.happened  # no letters here
            if not lacking and tip.done_by not in self.happened:
                return
            self.index += 1

    def tip(self) -> Tip | None:
        """The tip to show now, or None (tips off, finished, or waiting for what the next one needs)."""
        if not self.on or self.index >= len(TIPS):
            return None
        tip = TIPS[self.index]
        return tip if not tip.needs or tip.needs in self.happened else None

    def seen(self, what: str) -> None:
        """What the player did or what arrived: 'next', 'decided', 'wrote', 'mail' or 'read'."""
        tip = self.tip()
        if what != "next":
            self.happened.add(what)
        if tip is not None and what in (tip.done_by, "next", "decided"):  # an order: the tip was read
            self.index += 1
        self._skip()

    def off(self) -> None:
        self.on = False

    @property
    def reached(self) -> int:
        """The tip to go on from in a resumed game: past the last when tips were turned off."""
        return self.index if self.on else len(TIPS)

    @property
    def step(self) -> str:
        """'3/7': where the tips stand."""
        return f"{min(self.index + 1, len(TIPS))}/{len(TIPS)}"
