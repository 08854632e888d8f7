"""The rules, on a small scenario: simultaneous moves, hidden information, chance, endings."""

import json

import pytest

from game.engine.match import Game
from game.engine.state import GameState, Move
from game.model import IllegalMoveError, Kind, Side

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def test_a_new_game_waits_for_both_sides(mini):
    game = Game(mini, seed=1)
    assert game.state.date == "1962-10-22"
    assert game.sides_to_act() == (K, S)
    assert [m.decision for m in game.legal_moves(K)] == ["blockade", "strike", "wait"]
    # run_it requires the quarantine, which is not yet in force
    assert [m.decision for m in game.legal_moves(S)] == ["turn_back", "offer"]


def test_a_pending_move_is_hidden_from_the_other_side(mini):
    game = Game(mini, seed=1)
    game.apply(Move(K, "blockade"))
    seen = game.view(S)
    assert seen.other_has_moved and seen.my_move is None
    assert "blockade" not in repr(seen)
    assert game.view(K).my_move == Move(K, "blockade")
    assert game.legal_moves(K) == ()


def test_order_of_submission_does_not_matter(mini):
    a, b = Game(mini, seed=5), Game(mini, seed=5)
    a.apply(Move(K, "blockade"))
    a.apply(Move(S, "turn_back"))
    b.apply(Move(S, "turn_back"))
    b.apply(Move(K, "blockade"))
    assert a.state == b.state


def test_effects_apply_and_the_calendar_advances(mini):
    game = Game(mini, seed=5)
    game.apply(Move(K, "blockade"))
    game.apply(Move(S, "turn_back"))
    assert game.state.date == "1962-10-23"
    assert "quarantine" in game.state.flags
    assert "run_it" in [m.decision for m in game.legal_moves(S)]  # now it is open
    record = game.state.log[-1]
    assert record.moves == (Move(K, "blockade"), Move(S, "turn_back"))


def test_illegal_moves_are_refused_with_the_legal_ones_named(mini):
    game = Game(mini, seed=1)
    with pytest.raises(IllegalMoveError, match=r"illegal move 'run_it'.*legal: turn_back, offer"):
        game.apply(Move(S, "run_it"))
    with pytest.raises(IllegalMoveError):
        game.apply(Move(K, "accept"))  # a decision of another phase


def test_a_covert_move_and_a_secret_flag_stay_hidden(mini):
    game = Game(mini, seed=1)
    game.apply(Move(K, "wait"))
    game.apply(Move(S, "offer"))
    kennedy = game.view(K)
    assert kennedy.log[0].moves == (Move(K, "wait"), None)
    assert "secret_offer" not in kennedy.flags
    assert "secret_offer" in game.view(S).flags
    assert game.view(S).log[0].moves[1] == Move(S, "offer")


def test_once_decisions_close_after_use(mini):
    game = Game(mini, seed=1)
    game.apply(Move(K, "wait"))
    game.apply(Move(S, "offer"))
    assert game.state.phase == "talks"
    assert game.state.date == "1962-10-25"  # first calendar date after the last turn


def test_chance_is_recorded_and_fixed_by_the_seed(mini):
    def run(seed):
        game = Game(mini, seed=seed)
        game.apply(Move(K, "strike"))
        game.apply(Move(S, "turn_back"))
        return game.state.log[-1].rolls

    first = run(7)
    assert first == run(7)
    assert first[0].event == "incident" and first[0].p == pytest.approx(0.4)
    assert any(run(s)[0].fired for s in range(20)) and not all(run(s)[0].fired for s in range(20))


def test_the_deadline_leads_to_an_ending_and_an_outcome(mini):
    game = Game(mini, seed=2)
    while not game.is_over():
        game.apply(Move(K, "wait"))
        game.apply(Move(S, "turn_back"))
    out = game.outcome()
    assert out.ending == "deal" and out.kind is Kind.SETTLEMENT and out.historical
    assert out.scores[S]["prestige"] == game.state.track("prestige")
    assert game.sides_to_act() == () and game.legal_moves(K) == ()


def test_tracks_stop_at_their_bounds(mini):
    for seed in range(50):
        game = Game(mini, seed=seed)
        for _ in range(2):
            game.apply(Move(K, "strike"))
            game.apply(Move(S, "turn_back"))
        if not any(r.events for r in game.state.log):
            break
    # 3 +5 -1 = 7; then 7 +5 stops at 10 before the -1: 9, not 11
    assert game.state.track("risk") == 9


def test_state_round_trips_through_json(mini):
    game = Game(mini, seed=4)
    game.apply(Move(K, "blockade"))
    game.apply(Move(S, "offer"))
    game.apply(Move(K, "accept"))
    data = json.loads(json.dumps(game.to_dict()))
    again = Game.from_dict(mini, data)
    assert again.state == game.state
    again.apply(Move(S, "hold"))
    assert again.is_over()


def test_a_clone_is_independent(mini):
    game = Game(mini, seed=4)
    twin = game.clone()
    game.apply(Move(K, "blockade"))
    assert twin.state.pending == () and game.state.pending


def test_a_damaged_state_is_a_clear_error():
    from game.model import StateError

    with pytest.raises(StateError, match="not a game state"):
        GameState.from_dict({"scenario": "mini"})


def test_the_digest_changes_with_the_state_and_only_with_it(mini):
    a, b = Game(mini, seed=4), Game(mini, seed=4)
    assert a.state.digest() == b.state.digest()
    a.apply(Move(K, "blockade"))
    assert a.state.digest() != b.state.digest()
    assert Game.from_dict(mini, a.to_dict()).state.digest() == a.state.digest()
