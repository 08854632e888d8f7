"""Letters that cross and proposals gone stale: the AI binds no second, residual agreement it does not
want (H3), and every proposal it offers for a yes gives something for what it asks (H9)."""

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.diplomacy import Answer, Tone
from game.engine.letters import Letter, Offer
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


def test_the_second_side_does_not_say_yes_to_a_proposal_its_own_crossed(talks):
    game = _crossed(talks, PLEDGE_FOR_MISSILES, MISSILES_FOR_PLEDGE)
    kennedy = POLICIES["pragmatist"](talks, game.view(K), 1)
    khrushchev = POLICIES["pragmatist"](talks, game.view(S), 1)
    # Kennedy's yes is read first: it makes the agreement; Khrushchev's, to a proposal whose terms his
    # own holds, would bind what is left of Washington's as a second, one-sided agreement
    assert kennedy.letter is not None and kennedy.letter.answer is Answer.ACCEPT
    assert khrushchev.letter is None or khrushchev.letter.answer is not Answer.ACCEPT
    game.apply(kennedy)
    game.apply(khrushchev)
    assert len(game.state.agreements) == 1
    assert game.state.agreements[0].proposal == "L1h"


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


def test_a_stale_proposal_whose_rest_is_a_free_gain_is_taken(talks):
    # the reverted fix of session 10 weighed such a rest against the first deal's reservation and
    # refused a free inspection; the rest of a proposal needs only to be worth having
    stale = Letter(
        "cable", gives=(Offer("missiles_out"), Offer("bombers_out")), demands=(Offer("no_invasion"),)
    )
    game = _after_agreement(talks, stale)
    move = POLICIES["pragmatist"](talks, game.view(K), 1)
    assert move.letter is not None and move.letter.answer is Answer.ACCEPT
    game.apply(move)
    game.apply(Move(S, "turn_back"))
    second = game.state.agreements[-1]
    assert {o.term for o in second.obligations} == {"bombers_out"}


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


def test_no_proposal_repeats_terms_agreed_the_same_turn(games):
    """H3: a proposal sent on the day the other side's yes made an agreement holding all its terms
    became, on a second yes, a one-sided agreement."""
    for s, game, where in games:
        mail = {m.id: m for m in game.state.mail}
        for m in game.state.mail:
            if not m.letter.is_proposal or m.letter.tone is Tone.THREATENING:
                continue  # a threat asks what would stop it; held already, a yes to it binds nothing
            terms = {o.term for o in (*m.letter.gives, *m.letter.demands)}
            for a in game.state.agreements:
                if a.proposal and a.proposal != m.id and mail[a.acceptance].sent == m.sent:
                    assert not terms <= {o.term for o in a.obligations}, (s.id, where, m, a)


def test_no_two_yeses_cross(games):
    """Two agreements made by yeses sent the same day: letters crossed, and the second bound what was
    left of a proposal the first had mostly settled."""
    for s, game, where in games:
        mail = {m.id: m for m in game.state.mail}
        sent = [mail[a.acceptance].sent for a in game.state.agreements if a.proposal]
        assert len(sent) == len(set(sent)), (s.id, where, game.state.agreements)


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
