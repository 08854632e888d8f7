"""A team's side of the game screen: the team panel, recommendations beside the decisions, and the
advisor's two forms (a line of reasoning for a recommendation; a draft letter for the leader).

The server sends a side's seats their own team only (frame["team"]; see game/net/teams.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Input, Select, Static, TextArea

from game.model import Scenario
from game.net import protocol
from game.net.client import Seat
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage

LEADER = "leader"

FORM_CSS = """
#team-form { width: 70; max-width: 100%; height: auto; max-height: 100%; padding: 0 1; }
#team-form.draft TextArea { height: 8; }
#team-error { color: $error; height: auto; }
"""
"""The forms open over the network game (remote.tcss) and the console alike, so they carry their style."""


def _label(scenario: Scenario, decision: str) -> str:
    try:
        return scenario.decision(decision).label
    except KeyError:
        return decision


def advised(base: dict[str, list[str]], team: dict[str, Any] | None) -> dict[str, list[str]]:
    """The scenario's advisors of each decision, and the team's students who recommend it."""
    out = {k: list(v) for k, v in base.items()}
    for r in (team or {}).get("recommendations") or []:
        who = f"{r.get('by') or 'an advisor'} ({r.get('title') or r.get('role')})"
        out.setdefault(str(r.get("decision")), []).insert(0, who)
    return out


def panel(scenario: Scenario, team: dict[str, Any] | None, role: str) -> str:
    """The team panel: who is in the team, this turn's recommendations with their reasons, the drafts."""
    if not team:
        return ""
    titles = {m.get("role"): m.get("title") for m in team.get("members") or []}
    people = ", ".join(
        f"{escape(m.get('name') or '?')} ({escape(str(m.get('title')))})" for m in team.get("members") or []
    )
    you = (
        "the leader: you give the orders"
        if role == LEADER
        else f"advising as {escape(str(titles.get(role, role)))}"
    )
    lines = [f"[b]Your team[/b] ({you}): {people or 'no one yet'}"]
    recs = team.get("recommendations") or []
    if recs:
        lines.append("[b]Recommended this turn[/b]")
    for r in recs:
        who = f"{r.get('by') or '?'} ({titles.get(r.get('role'), r.get('role'))})"
        lines.append(
            f"  {escape(who)}: [b]{escape(_label(scenario, str(r.get('decision'))))}[/b], "
            f"[i]{escape(str(r.get('reason', '')))}[/i]"
        )
    drafts = team.get("drafts") or []
    if drafts:
        lines.append("[b]Draft letters[/b]")
    for d in drafts:
        letter = d.get("letter") or {}
        who = f"{d.get('by') or '?'} ({titles.get(d.get('role'), d.get('role'))})"
        lines.append(
            f"  {escape(who)}, by {escape(str(letter.get('channel')))}: {escape(str(letter.get('text', '')))}"
        )
    return "\n".join(lines) + "\n"


async def recommend(seat: Seat, decision: str, reason: str) -> None:
    if seat.ws is None:
        raise ConnectionError("not connected: the recommendation was not sent")
    await seat.ws.send_str(protocol.encode("recommend", decision=decision, reason=reason))


async def draft(seat: Seat, channel: str, text: str) -> None:
    if seat.ws is None:
        raise ConnectionError("not connected: the draft was not sent")
    letter = {"channel": channel, "tone": "firm", "gives": [], "demands": [], "text": text}
    await seat.ws.send_str(protocol.encode("draft", letter=letter))


class ReasonScreen(ModalPage[str | None]):
    """An advisor's line of reasoning for the decision they recommend to the leader."""

    PAGE_HELP = """
        ## Recommend a decision

        You advise the leader; only the leader's order counts. Say in one line why you recommend
        this decision: it appears beside the decision on the leader's screen and in the table's log.
        **Enter** sends it, **Escape** goes back.
    """
    DEFAULT_CSS = FORM_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="team-form", classes="frame") as frame:
            frame.border_title = "Recommend"
            yield Static(f"Why [b]{escape(self.label)}[/b]? (one line)")
            yield Input(placeholder="because ...", id="team-reason", max_length=300)
            yield Static("", id="team-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.query_one("#team-error", Static).update("Give the leader a reason, in a line.")
            return
        close(self, reason)

    def action_cancel(self) -> None:
        close(self, None)


class DraftScreen(ModalPage[tuple[str, str] | None]):
    """An advisor's draft letter: a channel and the words; the leader reads it and may send it."""

    PAGE_HELP = """
        ## Draft a letter

        Write a letter the leader may send: choose the channel, write the words. It goes to your
        team's leader (never to the other side) and into the table's log. **ctrl+s** sends the draft,
        **Escape** goes back.
    """
    DEFAULT_CSS = FORM_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "send", "Send the draft", key_display="^s"),
    ]

    def __init__(self, channels: list[tuple[str, str]]) -> None:
        """`channels`: (id, label) of the channels the side may write by now."""
        super().__init__()
        self.channels = channels

    def compose(self) -> ComposeResult:
        with Vertical(id="team-form", classes="frame draft") as frame:
            frame.border_title = "Draft a letter for the leader"
            yield Select([(label, cid) for cid, label in self.channels], id="team-channel", allow_blank=False)
            yield TextArea(id="team-text")
            yield Static("", id="team-error")

    def action_send(self) -> None:
        text = self.query_one("#team-text", TextArea).text.strip()
        if not text:
            self.query_one("#team-error", Static).update("Write the letter's words first.")
            return
        close(self, (str(self.query_one("#team-channel", Select).value), text))

    def action_cancel(self) -> None:
        close(self, None)


def ask_reason(app: App[Any], seat: Seat, scenario: Scenario, decision: str) -> None:
    """An advisor chose a decision: ask why, then send the recommendation to the team's leader."""

    async def send(reason: str | None) -> None:
        if reason:
            try:
                await recommend(seat, decision, reason)
            except ConnectionError as err:
                app.notify(str(err), severity="error")
            else:
                app.notify(f"Recommended to your leader: {_label(scenario, decision)}")

    def answered(reason: str | None) -> None:
        app.run_worker(send(reason), group="team")

    app.push_screen(ReasonScreen(_label(scenario, decision)), answered)


def ask_draft(app: App[Any], seat: Seat, scenario: Scenario, channels: tuple[str, ...]) -> None:
    """An advisor drafts a letter for the leader: the channel and the words."""
    named = {c.id: c.label for c in getattr(scenario.negotiation, "channels", ())}
    choices = [(c, named.get(c, c)) for c in channels]
    if not choices:
        app.notify("Your side has no channel to write by yet.", severity="warning")
        return

    async def send(answer: tuple[str, str] | None) -> None:
        if answer:
            try:
                await draft(seat, *answer)
            except ConnectionError as err:
                app.notify(str(err), severity="error")
            else:
                app.notify("Your draft is on your leader's screen.")

    def answered(answer: tuple[str, str] | None) -> None:
        app.run_worker(send(answer), group="team")

    app.push_screen(DraftScreen(choices), answered)
