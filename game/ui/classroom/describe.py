"""One table in full, as text for the console: its log, both sides' letters, what each side has seen.

Pure functions of the server's TABLE_FULL answer (see /api/classes/{code}/tables/{table}); Rich-markup
text with every piece of data escaped, so nothing a student writes can style the teacher's screen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.markup import escape

from game.dates import short_date
from game.model import CrisisError
from game.ui.classroom.rows import SIDE_SHORT, awaiting, clock, defcon, reading, risk, seconds_left

if TYPE_CHECKING:
    from game.model import Scenario

SIDE_NAME = {"kennedy": "Kennedy", "khrushchev": "Khrushchev"}


def _e(value: Any) -> str:
    return escape(str(value))


def heading(n: int, table: dict[str, Any], phase_label: Callable[[str], str] = str) -> str:
    """Table n, its code, where it stands, in one line."""
    phase = phase_label(table["phase"]) if table.get("phase") else None
    where = table.get("headline") or table.get("ending") or phase or "-"
    return (
        f"[b]Table {n}[/b] {_e(table.get('code', ''))}  {_e(short_date(table.get('date') or ''))}  "
        f"turn {_e(table.get('turn', '?'))}  {_e(table.get('state', '?'))}  {_e(where)}"
    )


def _readers(table: dict[str, Any], since: float) -> str:
    """', Kennedy reading the report (0:40 before the clock starts)' for each seat still reading it."""
    out = ""
    for side in table.get("waiting_for") or ():
        left = reading(table, side, since)
        if left is not None:
            out += f", {SIDE_NAME.get(side, side)} reading the report ({clock(left)} before its clock starts)"
    return out


def summary(table: dict[str, Any], since: float) -> str:
    """The numbers the console's row shows, with the seats and the latest headlines."""
    seats = []
    leaders = table.get("leaders") or {}
    for side, seat in (table.get("seats") or {}).items():
        who = leaders.get(side) or seat.get("name") or seat.get("player", "?")
        if seat.get("bot"):  # a bot client took a student's seat (`crisis join --bot`)
            who = f"computer ({seat['bot']})" + ("" if seat.get("connected") else " (away)")
        elif seat.get("player") == "human":
            who += " (on)" if seat.get("connected") else " (away)" if seat.get("taken") else " (free)"
        seats.append(f"{SIDE_NAME.get(side, side)}: {_e(who)}")
    timer = table.get("timer") or {}
    minutes = timer.get("minutes")
    lines = [
        "  ".join(seats),
        f"Risk of war {_e(risk(table) if risk(table) is not None else '-')}   "
        f"DEFCON {_e(defcon(table) if defcon(table) is not None else '-')}   "
        f"letters {_e(table.get('letters', '-'))}   agreements {_e(table.get('agreements', '-'))}   "
        f"awaiting {_e(awaiting(table, since))}",
        f"Timer: {'none' if minutes is None else _e(minutes) + ' min a turn'}, "
        f"{clock(seconds_left(table, since))} left{_e(_readers(table, since))}   "
        f"timeouts {_e(table.get('timeouts', 0))}   injects {_e(table.get('injects', 0))}",
    ]
    names = [str(n) for n in table.get("names") or []]
    if names:
        lines.append("Students: " + _e(", ".join(names)))
    sizes = table.get("team_sizes")
    if sizes:
        lines.append("Teams: " + "  ".join(f"{SIDE_NAME.get(k, k)} {v}" for k, v in sizes.items()))
    news = table.get("news") or []
    if news:
        lines.append("Headlines: " + " · ".join(_e(h) for h in news[-3:]))
    return "\n".join(lines)


def log_text(
    full: dict[str, Any], label: Callable[[str], str] = str, scenario: Scenario | None = None
) -> str:
    """Turn by turn: both sides' moves (with their letters' channels), events, the facilitator's controls;
    with the `scenario`, phases and endings by their titles, not their ids (K15)."""
    controls: dict[int, list[dict[str, Any]]] = {}
    for c in full.get("controls") or []:
        controls.setdefault(int(c.get("turn") or 0), []).append(c)
    out = []
    for t in full.get("log") or []:
        turn = int(t.get("turn") or 0)
        phase = _titled(scenario, str(t.get("phase", "")))
        out.append(f"[b]Turn {turn}[/b]  {_e(short_date(t.get('date') or ''))}  {_e(phase)}")
        for m in t.get("moves") or []:
            if not m:
                continue
            side = SIDE_SHORT.get(m.get("side"), m.get("side"))
            letter = m.get("letter")
            by = _channel(scenario, str(letter.get("channel", "?"))) if isinstance(letter, dict) else ""
            mail = f"  [i]+ letter ({_e(by)})[/i]" if isinstance(letter, dict) else ""
            out.append(f"  {_e(side)}: {_e(m.get('label') or m.get('decision'))}{mail}")
        for title in t.get("events") or []:
            out.append(f"  [dim]event:[/dim] {_e(title)}")
        for title in t.get("injects") or []:
            out.append(f"  [dim]inject:[/dim] {_e(title)}")
        for c in controls.pop(turn, []):
            out.append(f"  [dim]{_by(c)}:[/dim] {_e(control_text(c, label))}")
        if t.get("to"):
            out.append(f"  -> {_e(_titled(scenario, str(t['to'])))}")
    for turn in sorted(controls):
        for c in controls[turn]:
            out.append(f"[dim]turn {turn}, {_by(c)}:[/dim] {_e(control_text(c, label))}")
    now = full.get("turn", "?")
    out += [f"[dim]turn {_e(now)}, inject:[/dim] {_e(title)}" for title in full.get("injects_now") or []]
    return "\n".join(out) or "No turn played yet."


HIDDEN = {"action", "at", "turn", "detail", "key"}
"""Fields of a control not shown (where it stands in the log; an advisor's hashed credential)."""


def control_text(c: dict[str, Any], label: Callable[[str], str] = str) -> str:
    """A facilitator's control or a team's note, in words (`label`: a decision's words from its id)."""
    detail = {**(c.get("detail") or {}), **{k: v for k, v in c.items() if k not in HIDDEN}}
    if c.get("action") == "team":
        return team_text(detail, label)
    if c.get("action") == "bot":
        return (
            f"the {detail.get('policy', '?')} AI took the {detail.get('side', '?')} seat (crisis join --bot)"
        )
    if (said := _said(str(c.get("action")), detail, label)) is not None:
        return said
    words = ", ".join(f"{k} {v}" for k, v in detail.items() if v not in (None, "", []))
    return f"{c.get('action', '?')}" + (f" ({words})" if words else "")


def _said(action: str, d: dict[str, Any], label: Callable[[str], str]) -> str | None:
    """The facilitator's usual controls in a sentence (K15: 'name (side kennedy, name ann)'); None for
    another, shown field by field."""
    side = SIDE_NAME.get(str(d.get("side")), str(d.get("side", "?")))
    if action == "name":
        return f"{d.get('name') or 'a student'} took {side}'s seat"
    if action == "timer":
        if d.get("minutes") is None:
            return "timer off: each turn waits for its players"
        parts = [f"{d['minutes']:g} minute{'' if d['minutes'] == 1 else 's'} a turn"]
        if isinstance(d.get("reading"), int | float):
            parts.append(f"{d['reading']:g} s to read the report")
        how = d.get("on_timeout") or "default"
        parts.append("default orders on timeout" if how == "default" else f"the {how} AI on timeout")
        return "timer: " + ", ".join(parts)
    if action == "timeout":
        return f"{side}'s time ran out: {label(str(d.get('decision', '?')))} ({d.get('by') or 'default'})"
    return {"pause": "paused", "resume": "resumed", "reveal": "revealed history to every seat"}.get(
        action, "ended the class" if action == "end" else None
    )


def _titled(s: Scenario | None, key: str) -> str:
    """A phase's title, or an ending's headline, for its id; the id where the scenario has neither."""
    if s is not None:
        for get, attr in ((s.phase, "title"), (s.ending, "headline")):
            with contextlib.suppress(KeyError, CrisisError):
                return str(getattr(get(key), attr))
    return key


def _channel(s: Scenario | None, channel: str) -> str:
    if s is not None and s.negotiation is not None:
        with contextlib.suppress(KeyError, CrisisError):
            return s.negotiation.channel(channel).label
    return channel


def team_text(d: dict[str, Any], label: Callable[[str], str] = str) -> str:
    side = SIDE_NAME.get(str(d.get("side")), str(d.get("side", "")))
    who = f"{d.get('name') or 'a student'} ({d.get('role', '?')}, {side})"
    kind = d.get("kind")
    if kind == "on":
        return "the sides play as teams"
    if kind == "join":
        return f"{who} joined" + (" and leads" if d.get("role") == "leader" else " as an advisor")
    if kind == "recommend":
        return f"{who} recommends {label(str(d.get('decision')))}: {d.get('reason', '')}"
    if kind == "draft":
        letter = d.get("letter") or {}
        return f"{who} drafts a letter by {letter.get('channel', '?')}: {letter.get('text', '')}"
    return f"team: {d}"


def _by(c: dict[str, Any]) -> str:
    return (
        "team" if c.get("action") == "team" else "timeout" if c.get("action") == "timeout" else "facilitator"
    )


def letters_text(full: dict[str, Any], scenario: Scenario | None = None) -> str:
    """Every letter of both sides, oldest first: who, when, channel, tone, what it gives and asks with
    their marks ('secret · ≤10 days · UN check', as the students saw them: K15), its words."""
    out = []
    mails = full.get("mail")  # ("letters" in a table's glance is their number)
    for mail in mails if isinstance(mails, list) else []:
        letter = mail.get("letter") or {}
        sender = SIDE_NAME.get(mail.get("sender"), mail.get("sender"))
        state = "read" if mail.get("delivered") else f"arrives {_e(mail.get('arrives', '?'))}"
        sent, by = str(mail.get("sent", "?")), _channel(scenario, str(letter.get("channel", "?")))
        out.append(
            f"[b]{_e(sender)}[/b], {_e(short_date(sent[:10]))} by {_e(by)} "
            f"({_e(letter.get('tone', '?'))}; {state})"
        )
        for key, word in (("gives", "gives"), ("demands", "asks")):
            terms = [_offer(scenario, o) for o in letter.get(key) or []]
            if terms:
                out.append(f"  {word}: {_e('; '.join(terms))}")
        if letter.get("answer"):
            out.append(f"  answer: {_e(letter['answer'])}")
        if letter.get("text"):
            out.append(f"  [i]{_e(letter['text'])}[/i]")
    return "\n".join(out) or "No letter yet."


def _offer(s: Scenario | None, data: Any) -> str:
    """A term as a letter gives or asks it: its label, then its marks ('secret · later · aerial check')."""
    from game import schema
    from game.diplomacy import Offer
    from game.engine.letters import offer_marks

    try:
        offer = schema.load(data, Offer)
    except CrisisError:  # (not an offer: shown as it came)
        return str(data.get("term", "?") if isinstance(data, dict) else data)
    label = s.term_label(offer.term) if s is not None else offer.term
    return " · ".join([label, *offer_marks(s.negotiation if s is not None else None, offer)])


def seen_text(view: dict[str, Any] | None, scenario: Scenario | None = None) -> str:
    """What one side has seen: its tracks, its log of turns and events, and its agreements (with the
    `scenario`, each by its label, not its id: H19)."""
    if not view:
        return "Not available."

    def named(get: Callable[[str], Any], key: str, attr: str) -> str:
        if scenario is not None:
            with contextlib.suppress(KeyError):
                return str(getattr(get(key), attr))
        return key

    track = scenario.track if scenario else None
    event = scenario.event if scenario else None
    tracks = "  ".join(
        f"{_e(named(track, k, 'label') if track else k)} {_e(v)}"
        for k, v in (view.get("tracks") or {}).items()
    )
    out = [f"[b]{_e(short_date(view.get('date') or ''))}[/b], turn {_e(view.get('turn', '?'))}", tracks, ""]
    for t in view.get("log") or []:
        events = "; ".join(named(event, str(e), "title") if event else str(e) for e in t.get("events") or [])
        out.append(f"turn {_e(t.get('turn'))}: {_e(events) if events else '[dim]no event seen[/dim]'}")
    for a in view.get("agreements") or []:
        out.append(f"agreement {_e(a.get('id', '?'))} of {_e(a.get('date', '?'))}")
    return "\n".join(out)
