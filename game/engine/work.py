"""The condition environment (what conditions read in a state) and the scratch copy of a state
while a turn resolves, which keeps its environment in step with every change."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache

from game.conditions import First, Value, first_holding, ready
from game.engine.chance import draw
from game.engine.negotiation import Table, next_day
from game.engine.state import GameState, Roll
from game.model import Effect, Event, Fires, Scenario, Side


class Env(dict):
    """What conditions read: tracks, set flags, taken decisions, fired events, builtins.

    A declared flag, decision or event that is absent reads as false (names were checked at load).
    """

    __slots__ = ()

    def __missing__(self, key: str) -> bool:
        return False


class Work:
    """The mutable scratch copy of a state while a turn resolves, with its `env` kept in step."""

    def __init__(self, s: Scenario, state: GameState) -> None:
        self.s = s
        self.tracks = dict(state.tracks)
        self.flags = set(state.flags)
        self.taken = set(state.taken)
        self.fired = set(state.fired)
        self.events: list[str] = []
        self.rolls: list[Roll] = []
        self.table = Table(s.negotiation, state)
        self.calendar_len = len(state.calendar) or 1
        known = state._implied  # worked out when the state was made
        if known is not None:  # made by rules._resolve, its builtins already those of this turn
            env, names = known
            self.env, self._term_names = Env(env), set(names)
            self.table.changed = False
            return
        self.env, self._term_names = Env(self.tracks), set()
        self.env.update(dict.fromkeys(self.flags, True))
        self.env.update(dict.fromkeys(self.taken, True))
        self.env.update(dict.fromkeys(self.fired, True))
        self.at(state.turn, state.phase_turn, False)
        self.refresh_terms()

    def at(self, turn: int, phase_turn: int, deadline: bool) -> None:
        """Set the builtins conditions read."""
        self.env["turn"], self.env["phase_turn"], self.env["deadline"] = turn, phase_turn, deadline
        self.env["time_left"] = max(0.0, 1.0 - phase_turn / self.calendar_len)

    def refresh_terms(self) -> None:
        """Bring the negotiation's names (`<term>_agreed`, ...) up to date in `env`."""
        if self.s.negotiation is None or not self.table.changed:
            return
        self.table.changed = False
        names = self.table.names()
        for gone in self._term_names - names.keys():
            self.env.pop(gone, None)
        self.env.update(names)
        self._term_names = set(names)

    def take(self, decision: str) -> None:
        self.taken.add(decision)
        self.env[decision] = True

    def fire(self, event: Event) -> None:
        self.fired.add(event.id)
        self.env[event.id] = True
        self.events.append(event.id)
        self.apply(event.effects)
        if event.blocks:
            self.table.blocked.update(event.blocks)
            self.table.changed = True
            self.refresh_terms()

    def apply(self, effects: Iterable[Effect], by: Side | None = None) -> None:
        """Make `effects`; `by` is the side whose decision they are (its escalation is counted)."""
        tracks, env, bounds = self.tracks, self.env, _bounds(self.s)
        for eff in effects:
            name = eff.name
            if name in tracks:
                low, high, ratchet, counted = bounds[name]
                was = tracks[name]
                value = int(eff.value if eff.value is not None else was + eff.delta)
                if value < low:  # min(max(value, low), high), without the two calls
                    value = low
                if value > high:
                    value = high
                if value < was and ratchet is not None and ratchet(env):
                    continue  # while the ratchet holds (a war is being fought), the track only rises
                tracks[name] = env[name] = value
                if by is not None and counted is not None and value > was:
                    own = self.s.track(counted[by])
                    count = min(tracks[own.id] + value - was, own.max)
                    tracks[own.id] = env[own.id] = count
            elif eff.value:
                self.flags.add(name)
                env[name] = True
            else:
                self.flags.discard(name)
                env.pop(name, None)

    def consider(self, events: tuple[Event, ...], fires: Fires, seed: int, turn: int) -> None:
        """Fire each event of kind `fires` whose condition holds and whose chance comes up, in order
        (each condition read after the events before it have fired)."""
        env, fired = self.env, self.fired
        plan, first = _firing(events, fires)
        i = first(env, fired, 0)
        while i >= 0:
            e, chance, key = plan[i]
            if chance is not None:
                p = min(max(float(chance(env)), 0.0), 1.0)
                roll = draw(seed, turn, key)
                self.rolls.append(Roll(e.id, round(p, 6), roll, roll < p))
            if chance is None or roll < p:
                self.fire(e)
            i = first(env, fired, i + 1)

    def enter(self, phase_id: str, after: str | None, seed: int, turn: int) -> tuple[str, ...]:
        """Enter a phase: its remaining calendar, and the events that fire on entry."""
        phase = self.s.phase(phase_id)
        calendar = tuple(d for d in _iso_calendar(self.s, phase_id) if after is None or d > after)
        if not calendar:
            assert after is not None
            calendar = (next_day(after),)
        self.calendar_len = len(calendar)
        self.at(turn, 0, False)
        self.consider(phase.events, Fires.ENTER, seed, turn)
        return calendar


_Firing = tuple[Event, "Callable[[Env], Value] | None", str]
_Plan = tuple[tuple[_Firing, ...], First]
_FIRING: dict[tuple[int, Fires], tuple[tuple[Event, ...], _Plan]] = {}


def _firing(events: tuple[Event, ...], fires: Fires) -> _Plan:
    """The events of `events` of kind `fires`, in order, each with its compiled chance and the key of
    its draw; and one function that finds the next of them that may fire (its condition holds, and
    it fires more than once or has not yet fired), compiled once per tuple of events."""
    known = _FIRING.get((id(events), fires))
    if known is None or known[0] is not events:  # the tuple is kept beside its id: never stale
        chosen = [e for e in events if e.fires is fires]
        plan = tuple(
            (e, None if e.chance is None else ready(e.chance), f"{fires.value}:{e.id}") for e in chosen
        )
        first = first_holding(
            [(() if e.when is None else (e.when,), e.id if e.once else None) for e in chosen]
        )
        known = _FIRING[(id(events), fires)] = (events, (plan, first))
    return known[1]


_Bounds = tuple[int, int, "Callable[[Env], Value] | None", "Mapping[Side, str] | None"]


@cache
def _bounds(
    s: Scenario,
) -> dict[str, tuple[int, int, Callable[[Env], Value] | None, Mapping[Side, str] | None]]:
    """Per track: its least and greatest value, its ratchet's compiled condition, and, for the danger
    track of the scenario's escalation, the escalation track of each side (what `apply` reads)."""
    esc = s.escalation
    return {
        t.id: (
            t.min,
            t.max,
            None if t.ratchet is None else ready(t.ratchet),
            esc.tracks if esc is not None and t.id == esc.danger else None,
        )
        for t in s.tracks
    }


@cache
def _iso_calendar(s: Scenario, phase_id: str) -> tuple[str, ...]:
    """A phase's turn dates as ISO text, worked out once per scenario."""
    return tuple(d.isoformat() for d in s.phase(phase_id).calendar)


def env_of(s: Scenario, state: GameState) -> Env:
    """What conditions read in `state`, before the current turn resolves (a copy, the caller's own)."""
    return Env(read_env(s, state))


def read_env(s: Scenario, state: GameState) -> Env:
    """`env_of(s, state)` to read, never to change: worked out once per state and kept beside it
    (not part of the value). The sealed orders of a turn do not change it, so the states of one
    turn share it."""
    known: Env | None = state.__dict__.get("_env")
    if known is None:
        implied = state.__dict__.get("_implied")
        if implied is not None:  # what Work would make, without copying the sets and the table
            known = Env(implied[0])
            known["turn"], known["phase_turn"], known["deadline"] = state.turn, state.phase_turn, False
            known["time_left"] = max(0.0, 1.0 - state.phase_turn / (len(state.calendar) or 1))
        else:
            known = Work(s, state).env
        object.__setattr__(state, "_env", known)
    return known
