"""The network desk's pages, as the local desk shows them: each turn's report once it resolves, and the
front page at the end, built from the finished game (which the server gives anyone once it is over)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from textual.markup import escape

from game.dates import short_date
from game.engine.history import on_date
from game.engine.match import SideView
from game.model import CrisisError, Decision, Scenario, Side
from game.ui import letter_text, text
from game.ui.session import Match
from game.ui.setup import Setup

READ = "m reads it, to accept, counter or reject it there."
"""How a letter that came is read and answered from its report: m opens the letters page, where y, c
and x answer it (the report itself takes no a, c or x: J12)."""


@dataclass
class Reports:
    """What one seat has been told: the turns reported, the letters announced, and what it saw at the
    start of each turn (the tracks, and history's decision among those it was offered)."""

    told: int = -1
    """Turn records reported so far; -1 before the first frame (a seat taken mid-game starts there)."""
    tracks: dict[int, dict[str, int]] = field(default_factory=dict)
    """Per turn record index, the tracks this side saw as that turn opened."""
    real: dict[int, Decision | None] = field(default_factory=dict)
    """Per turn record index, what the real leader did that day, if it was among the orders offered
    (`engine.history`: the same answer as the local desk's)."""
    letters: set[str] = field(default_factory=set)
    """Letters already announced (a report names each once)."""

    def pages(
        self, s: Scenario, view: SideView, spoilers: bool, notices: Sequence[dict[str, Any]] = ()
    ) -> list[tuple[str, str]]:
        """The reports (title, markup) of the turns resolved since the last frame, oldest first, each
        with the server's `notices` of its turn: a timeout under the orders, injects above the changes."""
        opened = len(view.log)
        self.tracks.setdefault(opened, dict(view.tracks))
        offered = {m.decision for m in view.legal}
        if offered and opened not in self.real:  # history's order that day, if it was open here
            real = on_date(s, view.phase, view.date, view.side)
            self.real[opened] = real if real is not None and real.id in offered else None
        if self.told < 0:  # joined now (or again): what came before is in the feed
            self.told = opened
            self.letters |= {m.id for m in view.letters}
            return []
        out = []
        for index in range(self.told, opened):
            before = self.tracks.get(index, self.tracks[opened])
            after = self.tracks.get(index + 1, self.tracks[opened])
            timeouts, why = _told(notices, view.log[index].turn)
            arrived = "\n".join(x for x in (timeouts, self._arrivals(s, view)) if x)
            body = text.report(s, view, index, before, after, spoilers, arrived, self.real.get(index), why)
            out.append((f"Report · {short_date(view.log[index].date)}", body))
        self.told = opened
        return out

    def _arrivals(self, s: Scenario, view: SideView) -> str:
        lines = []
        for mail in view.letters:
            if mail.id not in self.letters and mail.sender is not view.side and mail.delivered:
                self.letters.add(mail.id)
                lines.append(
                    letter_text.arrival_line(s, mail, READ if mail.letter.is_proposal else "m reads it.")
                )
        return "\n".join(lines)


def _told(notices: Sequence[dict[str, Any]], turn: int) -> tuple[str, str]:
    """Markup for a report of `turn`: this seat's timeout ('Your time ran out: ...') and the
    facilitator's injects of that turn, whose effects count as it resolves (H4, H12)."""
    timeouts, injects = [], []
    for n in notices:
        if n.get("turn") != turn:
            continue
        words = escape(str(n.get("text", "")))
        if n.get("kind") == "timeout":
            timeouts.append(f"[b $warning]{words}[/]")
        else:
            title = f"{escape(str(n['title']))}: " if n.get("title") else ""
            kind = escape(str(n.get("kind") or "news"))
            injects.append(f"[b]From the facilitator[/b] ({kind}) {title}{words}")
    return "\n".join(timeouts), "\n".join(injects)


def finished(s: Scenario, data: dict[str, Any], viewer: Side) -> Match:
    """The finished game of a table's export (`GET /api/tables/CODE/export`) as `viewer` played it:
    every move replayed here, and refused if it does not come to the server's state."""
    from game.net.tables import from_export  # (with the server's AI: only at the end of a game)

    game = from_export(s, data, f"table {data.get('code', '')}")
    if not game.is_over():
        raise CrisisError("the table's game is not over: its front page waits for its ending")
    seats = data.get("sides") or {}
    other = str(seats.get(viewer.other.value) or "human")
    setup = Setup(s.id, viewer.value, opponent=other, seed=int(data["seed"]), spoilers=True)
    match = Match(game, setup)
    match.seen = {viewer: len(game.state.log)}
    return match
