"""The invitation to Vienna stands unless Kennedy calls it off (the play-test of session 11): the
Chairman's acceptance alone brings the meeting, each side answers once, and the summit counts as
held only when the two men have met."""

from game.engine.match import Game
from game.model import Side
from game.scenario import catalog

K, KH = Side.KENNEDY, Side.KHRUSHCHEV


def _play(orders: list[dict[Side, str]], seed: int = 3) -> Game:
    s = catalog.get("cuban-missile-crisis")
    game = Game(s, seed)
    for turn in orders:
        for side in game.sides_to_act():
            view = game.view(side)
            game.apply(next(m for m in view.legal if m.decision == turn[side]))
    return game


def test_the_chairman_s_acceptance_alone_brings_the_meeting():
    game = _play([{K: "oas_arms_ban", KH: "accept_summit"}, {K: "oas_arms_ban", KH: "bandit_message"}])
    first, second = game.state.log
    assert "summit_accepted" in first.events  # the news on the day it is given
    assert "accept_summit" not in {m.decision for m in second.moves}
    assert second.to == "vienna" and game.state.phase == "vienna"
    assert "summit_agreed" in game.state.flags  # the summit opens: now they have met


def test_an_acceptance_is_given_once_and_the_meeting_is_not_held_before_it_is():
    game = _play([{K: "oas_arms_ban", KH: "accept_summit"}])
    assert "accept_summit" not in {m.decision for m in game.view(KH).legal}
    assert "summit_agreed" not in game.state.flags  # accepted, not yet met


def test_kennedy_can_call_it_off_and_the_chairman_hears_of_it():
    game = _play([{K: "oas_arms_ban", KH: "accept_summit"}, {K: "call_off_summit", KH: "bandit_message"}])
    assert game.state.log[-1].to == "berlin_summer"
    assert "summit_cancelled" in game.state.log[-1].events
    assert "summit_agreed" not in game.state.flags
    assert "call_off_summit" not in {m.decision for m in game.view(K).legal}


def test_both_answering_at_once_meet_at_once():
    game = _play([{K: "agree_to_meet", KH: "accept_summit"}])
    assert game.state.phase == "vienna" and len(game.state.log) == 1


def test_without_an_acceptance_there_is_no_meeting():
    game = _play([{K: "agree_to_meet", KH: "bandit_message"}, {K: "oas_arms_ban", KH: "arm_cuba_now"}])
    assert game.state.phase == "berlin_summer" and "summit_agreed" not in game.state.flags


def test_an_invitation_called_off_is_neither_kept_open_nor_taken_up():
    """K2 (play-test 10): after "Call off the meeting" on Apr 19, May 12 still offered "Keep the
    invitation open; go to Vienna", which did nothing (the next chapter was the Berlin summer)."""
    game = _play([{K: "call_off_summit", KH: "bandit_message"}])
    assert "summit_cancelled" in game.state.log[-1].events
    assert "agree_to_meet" not in {m.decision for m in game.view(K).legal}
    assert "accept_summit" not in {m.decision for m in game.view(KH).legal}
