"""The debrief written out: Markdown, written once, and HTML rendered from that Markdown by
markdown-it-py (one self-contained file: inline style and chart, nothing fetched, so it opens offline).

The debrief itself is data (game/analysis/debrief.py); its chart is game/analysis/chart.py.
"""

from __future__ import annotations

import re
from html import escape

from markdown_it import MarkdownIt

from game.analysis.chart import svg_chart
from game.analysis.debrief import Debrief, LetterRow
from game.analysis.history import ON_ITS_DATE
from game.analysis.history_score import axes_words
from game.dates import plain_date
from game.engine.objectives import axis_label
from game.model import SIDES, Scenario, Side, Source

_CHART = "@@chart@@"
"""Where the chart goes in the Markdown that the HTML is rendered from (raw HTML is not let through)."""


def _players(d: Debrief) -> str:
    if not d.sides:
        return ""
    return ", ".join(f"{d.scenario.who(Side(k))}: {v}" for k, v in d.sides.items())


def markdown(d: Debrief) -> str:
    """The debrief in Markdown, its chart as inline SVG."""
    return _markdown(d, svg_chart(d))


def _markdown(d: Debrief, chart: str) -> str:
    s = d.scenario
    md = [f"# Debrief: {_md(s.title)}", ""]
    md.append(f"Seed {d.seed}; {d.turns} turns" + (f"; played by {_players(d)}" if d.sides else "") + ".")
    md.append("")
    if d.ending:
        md += [f"## {_md(d.ending['headline'])}", "", _md(d.ending["epilogue"]), ""]
        md += [line for said in d.ending.get("account", ()) for line in (f"- {_md(said)}",)]
        md += [""] if d.ending.get("account") else []
        as_history = " (as it really happened)" if d.ending["historical"] else ""
        last = plain_date(d.ending["date"])
        md.append(f"Ending: {d.ending['kind']}{as_history}, after the turn of {last}.")
        md.append(f"Orders {ON_ITS_DATE}: {d.history_share:.0%}.")
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
            f"| {row.turn} | {row.date} | {_cell(row.phase)} | {s.who(row.side)} | {_cell(row.taken)} | "
            f"{_cell(mark)} | {_cell(row.note)} | {refs} |"
        )
    if d.letters:
        md += ["", "## Letters beside the real ones", ""]
        for letter in d.letters:
            md.append(f"- Turn {letter.turn} ({letter.date}), {_md(_letter_text(s, letter))}")
            if letter.real:
                real = f"{_md(letter.real[0])}: *{_md(letter.real[1])}*. {_md(letter.real[2])}"
                md.append(f"  - In history, {real}")
    md += ["", "## Turning points", ""]
    for p in d.turning_points:
        md.append(f"- Turn {p.turn} ({p.date}), {p.kind}: {_md(p.text)}")
    if not d.turning_points:
        md.append("- None: the game ran on an even keel.")
    md += ["", f"## {_md(d.risk_label)} over time", "", chart, ""]
    md.append("Turn by turn: " + ", ".join(f"{t}: {v}" for t, _, v in d.risk))
    md += ["", "## Scores", ""]
    md += _scores_md(d)
    if d.objectives:
        md += ["", "## Hidden aims", ""]
        md.append("Each leader drew a secret objective as each chapter opened; neither saw the other's.")
        md.append("")
        for aim in d.objectives:
            md.append(f"- {s.who(aim.side)}: **{_md(aim.title)}** ({_md(aim.chapter)}), {aim.verdict}.")
            md.append(f"  {_md(aim.text)}")
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
    if row.refused:
        what.append("refuses: " + ", ".join(row.refused))
    text = f"{s.who(row.side)} writes ({row.channel}, {row.tone}): " + "; ".join(what or ["a letter"])
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
    axes = list(s.axes) + [a for a in d.scores[SIDES[0]] if a not in s.axes]  # the hidden aims, if played
    out = [
        "| side | " + " | ".join(_cell(axis_label(s, a)) for a in axes) + " |",
        "|---|" + "---|" * len(axes),
    ]
    for side in SIDES:
        scores = " | ".join(str(d.scores[side].get(a, "")) for a in axes)
        out.append(f"| {_cell(s.who(side))} | {scores} |")
    if d.history_totals:  # what history scored, to weigh the result against (a side may start ahead)
        k, kh = SIDES
        out += [
            "",
            f"{_md(axes_words(s))} added up: {_md(s.leader(k))} {d.totals[k]}, {_md(s.leader(kh))} "
            f"{d.totals[kh]}; in history {d.history_totals[k]} and {d.history_totals[kh]}.",
        ]
    return out


def _source_md(src: Source, facts: tuple[str, ...]) -> str:
    """A source in the Markdown list: its words escaped, its address a link only if it is a web one."""
    text = _md(src.title + (f", {src.author}" if src.author and src.author not in src.title else ""))
    if src.url and re.fullmatch(r"https?://[^\s<>\\]+", src.url):
        text += f" <{src.url}>"
    elif src.url:
        text += f" ({_md(src.url)})"
    return text


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def _md(text: str) -> str:
    """Scenario or player text as Markdown that shows it as written: HTML (a title's `<script>`)
    is escaped, and so are the marks that would make a link, an image or emphasis of it."""
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", escape(one_line, quote=False))


# ---- HTML, from the Markdown ----------------------------------------------------------

_CSS = """
body { font: 15px/1.5 Georgia, 'Times New Roman', serif; max-width: 62rem; margin: 2rem auto;
       padding: 0 1rem; color: #1d1d1d; background: #fffdf8; }
h1, h2 { font-family: 'Courier New', monospace; letter-spacing: .02em; }
h1 { border-bottom: 3px double #333; padding-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #efeae0; }
.chart { max-width: 100%; height: auto; }
li { margin: .2rem 0; }
@media print { body { margin: 0; max-width: none; } }
"""


def html(d: Debrief) -> str:
    """The debrief as one HTML page: the Markdown rendered, raw HTML in it escaped, the chart inlined."""
    return page(f"Debrief: {d.scenario.title}", _markdown(d, _CHART), {_CHART: svg_chart(d)})


def page(title: str, markdown_text: str, figures: dict[str, str] | None = None) -> str:
    """One self-contained HTML page from Markdown (raw HTML in it escaped); each paragraph that is
    only a key of `figures` becomes that figure (trusted SVG made here, never scenario text)."""
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = renderer.render(markdown_text)
    for mark, figure in (figures or {}).items():
        body = body.replace(f"<p>{mark}</p>", f"<figure>{figure}</figure>")
    head = f'<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>'
    return f'<!DOCTYPE html>\n<html lang="en">\n{head}\n<body>\n{body}</body>\n</html>\n'


md_text, md_cell = _md, _cell
"""Scenario or player text as Markdown that shows it as written (in a paragraph, in a table cell)."""
