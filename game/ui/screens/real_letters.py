"""The real letters of the crisis, dated and sourced, beside this game's letters of the same days."""

from __future__ import annotations

from game.dates import short_date
from game.engine.match import SideView
from game.model import Scenario, Side
from game.ui import letter_text as lt
from game.ui.screens.text_page import TextPage
from game.ui.session import Match


class RealLettersScreen(TextPage):
    """Spoilers off: only the real letters dated before the game's date, or all of them at the end."""

    PAGE_HELP = """
        ## The real letters

        The letters and messages the leaders really exchanged, dated and sourced, each beside the letters
        of the same day in this game. With spoilers off, only those dated before today are shown.
    """

    FRAME_ID = "real-letters"

    @classmethod
    def of(cls, match: Match, side: Side) -> RealLettersScreen:
        return cls.seen_by(match.scenario, match.view(side), match.setup.spoilers, match.game.is_over())

    @classmethod
    def seen_by(cls, s: Scenario, view: SideView, spoilers: bool, over: bool) -> RealLettersScreen:
        """The page for one side's view (a network seat has only that), spoilers on or off."""
        side = view.side
        shown = lt.real_letters_shown(s, view.date, spoilers, over)
        total = len(s.negotiation.letters) if s.negotiation else 0
        blocks = []
        for r in shown:
            mine = lt.same_day(view.letters, r.date)
            block = lt.real_letter_block(s, r)
            if mine:
                block += "\n  [b $accent]In this game that day:[/]"
                block += "".join(
                    ("\n  " + lt.mail_block(s, m, side, prose=False, today=view.date)).replace("\n", "\n  ")
                    for m in mine
                )
            else:
                block += "\n  [$text-muted]In this game that day: no letter.[/]"
            blocks.append(block)
        if len(shown) < total:
            blocks.append(
                f"[$text-muted]Spoilers are off: {total - len(shown)} more real letter(s), dated "
                f"{short_date(view.date)} or later, are shown at the end.[/]"
            )
        if not blocks:
            blocks.append("[$text-muted]This scenario has no real letters.[/]")
        return cls("The real letters", "\n\n".join(blocks), "↑↓ scroll · Enter or Escape closes")
