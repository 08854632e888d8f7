"""The class debrief (`crisis class report`): every table's ending and road beside the historical line,
where the tables parted from history, the endings across the class, the letters that made
agreements, and the scenario's questions chosen by what this class did. Markdown written once; the
HTML is rendered from it (game/analysis/report.py's `page`), one self-contained file with its chart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from game.analysis.debrief import questions_for
from game.analysis.history import Step, diverged_at, steps
from game.analysis.report import md_cell, md_text, page
from game.dates import plain_date
from game.engine.letters import Offer, offer_marks
from game.engine.match import Game
from game.model import SIDES, Question, Scenario, Side

_CHART = "@@endings@@"


@dataclass(frozen=True)
class Played:
    """One table of the class, replayed from its save."""

    code: str
    game: Game
    sides: dict[str, str]
    controls: list[dict[str, Any]] = field(default_factory=list)
    seats: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The class status's seats (taken, the student's name), if known."""


def markdown(s: Scenario, code: str, tables: list[Played]) -> str:
    return _markdown(s, code, tables, "")


def html(s: Scenario, code: str, tables: list[Played]) -> str:
    return page(f"Class debrief: {s.title}", _markdown(s, code, tables, _CHART), {_CHART: _svg(s, tables)})


def _markdown(s: Scenario, code: str, tables: list[Played], chart: str) -> str:
    over = [t for t in tables if t.game.is_over()]
    md = [f"# Class debrief: {md_text(s.title)}", ""]
    md.append(f"Class {code}: {len(tables)} tables, {len(over)} reached an ending.")
    md += ["", "## The endings across the class", ""]
    md += _endings(s, tables)
    if chart:
        md += ["", chart]
    md += ["", "## Where the tables parted from history", ""]
    md += _partings(s, tables)
    md += ["", "## Every table beside the historical line", ""]
    for n, t in enumerate(tables, 1):
        md += _table(s, n, t)
    md += ["", "## The letters that made agreements", ""]
    md += _letters(s, tables)
    md += ["", "## Questions for the class", ""]
    md += _questions(tables)
    return "\n".join(md) + "\n"


def _endings(s: Scenario, tables: list[Played]) -> list[str]:
    counts = Counter(end for t in tables if (end := t.game.state.ending))
    real = s.historical_ending
    md = ["| ending | tables | as in history |", "|---|---|---|"]
    for ending_id, n in counts.most_common():
        e = s.ending(ending_id)
        md.append(f"| {md_cell(e.headline)} | {n} | {'yes' if e.historical else ''} |")
    unfinished = sum(not t.game.is_over() for t in tables)
    if unfinished:
        md.append(f"| (not over when the class ended) | {unfinished} | |")
    md += ["", f"In 1962: {md_text(real.headline)}"]
    return md


def _partings(s: Scenario, tables: list[Played]) -> list[str]:
    """The first turn each table left the historical line, grouped by date and what was done instead."""
    parted: Counter[tuple[str, str, str, str]] = Counter()
    kept = 0
    played = [t for t in tables if t.game.state.log]  # a table that never played kept to nothing
    for t in played:
        rows = steps(t.game)
        turn = diverged_at(rows)
        if turn is None:
            kept += 1
            continue
        row = rows[turn - 1]
        for side in SIDES:
            if row.left_history(side):
                done = s.decision(row.moves[side].decision).label
                real = row.history[side]
                history = s.decision(real).label if real else "(no historical option)"
                parted[(row.date, s.who(side), done, history)] += 1
    md = []
    if parted:
        md += ["| date | who | chose | where history did | tables |", "|---|---|---|---|---|"]
        for (date, who, done, history), n in sorted(parted.items()):
            md.append(f"| {plain_date(date)} | {md_cell(who)} | {md_cell(done)} | {md_cell(history)} | {n} |")
    md.append("")
    idle = len(tables) - len(played)
    never = f" ({idle} more never played a turn)" if idle else ""
    md.append(f"Tables that kept to the historical line to their end: {kept} of {len(played)}{never}.")
    return md


def _table(s: Scenario, n: int, t: Played) -> list[str]:
    g = t.game
    head = s.ending(g.state.ending).headline if g.state.ending else "not over"
    md = ["", f"### Table {n} ({t.code}): {md_text(head)}", "", md_text(_players(s, t))]
    timeouts = sum(c.get("action") == "timeout" for c in t.controls)
    extra = []
    if g.state.injects:
        extra.append(f"{len(g.state.injects)} inject(s) from the facilitator")
    if timeouts:
        extra.append(f"{timeouts} move(s) given when a turn's time ran out")
    if extra:
        md.append("; ".join(extra).capitalize() + ".")
    md += ["", "| date | Kennedy | Khrushchev | history |", "|---|---|---|---|"]
    for row in steps(g):
        md.append(_row(s, row))
    return md


def _players(s: Scenario, t: Played) -> str:
    """'Played by Kennedy: ann, Khrushchev: the hawk AI.', or 'Nobody joined this table.' (H15)."""
    who = {}
    for k, v in t.sides.items():
        seat = t.seats.get(k) or {}
        if v != "human" or seat.get("bot"):
            who[k] = f"the {seat.get('bot') or v} AI"
        elif t.seats and not seat.get("taken"):
            who[k] = "nobody joined"
        else:
            who[k] = str(seat.get("name") or "a student")
    if t.seats and all(w == "nobody joined" for w in who.values()):
        return "Nobody joined this table."
    return "Played by " + ", ".join(f"{s.who(Side(k))}: {w}" for k, w in who.items()) + "."


def _row(s: Scenario, row: Step) -> str:
    cells = []
    for side in SIDES:
        label = s.decision(row.moves[side].decision).label
        cells.append(md_cell(label) if row.left_history(side) else f"{md_cell(label)} (as history)")
    history = "; ".join(
        s.decision(real).label for side in SIDES if (real := row.history[side]) and row.left_history(side)
    )
    return f"| {plain_date(row.date)} | {cells[0]} | {cells[1]} | {md_cell(history) or '-'} |"


def _letters(s: Scenario, tables: list[Played]) -> list[str]:
    md = []
    for n, t in enumerate(tables, 1):
        mail = {m.id: m for m in t.game.state.mail}
        for a in t.game.state.agreements:
            proposal, acceptance = mail.get(a.proposal), mail.get(a.acceptance)
            if proposal is None:
                continue
            offers = (*proposal.letter.gives, *proposal.letter.demands)
            terms = ", ".join(_offer(s, o) for o in offers)
            words = f": \u201c{md_text(proposal.letter.text)}\u201d" if proposal.letter.text else ""
            md.append(
                f"- Table {n}, {plain_date(a.date)}: {md_text(s.who(proposal.sender))} proposed "
                f"{md_text(terms)}{words}"
                + (f"; {md_text(s.who(acceptance.sender))} accepted." if acceptance else ".")
            )
    return md or ["No table made an agreement by letter."]


def _offer(s: Scenario, offer: Offer) -> str:
    """A term as the letter put it: 'Remove the missiles from Cuba (≤14 days, UN check)' (H15)."""
    marks = offer_marks(s.negotiation, offer)
    return s.term_label(offer.term) + (f" ({', '.join(marks)})" if marks else "")


def _questions(tables: list[Played]) -> list[str]:
    """The scenario's questions, those raised by most tables first (each says how many)."""
    asked: Counter[str] = Counter()
    text: dict[str, Question] = {}
    for t in tables:
        for q in questions_for(t.game):
            asked[q.id] += 1
            text[q.id] = q
    md = [
        f"{i}. {md_text(text[q].text)} ({n} of {len(tables)} tables)"
        for i, (q, n) in enumerate(asked.most_common(8), 1)
    ]
    return md or ["The scenario offers no questions for these games."]


def _svg(s: Scenario, tables: list[Played], width: int = 640) -> str:
    """The endings as horizontal bars (a figure built here from ending headlines, escaped by ElementTree)."""
    counts = Counter(end for t in tables if (end := t.game.state.ending))
    rows = counts.most_common()
    height = 30 * max(1, len(rows)) + 10
    root = ET.Element(
        "svg",
        {"xmlns": "http://www.w3.org/2000/svg", "width": str(width), "height": str(height), "role": "img"},
    )
    ET.SubElement(root, "title").text = "Endings across the class"
    most = max(counts.values(), default=1)
    for i, (ending_id, n) in enumerate(rows):
        e = s.ending(ending_id)
        y = 10 + 30 * i
        bar = int((width - 330) * n / most)
        fill = "#6b8e23" if e.historical else "#b22222" if "war" in e.kind.value else "#4682b4"
        label = ET.SubElement(root, "text", {"x": "0", "y": str(y + 15), "font-size": "12"})
        label.text = e.headline[:48]
        ET.SubElement(
            root, "rect", {"x": "320", "y": str(y), "width": str(bar), "height": "20", "fill": fill}
        )
        count = ET.SubElement(root, "text", {"x": str(325 + bar), "y": str(y + 15), "font-size": "12"})
        count.text = str(n)
    return ET.tostring(root, encoding="unicode")
