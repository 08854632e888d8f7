"""The situation: the risk of war and the state of alert large, the other tracks compact, each with its
history. Tracks are known by their role in the scenario, never by their id."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.markup import escape
from textual.widget import Widget

from game.model import Role, Scenario, Track

BLOCKS = " ▁▂▃▄▅▆▇█"
PROMINENT = (Role.RISK, Role.ALERT)
"""The roles whose tracks are drawn large, in this order."""


def sparkline(values: list[int], lo: int, hi: int, width: int) -> str:
    """The last `width` values as block characters scaled to lo..hi (not to their own range)."""
    values = values[-width:] if width > 0 else []
    span = max(hi - lo, 1)
    return "".join(BLOCKS[1 + round((v - lo) * (len(BLOCKS) - 2) / span)] for v in values)


def _danger(track: Track, value: int) -> float:
    """0 (calm) .. 1 (the brink) for a track that measures danger."""
    share = (value - track.min) / max(track.max - track.min, 1)
    return share if track.higher_is == "bad" else 1 - share


def _colour_of(track: Track, value: int) -> str:
    """Red from the track's danger line, amber from its warning line; a track without lines by its
    share of the way to the grave end (amber from 40%, red from 70%)."""
    if track.thresholds is not None:
        lines = track.thresholds
        return (
            "$error"
            if track.beyond(value, lines.danger)
            else "$warning"
            if track.beyond(value, lines.warning)
            else "$success"
        )
    return _colour(_danger(track, value))


def _colour(danger: float) -> str:
    return "$error" if danger >= 0.7 else "$warning" if danger >= 0.4 else "$success"


def risk_lines(track: Track, value: int, history: list[int], width: int) -> list[str]:
    """The risk of war: a bar and a sparkline, in the colour of the danger."""
    colour = _colour_of(track, value)
    cells = track.max - track.min
    bar_width = max(min(cells, width - 2), 1)
    filled = round((value - track.min) * bar_width / max(cells, 1))
    head = f"[b]{escape(track.label.upper())}[/b]"
    num = f"[b {colour}]{value}[/][$text-muted]/{track.max}[/]"
    pad = max(width - len(track.label) - len(f"{value}/{track.max}"), 1)
    spark_w = max(width - bar_width - 1, 0)
    bar = f"[{colour}]{'█' * filled}[/][$text-muted]{'░' * (bar_width - filled)}[/]"
    spark = sparkline(history, track.min, track.max, spark_w)
    return [f"{head}{' ' * pad}{num}", f"{bar} [{colour}]{spark}[/]" if spark else bar]


def defcon_lines(track: Track, value: int, history: list[int], width: int) -> list[str]:
    """The state of alert (DEFCON): every level, the current one lit, lower is graver."""
    colour = _colour_of(track, value)
    levels = []
    for level in range(track.max, track.min - 1, -1):
        levels.append(f"[reverse b {colour}] {level} [/]" if level == value else f"[$text-muted] {level} [/]")
    row = "".join(levels)
    used = 3 * (track.max - track.min + 1)
    spark = sparkline([track.max + track.min - v for v in history], track.min, track.max, width - used - 1)
    head = f"[b]{escape(track.label.upper())} {value}[/b]"
    return [head, f"{row} [{colour}]{spark}[/]" if spark else row]


def compact_line(track: Track, value: int, history: list[int], label_w: int, spark_w: int) -> str:
    """One line: label, sparkline, value; a label too long for its column gets a line of its own."""
    spark = sparkline(history, track.min, track.max, spark_w).rjust(spark_w)
    colour = _colour_of(track, value)
    tail = f" [$secondary 70%]{spark}[/] [b {colour}]{value:>2}[/]"
    if len(track.label) <= label_w:
        return f"{escape(track.label):<{label_w}}{tail}"
    words, first = track.label.split(), ""
    while words and len(f"{first} {words[0]}".strip()) <= label_w + spark_w + 4:  # the whole line
        first = f"{first} {words.pop(0)}".strip()
    rest = " ".join(words)
    if first and len(rest) <= label_w:  # the label's last words share the line with the numbers
        return f"{escape(first)}\n{escape(rest):<{label_w}}{tail}"
    return f"{escape(track.label)}\n{'':<{label_w}}{tail}"


class TracksPanel(Widget):
    """The tracks one side can see, with their history so far."""

    DEFAULT_CSS = """
    TracksPanel { height: auto; }
    """

    def __init__(self, scenario: Scenario, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        self.values: dict[str, int] = {}
        self.history: list[dict[str, int]] = []
        self.big: frozenset[str] = frozenset()
        """Tracks shown elsewhere in large digits (risk and DEFCON, projector theme): not drawn here."""

    def prominent(self, values: dict[str, int]) -> dict[Role, str]:
        """The roles drawn large whose tracks `values` holds: role -> track id."""
        s = self.scenario
        return {r: t.id for r in PROMINENT if (t := s.with_role(r)) is not None and t.id in values}

    def in_danger(self) -> bool:
        """Whether the risk of war shown stands at or past the scenario's danger line."""
        risk = self.scenario.risk
        value = self.values.get(risk.id)
        return value is not None and risk.beyond(value, risk.lines.danger)

    def show(self, values: dict[str, int], history: list[dict[str, int]]) -> None:
        self.values, self.history = values, history
        self.refresh(layout=True)

    def lines(self, width: int) -> list[str]:
        s = self.scenario
        out: list[str] = []
        seen = [t for t in s.tracks if t.id in self.values]
        past = {
            t.id: [h.get(t.id, self.values[t.id]) for h in self.history] or [self.values[t.id]] for t in seen
        }
        for t in seen:
            if t.id in self.big:
                continue
            if t.role is Role.RISK:
                out += risk_lines(t, self.values[t.id], past[t.id], width)
            elif t.role is Role.ALERT:
                out += defcon_lines(t, self.values[t.id], past[t.id], width)
        if out:
            out.append("")
        rest = [t for t in seen if t.role not in PROMINENT]
        if rest:
            label_w = min(max(len(t.label) for t in rest), max(width - 8, 4))
            spark_w = max(min(len(self.history), width - label_w - 4, 24), 0)
            for t in rest:
                out += compact_line(t, self.values[t.id], past[t.id], label_w, spark_w).split("\n")
        return out

    def render(self) -> RenderResult:
        return Content.from_markup("\n".join(self.lines(max(self.size.width, 20))))

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return len(self.lines(max(width, 20)))
