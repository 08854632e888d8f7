"""Precision and recall of the reader on the labelled letters (tests/reader/letters.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.diplomacy import Offer, Timing, Verification
from game.model import Scenario
from game.reader import reader_for
from game.sides import Side

LETTERS = Path(__file__).parent / "letters.yaml"


@dataclass(frozen=True)
class Labelled:
    id: str
    side: Side
    text: str
    gives: tuple[Offer, ...]
    demands: tuple[Offer, ...]


def _offer(d: dict) -> Offer:
    return Offer(
        d["term"],
        bool(d.get("public", True)),
        Timing(d.get("timing", "now")),
        int(d.get("days", 0)),
        Verification(d.get("verification", "none")),
    )


def letters() -> list[Labelled]:
    data = yaml.safe_load(LETTERS.read_text(encoding="utf-8"))
    return [
        Labelled(
            d["id"],
            Side(d["as"]),
            d["text"],
            tuple(_offer(o) for o in d.get("gives") or ()),
            tuple(_offer(o) for o in d.get("demands") or ()),
        )
        for d in data["letters"]
    ]


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, got: set, want: set) -> None:
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    def __str__(self) -> str:
        counts = f"tp {self.tp} fp {self.fp} fn {self.fn}"
        return f"precision {self.precision:.3f} recall {self.recall:.3f} ({counts})"


@dataclass
class Score:
    terms: Count = field(default_factory=Count)
    secret: Count = field(default_factory=Count)
    """Over the terms read rightly: 'secret' is the positive."""
    timing: Count = field(default_factory=Count)
    """Over the terms read rightly: a timing other than 'now' (with its days) is the positive."""
    verification: Count = field(default_factory=Count)
    misses: list[str] = field(default_factory=list)


def score(s: Scenario, items: list[Labelled] | None = None) -> Score:
    reader = reader_for(s)
    out = Score()
    for item in items if items is not None else letters():
        reading = reader.read(item.text, item.side)
        got = {("give", o.term): o for o in reading.gives} | {("ask", o.term): o for o in reading.demands}
        want = {("give", o.term): o for o in item.gives} | {("ask", o.term): o for o in item.demands}
        out.terms.add(set(got), set(want))
        if set(got) != set(want):
            out.misses.append(f"{item.id}: read {sorted(got)} meant {sorted(want)}")
        for key in set(got) & set(want):
            g, w = got[key], want[key]
            out.secret.add({key} if not g.public else set(), {key} if not w.public else set())
            g_t = (g.timing, g.days) if g.timing is not Timing.NOW else None
            w_t = (w.timing, w.days) if w.timing is not Timing.NOW else None
            out.timing.add({(key, g_t)} if g_t else set(), {(key, w_t)} if w_t else set())
            g_v, w_v = g.verification, w.verification
            out.verification.add(
                {(key, g_v)} if g_v is not Verification.NONE else set(),
                {(key, w_v)} if w_v is not Verification.NONE else set(),
            )
            for what, a, b in (("public", g.public, w.public), ("timing", g_t, w_t), ("check", g_v, w_v)):
                if a != b:
                    out.misses.append(f"{item.id}: {key[1]} {what} read {a} meant {b}")
    return out
