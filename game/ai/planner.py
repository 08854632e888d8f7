"""Looking one turn ahead: what a deal or a pair of deeds would lead to, and what that is worth.

Prepared once per scenario (and cached): the edges out of every phase, and where the crisis tends
to go from each phase at each level of risk, counted over a few hundred quick games in which both
sides choose their deeds at random (weighted towards the moderate), with no letters. A position is
worth the ending it reaches now, or, if the crisis goes on, what the endings that tend to follow
from there are worth, the wars among them weighed as much as the personality fears them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import product
from math import prod
from typing import TypeVar

from game.conditions import ready
from game.diplomacy import Offer, Timing
from game.engine.chance import pick
from game.engine.endings import settle
from game.engine.machine import machine_for
from game.engine.rules import Env
from game.model import Event, Fires, Kind, Scenario, Stance, Track
from game.sides import Effect, Side

AXES = {"survival": 2.0, "security": 1.0, "prestige": 1.0}
"""The score axes a leader plays for, and their weights: survival first (closeness to history is
the teacher's axis, not theirs)."""
_WAR = (Kind.LIMITED_WAR, Kind.NUCLEAR_WAR)


ROLLOUTS = 240
"""Quick games played once per scenario to learn where each phase tends to lead."""
DOUBT = 12
"""How many quick games' worth of 'anything still open may happen' each count starts with."""
_ROLL_STANCES = {Stance.DOVE: 1.0, Stance.MODERATE: 3.0, Stance.HAWK: 0.3}


@dataclass(frozen=True)
class Prepared:
    """What the planner works out once per scenario."""

    edges: Mapping[str, tuple[tuple[str, tuple], ...]]
    """Per phase: (destination, conditions) in the order the rules try them."""
    peace: Mapping[str, tuple[str, ...]]
    """Per phase: the endings without war that can still be reached from it."""
    war: Mapping[str, tuple[str, ...]]
    """Per phase: the endings at war that can still be reached from it."""
    odds: Mapping[tuple[str, int], tuple[tuple[str, float], ...]]
    """Per (phase, risk band): the endings the quick games reached from there, and how often."""
    war_share: Mapping[str, float]
    """Per phase: the share of the quick games from there that ended at war (over its risk bands)."""


def band(s: Scenario, env: Mapping) -> int:
    """The risk of war (the track of role `risk`) in the scenario's bands: 0 calm, 1 tense, 2 grave, 3 on
    the brink (the campaign's bands [4, 6, 8]: calm to 4, tense to 6, grave to 8, the brink above)."""
    track, bands = _risk(s)
    return bisect_left(bands, float(env.get(track, 0)))


@cache
def _risk(s: Scenario) -> tuple[str, tuple[float, ...]]:
    """The risk track's id and bands (looked up once per scenario: `band` is asked at every look)."""
    return s.risk.id, tuple(s.risk.lines.bands)


@cache
def prepare(s: Scenario) -> Prepared:
    machine = machine_for(s)
    edges = {p.id: tuple((e[1], tuple(e[2])) for e in machine.edges.get(p.id, ())) for p in s.phases}
    reach: dict[str, set[str]] = {}
    for p in s.phases:
        seen, todo, found = {p.id}, [p.id], set()
        while todo:
            for dest, _ in edges.get(todo.pop(), ()):
                if s.is_ending(dest):
                    found.add(dest)
                elif dest not in seen and dest in edges:
                    seen.add(dest)
                    todo.append(dest)
        reach[p.id] = found
    peace = {p: tuple(sorted(e for e in found if s.ending(e).kind not in _WAR)) for p, found in reach.items()}
    war = {p: tuple(sorted(e for e in found if s.ending(e).kind in _WAR)) for p, found in reach.items()}
    odds = _odds(s, {p: peace[p] + war[p] for p in reach})
    shares: dict[str, list[float]] = {}
    for (phase, _), told in odds.items():
        shares.setdefault(phase, []).append(sum(x for e, x in told if s.ending(e).kind in _WAR))
    war_share = {phase: sum(xs) / len(xs) for phase, xs in shares.items()}
    return Prepared(edges, peace, war, odds, war_share)


def _odds(
    s: Scenario, reach: Mapping[str, tuple[str, ...]]
) -> dict[tuple[str, int], tuple[tuple[str, float], ...]]:
    """Where the crisis went from each (phase, risk band) in quick games, as shares; a phase seldom
    reached keeps much of the doubt of every ending still open from it (`DOUBT` games' worth)."""
    from game.engine.match import Game  # the engine's own API; imported here, used once per scenario

    counts: dict[tuple[str, int], Counter[str]] = {}
    for seed in range(ROLLOUTS):
        game, seen = Game(s, seed), []
        while not game.is_over():
            st = game.state
            seen.append((st.phase, band(s, dict(st.tracks))))
            for side in game.sides_to_act():
                legal = game.legal_moves(side)
                weights = [_ROLL_STANCES[s.decision(m.decision).stance] for m in legal]
                game.apply(legal[pick(seed, st.turn, f"rollout:{side.value}", weights)])
        ending = game.state.ending
        assert ending is not None
        for key in set(seen):
            counts.setdefault(key, Counter())[ending] += 1
    out = {}
    for (phase, risk), found in counts.items():
        open_ends = reach.get(phase) or tuple(found)
        total = sum(found.values()) + DOUBT
        shares = {e: c / total for e, c in found.items()}
        for e in open_ends:
            shares[e] = shares.get(e, 0.0) + DOUBT / len(open_ends) / total
        out[(phase, risk)] = tuple(sorted(shares.items()))
    return out


RIVALRY = 0.8
"""How much the other side's score counts against a side's own, unless its personality says: a
leader plays for his country first, and for coming out ahead second (never so much that a war
looks better than losing face)."""


def ending_value(s: Scenario, side: Side, ending: str, env: Mapping, rivalry: float = RIVALRY) -> float:
    """What an ending is worth to `side`: its own axes (0-40), less a share of the other side's,
    with the tracks as they stand (remembered per scenario for the few names the scores read)."""
    names = _score_names(s, ending)
    key = (ending, side, rivalry, tuple(map(env.get, names)))
    memo = _memo(s)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _axes(s, side, ending, env) - rivalry * _axes(s, side.other, ending, env)
    return found


@cache
def _memo(s: Scenario) -> dict:
    return {}


@cache
def _score_names(s: Scenario, ending: str) -> tuple[str, ...]:
    scores = s.ending(ending).scores
    return tuple(sorted({name for axes in scores.values() for expr in axes.values() for name in expr.names}))


def _axes(s: Scenario, side: Side, ending: str, env: Mapping) -> float:
    scores = s.ending(ending).scores[side]
    return sum(w * min(max(round(float(scores[a].fn(env))), 0), 10) for a, w in AXES.items() if a in scores)


def war_chance(s: Scenario, env: Mapping, fear: float) -> float:
    """How likely `side` believes the crisis is to end in war if it goes on: from the risk track."""
    track, calm = s.risk, s.risk.lines.bands[0]  # from the top of the calm band to the top of the track
    return min(max((float(env.get(track.id, 0)) - calm) / (track.max - calm), 0.0) ** 2 * fear, 0.95)


def going_on(
    s: Scenario, side: Side, phase: str, env: Mapping, fear: float, rivalry: float = RIVALRY
) -> float:
    """What it is worth to `side` that the crisis goes on from `phase`: the endings the quick games
    reached from here at this risk, wars weighed by `fear`; where they never came, every ending
    still open, with a chance of war that grows with the risk."""
    prep = prepare(s)
    odds = prep.odds.get((phase, band(s, env)))
    if odds:
        names = _odds_names(s, odds)
        key = (phase, odds, side, fear, rivalry, tuple(map(env.get, names)))
        memo = _memo(s)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _expected(s, side, odds, env, fear, rivalry)
        return found
    return _open_ends(s, side, phase, env, fear, rivalry)


@cache
def _odds_names(s: Scenario, odds: tuple[tuple[str, float], ...]) -> tuple[str, ...]:
    return tuple(sorted({name for ending, _ in odds for name in _score_names(s, ending)}))


def _expected(
    s: Scenario, side: Side, odds: tuple[tuple[str, float], ...], env: Mapping, fear: float, rivalry: float
) -> float:
    if odds:
        total = weight = 0.0
        for ending, share in odds:
            w = share * (fear if s.ending(ending).kind in _WAR else 1.0)
            total += w * ending_value(s, side, ending, env, rivalry)
            weight += w
        return total / weight
    return 0.0


def _open_ends(s: Scenario, side: Side, phase: str, env: Mapping, fear: float, rivalry: float) -> float:
    prep = prepare(s)
    peace = [ending_value(s, side, e, env, rivalry) for e in prep.peace.get(phase, ())]
    war = [ending_value(s, side, e, env, rivalry) for e in prep.war.get(phase, ())]
    if not peace and not war:
        return 0.0
    calm = sum(peace) / len(peace) if peace else 0.0
    hot = sum(war) / len(war) if war else calm
    p = war_chance(s, env, fear) if peace else 1.0
    return (1 - p) * calm + p * hot


def next_node(s: Scenario, phase: str, env: Mapping) -> str | None:
    """Where the rules would take the crisis from `phase` with `env` (the first edge that holds)."""
    for dest, conditions in prepare(s).edges.get(phase, ()):
        for c in conditions:  # all(...) without a generator: the look-ahead asks this thousands of times
            if not c(env):
                break
        else:
            if dest == "end":  # the first ending whose own condition holds
                dest = next((e.id for e in s.endings if e.when is not None and e.when.fn(env)), dest)
            return settle(s, dest, env) if s.is_ending(dest) else dest  # the variant the facts tell
    return None


def deal_node(
    s: Scenario, phase: str, env: Mapping, offers: Iterable[Offer], known: dict | None = None
) -> str | None:
    """`next_node` of the position a deal on `offers` would make of `env` (`after_deal`), remembered
    per scenario by the values of the names the ways out of `phase` read (what the deal sets is a
    function of those and the offers): the ladder of bundles asks it of every rung, every turn.
    `known`: `deal_nodes` of this very phase and env, looked up once by a caller that asks often."""
    deal = deal_key(offers)
    nodes = deal_nodes(s, phase, env) if known is None else known
    if deal in nodes:
        return nodes[deal]
    after = Env(env)
    if s.negotiation is not None:
        _run(after, _deal(s, deal))
    return keep(nodes, deal, next_node(s, phase, after))


def deal_nodes(s: Scenario, phase: str, env: Mapping) -> dict[_DealKey, str | None]:
    """What `deal_node` remembers for the position `env` in `phase` (the values of the names its ways
    out read), deal by deal: a seat looks it up once a decision, not once a rung of its ladder."""
    key = (phase, tuple(map(env.get, _node_names(s, phase))))
    memo = _nodes(s)
    found = memo.get(key)
    if found is None:
        found = keep(memo, key, {})
    return found


@cache
def _nodes(s: Scenario) -> dict:
    return {}


@cache
def _node_names(s: Scenario, phase: str) -> tuple[str, ...]:
    """Every name `next_node` may read from `phase`: the conditions of its ways out (the phase's,
    the interrupts', the endings' own) and what each ending asserts (`settle`), and the deadline."""
    p = s.phase(phase)
    names = {"deadline"}
    names.update(n for t in (*s.interrupts, *p.transitions) if t.when is not None for n in t.when.names)
    for ending in s.endings:
        names.update(n for x in (ending.when, ending.holds) if x is not None for n in x.names)
    return tuple(sorted(names))


@cache
def hazards(s: Scenario, phase: str) -> tuple[Event, ...]:
    """The events after a turn in `phase` that can change what its way out reads (the risk, a
    flag), or which ending it reaches (a public Jupiters promise makes the trade public): what
    chance and the rules add to the deeds."""
    p = s.phase(phase)
    read = {n for t in (*s.interrupts, *p.transitions) if t.when is not None for n in t.when.names}
    read |= {n for e in s.endings for x in (e.when, e.holds) if x is not None for n in x.names}
    return tuple(
        e
        for e in (*p.events, *s.events)
        if e.fires is Fires.TURN and any(eff.name in read for eff in e.effects)
    )


@cache
def live_hazards(s: Scenario, phase: str) -> tuple[Event, ...]:
    """The `hazards` of `phase` that `likely` may let happen: those whose chance can reach one half.
    A chance that reads only tracks is tried at every value they can take (from the least of
    their minimum and 0 to their maximum: the look-ahead keeps a track within them); one that
    reads anything else is kept. A hazard left out could never change a position, so neither
    what it reads nor what it changes is in the look-ahead's key (`look_names`)."""
    return tuple(e for e in hazards(s, phase) if _may_happen(s, e))


TRIES = 100_000
"""The most values of its tracks a hazard's chance is tried at (`live_hazards`); beyond, it is kept."""


def _may_happen(s: Scenario, e: Event) -> bool:
    if e.chance is None:
        return True
    tracks = _tracks(s)
    names = sorted(e.chance.names)
    if any(name not in tracks for name in names):
        return True
    spans = [range(min(tracks[name].min, 0), tracks[name].max + 1) for name in names]
    if prod(len(r) for r in spans) > TRIES:
        return True
    chance = ready(e.chance)
    try:
        return any(float(chance(Env(zip(names, values, strict=True)))) >= 0.5 for values in product(*spans))
    except ArithmeticError:
        return True  # a chance that fails somewhere is asked as ever


def likely(s: Scenario, phase: str, env: Env) -> None:
    """Let happen, in `env`, each hazard of `phase` that is more likely than not."""
    _likely(s, phase, env)


def _likely(s: Scenario, phase: str, env: Env) -> list[str]:
    """`likely`, returning the names it set or removed."""
    touched: list[str] = []
    for eid, once, when, chance, effects in _hazard_rows(s, phase):
        if (once and env.get(eid)) or (when is not None and not when(env)):
            continue
        if chance is None or float(chance(env)) >= 0.5:
            with_effects(s, env, effects)
            env[eid] = True
            touched.extend(eff.name for eff in effects)
            touched.append(eid)
    return touched


@cache
def _hazard_rows(s: Scenario, phase: str) -> tuple[tuple, ...]:
    """`live_hazards` as plain rows (id, once, condition, chance, effects), the conditions compiled:
    what `likely` reads at every look, without the attribute lookups."""
    return tuple(
        (
            e.id,
            e.once,
            ready(e.when) if e.when is not None else None,
            ready(e.chance) if e.chance is not None else None,
            e.effects,
        )
        for e in live_hazards(s, phase)
    )


def position(
    s: Scenario, side: Side, phase: str, env: Env, fear: float, rivalry: float = RIVALRY
) -> tuple[float, str | None]:
    """(worth to `side`, the ending reached or None) of the position `env` after a turn in `phase`,
    what chance will likely add counted in."""
    value, ending, _ = position_and_node(s, side, phase, env, fear, rivalry)
    return value, ending


def position_and_node(
    s: Scenario, side: Side, phase: str, env: Env, fear: float, rivalry: float = RIVALRY
) -> tuple[float, str | None, str | None]:
    """`position`, with the node the rules would take the crisis to from there (`next_node` of the
    position, chance counted in), for a caller that reads it too and need not work it out again.

    Remembered per scenario by the values of the names it reads (`look_names`): the look-ahead asks
    it some fourteen times a decision, and positions recur from turn to turn and game to game. What
    `likely` let happen in `env` is kept beside the answer and laid over `env` again when remembered."""
    names = look_names(s, phase)
    key = (phase, side, fear, rivalry, tuple(map(env.get, names)))
    memo = _looks(s)
    found = memo.get(key)
    if found is None:
        touched = _likely(s, phase, env)
        node = next_node(s, phase, env)
        if node is not None and s.is_ending(node):
            value, ending = ending_value(s, side, node, env, rivalry), node
        else:
            value, ending = going_on(s, side, node or phase, env, fear, rivalry), None
        found = keep(memo, key, (value, ending, node, tuple((n, env.get(n, _GONE)) for n in touched)))
    else:
        for name, now in found[3]:
            if now is _GONE:
                env.pop(name, None)
            else:
                env[name] = now
    return found[0], found[1], found[2]


def forget() -> None:
    """Empty what the look-ahead remembers from one decision to the next (positions, the next node
    of deals, effects made ready, the values of endings): a cache, which changes no answer."""
    for memo in (_memo, _looks, _nodes, _op_memo, _deal_memo):
        memo.cache_clear()
    _DEAL_KEYS.clear()


LOOKS = 20_000
"""Entries each memo of the look-ahead keeps per scenario (emptied when full): positions take about
850 bytes each (17 MB at most); 200 campaigns fill some 6,500."""
_GONE = object()


_T = TypeVar("_T")


def keep(memo: dict, key: object, value: _T) -> _T:
    """`value`, remembered under `key` in one of the look-ahead's memos, which is emptied when it
    holds `LOOKS` entries (bounded; forgetting changes no answer)."""
    if len(memo) >= LOOKS:
        memo.clear()
    memo[key] = value
    return value


"""A name `likely` removed from the position (a flag set false)."""


@cache
def _looks(s: Scenario) -> dict:
    return {}


@cache
def look_names(s: Scenario, phase: str) -> tuple[str, ...]:
    """Every name `position_and_node` may read from `phase`: the hazards' that may happen (whether
    they fired, when and how likely they are, what they change: `live_hazards`), the ways out (the
    phase's and the interrupts' conditions, the endings' own and what each asserts), the risk, and
    every ending's scores."""
    p = s.phase(phase)
    names = {s.risk.id, "deadline"}
    for e in live_hazards(s, phase):
        names.add(e.id)
        names.update(n for x in (e.when, e.chance) if x is not None for n in x.names)
        names.update(eff.name for eff in e.effects)
    names.update(n for t in (*s.interrupts, *p.transitions) if t.when is not None for n in t.when.names)
    for ending in s.endings:
        names.update(n for x in (ending.when, ending.holds) if x is not None for n in x.names)
        names.update(_score_names(s, ending.id))
    return tuple(sorted(names))


def with_effects(s: Scenario, env: dict, effects: Iterable[Effect]) -> None:
    """Apply effects to a copy of what conditions read, as the rules would."""
    found = _op_memo(s).get(id(effects))
    # `_ops` and `_run` written out: the look-ahead lays a deed over a position some 20 times a decision
    ops = found[1] if found is not None and found[0] is effects else _ops(s, effects)
    for name, kind, arg, lo, hi in ops:
        if kind == _ADD:
            value = int(env.get(name, 0)) + arg
            env[name] = lo if value < lo else hi if value > hi else value
        elif kind == _SET:
            env[name] = arg
        else:
            env.pop(name, None)


_Op = tuple[str, int, int, int, int]
"""One effect made ready to apply: (name, _SET a value (a bool for a flag) / _ADD a delta within
[lo, hi] / _DROP, the value or delta, lo, hi)."""
_SET, _ADD, _DROP = 0, 1, 2


def _run(env: dict, ops: tuple[_Op, ...]) -> None:
    for name, kind, arg, lo, hi in ops:
        if kind == _ADD:
            value = int(env.get(name, 0)) + arg
            env[name] = lo if value < lo else hi if value > hi else value
        elif kind == _SET:
            env[name] = arg
        else:
            env.pop(name, None)


def _ops(s: Scenario, effects: Iterable[Effect]) -> tuple[_Op, ...]:
    """`effects` as ops, remembered for a scenario's own tuples of effects (a decision's, a term's,
    an event's: the look-ahead applies the same few thousands of times)."""
    if not isinstance(effects, tuple):
        return _compiled(s, tuple(effects))
    memo = _op_memo(s)
    found = memo.get(id(effects))
    if found is None or found[0] is not effects:  # the tuple itself kept: its id stays its own
        found = keep(memo, id(effects), (effects, _compiled(s, effects)))
    return found[1]


@cache
def _op_memo(s: Scenario) -> dict[int, tuple[tuple[Effect, ...], tuple[_Op, ...]]]:
    return {}


def _compiled(s: Scenario, effects: tuple[Effect, ...]) -> tuple[_Op, ...]:
    tracks, out = _tracks(s), []
    for eff in effects:
        t = tracks.get(eff.name)
        if t is not None and eff.value is not None:
            out.append((eff.name, _SET, min(max(int(eff.value), t.min), t.max), t.min, t.max))
        elif t is not None:
            out.append((eff.name, _ADD, eff.delta, t.min, t.max))
        elif eff.value:
            out.append((eff.name, _SET, True, 0, 0))
        else:
            out.append((eff.name, _DROP, 0, 0, 0))
    return tuple(out)


@cache
def _tracks(s: Scenario) -> Mapping[str, Track]:
    return {t.id: t for t in s.tracks}


def after_deal(s: Scenario, env: Mapping, offers: Iterable[Offer]) -> Env:
    """What conditions would read once a deal on `offers` is struck."""
    out = Env(env)
    if s.negotiation is not None:
        _run(out, _deal(s, deal_key(offers)))
    return out


def _deal(s: Scenario, deal: _DealKey) -> tuple[_Op, ...]:
    """`_deal_ops`, remembered per scenario."""
    memo = _deal_memo(s)
    ops = memo.get(deal)
    if ops is None:
        ops = keep(memo, deal, _deal_ops(s, deal))
    return ops


_DealKey = tuple[tuple[str, bool, bool], ...]
"""What of a deal's offers the position reads: each term, whether public, whether 'later'."""


def deal_key(offers: Iterable[Offer]) -> _DealKey:
    """A deal's offers as `_DealKey` (plain values: an offer's own hash goes through its enums),
    remembered for the tuples of offers asked (a ladder's bundles, asked every turn; the deal a
    deed's look-ahead lays over each position it weighs), each kept beside its key so that its id
    is not reused meanwhile."""
    if not isinstance(offers, tuple):
        return tuple((o.term, o.public, o.timing is Timing.LATER) for o in offers)
    found = _DEAL_KEYS.get(id(offers))
    if found is None or found[0] is not offers:
        key = tuple((o.term, o.public, o.timing is Timing.LATER) for o in offers)
        found = keep(_DEAL_KEYS, id(offers), (offers, key))
    return found[1]


_DEAL_KEYS: dict[int, tuple[tuple[Offer, ...], _DealKey]] = {}


@cache
def _deal_memo(s: Scenario) -> dict[_DealKey, tuple[_Op, ...]]:
    return {}


def _deal_ops(s: Scenario, deal: _DealKey) -> tuple[_Op, ...]:
    """A deal as ops: each term's effects, then the names it sets, in the order the planner has
    always set them."""
    n = s.negotiation
    assert n is not None
    out: list[_Op] = []
    for term, public, later in deal:
        out.extend(_compiled(s, n.term(term).on_agree))
        out.append((f"{term}_agreed", _SET, True, 0, 0))
        out.append((f"{term}_{'public' if public else 'secret'}", _SET, True, 0, 0))
        # as the engine names it (`Talks.names`): endings score a term agreed with a date
        out.append((f"{term}_{'later' if later else 'dated'}", _SET, True, 0, 0))
    return tuple(out)
