"""The debrief: a game's decisions beside what really happened, its turning points, the risk of war
over time (an inline SVG chart), both sides' scores, and discussion questions chosen by its choices.

`debrief(game)` gathers it; `markdown(d)` and `html(d)` write it out (the HTML is one self-contained
file: inline style and chart, nothing fetched, so it opens offline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from game.analysis.history import (
    Step,
    TurningPoint,
    diverged_at,
    risk_series,
    risk_track,
    steps,
    turning_points,
)
from game.engine import rules
from game.engine.game import Game
from game.model import SIDES, Question, Scenario, Side, Source


@dataclass(frozen=True)
class DecisionRow:
    turn: int
    date: str
    phase: str
    side: Side
    taken: str
    """The label of the decision taken."""
    history: str | None
    """The label of what really happened at that point (None: history had left this road)."""
    as_history: bool
    note: str
    sources: tuple[int, ...]
    """Numbers into `Debrief.sources`."""


@dataclass(frozen=True)
class LetterRow:
    """A letter written in the game, beside the real letter of that moment (if there is one)."""

    turn: int
    date: str
    side: Side
    channel: str
    tone: str
    gives: tuple[str, ...]
    demands: tuple[str, ...]
    answer: str | None
    text: str
    real: tuple[str, str, str] | None
    """(date, title, summary) of the real letter it reproduces or that was sent nearest its date."""


@dataclass(frozen=True)
class Debrief:
    scenario: Scenario
    seed: int
    sides: dict[str, str]
    turns: int
    over: bool
    ending: dict[str, Any] | None
    """id, headline, epilogue, kind, historical, date."""
    history_share: float | None
    diverged_at: int | None
    decisions: list[DecisionRow]
    turning_points: list[TurningPoint]
    risk: list[tuple[int, str, int]]
    risk_label: str
    risk_max: int
    risk_min: int
    flashes: list[int]
    """Turns with a flash event."""
    phase_changes: list[tuple[int, str]]
    scores: dict[Side, dict[str, int]]
    questions: list[Question]
    letters: list[LetterRow] = field(default_factory=list)
    sources: list[tuple[Source, tuple[str, ...]]] = field(default_factory=list)
    """Numbered from 1: each source cited, with the facts of it cited."""


def questions_for(game: Game) -> list[Question]:
    """The scenario's questions whose `when` holds for this game (all of them if `when` is absent)."""
    s, state = game.scenario, game.state
    env = rules.env_of(s, state)
    if state.ending is not None:
        env[state.ending] = True
        env[s.ending(state.ending).kind.value.replace("-", "_")] = True
    return [q for q in s.questions if q.when is None or bool(q.when(env))]


def debrief(game: Game, sides: dict[str, str] | None = None) -> Debrief:
    s, state = game.scenario, game.state
    rows = steps(game)
    cited: dict[str, list[str]] = {}
    decisions = []
    for r in rows:
        for side in SIDES:
            decisions.append(_decision_row(s, r, side, cited))
    by_id = {src.id: src for src in s.sources}
    numbered = [(by_id[sid], tuple(facts)) for sid, facts in cited.items() if sid in by_id]
    out = game.outcome()
    ending = None
    if out is not None:
        end = s.ending(out.ending)
        ending = {
            "id": end.id,
            "headline": end.headline,
            "epilogue": end.epilogue,
            "kind": end.kind.value,
            "historical": end.historical,
            "date": state.log[-1].date if state.log else state.date,
        }
    track = risk_track(s)
    return Debrief(
        scenario=s,
        seed=state.seed,
        sides=dict(sides or {}),
        turns=len(state.log),
        over=game.is_over(),
        ending=ending,
        history_share=out.history_share if out else None,
        diverged_at=diverged_at(rows),
        decisions=decisions,
        turning_points=turning_points(game, rows),
        risk=risk_series(game, rows),
        risk_label=track.label,
        risk_max=track.max,
        risk_min=track.min,
        flashes=[r.turn for r in rows if any(s.event(e).flash for e in r.events)],
        phase_changes=[(r.turn, s.phase(r.to).title) for r in rows if r.to and not s.is_ending(r.to)],
        scores=out.scores if out else {},
        questions=questions_for(game),
        letters=letters_of(game),
        sources=numbered,
    )


REAL_LETTER_DAYS = 7
"""A real letter sent within this many days of a game's letter, by the same side, stands beside it."""


def letters_of(game: Game) -> list[LetterRow]:
    """Every letter the game's moves carried, in order, each beside the real letter of its moment."""
    s = game.scenario
    neg = s.negotiation
    if neg is None:
        return []
    terms = {term.id: term.label for term in neg.terms}
    channels = {c.id: c.label for c in neg.channels}
    real = {r.id: r for r in neg.letters}
    out, shown = [], set()
    for record in game.state.log:
        for move in record.moves:
            letter = move.letter
            if letter is None:
                continue
            match = real.get(letter.real) or _nearest_real(neg.letters, move.side, record.date)
            if match is not None and not letter.real and match.id in shown:
                match = None  # a real letter stands beside the first letter of its moment only
            if match is not None:
                shown.add(match.id)
            out.append(
                LetterRow(
                    turn=record.turn,
                    date=record.date,
                    side=move.side,
                    channel=channels.get(letter.channel, letter.channel),
                    tone=str(letter.tone),
                    gives=tuple(terms.get(o.term, o.term) for o in letter.gives),
                    demands=tuple(terms.get(o.term, o.term) for o in letter.demands),
                    answer=str(letter.answer) if letter.answer else None,
                    text=letter.text,
                    real=(str(match.date), match.title, match.summary) if match else None,
                )
            )
    return out


def _nearest_real(letters: Any, side: Side, date: str) -> Any:
    import datetime as dt

    day = dt.date.fromisoformat(date[:10])
    near = [r for r in letters if r.sender is side and abs((r.date - day).days) <= REAL_LETTER_DAYS]
    return min(near, key=lambda r: (abs((r.date - day).days), r.id), default=None)


def _decision_row(s: Scenario, r: Step, side: Side, cited: dict[str, list[str]]) -> DecisionRow:
    taken = s.decision(r.moves[side].decision)
    real = s.decision(r.history[side]) if r.history[side] else None
    refs: list[int] = []
    for cite in (*(real.source if real else ()), *taken.source):
        sid, _, fact = cite.partition(".")
        if sid not in cited:
            cited[sid] = []
        if fact and fact not in cited[sid]:
            cited[sid].append(fact)
        number = list(cited).index(sid) + 1
        if number not in refs:
            refs.append(number)
    return DecisionRow(
        turn=r.turn,
        date=r.date,
        phase=s.phase(r.phase).title,
        side=side,
        taken=taken.label,
        history=real.label if real else None,
        as_history=not r.left_history(side),
        note=taken.note or (real.note if real else ""),
        sources=tuple(sorted(refs)),
    )


# ---- the chart ---------------------------------------------------------------------------


def svg_chart(d: Debrief, width: int = 720, height: int = 260) -> str:
    """The risk of war after every turn, as an inline SVG: phase changes dashed, flashes in red."""
    left, right, top, bottom = 40, 12, 16, 46
    n = max(len(d.risk) - 1, 1)
    lo, hi = d.risk_min, max(d.risk_max, d.risk_min + 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(turn: int) -> float:
        return round(left + plot_w * turn / n, 1)

    def y(value: int) -> float:
        return round(top + plot_h * (hi - value) / (hi - lo), 1)

    label = f"{d.risk_label} over {d.turns} turns"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fafafa" stroke="#bbb"/>',
    ]
    step = max(1, (hi - lo) // 5)
    for value in range(lo, hi + 1, step):
        parts.append(
            f'<line x1="{left}" y1="{y(value)}" x2="{left + plot_w}" y2="{y(value)}" stroke="#e4e4e4"/>'
            f'<text x="{left - 6}" y="{y(value) + 4}" text-anchor="end" font-size="11">{value}</text>'
        )
    for turn, title in d.phase_changes:
        parts.append(
            f'<line x1="{x(turn)}" y1="{top}" x2="{x(turn)}" y2="{top + plot_h}" stroke="#8899aa" '
            f'stroke-dasharray="4 3"><title>{escape(f"after turn {turn}: {title}")}</title></line>'
        )
    points = " ".join(f"{x(t)},{y(v)}" for t, _, v in d.risk)
    parts.append(f'<polyline points="{points}" fill="none" stroke="#b22222" stroke-width="2"/>')
    flashes = set(d.flashes)
    for t, date, v in d.risk:
        color, r = ("#d00000", 5) if t in flashes else ("#b22222", 3)
        tip = f"turn {t}, {date}: {d.risk_label.lower()} {v}" + (" (flash)" if t in flashes else "")
        parts.append(
            f'<circle cx="{x(t)}" cy="{y(v)}" r="{r}" fill="{color}"><title>{escape(tip)}</title></circle>'
        )
    every = max(1, -(-len(d.risk) // 8))
    last = len(d.risk) - 1
    for i, (t, date, _) in enumerate(d.risk):
        if (i % every == 0 and last - i >= every) or i == last:
            anchor = "end" if i == last and i else "middle" if i else "start"
            parts.append(
                f'<text x="{x(t)}" y="{top + plot_h + 16}" text-anchor="{anchor}" font-size="10">'
                f"{escape(date)}</text>"
            )
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle" font-size="11">'
        f"turn (date); dashed: a new phase; large red dots: a flash incident</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


# ---- Markdown ----------------------------------------------------------------------------


def _who(s: Scenario, side: Side) -> str:
    return s.sides[side].short or side.value


def _players(d: Debrief) -> str:
    if not d.sides:
        return ""
    return ", ".join(f"{_who(d.scenario, Side(k))}: {v}" for k, v in d.sides.items())


def markdown(d: Debrief) -> str:
    s = d.scenario
    md = [f"# Debrief: {_md(s.title)}", ""]
    md.append(f"Seed {d.seed}; {d.turns} turns" + (f"; played by {_players(d)}" if d.sides else "") + ".")
    md.append("")
    if d.ending:
        md += [f"## {_md(d.ending['headline'])}", "", _md(d.ending["epilogue"]), ""]
        as_history = " (as it really happened)" if d.ending["historical"] else ""
        md.append(f"Ending: **{d.ending['id']}**, {d.ending['kind']}{as_history}, on {d.ending['date']}.")
        md.append(f"Moves as in history: {d.history_share:.0%}.")
    else:
        md.append("The game is not over yet.")
    md.append(_divergence_text(d))
    md += ["", "## Decisions beside history", ""]
    md.append("| turn | date | phase | side | decision | what really happened | note | sources |")
    md.append("|---|---|---|---|---|---|---|---|")
    for row in d.decisions:
        mark = "same as history" if row.as_history else (row.history or "(history never came this way)")
        refs = ", ".join(f"[{n}]" for n in row.sources)
        md.append(
            f"| {row.turn} | {row.date} | {_cell(row.phase)} | {_who(s, row.side)} | {_cell(row.taken)} | "
            f"{_cell(mark)} | {_cell(row.note)} | {refs} |"
        )
    if d.letters:
        md += ["", "## Letters beside the real ones", ""]
        for row in d.letters:
            md.append(f"- Turn {row.turn} ({row.date}), {_md(_letter_text(s, row))}")
            if row.real:
                real = f"{_md(row.real[0])}: *{_md(row.real[1])}*. {_md(row.real[2])}"
                md.append(f"  - In history, {real}")
    md += ["", "## Turning points", ""]
    for p in d.turning_points:
        md.append(f"- Turn {p.turn} ({p.date}), {p.kind}: {_md(p.text)}")
    if not d.turning_points:
        md.append("- None: the game ran on an even keel.")
    md += ["", f"## {_md(d.risk_label)} over time", "", svg_chart(d), ""]
    md.append("Turn by turn: " + ", ".join(f"{t}: {v}" for t, _, v in d.risk))
    md += ["", "## Scores", ""]
    md += _scores_md(d)
    md += ["", "## Questions for discussion", ""]
    for i, q in enumerate(d.questions, 1):
        md.append(f"{i}. {_md(q.text)}")
    if not d.questions:
        md.append("The scenario offers no questions for this game.")
    md += ["", "## Sources", ""]
    for i, (src, facts) in enumerate(d.sources, 1):
        md.append(f"{i}. {_source_md(src, facts)}")
    return "\n".join(md) + "\n"


def _letter_text(s: Scenario, row: LetterRow) -> str:
    what = []
    if row.answer:
        what.append(f"answers: {row.answer}")
    if row.gives:
        what.append("offers: " + ", ".join(row.gives))
    if row.demands:
        what.append("asks: " + ", ".join(row.demands))
    text = f"{_who(s, row.side)} writes ({row.channel}, {row.tone}): " + "; ".join(what or ["a letter"])
    if row.text:
        text += f'. "{" ".join(row.text.split())}"'
    return text


def _divergence_text(d: Debrief) -> str:
    if d.diverged_at is None:
        return "Every move followed what really happened."
    return f"The game left history at turn {d.diverged_at}."


def _scores_md(d: Debrief) -> list[str]:
    s = d.scenario
    if not d.scores:
        return ["No scores yet: the game is not over."]
    axes = list(s.axes)
    out = ["| side | " + " | ".join(_cell(s.axes[a]) for a in axes) + " |", "|---|" + "---|" * len(axes)]
    for side in SIDES:
        scores = " | ".join(str(d.scores[side].get(a, "")) for a in axes)
        out.append(f"| {_cell(_who(s, side))} | {scores} |")
    return out


def _source_md(src: Source, facts: tuple[str, ...]) -> str:
    """A source in the Markdown list: its words escaped, its address a link only if it is a web one."""
    text = _md(src.title + (f", {src.author}" if src.author and src.author not in src.title else ""))
    if src.url and re.fullmatch(r"https?://[^\s<>\\]+", src.url):
        text += f" <{src.url}>"
    elif src.url:
        text += f" ({_md(src.url)})"
    if facts:
        text += f" (our notes: {_md(', '.join(facts))})"
    return text


def _source_text(src: Source, facts: tuple[str, ...]) -> str:
    text = src.title + (f", {src.author}" if src.author and src.author not in src.title else "")
    if src.url:
        text += f" <{src.url}>"
    if facts:
        text += f" (our notes: {', '.join(facts)})"
    return text


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def _md(text: str) -> str:
    """Scenario or player text as Markdown that shows it as written: HTML (a title's `<script>`)
    is escaped, and so are the marks that would make a link, an image or emphasis of it."""
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", escape(one_line, quote=False))


# ---- HTML --------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; max-width: 62rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1d; background: #fffdf8; }
h1, h2 { font-family: 'Courier New', monospace; letter-spacing: .02em; }
h1 { border-bottom: 3px double #333; padding-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #efeae0; }
tr.left td.taken { background: #fdecea; }
.headline { font-family: 'Courier New', monospace; font-size: 1.3rem; font-weight: bold; }
.muted { color: #666; }
.chart { max-width: 100%; height: auto; }
li { margin: .2rem 0; }
@media print { body { margin: 0; max-width: none; } }
"""


def html(d: Debrief) -> str:
    s, e = d.scenario, escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>Debrief: {e(s.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Debrief: {e(s.title)}</h1>",
    ]
    played = f"; played by {e(_players(d))}" if d.sides else ""
    out.append(f'<p class="muted">Seed {d.seed}; {d.turns} turns{played}.</p>')
    if d.ending:
        out.append(f'<p class="headline">{e(d.ending["headline"])}</p>')
        out.append(f"<p>{e(d.ending['epilogue'])}</p>")
        as_history = " (as it really happened)" if d.ending["historical"] else ""
        out.append(
            f"<p>Ending: <strong>{e(d.ending['id'])}</strong>, {e(d.ending['kind'])}{as_history}, "
            f"on {e(d.ending['date'])}. Moves as in history: {d.history_share:.0%}.</p>"
        )
    else:
        out.append("<p>The game is not over yet.</p>")
    out.append(f"<p>{e(_divergence_text(d))}</p>")
    out.append("<h2>Decisions beside history</h2>")
    out.append(
        "<table><thead><tr><th>turn</th><th>date</th><th>phase</th><th>side</th><th>decision</th>"
        "<th>what really happened</th><th>note</th><th>sources</th></tr></thead><tbody>"
    )
    for row in d.decisions:
        mark = "same as history" if row.as_history else (row.history or "(history never came this way)")
        refs = ", ".join(f'<a href="#src{n}">[{n}]</a>' for n in row.sources)
        out.append(
            f'<tr class="{"same" if row.as_history else "left"}"><td>{row.turn}</td><td>{e(row.date)}</td>'
            f"<td>{e(row.phase)}</td><td>{e(_who(s, row.side))}</td>"
            f'<td class="taken">{e(row.taken)}</td><td>{e(mark)}</td><td>{e(row.note)}</td>'
            f"<td>{refs}</td></tr>"
        )
    out.append("</tbody></table>")
    if d.letters:
        out.append("<h2>Letters beside the real ones</h2><ul>")
        for row in d.letters:
            real = ""
            if row.real:
                real = f"<br><em>In history, {e(row.real[0])}: {e(row.real[1])}.</em> {e(row.real[2])}"
            out.append(f"<li>Turn {row.turn} ({e(row.date)}), {e(_letter_text(s, row))}{real}</li>")
        out.append("</ul>")
    out.append("<h2>Turning points</h2><ul>")
    for p in d.turning_points:
        out.append(f"<li>Turn {p.turn} ({e(p.date)}), {e(p.kind)}: {e(p.text)}</li>")
    if not d.turning_points:
        out.append("<li>None: the game ran on an even keel.</li>")
    out.append("</ul>")
    out.append(f"<h2>{e(d.risk_label)} over time</h2>")
    out.append(f"<figure>{svg_chart(d)}</figure>")
    out.append("<h2>Scores</h2>")
    if d.scores:
        axes = list(s.axes)
        out.append("<table><thead><tr><th>side</th>" + "".join(f"<th>{e(s.axes[a])}</th>" for a in axes))
        out.append("</tr></thead><tbody>")
        for side in SIDES:
            cells = "".join(f"<td>{d.scores[side].get(a, '')}</td>" for a in axes)
            out.append(f"<tr><td>{e(_who(s, side))}</td>{cells}</tr>")
        out.append("</tbody></table>")
    else:
        out.append("<p>No scores yet: the game is not over.</p>")
    out.append("<h2>Questions for discussion</h2><ol>")
    for q in d.questions:
        out.append(f"<li>{e(' '.join(q.text.split()))}</li>")
    out.append("</ol>")
    if not d.questions:
        out.append("<p>The scenario offers no questions for this game.</p>")
    out.append("<h2>Sources</h2><ol>")
    for i, (src, facts) in enumerate(d.sources, 1):
        out.append(f'<li id="src{i}">{e(_source_text(src, facts))}</li>')
    out.append("</ol>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
