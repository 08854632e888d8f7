"""States the rules build without running __init__ (rules._value, for speed) still carry every field:
a field added to GameState or TurnRecord and forgotten there fails here, not in a player's game.
The one field they leave out, the trail, is worked out when first read, and is the eager hash."""

import dataclasses
import pickle

import pytest

from game.ai.policies import POLICIES
from game.engine.match import Game, SeenTurn, SideView, _Later
from game.engine.state import GameState, TurnRecord, _LazyTrail, extend_trail
from game.scenario import catalog


def _missing(value: object, cls: type) -> set[str]:
    # what the rules leave to be worked out when first read: the trail, a view's _Later fields
    lazy = {name for name, attr in vars(cls).items() if isinstance(attr, (_LazyTrail, _Later))}
    return {f.name for f in dataclasses.fields(cls)} - set(vars(value)) - lazy  # type: ignore[arg-type]


def _eager_trail(state: GameState) -> str:
    trail = ""
    for record in state.log:
        trail = extend_trail(trail, record)
    return trail


@pytest.mark.parametrize("objectives", [False, True])
def test_every_state_and_record_made_by_the_rules_has_every_field(objectives):
    s = catalog.get("cuban-missile-crisis")
    for seed in (1, 2):
        game = Game(s, seed, objectives=objectives)
        while not game.is_over():
            for side in game.sides_to_act():
                view = game.view(side)
                assert not _missing(view, SideView)
                assert not any(_missing(seen, SeenTurn) for seen in view.log)
                game.apply(POLICIES["random"](s, view, seed))
            assert not _missing(game.state, GameState), game.state.turn
        assert game.state.log
        for record in game.state.log:
            assert not _missing(record, TurnRecord)
        assert dataclasses.replace(game.state) == game.state


@pytest.mark.parametrize("every", [1, 3, 1000])
def test_the_trail_read_late_is_the_hash_of_the_log_at_every_turn(every):
    """Read at every turn, every third turn or only at the end, copied, pickled or cloned before it is
    read: the trail is the running hash of the log, as the eager code made it."""
    s = catalog.get("thirteen-days")
    game = Game(s, 4)
    states = [game.state]
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["random"](s, game.view(side), 4))
            states.append(game.state)
        if game.state.turn % every == 0:
            assert game.state.trail == _eager_trail(game.state)
    assert len(states) > 6
    untouched = [st for st in states if "trail" not in vars(st)]
    assert untouched or every == 1  # states never read: the check below is of the lazy path
    for st in reversed(states):
        assert "trail" in vars(st) or pickle.loads(pickle.dumps(st)).trail == _eager_trail(st)
        assert dataclasses.replace(st).trail == st.trail == _eager_trail(st)
        assert GameState.from_dict(st.to_dict()) == st
