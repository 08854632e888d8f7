"""What-ifs in numbers: every alternative open at a turn, played forward many times by the AI policies.

Alternatives are taken per side: for each move a side could have made at that turn, the other side's
move that turn stays as it was played (the two chose at once, without seeing each other's choice, so
one side's alternative cannot change what the other chose that turn). This is the question a player
asks ("what if Kennedy had ordered the air strike?"), one row per option rather than a grid of up
to 6 x 6, and each row needs fewer runs for the same precision. `pairs=True` gives the grid: every
combination of both sides' moves.

From the turn after on, each run draws a policy for each side from the mix and re-seeds the dice
(the chance events); run k uses the same seed and the same policies for every alternative, so the
alternatives are compared on the same luck. Run seeds depend only on the explore seed and the run's
number, and the counts are added up, so the table is the same whatever the number of processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from itertools import product
from typing import Any

from game import schema
from game.ai.policies import POLICIES
from game.analysis import playout
from game.analysis.history import historical_option
from game.engine import rules
from game.engine.match import Game, cut
from game.engine.state import Move
from game.model import SIDES, CrisisError, Scenario, Side

MIX: tuple[str, ...] | None = None
"""The policies a run draws from, by default: None, every policy (random, historical, and the
personalities: hawk, dove, pragmatist)."""
PARALLEL_FROM = 2000
"""Games to play at which explore uses every core unless told otherwise."""


@dataclass(frozen=True)
class Alternative:
    moves: tuple[Move, ...]
    """The moves fixed at the turn explored (the rest of that turn is played by the policies)."""
    side: Side | None
    """The side whose options this row varies (None for a pair of moves)."""
    played: bool
    """These are the moves the saved game made."""
    historical: bool
    """The varied move(s) are what really happened at that point."""


@dataclass(frozen=True)
class Row:
    alternative: Alternative
    endings: dict[str, int]
    kinds: dict[str, int]
    runs: int


@dataclass(frozen=True)
class Exploration:
    scenario: Scenario
    turn: int
    date: str
    phase: str
    runs: int
    seed: int
    policies: tuple[str, ...]
    played: dict[Side, Move | None]
    rows: list[Row]
    jobs: int
    shard: tuple[int, int] | None = None
    """(I, N): this table counts the I-th of N slices of the runs (see `shard_runs`)."""
    total_runs: int = 0
    """Runs per alternative of the whole study a shard is part of."""

    def to_dict(self) -> dict[str, Any]:
        out = self._dict()
        if self.shard is not None:
            out["shard"], out["runs_total"] = list(self.shard), self.total_runs
        return out

    def _dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.id,
            "turn": self.turn,
            "date": self.date,
            "phase": self.phase,
            "runs": self.runs,
            "seed": self.seed,
            "policies": list(self.policies),
            "played": {side.value: m.decision if m else None for side, m in self.played.items()},
            "alternatives": [
                {
                    "side": r.alternative.side.value if r.alternative.side else None,
                    "moves": {m.side.value: m.decision for m in r.alternative.moves},
                    "letters": {
                        m.side.value: schema.dump(m)["letter"]
                        for m in r.alternative.moves
                        if m.letter is not None
                    },
                    "played": r.alternative.played,
                    "historical": r.alternative.historical,
                    "endings": r.endings,
                    "kinds": r.kinds,
                }
                for r in self.rows
            ],
        }


def alternatives(
    start: Game, played: dict[Side, Move | None], *, sides: Sequence[Side] = SIDES, pairs: bool = False
) -> list[Alternative]:
    """The alternatives open at the start of a turn (see the module's docstring)."""
    s, state = start.scenario, start.state
    history = {side: historical_option(s, state, side) for side in SIDES}
    legal = {side: start.legal_moves(side) for side in SIDES}
    out = []
    if pairs:
        for a, b in product(legal[SIDES[0]], legal[SIDES[1]]):
            out.append(
                Alternative(
                    moves=(a, b),
                    side=None,
                    played=(played[a.side], played[b.side]) == (a, b),
                    historical=history[a.side] == a.decision and history[b.side] == b.decision,
                )
            )
        return out
    for side in sides:
        other = played[side.other]
        mine = played[side]

        def row(
            move: Move, side: Side = side, other: Move | None = other, mine: Move | None = mine
        ) -> Alternative:
            return Alternative(
                moves=(move,)
                if other is None
                else tuple(sorted((move, other), key=lambda x: x.side != SIDES[0])),
                side=side,
                played=mine == move,
                historical=history[side] == move.decision,
            )

        for move in legal[side]:
            # the decision played is explored as played: with its letter and its promises kept or not
            out.append(row(mine if mine is not None and mine.decision == move.decision else move))
        if mine is not None:
            out.extend(row(m) for m in letter_options(start, mine) if m != mine)
    return out


def letter_options(start: Game, played: Move) -> list[Move]:
    """The decision played, with each letter its side might have sent instead: none, and the one
    each policy writes at this point (in policy order, without repeats: a letter that reads as the
    played one, or as one before it, in the table is left out, J14)."""
    s, side = start.scenario, played.side
    view = start.view(side)
    out = [Move(side, played.decision, None, played.compliance)]
    named = {letter_note(s, played), letter_note(s, out[0])}
    for name in sorted(POLICIES):
        letter = POLICIES[name](s, view, start.state.seed).letter
        if letter is None or start.scenario.negotiation is None:
            continue
        if rules.letter_problem(s, start.state, side, letter) is not None:
            continue
        move = Move(side, played.decision, letter, played.compliance)
        note = letter_note(s, move)
        if note not in named:
            named.add(note)
            out.append(move)
    return out


def letter_note(s: Scenario, move: Move) -> str:
    """How an alternative's letter reads in a table row: its channel, what it gives and asks."""
    letter, n = move.letter, s.negotiation
    if letter is None or n is None:
        return "no letter"
    terms = {t.id: t.label for t in n.terms}
    gives = "; ".join(terms.get(o.term, o.term) for o in letter.gives)
    asks = "; ".join(terms.get(o.term, o.term) for o in letter.demands)
    parts = [p for p in (f"gives {gives}" if gives else "", f"asks {asks}" if asks else "") if p]
    answer = f"{letter.answer.value}s {letter.reply_to}" if letter.answer is not None else ""
    what = ", ".join(x for x in (answer, *parts) if x) or "no terms"
    return f"{letter.tone.value} letter {n.channel(letter.channel).way}: {what}"


def alternative_label(x: Exploration, alt: Alternative) -> str:
    """How a row of the table names its alternative: the varied orders, and the letter where the
    letters are explored too (the played move had one, or this row's has one)."""
    s = x.scenario
    moves = [m for m in alt.moves if alt.side is None or m.side is alt.side]
    name = " + ".join(s.decision(m.decision).label for m in moves)
    mine = x.played.get(alt.side) if alt.side is not None else None
    if mine is not None and (mine.letter is not None or moves[0].letter is not None):
        name += f" ({letter_note(s, moves[0])})"
    return name


def explore(
    game: Game,
    at: int,
    *,
    runs: int = 200,
    seed: int = 1,
    jobs: int | None = None,
    policies: Sequence[str] | None = MIX,
    sides: Sequence[Side] = SIDES,
    pairs: bool = False,
    progress: Callable[[int, int], None] | None = None,
    shard: tuple[int, int] | None = None,
    executor: Executor | None = None,
) -> Exploration:
    """Play every alternative open at turn `at` of `game` forward `runs` times; count the endings.

    `jobs`: processes to use (None: every core when the work is large, else this one).
    `progress(done, total)` is called as games finish.
    `shard`: (I, N) plays only the I-th of N slices of the runs; the counts of all N add up to
    the whole study's (`game.analysis.shards.merge`).
    `executor`: run the chunks there (a Dask cluster's, `game.analysis.cluster`) with `jobs` chunks
    per slot in flight; each chunk carries the game's version and the scenario's hash, and a worker
    with another refuses it.
    """
    if runs < 1:
        raise CrisisError(f"runs should be at least 1, not {runs}")
    policies = tuple(sorted(POLICIES)) if policies is None else tuple(policies)
    unknown = [p for p in policies if p not in POLICIES]
    if unknown or not policies:
        raise CrisisError(
            f"no policy {unknown[0] if unknown else ''!r}; policies: {', '.join(sorted(POLICIES))}"
        )
    if game.is_over() and at > len(game.state.log):
        raise CrisisError(f"the game ended after turn {len(game.state.log)}; explore a turn from 1 to that")
    start = cut(game, at)
    log = game.state.log
    made = log[at - 1].moves if at <= len(log) else game.state.pending
    played: dict[Side, Move | None] = {
        side: next((m for m in made if m.side is side), None) for side in SIDES
    }
    alts = alternatives(start, played, sides=sides, pairs=pairs)
    lo, hi = shard_runs(runs, shard)
    total = (hi - lo) * len(alts)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
    jobs = max(1, min(jobs, total))
    job = playout.Job(
        path=game.scenario.path,
        state=start.state.to_dict(),
        alternatives=[schema.dump(a.moves) for a in alts],
        policies=tuple(policies),
        seed=seed,
    )
    counts = playout.run(job, game.scenario, lo, hi, jobs, progress, executor)
    rows = [
        Row(
            alternative=a,
            endings=dict(sorted(counts[i][0].items(), key=lambda kv: (-kv[1], kv[0]))),
            kinds=dict(sorted(counts[i][1].items(), key=lambda kv: (-kv[1], kv[0]))),
            runs=hi - lo,
        )
        for i, a in enumerate(alts)
    ]
    return Exploration(
        scenario=game.scenario,
        turn=at,
        date=start.state.date,
        phase=start.state.phase,
        runs=hi - lo,
        seed=seed,
        policies=tuple(policies),
        played=played,
        rows=rows,
        jobs=jobs,
        shard=shard,
        total_runs=runs,
    )


def shard_runs(runs: int, shard: tuple[int, int] | None) -> tuple[int, int]:
    """The runs [lo, hi) that shard (I, N) plays: N contiguous slices, 1-based I, covering every run."""
    if shard is None:
        return 0, runs
    index, of = shard
    if not 1 <= index <= of:
        raise CrisisError(f"shard {index}/{of}: the shard number should be from 1 to {of}")
    if of > runs:
        raise CrisisError(f"shard {index}/{of}: more shards than the {runs} runs to share out")
    return runs * (index - 1) // of, runs * index // of
