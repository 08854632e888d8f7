"""A class's injects do not hide history (play-test 7, G3): the front page's share of orders given on
the same date in history, and the timeline's history, are those of the same game without the inject."""

from __future__ import annotations

from game import sim
from game.ai.policies import POLICIES
from game.engine import injects
from game.engine.match import Game
from game.model import SIDES
from game.scenario import catalog
from game.ui.session import Match, replay
from game.ui.setup import Setup


def test_an_inject_leaves_the_history_of_the_game_as_it_was() -> None:
    s = catalog.get("thirteen-days")
    plain = sim.play(s, {side: POLICIES["historical"] for side in SIDES}, 4)
    game = Game(s, 4)
    for n, record in enumerate(plain.state.log):
        if n == 1:  # Oct 18: the facilitator sends news that costs Kennedy at home
            game.apply(injects.make(None, "lippmann_proposes_a_trade"))  # Kennedy at home -1
        for move in record.moves:
            game.apply(move)
    assert game.state.injects and game.is_over()
    past = replay(game)
    assert past.tracks[-1] == dict(game.state.tracks)  # the replay came to the same game
    assert [r for r in past.real] == [r for r in replay(plain).real]
    share = Match(game, Setup("thirteen-days", "kennedy", seed=4)).history_share()
    assert share == Match(plain, Setup("thirteen-days", "kennedy", seed=4)).history_share() > 0.5
