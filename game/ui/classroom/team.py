"""A team's side of the game screen: the team panel, recommendations beside the decisions, an advisor's
line of reasoning for a recommendation, and the drafts (written with the game's composer) that an
advisor sends and the leader may take up and send.

The server sends a side's seats their own team only (frame["team"]; see game/net/teams.py).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Input, Static

from game import schema
from game.engine.letters import Letter
from game.model import Scenario
from game.net import protocol
from game.net.client import Seat
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage

LEADER = "leader"

FORM_CSS = """
#team-form { width: 70; max-width: 100%; height: auto; max-height: 100%; padding: 0 1; }
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
            f"  {escape(who)}: [b]{escape(_label(scenario, str(r.get('decision'))))}[/b]: "
            f"[i]{escape(str(r.get('reason', '')))}[/i]"
        )
    drafts = team.get("drafts") or []
    if drafts:
        hint = " (u: the newest goes with your next order)" if role == LEADER else ""
        lines.append(f"[b]Draft letters[/b]{hint}")
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


async def draft(seat: Seat, letter: Letter) -> None:
    if seat.ws is None:
        raise ConnectionError("not connected: the draft was not sent")
    await seat.ws.send_str(protocol.encode("draft", letter=schema.dump(letter)))


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


def advising(seat: Seat | None) -> bool:
    """Whether this seat is an advisor's (who recommends and drafts) rather than the leader's."""
    return seat is not None and getattr(seat, "role", LEADER) != LEADER


def send_draft(app: App[Any], seat: Seat, letter: Letter) -> None:
    """An advisor's letter, written with the game's composer, goes to the leader as a draft."""

    async def send() -> None:
        try:
            await draft(seat, letter)
        except ConnectionError as err:
            app.notify(str(err), severity="error")
        else:
            app.notify("Your draft is on your leader's screen; the leader may send it.", title="Draft sent")

    app.run_worker(send(), group="team")


def newest_draft(team: dict[str, Any] | None) -> tuple[str, Letter] | None:
    """The newest draft of the leader's team this turn: who wrote it, and the letter."""
    drafts = (team or {}).get("drafts") or []
    for d in reversed(drafts):
        try:
            return str(d.get("by") or "an advisor"), schema.load(d.get("letter"), Letter)
        except schema.SchemaError:
            continue
    return None


def check(action: str, seat: Seat | None, may_write: bool, team: dict[str, Any] | None) -> bool | None:
    """The team's say on the network desk's keys (None: it has none). The leader sends the team's
    newest draft with `u`; an advisor answers a letter with a draft (w, c), never straight away (a)."""
    if action == "use_draft":
        return not advising(seat) and may_write and newest_draft(team) is not None
    if action == "answer" and advising(seat):
        return False
    return None
