"""Letters that cross and proposals gone stale: the AI binds no second, residual agreement it does not
want (H3), and every proposal it offers for a yes gives something for what it asks (H9); what it
weighs as bound by a yes is what the rules bind (`negotiation.binds_anew`, not a copy of it)."""

from dataclasses import replace

import pytest

from game import sim
from game.ai import crossing
from game.ai.policies import POLICIES
from game.diplomacy import Answer, Timing, Tone, Verification
from game.engine.letters import Agreement, Letter, Obligation, Offer, Status
from game.engine.match import Game
from game.engine.state import Move
from game.model import SIDES, Side
from game.scenario import catalog
from game.scenario.load import load

from .conftest import FIXTURES

K, S = Side.KENNEDY, Side.KHRUSHCHEV
KINDS = ("hawk", "dove", "pragmatist")
SCENARIOS = ("thirteen-days", "il28-endgame", "cuban-missile-crisis")


@pytest.fixture(scope="module")
def talks():
    return load(FIXTURES / "talks.yaml")


def _crossed(talks, theirs: Letter, mine: Letter) -> Game:
    """Kennedy proposes `theirs` and Khrushchev `mine` on the same day."""
    game = Game(talks, seed=1)
    game.apply(Move(K, "wait", theirs))
    game.apply(Move(S, "turn_back", mine))
    return game


PLEDGE_FOR_MISSILES = Letter(
    "cable", gives=(Offer("no_invasion"), Offer("jupiters", public=False)), demands=(Offer("missiles_out"),)
)
MISSILES_FOR_PLEDGE = Letter(
    "cable",
    gives=(Offer("missiles_out"), Offer("bombers_out")),
    demands=(Offer("no_invasion"), Offer("jupiters", public=False)),
)


def test_the_first_side_takes_a_crossed_proposal_as_before(talks):
    # Kennedy's own proposal crossed Moscow's too, but his yes is read first: it binds Moscow's whole
    game = _crossed(talks, PLEDGE_FOR_MISSILES, MISSILES_FOR_PLEDGE)
    move = POLICIES["pragmatist"](talks, game.view(K), 1)
    assert move.letter is not None and move.letter.reply_to == "L1h"


def _after_agreement(talks, stale: Letter) -> Game:
    """Kennedy's proposal crossed Moscow's `stale` one and Moscow said yes to Kennedy's."""
    game = _crossed(talks, PLEDGE_FOR_MISSILES, stale)
    game.apply(Move(K, "wait"))
    game.apply(Move(S, "turn_back", Letter("cable", reply_to="L1e", answer=Answer.ACCEPT)))
    assert [a.proposal for a in game.state.agreements] == ["L1e"]
    return game


def test_a_stale_proposal_with_nothing_left_to_bind_is_refused(talks):
    stale = Letter("cable", gives=(Offer("missiles_out"),), demands=(Offer("no_invasion"),))
    game = _after_agreement(talks, stale)
    move = POLICIES["pragmatist"](talks, game.view(K), 1)
    assert move.letter is not None and move.letter.reply_to == "L1h"
    assert move.letter.answer is Answer.REJECT


def test_a_stale_proposal_whose_rest_is_a_free_gain_gets_no_yes(talks):
    # its writer offered the bombers as part of a whole the first deal settled: a yes would bind
    # them alone, a second agreement not offered (il28, pragmatist against dove: 40 such in 40
    # games, none on the frontier); the rest is weighed for a counter or a no
    stale = Letter(
        "cable", gives=(Offer("missiles_out"), Offer("bombers_out")), demands=(Offer("no_invasion"),)
    )
    game = _after_agreement(talks, stale)
    move = POLICIES["pragmatist"](talks, game.view(K), 1)
    assert move.letter is None or move.letter.answer is not Answer.ACCEPT
    game.apply(move)
    game.apply(Move(S, "turn_back"))
    assert [a.proposal for a in game.state.agreements] == ["L1e"]


def _games():
    for scenario in SCENARIOS:
        s = catalog.get(scenario)
        for k_kind in KINDS:
            for s_kind in KINDS:
                for seed in range(4):
                    yield (
                        s,
                        sim.play(s, {K: POLICIES[k_kind], S: POLICIES[s_kind]}, seed),
                        (k_kind, s_kind, seed),
                    )


@pytest.fixture(scope="module")
def games():
    return list(_games())


def test_no_yes_binds_the_rest_of_a_proposal_an_earlier_day_settled(games):
    """H3: a yes to a proposal whose terms an agreement of an earlier day held bound only the rest,
    a second agreement its writer had not offered. (Letters that cross the same day are the rules':
    each side answers what it has read.)"""
    for s, game, where in games:
        mail = {m.id: m for m in game.state.mail}
        for a in game.state.agreements:
            if not a.proposal or any(b is not a and b.date == a.date for b in game.state.agreements):
                continue  # crossed the same day
            letter = mail[a.proposal].letter
            terms = {o.term for o in (*letter.gives, *letter.demands)}
            before = [b for b in game.state.agreements if b.proposal and b.date < a.date]
            held = {o.term for b in before for o in b.obligations}
            assert not terms & held or terms <= {o.term for o in a.obligations}, (s.id, where, a)


def test_every_proposal_offered_for_a_yes_gives_something(games):
    """H9: a counter that asks and gives nothing reads as a refusal; a threat says what would stop it
    (it is a threat, not a bargain) and a gift asks nothing."""
    for s, game, where in games:
        for m in game.state.mail:
            letter = m.letter
            if letter.is_proposal and letter.tone is not Tone.THREATENING:
                assert letter.gives, (s.id, where, m)


def test_the_sweep_sees_both_sides_propose():
    # the sweep above would pass on games without letters: it must have proposals of both sides
    s = catalog.get("thirteen-days")
    game = sim.play(s, {side: POLICIES["pragmatist"] for side in SIDES}, 0)
    assert {m.sender for m in game.state.mail if m.letter.is_proposal} == set(SIDES)


LIFT = "lift_quarantine"


@pytest.mark.parametrize(
    ("held", "timing"),
    [
        ((None,), Timing.NOW),  # held for later: a day binds it anew
        ((None,), Timing.LATER),  # held for later, offered for later: bound already
        (("1962-11-05",), Timing.NOW),  # held with a day: bound already
        ((None, "1962-11-05"), Timing.NOW),  # for later in one, with a day in another
        ((None, "1962-11-05"), Timing.LATER),
    ],
)
def test_what_the_negotiator_counts_as_bound_is_what_a_yes_binds(held, timing):
    s = catalog.get("il28-endgame")
    start = Game(s, 1).state
    made = tuple(
        Agreement(
            f"A{i}", "1962-10-28", f"P{i}h", f"P{i}e", (Obligation(LIFT, K, True, Verification.NONE, due),)
        )
        for i, due in enumerate(held, start=1)
    )
    game = Game(s, state=replace(start, agreements=made))
    gives = (Offer("withdraw_il28", verification=Verification.AERIAL),)
    offer = Letter("private_letter", gives=gives, demands=(Offer(LIFT, timing=timing),))
    expected = {o.term for o in crossing.bound((*offer.gives, *offer.demands), game.state.agreements)}
    game.apply(Move(K, "hold_quarantine"))
    game.apply(Move(S, "keep_word", offer))
    (mail,) = game.state.mail
    game.apply(Move(K, "hold_quarantine", Letter("private_letter", reply_to=mail.id, answer=Answer.ACCEPT)))
    game.apply(Move(S, "keep_word"))
    (agreed,) = game.state.agreements[len(made) :]
    assert {o.term for o in agreed.obligations} == expected
    assert all(o.status is not Status.BROKEN for a in made for o in a.obligations)
