"""What the screens say, as Textual markup built from the scenario and one side's view (no story here)."""

from __future__ import annotations

from functools import cache

from textual.markup import escape

from game.chapter_turns import turns_left
from game.dates import long_date, short_date
from game.engine.match import SeenTurn, SideView
from game.engine.objectives import AXIS, LABEL, axis_label
from game.engine.rules import Outcome
from game.model import SIDES, Decision, Event, Fires, Scenario, Side
from game.ui import letter_text
from game.ui.session import leader, source_titles


def flat(text: str) -> str:
    """YAML folded text as one escaped paragraph."""
    return escape(" ".join(text.split()))


def tag(historical: bool) -> str:
    return "[$text-muted i]history[/]" if historical else "[$text-muted i]the game's invention[/]"


def phase_heading(s: Scenario, phase_id: str) -> str:
    p = s.phase(phase_id)
    start, end = short_date(p.dates.start.isoformat()), short_date(p.dates.end.isoformat())
    return f"[b]{escape(p.title.upper())}[/b]  [$text-muted]{start} - {end}[/]"


def briefing(
    s: Scenario, view: SideView, earlier: frozenset[str] | None = None, compact: bool = False
) -> str:
    """This turn's briefing: today, what happened since the chapter opened, the chapter's briefing as it
    reads in this state (the variant whose facts hold, `view.briefing`), and the facts this side
    knows, those new in this chapter first (`earlier`: known before).
    `compact` (a small screen, whose top line already says the date and chapter): no heading."""
    p = s.phase(view.phase)
    left = turns_left(s, view.phase, view.turns_left)
    lines = [phase_heading(s, view.phase), f"[b]{long_date(view.date)}[/b]  [$text-muted]{left}[/]"]
    if compact:
        lines = []
    happened = [
        f"[$text-muted]•[/] {escape(short_date(t.date).rsplit(',', 1)[0])}: {escape(s.event(e).title)}"
        for t in reversed(view.log)
        if t.phase == view.phase
        for e in t.events
    ]
    if view.objectives:
        lines = [*lines, *aims(s, view), ""] if lines else [*aims(s, view), ""]
    if happened:
        lines += ["", "[b]Since the chapter opened[/b]", *happened[:5]]
        lines += ["", "[$text-muted i]The chapter's briefing, as things stand today:[/]"]
    elif lines:
        lines.append("")
    if lines and not lines[0]:
        lines.pop(0)
    lines.append(flat(view.briefing or p.briefing[view.side].text))
    before = background(s)
    known = [f for f in s.flags if f.id in view.flags]
    new = [f for f in known if (earlier is None or f.id not in earlier) and f.id not in before]
    old = [f for f in known if earlier is not None and f.id in earlier and f.id not in before]
    told = [f for f in known if f.id in before]
    if new:
        lines += ["", "[b]The situation[/b]" if earlier is None else "[b]New in this chapter[/b]"]
        lines += [f"[$text-muted]•[/] {flat(f.description)}" for f in new]
    if old:
        lines += ["", "[b]Still true[/b]"]
        lines += [f"[$text-muted]• {flat(f.description)}[/]" for f in old]
    if told:
        lines += ["", "[b]Background[/b] [$text-muted](the story before this game began)[/]"]
        lines += [f"[$text-muted]• {flat(f.description)}[/]" for f in told]
    return "\n".join(lines)


@cache
def background(s: Scenario) -> frozenset[str]:
    """The facts a scenario that starts in the middle of the story sets as it opens (the history it
    takes as made): told as background, not as news of its first turn (G16). None for one that starts
    at the beginning."""
    if not (s.start.taken or s.start.fired):
        return frozenset()
    return frozenset(s.start.flags) | {f.id for f in s.flags if f.start}


def aims(s: Scenario, view: SideView) -> list[str]:
    """This side's hidden objectives: the newest (this chapter's, as a rule) in full, the earlier by
    title. Only this side's own: the view holds no other."""
    *earlier, latest = view.objectives
    o = latest.objective
    lines = [
        f"[b $accent]Your hidden aim:[/] [b]{escape(o.title)}[/b] "
        "[$text-muted](secret; scored at the end)[/]",
        flat(o.text),
    ]
    if earlier:
        titles = "; ".join(escape(a.objective.title) for a in earlier)
        lines.append(f"[$text-muted]Still yours from before: {titles}.[/]")
    return lines


def new_aim(view: SideView, chapter: str) -> str:
    """For a chapter card: the hidden aim this side drew as `chapter` opened ('' if none)."""
    drawn = [a for a in view.objectives if a.chapter == chapter]
    if not drawn:
        return ""
    o = drawn[-1].objective
    return (
        f"\n\n[b $accent]YOUR HIDDEN AIM[/] [$text-muted](secret: your opponent has one too; "
        f"both are scored on the {escape(LABEL)} count and revealed at the end)[/]\n"
        f"[b]{escape(o.title)}[/b]. {flat(o.text)}"
    )


def move_line(s: Scenario, side: Side, viewer: Side, decision: str | None) -> str:
    who = "You" if side is viewer else leader(s, side)
    if decision is None:
        return f"[b]{who}:[/b] [$text-muted i]a move you did not see[/]"
    return f"[b]{who}:[/b] {escape(s.decision(decision).label)}"


def event_block(s: Scenario, e: Event, spoilers: bool, full: bool = True) -> str:
    head = f"[b $error]FLASH[/] [b]{escape(e.title)}[/b]" if e.flash else f"[b]{escape(e.title)}[/b]"
    if spoilers:
        head += f"  {tag(e.historical)}"
    return f"{head}\n{flat(e.text)}" if full else head


_WORD_NEWS = frozenset({"broken", "revealed", "reneged"})
"""The news of the negotiation the desk's feed keeps beside the moves: promises broken, confidences
revealed, words gone back on (the turn's report tells all of it)."""


def feed(s: Scenario, view: SideView, spoilers: bool) -> str:
    """Everything this side has seen happen, newest first."""
    lines: list[str] = []
    for turn in reversed(view.log):
        lines.append(
            f"[b $accent]{short_date(turn.date)}[/]  [$text-muted]{escape(s.phase(turn.phase).title)}[/]"
        )
        for side, move in zip(SIDES, _moves_by_side(turn), strict=True):
            lines.append("  " + move_line(s, side, view.side, move))
        for e in turn.events:
            lines.append("  " + event_block(s, s.event(e), spoilers, full=False).replace("\n", "\n  "))
        kept = [n for n in turn.news if n.kind in _WORD_NEWS]  # a word broken stays in the feed (N14)
        lines += ["  " + line for line in letter_text.news_lines(s, kept, view.side)]
        if turn.to and not s.is_ending(turn.to):
            lines.append(f"  [$text-muted]→ {escape(s.phase(turn.to).title)}[/]")
        lines.append("")
    if view.opening:
        lines.append("[b $accent]As the game opens[/]")
        lines += ["  " + event_block(s, s.event(e), spoilers, full=False) for e in view.opening]
    return "\n".join(lines) or "[$text-muted]Nothing has happened yet.[/]"


def _moves_by_side(turn: SeenTurn) -> list[str | None]:
    """The turn's moves in side order, None where hidden (the log keeps side order)."""
    out: list[str | None] = []
    for i, _side in enumerate(SIDES):
        m = turn.moves[i] if i < len(turn.moves) else None
        out.append(m.decision if m is not None else None)
    return out


def changes(s: Scenario, before: dict[str, int], after: dict[str, int], visible: dict[str, int]) -> str:
    """The tracks this side sees that moved, with arrows coloured by whether it is good news."""
    parts = []
    for t in s.tracks:
        if t.id not in visible or before.get(t.id) == after.get(t.id):
            continue
        old, new = before[t.id], after[t.id]
        worse = (new > old) == (t.higher_is == "bad")
        colour = "$error" if worse else "$success"
        arrow = "▲" if new > old else "▼"
        parts.append(f"{escape(t.label)} [{colour}]{old}→{new} {arrow}[/]".replace(" ", "\u00a0"))
    return "   ".join(parts)


def in_history(s: Scenario, d: Decision, real: Decision | None, side: Side) -> str:
    """What really happened at this point (`real`, the engine's `Game.history`), after `side` chose
    `d`: the note and its sources.

    The chosen decision's own note says it best; without one, the note of what was really done.
    """
    lines = []
    told = d
    if real is not None and real.id == d.id:
        lines.append(f"[$success]✓[/] {escape(leader(s, side))} did the same.")
    elif real is not None:
        lines.append(f"What {escape(leader(s, side))} really did: [b]{escape(real.label)}[/b]")
        if not d.note:
            told = real
    else:
        lines.append("[$text-muted]History had left this road by then.[/]")
    if told.note and told is d and real is not None and real.id != d.id:
        lines.append(f"[$text-muted i]Your choice, in history:[/] {flat(told.note)}")
    elif told.note:
        lines.append(flat(told.note))
    titles = source_titles(s, told.source)
    if titles:
        lines.append("[$text-muted i]Sources: " + escape("; ".join(titles)) + "[/]")
    return "\n".join(lines)


def report(
    s: Scenario,
    view: SideView,
    index: int,
    before: dict[str, int],
    after: dict[str, int],
    spoilers: bool,
    letters: str = "",
    real: Decision | None = None,
    why: str = "",
) -> str:
    """One resolved turn as `view.side` saw it: both moves, letters arrived (`letters`, markup), what
    came of the talks, the news, what changed (after `why`, markup: a facilitator's injects), and
    (spoilers) what `view.side` really did (`real`)."""
    turn = view.log[index]
    lines = [f"[b]{long_date(turn.date)}[/b]  [$text-muted]{escape(s.phase(turn.phase).title)}[/]", ""]
    moves = _moves_by_side(turn)
    order = sorted(zip(SIDES, moves, strict=True), key=lambda sm: sm[0] is not view.side)  # yours first
    for side, move in order:  # the order's name only: its description speaks to its own leader (G21)
        lines.append(move_line(s, side, view.side, move))
    if letters:
        lines += ["", letters]
    talks = letter_text.news_lines(s, turn.news, view.side)
    if talks:
        lines += ["", *talks]
    opening = opened(s, turn)
    for e in turn.events:
        if e not in opening:
            lines += ["", event_block(s, s.event(e), spoilers)]
    moved = changes(s, before, after, view.tracks)
    if why:
        lines += ["", why]
    if moved:
        lines += ["", moved]
    if turn.to and s.is_ending(turn.to):
        lines += ["", "[b $warning]The crisis has reached its end.[/]"]
    elif turn.to:
        lines += ["", f"[b $accent]Next: {escape(s.phase(turn.to).title)}[/]"]
        if opening:  # the news of the chapter's opening, on its first day, not the report's (G10)
            first = view.log[index + 1].date if index + 1 < len(view.log) else view.date
            told = "\n\n".join(event_block(s, s.event(e), spoilers) for e in opening)
            lines += ["", f"[b]{long_date(first)}[/b]", told]
    mine = moves[SIDES.index(view.side)]
    if spoilers and mine is not None:
        lines += [
            "",
            "[b $accent]IN HISTORY[/]",
            in_history(s, s.decision(mine), real, view.side),
        ]
    return "\n".join(lines)


def opened(s: Scenario, turn: SeenTurn) -> tuple[str, ...]:
    """The events of `turn` that opened the chapter it led to (fired on entering it): news of that
    chapter's first day, told after the turn's own."""
    if not turn.to or s.is_ending(turn.to):
        return ()
    entered = {e.id for e in s.phase(turn.to).events if e.fires is Fires.ENTER}
    return tuple(e for e in turn.events if e in entered)


def counsel(s: Scenario, phase: str, side: Side, legal: list[str]) -> str:
    """The advisors' counsel this phase, each tied to the number of the decision they urge."""
    names = {a.id: a for a in s.advisors if a.side is side}
    lines = []
    for c in s.phase(phase).counsel:
        a = names.get(c.advisor)
        if a is None:
            continue
        d = s.decision(c.recommends)
        if legal and d.id not in legal:
            continue  # counsel for what can be done now (B12); with no orders to give, all of it
        key = f"[b $accent]{legal.index(d.id) + 1}[/] " if d.id in legal and legal.index(d.id) < 9 else ""
        closed = "" if d.id in legal else " [$text-muted i](not open now)[/]"
        lines.append(f"[b]{escape(a.name)}[/b] [$text-muted]{escape(a.role)}[/]")
        lines.append(f"  urges {key}[b]{escape(d.label)}[/b]{closed}")
        lines.append(f"  {flat(c.reason)}")
        lines.append("")
    return "\n".join(lines).strip() or "[$text-muted]No one offers counsel in this phase.[/]"


def phase_card(
    s: Scenario, phase: str, side: Side, date: str, told: str = "", left: int | None = None
) -> str:
    """A chapter's title, dates and `side`'s briefing (`told`: as the engine tells it in this state);
    `left`, the chapter's turns after this one (`SideView.turns_left`) as the desk counts them, else
    (a chapter passed through) its length."""
    p = s.phase(phase)
    count = f"{_turns(len(p.calendar) or 1)} in this chapter" if left is None else turns_left(s, phase, left)
    return "\n".join(
        [
            phase_heading(s, phase),
            f"[$text-muted]{long_date(date)} · {count}[/]",
            "",
            flat(told or p.briefing[side].text),
        ]
    )


def scores_table(s: Scenario, out: Outcome) -> list[tuple[str, int, int]]:
    """(axis label, Kennedy's score, Khrushchev's score) per axis."""
    k, kh = SIDES
    axes = [*s.axes, *([AXIS] if any(AXIS in out.scores[side] for side in SIDES) else [])]
    return [(axis_label(s, axis), out.scores[k].get(axis, 0), out.scores[kh].get(axis, 0)) for axis in axes]


def revealed(s: Scenario, out: Outcome) -> str:
    """Both sides' hidden objectives at the end, each met or not (empty: a game without them)."""
    from game.analysis.debrief import aim_rows  # only at the end of a game

    rows = aim_rows(s, out.objectives)
    if not rows:
        return ""
    lines = ["[b]HIDDEN AIMS REVEALED[/b]"]
    for row in rows:
        mark = "[$success]met[/]" if row.met else f"[{'$warning' if row.void else '$error'}]{row.said}[/]"
        points = f"{row.points if row.met else 0}/{row.points}"
        lines.append(
            f"{escape(leader(s, row.side))}: [b]{escape(row.title)}[/b] "
            f"[$text-muted]({escape(row.chapter)})[/] {mark} [$text-muted]{points}[/]"
        )
    return "\n".join(lines)


def bar(value: int, width: int = 10) -> str:
    filled = max(0, min(value, width))
    return f"[$accent]{'█' * filled}[/][$text-muted]{'░' * (width - filled)}[/]"


def _turns(n: int) -> str:
    return f"{n} turn" if n == 1 else f"{n} turns"
