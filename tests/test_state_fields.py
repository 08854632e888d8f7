"""States the rules build without running __init__ (rules._value, for speed) still carry every field:
a field added to GameState or TurnRecord and forgotten there fails here, not in a player's game."""

import dataclasses

import pytest

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.state import GameState, TurnRecord
from game.scenario import catalog


def _missing(value: object, cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)} - set(vars(value))  # type: ignore[arg-type]


@pytest.mark.parametrize("objectives", [False, True])
def test_every_state_and_record_made_by_the_rules_has_every_field(objectives):
    s = catalog.get("cuban-missile-crisis")
    for seed in (1, 2):
        game = Game(s, seed, objectives=objectives)
        while not game.is_over():
            for side in game.sides_to_act():
                game.apply(POLICIES["random"](s, game.view(side), seed))
            assert not _missing(game.state, GameState), game.state.turn
        assert game.state.log
        for record in game.state.log:
            assert not _missing(record, TurnRecord)
        assert dataclasses.replace(game.state) == game.state
