"""A side's view works out most of its fields when first read (match._Later): read late, out of order,
copied or pickled, it is still the view of the state it was made of."""

import copy
import dataclasses
import hashlib
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.ai.policies import POLICIES
from game.engine.chance import draw, index, pick, uniform, uniform_index
from game.engine.match import Game, SideView, _Later
from game.scenario import catalog

LATER = {name for name, attr in vars(SideView).items() if isinstance(attr, _Later)}


def _played(scenario: str, kind: str, seed: int) -> tuple[list[SideView], list[SideView]]:
    """Every view of one game twice: left unread while the game went on, and read in full at once."""
    s = catalog.get(scenario)
    game, late, now = Game(s, seed), [], []
    while not game.is_over():
        for side in game.sides_to_act():
            late.append(game.view(side))
            now.append(copy.copy(game.view(side)))  # a copy reads every field
            game.apply(POLICIES[kind](s, game.view(side), seed))
    return late, now


@pytest.mark.parametrize(
    ("scenario", "kind", "seed"), [("cuban-missile-crisis", "random", 3), ("thirteen-days", "random", 5)]
)
def test_a_view_read_after_the_game_went_on_is_the_view_of_its_own_turn(scenario, kind, seed):
    late, now = _played(scenario, kind, seed)
    assert len(late) > 10 and any(v.letters for v in now) and any(v.log for v in now)
    assert all(LATER.isdisjoint(vars(v)) for v in late)  # nothing was read before the game moved on
    for v, w in reversed(list(zip(late, now, strict=True))):  # read from the last turn back
        assert v == w, v.turn
        assert set(vars(v)) >= LATER  # and each field is kept once read


def test_a_copied_or_pickled_view_is_a_plain_value_not_a_link_to_its_game():
    s = catalog.get("cuban-missile-crisis")
    game = Game(s, 5)
    view = game.view(game.sides_to_act()[0])
    for made in (copy.copy(view), pickle.loads(pickle.dumps(view)), dataclasses.replace(view)):
        assert made == view and "_of" not in vars(made)
        assert {f.name for f in dataclasses.fields(SideView)} <= set(vars(made))


def test_a_view_made_by_hand_is_made_as_written_with_its_defaults():
    needed = [
        f.name for f in dataclasses.fields(SideView) if f.default is f.default_factory is dataclasses.MISSING
    ]
    view = SideView(**dict.fromkeys(needed, None))
    assert view.log is None and view.tracks is None  # given: no _Later reads a game it does not have
    assert view.letters == () and view.briefing == "" and view.time_left == 1.0 and view.term_names == {}


@given(st.integers(0, 10**9), st.integers(1, 400), st.text(max_size=12), st.integers(0, 40))
def test_a_uniform_pick_is_the_pick_of_equal_weights(seed, turn, key, k):
    assert uniform(seed, turn, key, k) == pick(seed, turn, key, [1.0] * k)


@given(
    st.one_of(st.floats(0.0, 1.0), st.sampled_from([1.0, 0.9999999999999999, 0.5, 0.0])), st.integers(1, 3000)
)
def test_the_index_of_equal_weights_is_the_whole_part(x, k):
    assert uniform_index(x, k) == index(x * k, [1.0] * k)


@given(st.integers(0, 2**63), st.integers(0, 10**6), st.text(max_size=40))
def test_a_draw_is_the_blake2b_hash_of_its_coordinates(seed, turn, key):
    digest = hashlib.blake2b(f"{seed}:{turn}:{key}".encode(), digest_size=8).digest()
    assert draw(seed, turn, key) == int.from_bytes(digest, "big") / 2**64
