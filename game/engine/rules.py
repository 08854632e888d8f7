"""The rules: start a game, list legal moves, apply a move, resolve a turn. Pure functions of values."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import TypeVar

from game.conditions import Expr
from game.engine import injects
from game.engine import objectives as aims
from game.engine.endings import settle
from game.engine.gates import Gate, gate
from game.engine.letters import Letter
from game.engine.machine import machine_for
from game.engine.negotiation import check_letter, next_day, pacts, stamp
from game.engine.state import Compliance, GameState, Move, TurnRecord, sorted_moves, split_promise, trail_from
from game.engine.work import Env, Work, env_of, read_env
from game.model import SIDES, Decision, Event, Fires, IllegalMoveError, Kind, Scenario, Side, Stance

_T = TypeVar("_T")


@dataclass(frozen=True)
class Outcome:
    """How a game ended: the ending, its kind, and each side's scores."""

    ending: str
    kind: Kind
    headline: str
    historical: bool
    scores: dict[Side, dict[str, int]]
    history_share: float
    """The share of all moves that were the order history gave on that date (the same measure as
    `analysis.history.history_share`, read from the log's dates alone)."""
    objectives: tuple[aims.Judged, ...] = ()
    """Both sides' hidden objectives, each met or not (empty in a game played without them)."""


def new_game(s: Scenario, seed: int = 0, *, objectives: bool = False) -> GameState:
    """The state at the scenario's start, entry events fired; with `objectives`, each side draws its
    hidden objective for the opening chapter."""
    start = s.start
    blank = _state(
        scenario=s.id,
        seed=seed,
        phase=start.phase,
        date="",
        calendar=(),
        phase_turn=0,
        tracks=tuple((t.id, t.start) for t in s.tracks),
        flags=frozenset(f.id for f in s.flags if f.start) | frozenset(start.flags),
        taken=frozenset(start.taken),
        fired=frozenset(start.fired),
    )
    if start.agreements and s.negotiation is not None:
        blank = dataclasses.replace(blank, agreements=pacts(s.negotiation, start.agreements))
    work = Work(s, blank)
    for name, value in start.tracks.items():
        work.tracks[name] = work.env[name] = value
    after = (start.date - dt.timedelta(days=1)).isoformat() if start.date else None
    calendar = work.enter(start.phase, after, seed, 0)
    return _state(
        scenario=s.id,
        seed=seed,
        phase=start.phase,
        date=calendar[0],
        calendar=calendar,
        phase_turn=0,
        tracks=tuple(work.tracks.items()),
        flags=frozenset(work.flags),
        taken=frozenset(work.taken),
        fired=frozenset(work.fired),
        opening=tuple(work.events),
        opening_rolls=tuple(work.rolls),
        agreements=blank.agreements,
        objectives_on=objectives,
        objectives=aims.draw(s, seed, 0, start.phase, work.env) if objectives else (),
    )


_DEFAULTS = {f.name: f.default for f in dataclasses.fields(GameState) if f.default is not dataclasses.MISSING}
"""GameState's fields that have a default, with it (the trail's is the empty log's, "")."""


def _state(**given: object) -> GameState:
    """GameState(**given), its defaults filled in, without running its __init__ (see _value)."""
    return _value(GameState, **{**_DEFAULTS, **given})


def sides_to_act(s: Scenario, state: GameState) -> tuple[Side, ...]:
    """The sides that still owe a move this turn (both at the start of a turn, none at the end)."""
    if state.ending is not None:
        return ()
    if not state.pending:
        return SIDES
    moved = {m.side for m in state.pending}
    return tuple(side for side in SIDES if side not in moved)


def legal_moves(s: Scenario, state: GameState, side: Side, env: Env | None = None) -> tuple[Move, ...]:
    """The moves `side` may make now; empty once it has moved or the game is over.

    `env`, when given, is `env_of(s, state)` already worked out by the caller."""
    if state.ending is not None or any(m.side is side for m in state.pending):
        return ()  # not one of sides_to_act: the game is over, or this side has moved
    if env is None:
        env = read_env(s, state)
    return _open_moves(s, state.phase, side)(env)


@cache
def _open_moves(s: Scenario, phase: str, side: Side) -> Gate[Move]:
    """The gate of `side`'s decisions in `phase`: each open while its `requires` holds and, if it may
    be taken once, until it is (a decision taken reads true in the env, as in conditions)."""

    def items() -> Iterable[tuple[Move, Expr | None, str | None]]:
        plain = plain_moves(s, side)
        for d in s.phase(phase).decisions.get(side, ()):
            yield plain[d.id], d.requires, d.id if d.once else None

    return gate(s, (phase, side), items)


@cache
def _after_turn(s: Scenario, phase: str) -> tuple[Event, ...]:
    """The events considered after a turn in `phase`: the chapter's own, then the game's, in order
    (one tuple, so one compiled search finds those that may fire; see work._firing)."""
    return (*s.phase(phase).events, *s.events)


@cache
def plain_moves(s: Scenario, side: Side) -> dict[str, Move]:
    """`Move(side, decision)` for each of `side`'s decisions, made once: moves are values."""
    return {d.id: Move(side, d.id) for p in s.phases for d in p.decisions.get(side, ())}


def is_legal(s: Scenario, state: GameState, move: Move) -> bool:
    """Whether `move`'s decision may be taken now (cheaper than listing every legal move)."""
    if injects.is_inject(move):
        return injects.problem(s, state, move) is None
    if state.ending is not None or any(m.side is move.side for m in state.pending):
        return False  # not one of sides_to_act: the game is over, or this side has moved
    d = _decisions(s, state.phase, move.side).get(move.decision)
    if d is None or (d.once and d.id in state.taken):
        return False
    return d.requires is None or bool(d.requires.fn(read_env(s, state)))  # env only when needed


@cache
def _decisions(s: Scenario, phase: str, side: Side) -> dict[str, Decision]:
    """`side`'s decisions in `phase` by id (the first of an id, as a search in order finds it)."""
    out: dict[str, Decision] = {}
    for d in s.phase(phase).decisions.get(side, ()):
        out.setdefault(d.id, d)
    return out


def letter_problem(s: Scenario, state: GameState, side: Side, letter: Letter) -> str | None:
    """Why `side` cannot send `letter` now, or None."""
    dates = chain((r.date for r in state.log), (state.date,))  # read only for an acceptance
    return check_letter(s.negotiation, state.mail, side, letter, read_env(s, state), dates)


def apply(s: Scenario, state: GameState, move: Move) -> GameState:
    """The state after `move`; when both sides have moved, the turn resolves.

    `legal_moves` lists decisions; a move may also carry a letter (checked here) and say which
    obligations its side will delay or break. A facilitator's inject is recorded for the turn.
    """
    if injects.is_inject(move):
        return injects.apply(s, state, move)
    if not is_legal(s, state, move):
        legal = ", ".join(m.decision for m in legal_moves(s, state, move.side)) or "none"
        raise IllegalMoveError(
            f"illegal move {move.decision!r} for {move.side.value} in phase {state.phase!r} "
            f"on {state.date} (legal: {legal})"
        )
    if move.letter is not None and (why := letter_problem(s, state, move.side, move.letter)):
        raise IllegalMoveError(f"{move.side.value} cannot send that letter: {why}")
    for key, how in move.compliance:
        if how not in tuple(Compliance):
            raise IllegalMoveError(f"an obligation can be delayed or broken, not {how!r} ({key!r})")
        if why := _promise_problem(state, move.side, key):
            raise IllegalMoveError(f"{move.side.value} cannot keep or break {key!r}: {why}")
    pending = (*state.pending, move)
    if len(pending) < len(SIDES):
        return _with_pending(state, pending)
    return _resolve(s, state, sorted_moves(pending))


def _promise_problem(state: GameState, side: Side, key: str) -> str | None:
    """Why a compliance key names no promise of `side` (a term alone: any of its agreements)."""
    agreement, term = split_promise(key)
    held = [a for a in state.agreements if not agreement or a.id == agreement]
    if agreement and not held:
        return f"there is no agreement {agreement!r}"
    if not any(o.term == term and o.giver is side for a in held for o in a.obligations):
        return "no agreement holds that promise of this side"
    return None


def _resolve(s: Scenario, state: GameState, moves: tuple[Move, ...]) -> GameState:
    work = Work(s, state)
    turn, phase = state.turn, s.phase(state.phase)
    if state.injects:
        for item in injects.effects_of_turn(s, state, turn):  # the news of the turn, then the orders
            work.apply(item.effects)
    for m in moves:
        work.take(m.decision)
        work.apply(s.decision(m.decision).effects, by=m.side)
    phase_turn = state.phase_turn + 1
    deadline = phase_turn >= len(state.calendar)
    work.at(turn, phase_turn, deadline)
    if s.negotiation is not None:
        defied = [
            (m.side, t, d.stance is Stance.HAWK)
            for m in moves
            for d in (s.decision(m.decision),)
            for t in d.defies
        ]
        _negotiate(work, state, moves, phase_turn, turn, defied)
    work.consider(_after_turn(s, phase.id), Fires.TURN, state.seed, turn)  # the chapter's, then the game's
    target = machine_for(s).next(phase.id, work.env)
    ending, calendar, date, drawn = None, state.calendar, state.date, state.objectives
    if target is None and deadline:
        raise IllegalMoveError(f"phase {phase.id!r} has no transition at its deadline")
    if target is None:
        date = calendar[phase_turn]
    elif s.is_ending(target):
        ending = target = settle(s, target, work.env)  # told by the facts, not only by the edge
    else:
        calendar, phase_turn = work.enter(target, state.date, state.seed, turn), 0
        date = calendar[0]
        if state.objectives_on:  # a new chapter: each side draws its hidden objective for it
            drawn += aims.draw(s, state.seed, turn, target, work.env)
    t = work.table
    record = _value(
        TurnRecord,
        turn=turn,
        date=state.date,
        phase=phase.id,
        moves=moves,
        events=tuple(work.events),
        rolls=tuple(work.rolls),
        to=target,
        sent=tuple(t.sent),
        delivered=tuple(t.delivered),
        agreed=tuple(t.agreed),
        kept=tuple(t.kept),
        leaks=tuple(t.leaks),
    )
    work.refresh_terms()
    made = _value(
        GameState,
        scenario=state.scenario,
        seed=state.seed,
        phase=target or phase.id,
        date=date,
        calendar=calendar,
        phase_turn=phase_turn,
        tracks=tuple(work.tracks.items()),
        flags=frozenset(work.flags),
        # decisions taken and events fired are only ever added: the same count, the same set
        taken=state.taken if len(work.taken) == len(state.taken) else frozenset(work.taken),
        fired=state.fired if len(work.fired) == len(state.fired) else frozenset(work.fired),
        pending=(),
        log=(*state.log, record),
        _trail_from=trail_from(state),  # `trail` is worked out when first read
        opening=state.opening,
        opening_rolls=state.opening_rolls,
        ending=ending,
        mail=tuple(t.mail),
        agreements=tuple(t.agreements),
        blocked=frozenset(t.blocked),
        leaked=frozenset(t.leaked),
        _tracks=work.tracks,  # what GameState keeps for track(); work is done with it
        objectives_on=state.objectives_on,
        objectives=drawn,
        injects=state.injects,
    )
    env = work.env  # made the next state's env as read_env would (a turn on), without a copy
    env["turn"], env["deadline"] = turn + 1, False
    _remember(made, env, work._term_names)
    object.__setattr__(made, "_env", env)
    return made


def _value(cls: type[_T], **fields: object) -> _T:
    """A frozen dataclass made from every one of its fields without running its __init__, which
    sets each field through object.__setattr__ (a fifth of the cost of a turn's new state). The
    keywords' dict, made for this call, becomes the value's own: nothing is copied."""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", fields)
    return made


def _remember(state: GameState, env: Env, term_names: set[str]) -> None:
    """Keep what a state implies for conditions beside it: not part of the value, a cache."""
    object.__setattr__(state, "_implied", (env, frozenset(term_names)))


def _negotiate(
    work: Work,
    state: GameState,
    moves: tuple[Move, ...],
    phase_turn: int,
    turn: int,
    defied: list[tuple[Side, str, bool]],
) -> None:
    """Letters go out, those due are read (an acceptance makes an agreement), promises are kept
    or not (a decision against a term owed breaks it), and secrets may leak; a deed that reveals a
    term makes it public first."""
    table = work.table
    table.reveal(t for m in moves for t in work.s.decision(m.decision).reveals)
    table.send(moves, state.date, turn)
    following = state.calendar[phase_turn] if phase_turn < len(state.calendar) else state.date
    if following == state.date:
        following = next_day(state.date)
    table.deliver(stamp(following), work.apply)  # read by the time of the next decision
    if table.agreements:  # (keep and leak would find nothing to do without)
        table.keep(moves, state.date, work.apply, defied)
    work.refresh_terms()
    if table.delivered:
        table.leak(state.seed, turn, work.env)
        work.refresh_terms()


def outcome(s: Scenario, state: GameState) -> Outcome | None:
    """The ending reached, with scores, or None while the game goes on."""
    if state.ending is None:
        return None
    end = s.ending(state.ending)
    env = env_of(s, state)
    scores = {side: {axis: _score(expr(env)) for axis, expr in end.scores[side].items()} for side in SIDES}
    from game.engine.history import given_on_its_date  # (history reads the rules)

    moves = [(r, m) for r in state.log for m in r.moves]
    share = sum(given_on_its_date(s, r.phase, r.date, m) for r, m in moves) / len(moves) if moves else 0.0
    judged: tuple[aims.Judged, ...] = ()
    if state.objectives_on:
        env[end.id] = env[end.kind.value.replace("-", "_")] = True  # aims read the ending, as questions do
        judged = aims.judge(s, state.objectives, env)
        for side in SIDES:
            if (points := aims.score(judged, side)) is not None:
                scores[side][aims.AXIS] = points
    return Outcome(end.id, end.kind, end.headline, end.historical, scores, round(share, 3), judged)


def _score(value: float) -> int:
    return int(min(max(round(float(value)), 0), 10))


def _with_pending(state: GameState, pending: tuple[Move, ...]) -> GameState:
    """`state` with other sealed orders: everything else, caches included, is shared as it stands."""
    made = object.__new__(GameState)
    made.__dict__.update(state.__dict__)
    object.__setattr__(made, "pending", pending)
    return made
