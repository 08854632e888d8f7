"""What the look-ahead and the seats remember from one decision to the next (positions by the values
of the names they read, the next node of a deal, the names of the log a side last read) never changes
an answer: a remembered position is the one worked out afresh, however the position differs from
those seen before, and a decision is the one a fresh process would make."""

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai import deeds, negotiator, planner, seat
from game.ai.negotiator import Negotiator
from game.ai.policies import POLICIES
from game.diplomacy import Offer, Timing
from game.engine.match import Game, SideView
from game.engine.rules import Env
from game.model import Scenario, Side
from game.scenario import catalog

SCENARIOS = ("cuban-missile-crisis", "thirteen-days")


@cache
def _games(scenario: str) -> tuple[tuple[tuple[Side, SideView, object], ...], ...]:
    """Two pragmatist games: each decision's side, view and move."""
    s = catalog.get(scenario)
    out = []
    for seed in (1, 2):
        game, made = Game(s, seed), []
        while not game.is_over():
            for side in game.sides_to_act():
                view = game.view(side)
                move = POLICIES["pragmatist"](s, view, seed)
                made.append((side, view, move))
                game.apply(move)
        out.append(tuple(made))
    return tuple(out)


@cache
def _positions(scenario: str) -> tuple[tuple[Side, str, Env, float, float], ...]:
    """Positions the pragmatist's look-ahead weighed in those games (side, phase, env, fear, rivalry)."""
    s, seen = catalog.get(scenario), []
    real = planner.position_and_node

    def spy(s_, side, phase, env, fear, rivalry=planner.RIVALRY):  # noqa: ANN001, ANN202
        seen.append((side, phase, Env(env), fear, rivalry))
        return real(s_, side, phase, env, fear, rivalry)

    planner.position_and_node = spy  # type: ignore[assignment]
    try:
        for made in _games(scenario):
            for _, view, _ in made[:40]:
                POLICIES["pragmatist"](s, view, 1)
    finally:
        planner.position_and_node = real  # type: ignore[assignment]
    return tuple(seen[::7])


def _worked_out(s: Scenario, side: Side, phase: str, env: Env, fear: float, rivalry: float) -> tuple:
    """position_and_node as the planner works it out, nothing remembered: chance, the ways out, worth."""
    planner.likely(s, phase, env)
    node = planner.next_node(s, phase, env)
    if node is not None and s.is_ending(node):
        return planner.ending_value(s, side, node, env, rivalry), node, node
    return planner.going_on(s, side, node or phase, env, fear, rivalry), None, node


@st.composite
def _position(draw, scenario: str) -> tuple:
    """A position the look-ahead weighed, with up to four of the names it reads changed: a track set
    anywhere on its scale, a flag or a decision taken or not."""
    s = catalog.get(scenario)
    positions = _positions(scenario)
    side, phase, env, fear, rivalry = positions[draw(st.integers(0, len(positions) - 1))]
    env = Env(env)
    tracks = {t.id: t for t in s.tracks}
    names = planner.look_names(s, phase)
    for name in draw(st.lists(st.sampled_from(names), max_size=4)):
        if name in tracks:
            env[name] = draw(st.integers(tracks[name].min, tracks[name].max))
        elif name not in ("turn", "phase_turn", "time_left") and draw(st.booleans()):
            env[name] = True
        else:
            env.pop(name, None)
    return side, phase, env, fear, rivalry


@settings(max_examples=80, deadline=None)
@given(data=st.data(), scenario=st.sampled_from(SCENARIOS))
def test_a_remembered_position_is_the_one_worked_out_afresh(data, scenario):
    s = catalog.get(scenario)
    side, phase, env, fear, rivalry = data.draw(_position(scenario))
    for other in _positions(scenario)[:30]:  # others remembered first
        planner.position_and_node(s, other[0], other[1], Env(other[2]), other[3], other[4])
    fresh = Env(env)
    want = _worked_out(s, side, phase, fresh, fear, rivalry)
    for _ in range(2):  # the first may be remembered already, the second surely is
        again = Env(env)
        assert planner.position_and_node(s, side, phase, again, fear, rivalry) == want
        assert again == fresh  # what chance likely adds is laid over the position as well


@settings(max_examples=60, deadline=None)
@given(data=st.data(), scenario=st.sampled_from(SCENARIOS))
def test_the_next_node_of_a_deal_is_the_one_worked_out_afresh(data, scenario):
    s = catalog.get(scenario)
    assert s.negotiation is not None
    _, phase, env, _, _ = data.draw(_position(scenario))
    terms = [t.id for t in s.negotiation.terms]
    offers = tuple(
        Offer(t, public=data.draw(st.booleans()), timing=data.draw(st.sampled_from(list(Timing))))
        for t in data.draw(st.lists(st.sampled_from(terms), min_size=1, max_size=4, unique=True))
    )
    want = planner.next_node(s, phase, planner.after_deal(s, env, offers))
    assert planner.deal_node(s, phase, env, offers) == want
    assert planner.deal_node(s, phase, Env(env), list(offers)) == want  # remembered, any iterable


def test_the_look_ahead_forgets_when_full_and_answers_the_same(monkeypatch):
    s = catalog.get("cuban-missile-crisis")
    positions = _positions(s.id)[:60]
    want = [_worked_out(s, side, phase, Env(env), fear, r) for side, phase, env, fear, r in positions]
    monkeypatch.setattr(planner, "LOOKS", 7)
    planner.forget()
    got = [
        planner.position_and_node(s, side, phase, Env(env), fear, r)
        for side, phase, env, fear, r in positions
    ]
    assert got == want
    assert len(planner._looks(s)) <= 7


@settings(max_examples=30, deadline=None)
@given(scenario=st.sampled_from(SCENARIOS), picks=st.lists(st.tuples(st.integers(0, 1), st.integers(0, 300))))
def test_a_side_s_env_is_the_same_whatever_views_it_read_before(scenario, picks):
    s = catalog.get(scenario)
    games = _games(scenario)
    for game, pick in picks:  # views of either game, in any order: forward, back, from the other game
        _, view, _ = games[game][pick % len(games[game])]
        remembered = seat.view_env(s, view)
        seat.forget()
        assert seat.view_env(s, view) == remembered


@cache
def _historical_views(scenario: str) -> tuple[tuple[SideView, ...], ...]:
    """Every view of two games of the historical policy (whose deeds ask and offer terms)."""
    s = catalog.get(scenario)
    out = []
    for seed in (1, 2):
        game, views = Game(s, seed), []
        while not game.is_over():
            for side in game.sides_to_act():
                views.append(game.view(side))
                game.apply(POLICIES["historical"](s, views[-1], seed))
        out.append(tuple(views))
    return tuple(out)


def _word(s: Scenario, side: Side, log: tuple) -> tuple[set[str], set[str]]:
    """What `side`'s deeds in `log` asked for and offered, read from the first turn."""
    taken = [s.decision(m.decision) for seen in log for m in seen.moves if m is not None and m.side is side]
    return {t for d in taken for t in d.asks}, {t for d in taken for t in d.offers}


@settings(max_examples=30, deadline=None)
@given(scenario=st.sampled_from(SCENARIOS), picks=st.lists(st.tuples(st.integers(0, 1), st.integers(0, 300))))
def test_what_a_side_s_deeds_asked_and_offered_is_the_same_whatever_logs_were_read_before(scenario, picks):
    s = catalog.get(scenario)
    games = _historical_views(scenario)  # the pragmatist seldom takes a deed that asks or offers
    views = [view for made in games for view in made]  # each game read forward first
    views += [games[game][pick % len(games[game])] for game, pick in picks]  # then in any order
    assert all(_word(s, side, games[0][-1].log) != (set(), set()) for side in Side)
    for view in views:
        for side in Side:
            assert deeds._deeds_word(s, side, view.log) == _word(s, side, view.log)


@settings(max_examples=15, deadline=None)
@given(scenario=st.sampled_from(SCENARIOS), game=st.integers(0, 1), pick=st.integers(0, 300))
def test_a_decision_is_the_one_made_with_no_look_remembered(scenario, game, pick):
    s = catalog.get(scenario)
    made = _games(scenario)[game]
    side, view, move = made[pick % len(made)]
    seat.forget()
    negotiator.forget()
    assert POLICIES["pragmatist"](s, view, game + 1) == move


def _aheads(s: Scenario, view: SideView, seed: int, base: Env | None = None) -> list[float]:
    """What each legal deed is worth one turn ahead to the pragmatist at `view` (`Deeds._ahead`),
    from its own position or from `base`, nothing remembered of earlier outlooks."""
    deeds.forget()
    n = Negotiator(s, view, seed, "pragmatist")
    if n.n is None or len(view.legal) < 2:
        return []
    base = Env(n.env) if base is None else base
    theirs, deals, margin = n._their_options(), n._deals_ahead("propose", None), n.margin() - seat.MARGIN
    return [n._ahead(s.decision(m.decision), base, margin, theirs, deals) for m in view.legal]


@settings(max_examples=25, deadline=None)
@given(data=st.data(), scenario=st.sampled_from(SCENARIOS))
def test_an_outlook_reads_only_the_names_it_is_remembered_by(data, scenario):
    # the outlooks one turn ahead are remembered by the values of a base position's `_base_names`:
    # a name outside them changed (a flag, a track, a number) changes no outlook
    s = catalog.get(scenario)
    made = _games(scenario)[data.draw(st.integers(0, 1))]
    side, view, _ = made[data.draw(st.integers(0, len(made) - 1))]
    want = _aheads(s, view, 1)
    env = Negotiator(s, view, 1, "pragmatist").env
    kept = set(deeds._base_names(s, view.phase, side))
    tracks = {t.id: t for t in s.tracks}
    free = sorted({*env, *(t for t in tracks), *(f.id for f in s.flags)} - kept)
    for name in free:  # every one of them, each drawn anew
        if name in tracks:
            env[name] = data.draw(st.integers(tracks[name].min, tracks[name].max))
        elif isinstance(env.get(name), bool) or name not in env:
            env[name] = data.draw(st.booleans())
        else:
            env[name] = data.draw(st.integers(0, 40))
    assert _aheads(s, view, 1, env) == want


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_remembered_outlook_is_the_one_worked_out_afresh(scenario):
    s = catalog.get(scenario)
    first, second = _games(scenario)
    fresh = [_aheads(s, view, 2) for _, view, _ in second[::5]]
    deeds.forget()
    for _, view, _ in first:  # the other game's outlooks remembered first
        POLICIES["pragmatist"](s, view, 1)
    remembered = []
    for _, view, _ in second[::5]:
        n = Negotiator(s, view, 2, "pragmatist")
        base = Env(n.env)
        theirs, deals = n._their_options(), n._deals_ahead("propose", None)
        margin = n.margin() - seat.MARGIN
        ahead = [n._ahead(s.decision(m.decision), base, margin, theirs, deals) for m in view.legal]
        remembered.append(ahead if n.n is not None and len(view.legal) >= 2 else [])
    assert remembered == fresh
    assert deeds._aheads(s)  # and the outlooks were remembered indeed


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_look_ahead_reads_every_name_its_conditions_read(scenario):
    # a name the ways out, the hazards or the scores read but the memo's key leaves out would let
    # two positions that differ there share one answer
    s = catalog.get(scenario)
    scores = {n for e in s.endings for axes in e.scores.values() for x in axes.values() for n in x.names}
    for p in s.phases:
        names = set(planner.look_names(s, p.id))
        assert scores <= names
        assert set(planner._node_names(s, p.id)) <= names
        for e in planner.live_hazards(s, p.id):  # those that may happen (one that never does reads nothing)
            assert {n for x in (e.when, e.chance) if x is not None for n in x.names} <= names


@settings(max_examples=300, deadline=None)
@given(data=st.data(), scenario=st.sampled_from(SCENARIOS))
def test_what_is_likely_to_happen_is_the_same_without_the_hazards_that_never_are(data, scenario):
    # the look-ahead leaves out the hazards whose chance never reaches one half (live_hazards): at
    # any position, what it lets happen is what weighing every hazard of the chapter would
    s = catalog.get(scenario)
    phase = data.draw(st.sampled_from([p.id for p in s.phases]))
    events = planner.hazards(s, phase)
    names = {n for e in events for x in (e.when, e.chance) if x is not None for n in x.names}
    names |= {e.id for e in events}
    tracks = {t.id: t for t in s.tracks}
    env = Env()
    fired = {e.id for e in events}
    for name in sorted(names):
        if name in tracks:
            env[name] = data.draw(st.sampled_from(range(tracks[name].min, tracks[name].max + 1)), label=name)
        elif name not in ("phase_turn", "turn", "time_left") and data.draw(
            st.sampled_from((True, False, False, False) if name in fired else (True, False))  # mostly not yet
        ):
            env[name] = True
    env["phase_turn"] = data.draw(st.integers(1, 9), label="phase_turn")
    every = Env(env)
    for e in events:  # `likely` as it was: every hazard weighed
        if (e.once and every.get(e.id)) or (e.when is not None and not e.when.fn(every)):
            continue
        if e.chance is None or float(e.chance.fn(every)) >= 0.5:
            planner.with_effects(s, every, e.effects)
            every[e.id] = True
    planner.likely(s, phase, env)
    assert env == every
    assert len(planner.live_hazards(s, phase)) < len(events)  # and some were left out indeed


def _effects(s: Scenario) -> list[tuple]:
    """Every tuple of effects in the scenario: its decisions', its events', its terms'."""
    out = [d.effects for p in s.phases for ds in p.decisions.values() for d in ds]
    out += [e.effects for p in s.phases for e in p.events] + [e.effects for e in s.events]
    if s.negotiation is not None:
        out += [t.on_agree for t in s.negotiation.terms]
    return [x for x in out if x]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), scenario=st.sampled_from(SCENARIOS))
def test_effects_change_the_look_ahead_s_env_as_they_say(data, scenario):
    s = catalog.get(scenario)
    tracks = {t.id: t for t in s.tracks}
    effects = data.draw(st.sampled_from(_effects(s)))
    env = Env({t: data.draw(st.integers(x.min, x.max)) for t, x in tracks.items()})
    for eff in effects:
        if eff.name not in tracks and data.draw(st.booleans()):
            env[eff.name] = True
    want = Env(env)
    for eff in effects:  # a track set or moved within its scale; a flag set, or taken away
        t = tracks.get(eff.name)
        if t is not None:
            value = eff.value if eff.value is not None else int(want.get(eff.name, 0)) + eff.delta
            want[eff.name] = min(max(int(value), t.min), t.max)
        elif eff.value:
            want[eff.name] = True
        else:
            want.pop(eff.name, None)
    for given_as in (effects, list(effects), effects):  # the scenario's tuple (remembered), any iterable
        got = Env(env)
        planner.with_effects(s, got, given_as)
        assert got == want
