"""The engine's compiled short cuts give the answers of the plain code they stand for."""

from hypothesis import given, settings
from hypothesis import strategies as st

from game.conditions import first_holding, parse
from game.engine.work import Env
from game.scenario import catalog

SCENARIO = catalog.get("cuban-missile-crisis")
EVENT_LISTS = [SCENARIO.events, *(p.events for p in SCENARIO.phases)]
NAMES = sorted({n for events in EVENT_LISTS for e in events if e.when for n in e.when.names})


def _one_by_one(items, env, done, start) -> int:
    """The first item from `start` on whose name is not done and whose condition holds, tried in turn
    with the reference closures."""
    for i in range(start, len(items)):
        exprs, name = items[i]
        if name is not None and name in done:
            continue
        if all(parse(e.source, closures=True).fn(env) for e in exprs):
            return i
    return -1


@settings(max_examples=300)
@given(
    st.sampled_from(range(len(EVENT_LISTS))),
    st.dictionaries(st.sampled_from(NAMES), st.integers(-2, 12) | st.booleans()),
    st.sets(st.sampled_from([e.id for events in EVENT_LISTS for e in events])),
    st.integers(0, 20),
)
def test_the_events_that_may_fire_are_found_as_one_by_one(which, values, done, start):
    events = EVENT_LISTS[which]
    items = [(() if e.when is None else (e.when,), e.id if e.once else None) for e in events]
    env = Env(values)  # a name not given reads false, as in a game
    assert first_holding(items)(env, done, start) == _one_by_one(items, env, done, start)


def test_an_empty_list_and_unconditional_items():
    assert first_holding([])(Env(), set(), 0) == -1
    items = [((), "a"), ((parse("risk > 3"),), None), ((), None)]
    first = first_holding(items)
    assert [first(Env(risk=5), set(), 0), first(Env(risk=5), {"a"}, 0), first(Env(), {"a"}, 0)] == [0, 1, 2]
    assert first(Env(), {"a"}, 3) == -1


def test_the_env_a_state_was_made_with_is_the_env_worked_out_from_scratch():
    """A state made by the rules keeps the env its turn ended with (rules._resolve), and a new turn
    starts from it as it stands: it must be the env that a state read from its JSON works out."""
    from game import sim
    from game.ai.policies import POLICIES
    from game.engine import rules
    from game.engine.state import GameState
    from game.engine.work import Work, read_env
    from game.model import SIDES

    checked = 0
    for kind, seeds in (("random", range(6)), ("pragmatist", range(1))):
        for seed in seeds:
            game = sim.play(SCENARIO, {side: POLICIES[kind] for side in SIDES}, seed)
            state = rules.new_game(SCENARIO, seed)
            for record in game.state.log:
                for move in record.moves:
                    state = rules.apply(SCENARIO, state, move)
                    if state.ending:
                        continue
                    fresh = GameState.from_dict(state.to_dict())  # no env kept beside it
                    assert fresh._implied is None and (state._implied is not None or not state.log)
                    kept, scratch = Work(SCENARIO, state), Work(SCENARIO, fresh)
                    assert kept.env == scratch.env and kept._term_names == scratch._term_names
                    assert read_env(SCENARIO, state) == scratch.env
                    checked += 1
    assert checked > 50


@settings(max_examples=300)
@given(
    st.sampled_from([p.id for p in SCENARIO.phases]),
    st.dictionaries(
        st.sampled_from(sorted({n for e in SCENARIO.endings if e.when for n in e.when.names} | set(NAMES))),
        st.integers(-2, 12) | st.booleans(),
    ),
    st.booleans(),
)
def test_the_phase_machine_takes_the_first_edge_whose_conditions_all_hold(phase, values, deadline):
    """next() asks one compiled function; the machine's own edges, tried one by one, say the same."""
    from game.engine.machine import machine_for

    machine = machine_for(SCENARIO)
    env = Env(values, deadline=deadline)
    want = next((dest for _, dest, tests in machine.edges[phase] if all(t(env) for t in tests)), None)
    assert machine.next(phase, env) == want
