"""The debrief's chart: the risk of war after every turn, as an SVG built with xml.etree (as
python-chess's svg.py builds its board), so every label is escaped by the serialiser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from game.analysis.debrief import Debrief


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: object) -> ET.Element:
    """A child element; attribute names use _ for - (stroke_width -> stroke-width)."""
    el = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def svg_chart(d: Debrief, width: int = 720, height: int = 260) -> str:
    """The risk of war after every turn, as inline SVG: phase changes dashed, flashes in red."""
    left, right, top, bottom = 40, 12, 16, 46
    n = max(len(d.risk) - 1, 1)
    lo, hi = d.risk_min, max(d.risk_max, d.risk_min + 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(turn: int) -> float:
        return round(left + plot_w * turn / n, 1)

    def y(value: int) -> float:
        return round(top + plot_h * (hi - value) / (hi - lo), 1)

    label = f"{d.risk_label} over {d.turns} turns"
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "chart",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-label": label,
        },
    )
    _el(svg, "title", label)
    _el(svg, "rect", x=left, y=top, width=plot_w, height=plot_h, fill="#fafafa", stroke="#bbb")
    step = max(1, (hi - lo) // 5)
    for value in range(lo, hi + 1, step):
        _el(svg, "line", x1=left, y1=y(value), x2=left + plot_w, y2=y(value), stroke="#e4e4e4")
        _el(svg, "text", str(value), x=left - 6, y=y(value) + 4, text_anchor="end", font_size=11)
    for turn, title in d.phase_changes:
        line = _el(
            svg, "line", x1=x(turn), y1=top, x2=x(turn), y2=top + plot_h, stroke="#8899aa",
            stroke_dasharray="4 3",
        )  # fmt: skip
        _el(line, "title", f"after turn {turn}: {title}")
    points = " ".join(f"{x(t)},{y(v)}" for t, _, v in d.risk)
    _el(svg, "polyline", points=points, fill="none", stroke="#b22222", stroke_width=2)
    flashes = set(d.flashes)
    for t, date, v in d.risk:
        color, r = ("#d00000", 5) if t in flashes else ("#b22222", 3)
        dot = _el(svg, "circle", cx=x(t), cy=y(v), r=r, fill=color)
        flash = " (flash)" if t in flashes else ""
        _el(dot, "title", f"turn {t}, {date}: {d.risk_label.lower()} {v}{flash}")
    every = max(1, -(-len(d.risk) // 8))
    last = len(d.risk) - 1
    for i, (t, date, _) in enumerate(d.risk):
        if (i % every == 0 and last - i >= every) or i == last:
            anchor = "end" if i == last and i else "middle" if i else "start"
            _el(svg, "text", date, x=x(t), y=top + plot_h + 16, text_anchor=anchor, font_size=10)
    _el(
        svg, "text", "turn (date); dashed: a new phase; large red dots: a flash incident",
        x=left + plot_w / 2, y=height - 6, text_anchor="middle", font_size=11,
    )  # fmt: skip
    return ET.tostring(svg, encoding="unicode")
