"""`crisis explore` varies the letters too: the played row carries the letter that was sent."""

from game import sim
from game.ai.policies import POLICIES
from game.analysis.explore import explore
from game.model import SIDES, Side
from game.scenario import catalog

K = Side("kennedy")


def _game_with_a_letter():
    s = catalog.get("thirteen-days")
    for seed in range(1, 10):
        game = sim.play(s, {side: POLICIES["pragmatist"] for side in SIDES}, seed)
        for r in game.state.log:
            mine = next(m for m in r.moves if m.side is K)
            if mine.letter is not None:
                return game, r.turn, mine
    raise AssertionError("no pragmatist game sent a letter")


def test_the_played_row_includes_the_letter_and_other_letters_are_explored():
    game, turn, sent = _game_with_a_letter()
    x = explore(game, turn, runs=2, jobs=1, sides=[K], policies=["pragmatist"])
    played = [r for r in x.rows if r.alternative.played]
    assert len(played) == 1
    (move,) = [m for m in played[0].alternative.moves if m.side is K]
    assert move == sent
    mine = [next(m for m in r.alternative.moves if m.side is K) for r in x.rows]
    letters = [m.letter for m in mine if m.decision == sent.decision]
    assert None in letters and sent.letter in letters
    rows = x.to_dict()["alternatives"]
    assert any(r["played"] and r["letters"].get("kennedy") for r in rows)
