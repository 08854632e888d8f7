"""The turn's report: both moves, the news, what moved, and (spoilers on) what really happened."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType

from game.ui.screens.text_page import TextPage


class TurnReport(TextPage):
    """One resolved turn, as one side saw it."""

    PAGE_HELP = """
        ## Report

        One resolved turn: both orders (a secret one stays secret), the news, letters that arrived, how
        the meters moved, and, with spoilers on, what really happened that day. **m** opens the letters
        (a letter that came is read and answered there); Enter goes on.
    """

    FRAME_ID = "report"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("m", "mail", "Letters")]

    def __init__(self, title: str, markup: str, mail: Callable[[], None] | None = None) -> None:
        super().__init__(title, markup, "m letters · Enter to continue" if mail else "Enter to continue")
        self.mail = mail
        """Opens the letters over the report (None: a scenario without letters)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.mail is not None if action == "mail" else True

    def action_mail(self) -> None:
        if self.mail is not None:
            self.mail()
