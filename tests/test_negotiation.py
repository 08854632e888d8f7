"""Letters across the table: delivery over time, agreements, obligations, leaks, disputes, blocks."""

import json
from dataclasses import replace

import pytest

from game.diplomacy import Answer, Timing, Tone, Verification
from game.engine.letters import Agreement, Letter, Obligation, Offer
from game.engine.match import Game
from game.engine.state import GameState, Move, promise_key
from game.model import IllegalMoveError, Side
from game.scenario.load import load

from .conftest import FIXTURES

K, S = Side.KENNEDY, Side.KHRUSHCHEV


@pytest.fixture(scope="module")
def talks():
    return load(FIXTURES / "talks.yaml")


def turn(game, kennedy="wait", khrushchev="turn_back", k_letter=None, s_letter=None, k_keep=(), s_keep=()):
    game.apply(Move(K, kennedy, k_letter, tuple(k_keep)))
    game.apply(Move(S, khrushchev, s_letter, tuple(s_keep)))
    return game.state.log[-1]


OFFER = Letter("cable", Tone.CONCILIATORY, gives=(Offer("missiles_out"),), demands=(Offer("no_invasion"),))


def test_a_cable_arrives_after_its_delay_and_letters_written_together_cross(talks):
    game = Game(talks, seed=1)
    k_letter = Letter("cable", Tone.FIRM, demands=(Offer("missiles_out"),))
    record = turn(game, k_letter=k_letter, s_letter=OFFER)
    assert record.sent == ("L1e", "L1h")
    # 10 hours from noon on Oct 22: read before the next decision, on Oct 23
    assert set(record.delivered) == {"L1e", "L1h"}
    first, second = game.state.mail
    assert first.letter.reply_to is None and second.letter.reply_to is None  # they crossed
    assert first.arrives == "1962-10-22T22"


def test_a_slow_channel_can_be_overtaken(talks):
    game = Game(talks, seed=1)
    slow = Letter("slow", Tone.FIRM, demands=(Offer("missiles_out"),))
    record = turn(game, k_letter=slow)
    assert record.delivered == ()  # 40 hours: not yet
    fast = Letter("radio", Tone.FIRM, demands=(Offer("bombers_out"),))
    record = turn(game, k_letter=fast)
    assert record.delivered == ("L1e", "L2e")  # both read by Oct 24


def test_the_other_side_cannot_read_a_letter_still_on_its_way(talks):
    game = Game(talks, seed=1)
    game.apply(Move(K, "wait", Letter("slow", Tone.FIRM, demands=(Offer("missiles_out"),))))
    game.apply(Move(S, "turn_back"))
    assert game.view(S).letters == ()
    assert [m.id for m in game.view(K).letters] == ["L1e"]


def test_an_acceptance_makes_an_agreement_with_obligations(talks):
    game, control = Game(talks, seed=1), Game(talks, seed=1)
    for g in (game, control):
        turn(g, s_letter=OFFER)
    accept = Letter("cable", Tone.CONCILIATORY, reply_to="L1h", answer=Answer.ACCEPT)
    record = turn(game, kennedy="strike", k_letter=accept)
    turn(control, kennedy="strike")
    assert record.agreed == ("A1",)
    if not record.events and not control.state.log[-1].events:
        # on_agree -2, and the conciliatory tone -1
        assert game.state.track("risk") == control.state.track("risk") - 3
    (agreement,) = game.state.agreements
    assert {(o.term, o.giver) for o in agreement.obligations} == {("missiles_out", S), ("no_invasion", K)}
    names = game.view(K).term_names
    assert names["missiles_out_agreed"] and names["no_invasion_agreed"]
    assert names["missiles_out_public"]  # promised in public, though agreed by private letter


def test_kennedys_broad_reading_leaves_the_bombers_disputed(talks):
    game = Game(talks, seed=1)
    turn(game, s_letter=OFFER)
    turn(game, k_letter=Letter("cable", reply_to="L1h", answer=Answer.ACCEPT))
    assert game.state.agreements[0].disputed == ((K, "bombers_out"),)
    assert game.view(S).term_names.get("bombers_out_disputed")


def test_a_third_party_blocks_verification(talks):
    game = Game(talks, seed=1)
    offer = Letter(
        "cable", gives=(Offer("missiles_out", verification=Verification.UN),), demands=(Offer("no_invasion"),)
    )
    turn(game, s_letter=offer)
    record = turn(game, k_letter=Letter("cable", reply_to="L1h", answer=Answer.ACCEPT))
    assert "castro_says_no" in record.events
    assert "missiles_out" in game.state.blocked
    names = game.view(K).term_names
    assert names.get("missiles_out_blocked") and not names.get("missiles_out_verified")


def test_obligations_are_kept_delayed_or_broken(talks):
    def agreed(seed, timing=Timing.NOW, public=True):
        game = Game(talks, seed=seed)
        gives = (Offer("missiles_out", public=public, timing=timing, days=1),)
        offer = Letter("cable", gives=gives, demands=(Offer("no_invasion"),))
        turn(game, s_letter=offer)
        turn(game, k_letter=Letter("cable", reply_to="L1h", answer=Answer.ACCEPT))
        return game

    kept = agreed(1)
    assert kept.state.log[-1].kept == ()  # agreed this turn: nothing falls due yet
    assert "A1:missiles_out:done" in turn(kept).kept
    broken = agreed(1)
    prestige = broken.state.track("prestige")
    record = turn(broken, s_keep=[("missiles_out", "break")])
    assert "A1:missiles_out:broken" in record.kept
    assert broken.state.track("prestige") == prestige - 2 - 1  # breach cost, and audience cost
    assert broken.view(K).term_names.get("missiles_out_broken")
    quiet = agreed(1, public=False)
    prestige = quiet.state.track("prestige")
    turn(quiet, s_keep=[("missiles_out", "break")])
    assert quiet.state.track("prestige") == prestige - 2  # a secret promise broken: no audience cost


def test_a_promise_is_broken_in_the_agreement_chosen_and_a_term_alone_breaks_every_one(talks):
    """Play-test 7, G2: two agreements hold one promise; a choice keyed by agreement breaks that
    agreement's alone, at one breach cost; a term alone (saves from before) breaks both."""

    def two_agreements():
        game = Game(talks, seed=1)
        owed = Obligation("missiles_out", S, True, Verification.NONE, None)
        pair = (
            Agreement("A1", "1962-10-27", "", "", (owed,)),
            Agreement("A2", "1962-10-28", "", "", (owed,)),
        )
        game.state = replace(game.state, agreements=pair)
        return game

    def statuses(game):
        return [o.status for a in game.state.agreements for o in a.obligations]

    one = two_agreements()
    prestige = one.state.track("prestige")
    record = turn(one, s_keep=[(promise_key("A2", "missiles_out"), "break")])
    assert statuses(one) == ["pending", "broken"] and record.kept == ("A2:missiles_out:broken",)
    assert one.state.track("prestige") == prestige - 2 - 1  # one breach, one audience cost
    both = two_agreements()
    turn(both, s_keep=[("missiles_out", "break")])
    assert statuses(both) == ["broken", "broken"]
    assert both.state.track("prestige") == max(
        prestige - 2 * (2 + 1), 0
    )  # both charged (the track stops at 0)
    late = two_agreements()
    turn(late, s_keep=[(promise_key("A1", "missiles_out"), "delay"), ("missiles_out", "break")])
    assert statuses(late) == ["pending", "broken"]  # the agreement's own choice comes first
    for key, why in (("A9:missiles_out", "no agreement 'A9'"), ("no_invasion", "no agreement holds")):
        with pytest.raises(IllegalMoveError, match=why):
            two_agreements().apply(Move(S, "turn_back", compliance=((key, "break"),)))


def test_a_secret_term_stays_secret_unless_it_leaks(talks):
    secret = Letter(
        "back", gives=(Offer("missiles_out", public=False),), demands=(Offer("jupiters", public=False),)
    )
    game = Game(talks, seed=1)
    record = turn(game, s_letter=secret)
    assert record.leaks == () and game.state.leaked == frozenset()
    assert game.view(K).term_names.get("jupiters_public") is None
    leaky = Game(talks, seed=1)
    record = turn(leaky, kennedy="blockade", s_letter=secret)  # the blockade makes the back channel leak
    assert set(record.leaks) == set(leaky.state.leaked) == {"missiles_out", "jupiters"}
    assert leaky.view(K).term_names["jupiters_public"]


def test_bad_letters_are_refused_with_a_reason(talks):
    game = Game(talks, seed=1)
    cases = [
        (Letter("telegraph"), "no channel 'telegraph'"),
        (Letter("cable", gives=(Offer("missiles_out"),)), "'missiles_out' is khrushchev's to give"),
        (Letter("cable", gives=(Offer("castles"),)), "no term 'castles'"),
        (Letter("cable", reply_to="L9k", answer=Answer.ACCEPT), "no letter 'L9k'"),
    ]
    for letter, reason in cases:
        with pytest.raises(IllegalMoveError, match=reason):
            game.apply(Move(K, "wait", letter))
    with pytest.raises(IllegalMoveError, match="delayed or broken"):
        game.apply(Move(K, "wait", compliance=(("missiles_out", "ignore"),)))
    assert game.state.pending == ()  # nothing was lost


def test_letters_and_agreements_round_trip_through_json(talks):
    game = Game(talks, seed=1)
    turn(game, s_letter=OFFER)
    turn(
        game,
        k_letter=Letter("cable", Tone.CONCILIATORY, text="Agreed.", reply_to="L1h", answer=Answer.ACCEPT),
    )
    again = GameState.from_dict(json.loads(json.dumps(game.state.to_dict())))
    assert again == game.state
    assert again.digest() == game.state.digest()


def test_a_promise_offered_on_the_radio_and_broken_costs_face_as_the_promises_page_says(talks):
    """A term Moscow offered in a public broadcast, then agreed by private letter and broken: the world
    heard the offer, so the breach is public. The Promises page always said so (it reads
    `<term>_public`); the rules charged the audience cost only for a promise agreed in public."""
    game = Game(talks, seed=1)
    turn(game, s_letter=Letter("radio", gives=(Offer("missiles_out"),)))  # said to the world
    private = (Offer("missiles_out", public=False, days=1),)
    turn(game, s_letter=Letter("cable", gives=private, demands=(Offer("no_invasion"),)))
    turn(game, k_letter=Letter("cable", reply_to="L2h", answer=Answer.ACCEPT))
    assert not game.state.agreements[0].obligations[0].public
    assert game.view(S).term_names.get("missiles_out_public")
    prestige = game.state.track("prestige")
    turn(game, s_keep=[("missiles_out", "break")])
    assert game.state.track("prestige") == prestige - 2 - 1  # breach cost, and audience cost
