"""Random play over many seeds, checking the game's invariants at every step (OpenSpiel's random_sim_test)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.state import GameState
from game.model import SIDES
from game.scenario import catalog
from game.scenario.load import load

from .conftest import FIXTURES


def _max_turns(s):
    return sum(len(p.calendar) + 1 for p in s.phases)


def check_invariants(game: Game) -> None:
    s, st_ = game.scenario, game.state
    twin = game.clone()
    assert twin.state == st_
    again = GameState.from_dict(json.loads(json.dumps(st_.to_dict())))
    assert again == st_
    for t in s.tracks:
        assert t.min <= st_.track(t.id) <= t.max, (t.id, st_.track(t.id))
    acting = game.sides_to_act()
    assert (acting == ()) == game.is_over()
    for side in SIDES:
        legal = game.legal_moves(side)
        assert bool(legal) == (side in acting), (side, st_.phase, st_.date)
        view = game.view(side)
        for m in st_.pending:
            if m.side is not side:
                assert view.my_move is None and m not in view.legal
    assert st_.phase in {p.id for p in s.phases} | {e.id for e in s.endings}


def play_checked(s, seed: int, policies=("random", "random")) -> Game:
    game = Game(s, seed)
    limit = _max_turns(s)
    check_invariants(game)
    while not game.is_over():
        assert game.state.turn <= limit, "the game does not end"
        for side, name in zip(SIDES, policies, strict=True):
            if side in game.sides_to_act():
                game.apply(POLICIES[name](s, game.view(side), seed))
                check_invariants(game)
    assert game.outcome() is not None
    return game


def _scenarios():
    return [load(FIXTURES / "mini.yaml"), *(catalog.get(str(p)) for p in catalog.bundled())]


@pytest.mark.parametrize("scenario", _scenarios(), ids=lambda s: s.id)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(min_value=0, max_value=2**31),
    policies=st.sampled_from(
        [
            ("random", "random"),
            ("hawk", "hawk"),
            ("dove", "random"),
            ("historical", "random"),
            ("random", "hawk"),
        ]
    ),
)
def test_random_games_keep_every_invariant(scenario, seed, policies):
    play_checked(scenario, seed, policies)


@pytest.mark.parametrize("scenario", _scenarios(), ids=lambda s: s.id)
def test_the_same_seed_plays_the_same_game(scenario):
    a = play_checked(scenario, 11)
    b = play_checked(scenario, 11)
    assert a.state == b.state
