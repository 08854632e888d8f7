"""One account of history: the engine says what really happened at a point; the analysis agrees."""

from game import sim
from game.ai.policies import POLICIES
from game.analysis.history import steps
from game.engine.match import Game
from game.engine.state import Move
from game.model import SIDES, Side
from game.scenario import catalog

K, KH = Side("kennedy"), Side("khrushchev")


def test_the_engine_says_what_really_happened_and_whether_a_move_matched_it():
    s = catalog.get("thirteen-days")
    game = Game(s, 1)
    real = game.history(K)
    assert real is not None and real.id == "convene_excomm"
    assert game.matches_history(Move(K, "convene_excomm"))
    other = next(m for m in game.legal_moves(K) if m.decision != "convene_excomm")
    assert not game.matches_history(other)
    game.apply(other)  # sealed: the question is still about this turn
    assert game.history(K) == real


def test_history_has_nothing_to_say_once_the_game_is_over():
    s = catalog.get("thirteen-days")
    game = sim.play(s, {K: POLICIES["hawk"], KH: POLICIES["hawk"]}, 3)
    assert game.is_over()
    assert game.history(K) is None and game.history(KH) is None


def test_the_replay_and_the_engine_give_the_same_account():
    s = catalog.get("il28-endgame")
    game = sim.play(s, {K: POLICIES["hawk"], KH: POLICIES["random"]}, 5)
    replayed = Game(s, 5)
    for step, record in zip(steps(game), game.state.log, strict=True):
        for side in SIDES:
            real = replayed.history(side)
            assert step.history[side] == (real.id if real else None), (record.turn, side)
        for move in record.moves:
            replayed.apply(move)
