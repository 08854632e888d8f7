"""The debrief as data: a game's decisions beside what really happened, its letters beside the real
ones, turning points, the risk of war turn by turn, scores, sources, and the questions its choices raise.

`debrief(game)` gathers it; game/analysis/report.py writes it out, game/analysis/chart.py draws its chart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from game.analysis.account import account
from game.analysis.deal_words import epilogue
from game.analysis.history import (
    Step,
    TurningPoint,
    diverged_at,
    history_share,
    risk_series,
    risk_track,
    steps,
    turning_points,
)
from game.analysis.history_score import history_outcome, total
from game.diplomacy import Negotiation
from game.engine import objectives as aims
from game.engine import rules
from game.engine.letters import Letter, Offer, offer_marks
from game.engine.match import Game
from game.model import SIDES, Kind, Question, Scenario, Side, Source
from game.reader import reader_for


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
    """Each term with what the letter adds to it: 'Remove the missiles from Cuba (≤14 days, UN check)'."""
    demands: tuple[str, ...]
    answer: str | None
    text: str
    real: tuple[str, str, str] | None
    """(date, title, summary) of the real letter it reproduces or that was sent nearest its date."""
    refused: tuple[str, ...] = ()
    """The terms its words refuse ("we will not remove the bombers"), as the reader reads them."""


@dataclass(frozen=True)
class AimRow:
    """A hidden objective one side drew, revealed: in which chapter, what it asked, and whether it was met."""

    side: Side
    chapter: str
    """The chapter's title."""
    title: str
    text: str
    met: bool
    points: int
    """What it was worth."""
    void: bool = False
    """Voided by a nuclear war (no aim is met in one)."""

    @property
    def said(self) -> str:
        """'met', 'not met' or 'void: nuclear war'."""
        return "met" if self.met else "void: nuclear war" if self.void else "not met"

    @property
    def verdict(self) -> str:
        """'met (2 of 2 points)', 'not met (0 of 2 points)' or 'void: nuclear war (0 of 2 points)'."""
        unit = "point" if self.points == 1 else "points"
        return f"{self.said} ({self.points if self.met else 0} of {self.points} {unit})"

    def __str__(self) -> str:
        return f"{self.title} ({self.chapter}): {self.verdict}"


def aim_rows(s: Scenario, judged: tuple[aims.Judged, ...]) -> list[AimRow]:
    """Both sides' hidden objectives at the end, each side's in the order drawn."""
    return [
        AimRow(
            j.aim.side,
            s.phase(j.aim.chapter).title,
            j.aim.objective.title,
            j.aim.objective.text,
            j.met,
            j.aim.objective.points,
            j.void,
        )
        for side in SIDES
        for j in judged
        if j.aim.side is side
    ]


@dataclass(frozen=True)
class Debrief:
    scenario: Scenario
    seed: int
    sides: dict[str, str]
    turns: int
    over: bool
    ending: dict[str, Any] | None
    """id, headline, epilogue, account (what became of each term: analysis/account.py), kind,
    historical, date."""
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
    objectives: list[AimRow] = field(default_factory=list)
    """Both sides' hidden objectives, revealed (empty: a game played without them, or not over)."""
    totals: dict[Side, int] = field(default_factory=dict)
    """Each side's score on the players' axes added up (empty: not over)."""
    history_totals: dict[Side, int] = field(default_factory=dict)
    """The same, as history scored them (analysis/history_score.py; empty: not over, or no line)."""


def margin(out: rules.Outcome, side: Side) -> int:
    """`side`'s lead over the other on the players' axes at the ending (negative: behind)."""
    return total(out, side) - total(out, side.other)


def came_out_ahead(out: rules.Outcome, side: Side) -> bool:
    """Whether `side` won the game: ahead on the players' axes, in any ending but a nuclear war, which
    is no one's win whatever prestige its scores leave either side (playtest B10)."""
    return out.kind is not Kind.NUCLEAR_WAR and margin(out, side) > 0


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
            "epilogue": epilogue(s, state),
            "account": account(s, state),
            "kind": end.kind.value,
            "historical": end.historical,
            "date": state.log[-1].date if state.log else state.date,
        }
    track = risk_track(s)
    real = history_outcome(s) if out is not None else None  # what history scored, beside this game
    return Debrief(
        scenario=s,
        seed=state.seed,
        sides=dict(sides or {}),
        turns=len(state.log),
        over=game.is_over(),
        ending=ending,
        history_share=history_share(rows) if out else None,
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
        objectives=aim_rows(s, out.objectives) if out else [],
        totals={side: total(out, side) for side in SIDES} if out else {},
        history_totals={side: total(real, side) for side in SIDES} if real else {},
    )


REAL_LETTER_DAYS = 7
"""A real letter sent within this many days of a game's letter, by the same side, stands beside it."""


def letters_of(game: Game) -> list[LetterRow]:
    """Every letter the game's moves carried, in order, each beside the real letter of its moment."""
    s = game.scenario
    neg = s.negotiation
    if neg is None:
        return []
    labels = {term.id: term.label for term in neg.terms}
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
                    gives=tuple(_offer(neg, labels, o) for o in letter.gives),
                    demands=tuple(_offer(neg, labels, o) for o in letter.demands),
                    answer=str(letter.answer) if letter.answer else None,
                    text=letter.text,
                    real=(str(match.date), match.title, match.summary) if match else None,
                    refused=_refused(s, move.side, letter),
                )
            )
    return out


def _offer(n: Negotiation, labels: dict[str, str], offer: Offer) -> str:
    """A term as the letter gives or asks it, its secrecy, timing and check said (play-test G17)."""
    label = labels.get(offer.term, offer.term)
    marks = offer_marks(n, offer) if offer.term in labels else []
    return f"{label} ({', '.join(marks)})" if marks else label


def _refused(s: Scenario, side: Side, letter: Letter) -> tuple[str, ...]:
    """The terms a letter's words refuse and its proposal does not name (play-test G17: "we will not
    remove the bombers" was left out of the debrief)."""
    if not letter.text or s.negotiation is None:
        return ()
    named = {o.term for o in (*letter.gives, *letter.demands)}
    found = reader_for(s).read(letter.text, side).refused
    return tuple(dict.fromkeys(s.negotiation.term(f.term).label for f in found if f.term not in named))


def _nearest_real(letters: Any, side: Side, date: str) -> Any:
    day = dt.date.fromisoformat(date[:10])
    near = [r for r in letters if r.sender is side and abs((r.date - day).days) <= REAL_LETTER_DAYS]
    return min(near, key=lambda r: (abs((r.date - day).days), r.id), default=None)


def _decision_row(s: Scenario, r: Step, side: Side, cited: dict[str, list[str]]) -> DecisionRow:
    taken = s.decision(r.moves[side].decision)
    real = s.decision(h) if (h := r.history[side]) else None
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
