"""What the projector shows, from the server's public projector answer or (older servers) the class status.

Spoiler-free by construction: only the join code, student names, each table's risk of war, date and
public headline, and the endings reached; never a seat, a letter, a move or a hidden track.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WallTable:
    n: int
    risk: int | None
    state: str
    date: str
    headline: str | None


@dataclass(frozen=True)
class Wall:
    """The projector's whole picture at one moment."""

    code: str
    stage: str
    """'arriving' (the join code large), 'playing' (the clock and the bars) or 'over' (the endings)."""
    students: int
    names: tuple[str, ...] = ()
    tables: tuple[WallTable, ...] = ()
    endings: dict[str, int] = field(default_factory=dict)
    started: str | None = None
    """ISO time (UTC) the class was made: the clock counts from it."""
    risk_max: int = 10
    scenario: str = ""
    risk_warning: int | None = None
    """From here a table's bar is amber: the scenario's warning line on its risk track (None: unknown)."""
    risk_danger: int | None = None
    """From here a table's bar is red: the scenario's danger line (None: unknown, as from older servers)."""

    def tone(self, risk: int | None) -> str:
        """The colour of a table's bar: red from the danger line, amber from the warning line."""
        if risk is None:
            return "$success"
        if self.risk_danger is not None and risk >= self.risk_danger:
            return "$error"
        if self.risk_warning is not None and risk >= self.risk_warning:
            return "$warning"
        return "$success"


def _risk(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _lines(lines: Any) -> dict[str, int]:
    """The risk's scale and lines as the server sends them ({'max', 'warning', 'danger'}), the sound ones."""
    if not isinstance(lines, dict):
        return {}
    return {k: v for k in ("max", "warning", "danger") if (v := _risk(lines.get(k))) is not None}


def from_projector(data: dict[str, Any]) -> Wall:
    """The server's PROJECTOR answer as a Wall."""
    tables = tuple(
        WallTable(
            int(t.get("n") or n),
            _risk(t.get("risk")),
            str(t.get("state") or ""),
            str(t.get("date") or ""),
            t.get("headline"),
        )
        for n, t in enumerate(data.get("tables") or [], 1)
    )
    return Wall(
        code=str(data.get("code", "")),
        stage=str(data.get("state") or "arriving"),
        students=int(data.get("students") or 0),
        names=tuple(str(n) for n in data.get("names") or []),
        tables=tables,
        endings={str(k): int(v) for k, v in (data.get("endings") or {}).items()},
        started=data.get("created") or data.get("started"),
        risk_max=_risk(data.get("risk_max")) or 10,
        scenario=str(data.get("scenario") or ""),
        risk_warning=_risk(data.get("risk_warning")),
        risk_danger=_risk(data.get("risk_danger")),
    )


def from_status(status: dict[str, Any]) -> Wall:
    """The teacher's class status cut down to what the wall may show (servers with no projector route)."""
    names: list[str] = []
    taken = 0
    tables = []
    endings: dict[str, int] = {}
    moved = False
    lines: dict[str, int] = {}
    for n, t in enumerate(status.get("tables") or [], 1):
        lines = lines or _lines(t.get("risk_lines"))
        for seat in (t.get("seats") or {}).values():
            taken += seat.get("player") == "human" and bool(seat.get("taken"))
            if seat.get("name"):
                names.append(str(seat["name"]))
        news = t.get("news") or []
        over = t.get("state") in ("over", "ended")
        headline = t.get("headline") if over else (news[-1] if news else None)
        if over and (t.get("headline") or t.get("ending")):
            key = str(t.get("headline") or t.get("ending"))
            endings[key] = endings.get(key, 0) + 1
        moved = moved or int(t.get("turn") or 1) > 1
        risk = _risk(
            t["risk"] if "risk" in t else (t.get("tracks") or {}).get("risk")
        )  # by role; older: by id
        tables.append(WallTable(n, risk, str(t.get("state") or ""), str(t.get("date") or ""), headline))
    all_over = bool(tables) and all(t.state in ("over", "ended", "broken") for t in tables)
    stage = "over" if status.get("ended") or all_over else "playing" if moved else "arriving"
    students = status.get("students")
    return Wall(
        code=str(status.get("code", "")),
        stage=stage,
        students=students if isinstance(students, int) else taken,
        names=tuple(names),
        tables=tuple(tables),
        endings=endings,
        started=status.get("created"),
        scenario=str(status.get("scenario") or ""),
        risk_max=lines.get("max", 10),
        risk_warning=lines.get("warning"),
        risk_danger=lines.get("danger"),
    )


def elapsed(started: str | None, now: dt.datetime | None = None) -> str:
    """'MM:SS' (or 'H:MM:SS') since `started`; '0:00' if unknown."""
    if not started:
        return "0:00"
    try:
        at = dt.datetime.fromisoformat(started.replace("Z", "+00:00"))
    except ValueError:
        return "0:00"
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    seconds = max(0, int(((now or dt.datetime.now(dt.UTC)) - at).total_seconds()))
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def bar(risk: int | None, top: int, width: int) -> str:
    """A bar of `width` cells filled in proportion to the risk of war (empty when unknown)."""
    if risk is None or width <= 0:
        return "·" * max(0, width)
    filled = round(width * max(0, min(risk, top)) / max(1, top))
    return "█" * filled + "░" * (width - filled)


def big(text: str, width: int, height: int = 0) -> str:
    """`text` in block letters (pyfiglet's ansi_regular), doubled in size where `width` and `height` allow
    it; as it is if even single letters would not fit in `width`."""
    import pyfiglet

    art = pyfiglet.figlet_format(text, font="ansi_regular", width=1000).rstrip()
    lines = [line.rstrip() for line in art.splitlines() if line.strip()]
    if not lines or max(map(len, lines)) > width:
        return text
    wide = max(map(len, lines))
    if 2 * wide <= width and 2 * len(lines) <= height:
        top = {"▄": " ", "▀": "█"}  # a half block doubled in height: its two rows
        bottom = {"▄": "█", "▀": " "}
        lines = ["".join(half.get(ch, ch) * 2 for ch in line) for line in lines for half in (top, bottom)]
    return "\n".join(lines)
