"""The game's flow on the desk, without Textual: what comes next, and the pages a side has yet to read.

The desk (screens/desk.py) asks `next_step` in a loop and does what it says: show a side its news
(`news`: the pages, in order), the ending, the opponent thinking, the hand-over to the other player,
or wait for the viewer's decision. Everything here is plain Python over the Match, so the order of
pages and turns is tested without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.markup import escape

from game.dates import long_date, short_date
from game.model import Event, Side
from game.ui import letter_text, rules_text, text
from game.ui.session import Match

StepKind = Literal["news", "ending", "think", "hand_over", "decide"]


@dataclass(frozen=True)
class Step:
    """What the desk does next: for `news` and `decide` the viewer, `think` the computer's side,
    `hand_over` the player who takes the keyboard; `ending` has no side."""

    kind: StepKind
    side: Side | None = None


@dataclass(frozen=True)
class NewsPage:
    """One page to read: a chapter card, a FLASH, or a turn's report."""

    kind: Literal["card", "flash", "report"]
    title: str = ""
    body: str = ""
    """Markup (card and report)."""
    event: Event | None = None
    """The incident (flash)."""
    when: str = ""
    """Its date in words (flash)."""


def next_step(match: Match, viewer: Side) -> Step:
    """What the game needs now, seen from the desk of `viewer`."""
    m = match
    if viewer in m.humans and (m.seen[viewer] < 0 or m.unseen(viewer)):
        return Step("news", viewer)
    if m.game.is_over():
        return Step("ending")
    human, ai = m.next_human(), m.next_ai()
    if human is None and ai is not None:
        return Step("think", ai)
    if viewer in m.humans and viewer in m.game.sides_to_act():
        return Step("decide", viewer)  # the player at the keyboard orders before passing it on
    if human is not None:
        return Step("hand_over", human)  # so the one who hands over has always given this turn's orders
    return Step("decide", viewer)


def arrivals(match: Match, side: Side) -> str:
    """The letters arrived since `side`'s last report, as lines for the report (each told once)."""
    s = match.scenario
    known = match.letters_known.setdefault(side, set())
    lines = []
    for mail in match.view(side).letters:
        if mail.id not in known and mail.sender is not side:
            known.add(mail.id)
            lines.append(letter_text.arrival_line(s, mail))
    return "\n".join(lines)


def news(match: Match, side: Side) -> list[NewsPage]:
    """What `side` has not been shown yet, in order, counted as shown: the opening (or, for a resumed
    game, where it stands), then each turn's flashes, its report, and the chapter it led to."""
    m, s = match, match.scenario
    view = m.view(side)
    spoilers = m.setup.spoilers
    if m.seen[side] < 0 and view.log:  # a game resumed from a save: where it stands now
        m.seen[side] = len(view.log)
        if m.game.is_over():
            return []  # the front page says it
        card = text.phase_card(s, view.phase, side, view.date, view.briefing, view.turns_left)
        return [NewsPage("card", s.title, card)]
    if m.seen[side] < 0:
        card = text.phase_card(s, view.phase, side, view.date, view.briefing, view.turns_left)
        calm = [e for e in view.opening if not s.event(e).flash]
        if calm:
            card += "\n\n" + "\n\n".join(text.event_block(s, s.event(e), spoilers) for e in calm)
        card += "\n\n" + rules_text.how_to_win(s, side)  # before the first decision
        card += text.new_aim(view, view.phase)
        pages = [NewsPage("card", s.title, card)]
        when = long_date(view.date)
        pages += [NewsPage("flash", event=s.event(e), when=when) for e in view.opening if s.event(e).flash]
        m.seen[side] = 0
        return pages
    pages = []
    for index in m.unseen(side):
        turn = view.log[index]
        when = long_date(turn.date)
        pages += [NewsPage("flash", event=s.event(e), when=when) for e in turn.events if s.event(e).flash]
        # news of a letter has its place in the report, near the top: not a notice over the text
        before, after = m.tracks_at(index), m.tracks_at(index + 1)
        real = m.real[index].get(side) if index < len(m.real) else None
        body = text.report(s, view, index, before, after, spoilers, arrivals(m, side), real)
        if turn.to and s.is_ending(turn.to) and m.game.is_over():  # the war's cause, nothing hidden (F5)
            from game.analysis.war_cause import war_cause  # only at the end of a game

            cause = war_cause(s, m.game.state)
            body += "".join(
                f"\n\n[b $error]{escape(c)}[/]" if i == 0 else f"\n{escape(c)}" for i, c in enumerate(cause)
            )
        pages.append(NewsPage("report", f"Report · {short_date(turn.date)}", body))
        m.seen[side] = index + 1
        if turn.to and not s.is_ending(turn.to) and not m.game.is_over():
            now = turn.to == view.phase  # else a chapter passed through: its briefing and length
            told, left = (view.briefing, view.turns_left) if now else ("", None)
            card = text.phase_card(s, turn.to, side, view.date, told, left) + text.new_aim(view, turn.to)
            pages.append(NewsPage("card", s.title, card))
    return pages
