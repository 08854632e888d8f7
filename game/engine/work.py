"""The condition environment (what conditions read in a state) and the scratch copy of a state
while a turn resolves, which keeps its environment in step with every change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from game.conditions import Value, ready
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
        if known is not None:
            env, names = known
            self.env, self._term_names = Env(env), set(names)
            self.table.changed = False
        else:
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
        for eff in effects:
            if eff.name in self.tracks:
                t = self.s.track(eff.name)
                was = self.tracks[eff.name]
                value = eff.value if eff.value is not None else was + eff.delta
                value = min(max(int(value), t.min), t.max)
                if value < was and t.ratchet is not None and t.ratchet.fn(self.env):
                    continue  # while the ratchet holds (a war is being fought), the track only rises
                self.tracks[eff.name] = self.env[eff.name] = value
                esc = self.s.escalation
                if by is not None and esc is not None and eff.name == esc.danger and value > was:
                    own = self.s.track(esc.tracks[by])
                    count = min(self.tracks[own.id] + value - was, own.max)
                    self.tracks[own.id] = self.env[own.id] = count
            elif eff.value:
                self.flags.add(eff.name)
                self.env[eff.name] = True
            else:
                self.flags.discard(eff.name)
                self.env.pop(eff.name, None)

    def consider(self, events: tuple[Event, ...], fires: Fires, seed: int, turn: int) -> None:
        """Fire each event of kind `fires` whose condition holds and whose chance comes up."""
        env, fired = self.env, self.fired
        for e, once, when, chance, key in _firing(events, fires):
            if once and e.id in fired:
                continue
            if when is not None and not when(env):
                continue
            if chance is not None:
                p = min(max(float(chance(env)), 0.0), 1.0)
                roll = draw(seed, turn, key)
                self.rolls.append(Roll(e.id, round(p, 6), roll, roll < p))
                if roll >= p:
                    continue
            self.fire(e)

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


_Firing = tuple[Event, bool, "Callable[[Env], Value] | None", "Callable[[Env], Value] | None", str]
_FIRING: dict[tuple[int, Fires], tuple[tuple[Event, ...], tuple[_Firing, ...]]] = {}


def _firing(events: tuple[Event, ...], fires: Fires) -> tuple[_Firing, ...]:
    """The events of `events` of kind `fires`, in order, each with what `consider` reads of it (once,
    its compiled condition and chance, the key of its draw), picked out once per tuple of events."""
    known = _FIRING.get((id(events), fires))
    if known is None or known[0] is not events:  # the tuple is kept beside its id: never stale
        plan = tuple(
            (
                e,
                e.once,
                None if e.when is None else ready(e.when),
                None if e.chance is None else ready(e.chance),
                f"{fires.value}:{e.id}",
            )
            for e in events
            if e.fires is fires
        )
        known = _FIRING[(id(events), fires)] = (events, plan)
    return known[1]


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
