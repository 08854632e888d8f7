"""The counterpart: what it values, when it accepts, how it concedes, what it writes and does."""

from itertools import product

import pytest

from game import sim
from game.ai.negotiator import Negotiator, deal_value, offer_value
from game.ai.policies import POLICIES
from game.analysis.bargains import Talks, measure, pareto_optimal, play
from game.diplomacy import Answer, Timing, Tone, Verification
from game.engine.letters import Letter, Offer
from game.engine.match import Game
from game.engine.state import Move
from game.model import SIDES, Side, Stance
from game.scenario import catalog
from game.scenario.lint_terms import MOTIVES
from game.scenario.load import load

from .conftest import FIXTURES

K, S = Side.KENNEDY, Side.KHRUSHCHEV


@pytest.fixture(scope="module")
def talks():
    return load(FIXTURES / "talks.yaml")


def test_term_values_follow_the_modifiers(talks):
    n = talks.negotiation
    assert offer_value(n, K, Offer("jupiters", public=True)) == -3 - 6  # public costs Kennedy more
    assert offer_value(n, K, Offer("jupiters", public=False)) == -3
    assert offer_value(n, S, Offer("jupiters", public=True)) == 4 + 2
    # a promise for later is worth what the promiser's word is worth
    later = Offer("missiles_out", public=False, timing=Timing.LATER)
    assert offer_value(n, K, later, trust=0.5) == 5
    assert deal_value(n, K, [Offer("missiles_out"), Offer("no_invasion")]) == 10 - 2


def test_the_best_modifiers_are_the_ones_worth_most_to_both(talks):
    game = Game(talks, seed=1)
    negotiator = Negotiator(talks, game.view(K), 1, "pragmatist")
    offer = negotiator._best_modifiers(talks.negotiation.term("jupiters"))
    assert offer.public is False  # the secret Jupiter trade: Kennedy loses 6 in public, Moscow gains 2


def _with_offer(talks, letter, seed=1):
    game = Game(talks, seed=seed)
    game.apply(Move(K, "wait"))
    game.apply(Move(S, "turn_back", letter))
    return game


def test_a_good_offer_is_accepted_and_a_bad_one_countered(talks):
    good = Letter(
        "cable",
        gives=(Offer("missiles_out"), Offer("bombers_out")),
        demands=(Offer("no_invasion", public=False),),
    )
    move = POLICIES["pragmatist"](talks, _with_offer(talks, good).view(K), 1)
    assert move.letter.answer is Answer.ACCEPT and move.letter.reply_to == "L1h"
    bad = Letter("cable", demands=(Offer("no_invasion"), Offer("jupiters")))
    move = POLICIES["pragmatist"](talks, _with_offer(talks, bad).view(K), 1)
    assert move.letter.answer is Answer.COUNTER
    assert {o.term for o in move.letter.demands} >= {"missiles_out"}


def test_a_hawk_answers_an_insult_with_a_threat_and_a_hawkish_deed(talks):
    insult = Letter("cable", demands=(Offer("no_invasion"), Offer("jupiters")))
    game = _with_offer(talks, insult)
    move = POLICIES["hawk"](talks, game.view(K), 1)
    assert move.letter.tone is Tone.THREATENING
    assert talks.decision(move.decision).stance is not Stance.DOVE


def test_letters_and_deeds_agree(talks):
    """A conciliatory letter never goes out beside a hawkish deed."""
    for seed in range(40):
        for kind in ("pragmatist", "dove", "hawk"):
            game = sim.play(talks, {side: POLICIES[kind] for side in SIDES}, seed)
            for record in game.state.log:
                for move in record.moves:
                    if move.letter is not None and move.letter.tone is Tone.CONCILIATORY:
                        assert talks.decision(move.decision).stance is not Stance.HAWK


def test_concessions_are_not_taken_back(talks):
    for seed in range(20):
        game = sim.play(talks, {side: POLICIES["pragmatist"] for side in SIDES}, seed)
        for side in SIDES:
            mine = [m for m in game.state.mail if m.sender is side and m.letter.is_proposal]
            values = [deal_value(talks.negotiation, side, (*m.letter.gives, *m.letter.demands)) for m in mine]
            assert values == sorted(values, reverse=True), (seed, side, values)


def test_the_letter_is_written_from_the_templates_with_every_blank_filled(talks):
    for seed in range(20):
        game = sim.play(talks, {side: POLICIES["pragmatist"] for side in SIDES}, seed)
        for mail in game.state.mail:
            text = mail.letter.text
            assert text.startswith("Dear Mr.") and "{" not in text and "nothing further" not in text


def test_pragmatists_given_time_settle(talks):
    """Five turns of letters, with deeds held steady: pragmatists find the bargain both can live with."""
    settled = 0
    for seed in range(30):
        game = Game(talks, seed)
        for _ in range(5):
            for side, deed in ((K, "wait"), (S, "turn_back")):
                move = POLICIES["pragmatist"](talks, game.view(side), seed)
                game.apply(Move(side, deed, move.letter, move.compliance))
        if game.state.agreements:
            settled += 1
            terms = {o.term for o in game.state.agreements[0].obligations}
            assert "missiles_out" in terms and "no_invasion" in terms
    assert settled >= 24


def test_the_same_seed_makes_the_same_choices(talks):
    a = sim.play(talks, {side: POLICIES["hawk"] for side in SIDES}, 9)
    b = sim.play(talks, {side: POLICIES["hawk"] for side in SIDES}, 9)
    assert a.state == b.state


def test_verification_that_cannot_be_had_is_never_offered(talks):
    n = talks.negotiation
    for seed in range(30):
        game = sim.play(talks, {side: POLICIES["random"] for side in SIDES}, seed)
        for mail in game.state.mail:
            for o in (*mail.letter.gives, *mail.letter.demands):
                assert n.term(o.term).verifiable or o.verification is Verification.NONE


# ---- bargaining quality, bluffs and reasons (issue 10) -----------------------------------------


def _talks(s, kennedy: str, khrushchev: str, seeds: range) -> Talks:
    total = Talks()
    for seed in seeds:
        game, open_at = play(s, {K: POLICIES[kennedy], S: POLICIES[khrushchev]}, seed)
        total += measure(s, game, open_at)
    return total


def test_the_pareto_measure_finds_a_deal_both_sides_could_better():
    n = catalog.get("cuban-missile-crisis").negotiation
    plain = (Offer("withdraw_il28", public=True),)
    seen = (Offer("withdraw_il28", public=True, verification=Verification.AERIAL),)
    # checked from the air: worth more to Washington, nothing less to Moscow
    assert not pareto_optimal(n, plain, ["withdraw_il28"])
    assert pareto_optimal(n, seen, ["withdraw_il28"])
    # the pledge alone (worth little to either without the missiles out) is still the deal best for Moscow
    pledge = Offer("no_invasion_pledge", public=True)
    assert pareto_optimal(n, (pledge,), ["no_invasion_pledge", "withdraw_missiles"])
    # given 'later' the missiles cost Washington 4 and Moscow gains 2: beaten by 'now' plus the pledge
    late = (Offer("withdraw_missiles", public=True, timing=Timing.LATER), pledge)
    assert not pareto_optimal(n, late, ["no_invasion_pledge", "withdraw_missiles"])


def test_a_hawk_bluffs_and_its_bluff_is_called(thirteen):
    talks = _talks(thirteen, "pragmatist", "hawk", range(2))
    threats = sum(
        m.letter.tone is Tone.THREATENING
        for seed in range(2)
        for m in sim.play(thirteen, {K: POLICIES["pragmatist"], S: POLICIES["hawk"]}, seed).state.mail
        if m.sender is S
    )
    assert talks.threats[S] == threats > 0
    assert 0 < talks.called[S] <= talks.bluffs[S] <= talks.threats[S]
    assert talks.threats[K] == 0  # a pragmatist never threatens


def test_a_hawk_breaks_a_promise_now_and_then_and_is_sometimes_caught(il28):
    talks = _talks(il28, "hawk", "pragmatist", range(5))
    assert talks.breaks[K] >= 1 and talks.exposed[K] >= 1  # caught: the breach seen, the audience cost paid
    assert talks.breaks[S] == 0  # a pragmatist keeps its word


def test_a_refusal_says_why_and_a_proposal_that_holds_says_so(thirteen):
    n = thirteen.negotiation
    motives = {side: {t for m in MOTIVES for t in n.reasons[side].get(m, ())} for side in SIDES}
    refusals = holds = 0
    # the hawk holds; the pragmatist's proposal that held gave nothing, and now offers something (H9)
    for seed, (k_kind, s_kind) in product(range(2), (("pragmatist", "hawk"), ("hawk", "pragmatist"))):
        game = sim.play(thirteen, {K: POLICIES[k_kind], S: POLICIES[s_kind]}, seed)
        for mail in game.state.mail:
            letter = mail.letter
            given = [t for t in motives[mail.sender] if t in letter.text]
            assert not [t for t in motives[mail.sender.other] if t in letter.text]  # its own words only
            if letter.answer in (Answer.REJECT, Answer.COUNTER):
                assert given, letter.text  # a refusal or counter names its motive
                refusals += 1
            holding = n.reasons[mail.sender]["holding"]
            holds += letter.answer is None and any(t in letter.text for t in holding)
    assert refusals > 0 and holds > 0


def test_pragmatists_strike_deals_neither_side_could_better_in_the_bombers_endgame(il28):
    # the bombers for the quarantine, checked from the air: nothing both would rather have, by the
    # scenario's true values (which neither negotiator reads); 0 of 8 before concessions had to seem
    # worth what they cost (bundles.EVEN)
    talks = _talks(il28, "pragmatist", "pragmatist", range(3))
    assert talks.agreements >= 3
    assert talks.share("pareto", "agreements") >= 0.9
    assert talks.joint >= 0.9 * talks.best_joint


def test_pragmatists_in_the_campaign_write_their_deals_as_both_would_rather(campaign):
    # Moscow asked for the Jupiters in public (worth 3 to it, 5 to Washington to give) and won them
    # in 8 of 10 missile deals: Washington writing them 'in confidence' after each of Moscow's
    # proposals, while Moscow gave ground elsewhere, now tells Moscow what the publicity costs
    # (counterpart.CONTESTED)
    talks = _talks(campaign, "pragmatist", "pragmatist", range(3))
    assert talks.agreements >= 3 and talks.clash == 0
    assert talks.share("repeats", "proposals") < 0.15


def test_pragmatists_in_the_campaign_leave_no_better_deal_open(campaign):
    # by the true values no deal both sides would rather have is left open
    talks = _talks(campaign, "pragmatist", "pragmatist", range(3))
    assert talks.share("pareto", "agreements") >= 0.9


def test_doves_settle_by_letter_at_a_deadline(thirteen):
    # each dove held out for its own letter (worth less to it than no deal) and the crisis was
    # settled by deeds: seeds 10 and 11 ended without a letter agreement (dove against dove 62-67%
    # of 40 seeds); at a chapter's deadline a dove takes a proposal that ends the crisis no worse
    # for it than the deadline would
    talks = _talks(thirteen, "dove", "dove", range(10, 12))
    assert talks.agreements == 2


def test_washington_lifts_the_quarantine_once_the_bombers_are_given_up(il28):
    # seed 10: the bombers agreed on November 12, the thirty days' formula, the announcement ready on
    # the 19th; on the last day the pragmatist held the quarantine (quarantine_outlasts_deal: its
    # own 31 against 32 for the lift) because, the Jupiter bargain having leaked, the lift gave
    # Moscow the open trade (35 against 31), which its rivalry counted against it
    game = sim.play(il28, {K: POLICIES["pragmatist"], S: POLICIES["dove"]}, 10)
    assert any(m.decision == "announce_and_lift" for t in game.state.log for m in t.moves if m.side is K)
    assert game.outcome().ending != "quarantine_outlasts_deal"
