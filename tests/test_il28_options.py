"""The IL-28 endgame's orders follow its dates (play-test 8: H17)."""

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import Side

K = Side.KENNEDY
SUSPEND = "suspend_for_u_thant"
VISIT = "castro_refuses_inspection"  # "U Thant in Havana", Oct 30-31


def test_the_quarantine_is_suspended_for_u_thant_only_before_his_visit(il28):
    offered_before = after = 0
    for seed in range(12):
        game = Game(il28, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                legal = {m.decision for m in game.legal_moves(side)}
                if side is K and VISIT in game.state.fired:
                    after += 1
                    assert SUSPEND not in legal, (seed, game.state.date)
                elif side is K and SUSPEND in legal:
                    offered_before += 1
                game.apply(POLICIES["random"](il28, game.view(side), seed))
    assert offered_before == 12  # on Oct 30, in every game
    assert after > 12  # and the later turns were looked at
