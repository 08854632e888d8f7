"""One game, behind an API shaped like OpenSpiel's State: who acts, legal moves, apply, clone, view."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from game.conditions import Expr
from game.diplomacy import term_names
from game.engine import history, injects, rules
from game.engine import objectives as aims
from game.engine.gates import Gate, gate
from game.engine.letters import Agreement, Mail
from game.engine.negotiation import News, news, open_channels, open_terms
from game.engine.state import GameState, Move, TurnRecord
from game.engine.word import telling, word_news
from game.model import CrisisError, Decision, Scenario, Side


@dataclass(frozen=True)
class SeenTurn:
    """A past turn as one side saw it: hidden moves are None, unseen events are left out."""

    turn: int
    date: str
    phase: str
    moves: tuple[Move | None, ...]
    events: tuple[str, ...]
    to: str | None
    news: tuple[News, ...] = ()
    """What changed in the negotiation this turn: agreements made, obligations carried out, late or
    broken, secrets leaked (both signatories know every agreement; a leak is public)."""


@dataclass(frozen=True)
class SideView:
    """What one side may know: the other's pending move and secrets are left out."""

    side: Side
    date: str
    phase: str
    turn: int
    turns_left: int
    """Turns left in this phase after the current one, if nothing ends it early."""
    tracks: dict[str, int]
    flags: frozenset[str]
    my_move: Move | None
    other_has_moved: bool
    legal: tuple[Move, ...]
    log: tuple[SeenTurn, ...]
    opening: tuple[str, ...]
    ending: str | None
    letters: tuple[Mail, ...] = ()
    """This side's own letters, and the other side's once they have arrived."""
    agreements: tuple[Agreement, ...] = ()
    """Both signatories know every term, secret ones included."""
    channels: tuple[str, ...] = ()
    """Channels this side may write by now."""
    terms: tuple[str, ...] = ()
    """Terms that may be offered or demanded now."""
    term_names: dict[str, bool] = field(default_factory=dict)
    """`<term>_agreed`, `_public`, ... as conditions read them."""
    time_left: float = 1.0
    """Share of the phase still to come: 1 at its start, near 0 at its last turn."""
    briefing: str = ""
    """This chapter's briefing for this side as told in this state (the variant whose facts hold)."""
    objectives: tuple[aims.Aim, ...] = ()
    """This side's own hidden objectives drawn so far (never the other side's)."""

    def __getstate__(self) -> dict[str, object]:
        """Every field read (see _Later): a copied or pickled view is a plain value, not a link to a game."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@cache
def term_keys(s: Scenario) -> frozenset[str]:
    return frozenset(term_names(s.negotiation) - {"time_left"})


@cache
def _seen_flags(s: Scenario, side: Side) -> Gate[str]:
    """The declared flags `side` sees when set: those known to it, and the others once revealed."""

    def items() -> Iterable[tuple[str, Expr | None, str | None]]:
        for f in s.flags:
            if side in f.known_to:
                yield f.id, None, None
            elif f.revealed_when is not None:
                yield f.id, f.revealed_when, None

    return gate(s, ("flags", side), items)


class Game:
    """A scenario and the current state; `apply` advances it, `clone` copies it (cheaply)."""

    def __init__(
        self, scenario: Scenario, seed: int = 0, state: GameState | None = None, *, objectives: bool = False
    ) -> None:
        """A new game from `seed` (with hidden `objectives` or not), or the game at `state`."""
        self.scenario = scenario
        self.state = state if state is not None else rules.new_game(scenario, seed, objectives=objectives)

    def __repr__(self) -> str:
        return f"<Game {self.scenario.id} seed={self.state.seed} turn={self.state.turn} {self.state.phase}>"

    def sides_to_act(self) -> tuple[Side, ...]:
        return rules.sides_to_act(self.scenario, self.state)

    def legal_moves(self, side: Side) -> tuple[Move, ...]:
        """`side`'s moves now (its decisions' gate remembers them by the values their conditions read)."""
        return rules.legal_moves(self.scenario, self.state, side, self._env())

    def _env(self) -> rules.Env:
        """`rules.env_of` of the current state, worked out once per state (read, never changed)."""
        return rules.read_env(self.scenario, self.state)

    def apply(self, move: Move) -> None:
        self.state = rules.apply(self.scenario, self.state, move)

    def is_over(self) -> bool:
        return self.state.is_over

    def outcome(self) -> rules.Outcome | None:
        return rules.outcome(self.scenario, self.state)

    def history(self, side: Side) -> Decision | None:
        """What really happened at this point for `side` (None: history has left this road)."""
        return history.what_happened(self.scenario, self.state, side)

    def matches_history(self, move: Move) -> bool:
        """Whether `move`, made now, is what really happened at this point."""
        return history.matched(self.scenario, self.state, move)

    def clone(self) -> Game:
        return Game(self.scenario, state=self.state)

    def to_dict(self) -> dict[str, Any]:
        return self.state.to_dict()

    @classmethod
    def from_dict(cls, scenario: Scenario, data: dict[str, Any]) -> Game:
        return cls(scenario, state=GameState.from_dict(data))

    def view(self, side: Side) -> SideView:
        """What `side` may know now. The fields a policy may never read (the log as this side saw
        it, its flags, letters, briefing ...) are worked out when first read (see _Later)."""
        st = self.state
        mine, other = None, False
        for m in st.pending:
            if m.side is not side:
                other = True
            elif mine is None:
                mine = m
        # the cheap fields given, the others left to _Later; made without the frozen dataclass's
        # __init__, which sets each field through object.__setattr__ (see rules._value)
        return rules._value(
            SideView,
            side=side,
            date=st.date,
            phase=st.phase,
            turn=st.turn,
            turns_left=max(len(st.calendar) - st.phase_turn - 1, 0),
            my_move=mine,
            other_has_moved=other,
            legal=self.legal_moves(side),
            ending=st.ending,
            agreements=st.agreements,
            _of=(self, st, side),
        )

    def _seen_log(self, side: Side, state: GameState) -> tuple[SeenTurn, ...]:
        """The log of `state` as `side` saw it, extended turn by turn rather than rebuilt for every view."""
        log = state.log
        cache = self.__dict__.setdefault("_seen_cache", {})
        records, seen = cache.get(side, ((), ()))
        if records is log:
            return seen  # nothing new since the last view of this side
        if len(records) > len(log) or (records and log[len(records) - 1] is not records[-1]):
            records, seen = (), ()  # another line of play: start again
        seen = seen + tuple(self._seen(r, side, state) for r in log[len(records) :])
        cache[side] = (log, seen)
        return seen

    def _seen(self, record: TurnRecord, side: Side, state: GameState) -> SeenTurn:
        """The other side's covert decisions are hidden; its letters are read in `letters`, once they
        arrive, never here."""
        s, plain = self.scenario, rules.plain_moves(self.scenario, side.other)
        moves = tuple(
            m if m.side is side else (None if s.decision(m.decision).covert else plain[m.decision])
            for m in record.moves
        )
        seen = _seen_events(self.scenario, side)
        events = tuple(e for e in record.events if e in seen)
        told = news(record, state.agreements) if record.agreed or record.kept or record.leaks else ()
        if any(m.decision in telling(s) for m in record.moves):
            earlier = state.log[: record.turn - 1]
            told += tuple(
                n
                for n in word_news(s, record, earlier, state.mail, state.agreements)
                if n.side is side or not s.decision(_deed_of(record, n)).covert
            )
        return rules._value(  # every field given: made without the frozen dataclass's __init__
            SeenTurn,
            turn=record.turn,
            date=record.date,
            phase=record.phase,
            moves=moves,
            events=events,
            to=record.to,
            news=told,
        )


def _deed_of(record: TurnRecord, n: News) -> str:
    """The decision of `record` that made news `n` (its side's move)."""
    return next(m.decision for m in record.moves if m.side is n.side)


@cache
def _seen_events(s: Scenario, side: Side) -> frozenset[str]:
    """The events `side` hears of when they fire."""
    return frozenset(e for e in s._events if side in s.event(e).known_to)


@cache
def _known_tracks(s: Scenario, side: Side) -> frozenset[str]:
    """The tracks `side` can read."""
    return frozenset(t.id for t in s.tracks if side in t.known_to)


def _shared(s: Scenario, st: GameState, env: rules.Env) -> tuple[tuple[str, ...], dict[str, bool]]:
    """What both sides' views of this turn read alike (the open terms, the term names), worked out
    once per turn and kept beside the state, as its env is (the sealed orders do not change it)."""
    known = st.__dict__.get("_shared")
    if known is None:
        terms = term_keys(s)
        known = (open_terms(s.negotiation, env), {k: v for k, v in env.items() if k in terms})
        object.__setattr__(st, "_shared", known)
    return known  # type: ignore[no-any-return]


_Of = tuple[Game, GameState, Side]
"""What a view was made of: the game (for its memos), the state it shows, and whose view it is."""


class _Later:
    """A field of SideView that `Game.view` leaves out, worked out from the state the view was made
    of when first read and kept in the view (an instance's value is found before this descriptor).
    A random policy reads its legal moves and a few numbers; the AI and the UI read everything."""

    __slots__ = ("name", "make")

    def __init__(self, name: str, make: Callable[[Scenario, GameState, Side, Game], object]) -> None:
        self.name, self.make = name, make

    def __get__(self, view: SideView | None, owner: type | None = None) -> object:
        if view is None:
            return self
        game, st, side = view.__dict__["_of"]
        value = view.__dict__[self.name] = self.make(game.scenario, st, side, game)
        return value


def _env(s: Scenario, st: GameState) -> rules.Env:
    return rules.read_env(s, st)


_LATER: dict[str, Callable[[Scenario, GameState, Side, Game], object]] = {
    "tracks": lambda s, st, side, g: {n: v for n, v in st.tracks if n in _known_tracks(s, side)},
    "flags": lambda s, st, side, g: st.flags.intersection(_seen_flags(s, side)(_env(s, st))),
    "log": lambda s, st, side, g: g._seen_log(side, st),
    "opening": lambda s, st, side, g: tuple(e for e in st.opening if e in _seen_events(s, side)),
    "letters": lambda s, st, side, g: tuple(m for m in st.mail if m.sender is side or m.delivered),
    "channels": lambda s, st, side, g: open_channels(s.negotiation, side, _env(s, st)),
    "terms": lambda s, st, side, g: _shared(s, st, _env(s, st))[0],
    "term_names": lambda s, st, side, g: dict(_shared(s, st, _env(s, st))[1]),
    "time_left": lambda s, st, side, g: float(_env(s, st)["time_left"]),
    "briefing": lambda s, st, side, g: (
        "" if s.is_ending(st.phase) else s.phase(st.phase).briefing[side].told(_env(s, st)).text
    ),
    "objectives": lambda s, st, side, g: aims.aims(s, st.objectives, side),
}
for _name, _make in _LATER.items():
    setattr(SideView, _name, _Later(_name, _make))  # after @dataclass: no default is changed


def cut(game: Game, turn: int) -> Game:
    """The game as it stood at the start of `turn` (1-based): its earlier moves, replayed."""
    if not 1 <= turn <= game.state.turn:
        raise CrisisError(f"turn {turn} is not in this game (it has turns 1 to {game.state.turn})")
    s, played = game.scenario, game.state
    state = rules.new_game(s, played.seed, objectives=played.objectives_on)
    for r in played.log[: turn - 1]:
        for move in (*injects.moves_of_turn(played, r.turn), *r.moves):  # a class's injects too
            state = rules.apply(s, state, move)
    return Game(s, state=state)
