"""The campaign's negotiation, AI against AI: settlements for pragmatists, war for hawks, a dispute
that arises from the rules, secrets that stay secret unless they leak, and the real letters."""

from collections import Counter

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.model import SIDES, Side

SEEDS = range(200)


def _play(campaign, kind, seed):
    return sim.play(campaign, {side: POLICIES[kind] for side in SIDES}, seed)


@pytest.fixture(scope="module")
def pragmatist_games(campaign):
    return [_play(campaign, "pragmatist", seed) for seed in SEEDS]


def kinds(games):
    return Counter(g.outcome().kind.value for g in games)


@pytest.mark.slow
def test_pragmatists_mostly_settle_by_negotiation_and_rarely_go_to_nuclear_war(pragmatist_games):
    count = kinds(pragmatist_games)
    assert count["settlement"] > len(SEEDS) / 2, count
    assert count["nuclear-war"] <= len(SEEDS) * 0.05, count
    negotiated = sum(bool(g.state.agreements) for g in pragmatist_games)
    assert negotiated > len(SEEDS) / 3


@pytest.mark.slow
def test_hawks_go_to_war_far_more_often(campaign, pragmatist_games):
    hawks = [_play(campaign, "hawk", seed) for seed in SEEDS]
    war = sum(n for k, n in kinds(hawks).items() if k.endswith("war"))
    calm = sum(n for k, n in kinds(pragmatist_games).items() if k.endswith("war"))
    assert war >= 3 * max(calm, 1) and war > len(SEEDS) / 2


@pytest.mark.slow
def test_the_bombers_dispute_arises_from_an_october_deal(campaign):
    """A missiles deal that leaves out the bombers leaves them in dispute. The AIs now put the bombers in
    their own bundles, so the deal that leaves them out is history's: the pragmatist Kennedy takes the
    historical Khrushchev's Oct 28 bargain."""
    games = [
        sim.play(campaign, {SIDES[0]: POLICIES["pragmatist"], SIDES[1]: POLICIES["historical"]}, seed)
        for seed in range(4)
    ]
    missiles_only = [
        a
        for g in games
        for a in g.state.agreements
        if "withdraw_missiles" in {o.term for o in a.obligations}
        and "withdraw_il28" not in {o.term for o in a.obligations}
    ]
    assert missiles_only, "no deal for the missiles alone: the November dispute is never tested"
    for agreement in missiles_only:
        assert "withdraw_il28" in {term for _, term in agreement.disputed}, agreement


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="G10 (content10), still after ai11: with the crisis opening at a higher risk, two pragmatists"
    " settle on one bundle in 185 of 200 games (the bombers in secret, no overflights: the dove's), and"
    " the pragmatist against the dove agrees by letter in 5 of 20, on that bundle; so the dove's bundle"
    " is no longer one the pragmatists never make. Not the crossed letters' doing (main: own 32+27+1,"
    " the dove's 6 all among them). Content or the test's premise, for the lead",
)
def test_deals_differ_with_what_is_offered(campaign, pragmatist_games):
    """The pragmatist settles on different bundles against its own kind and against the dove (the
    dove gives the pledge-and-missiles bargain without the overflights the pragmatist holds out
    for). Within a pair the bundle barely varies with the seed: the learned counterpart converges on
    the one deal both could not better (a third bundle here was a second agreement that made the
    secret Jupiters public, gone since a side that keeps its word reveals no confidence)."""
    against_dove = [
        sim.play(campaign, {SIDES[0]: POLICIES["pragmatist"], SIDES[1]: POLICIES["dove"]}, seed)
        for seed in range(20)
    ]
    cuba = {"withdraw_missiles", "withdraw_il28"}

    def deals(games) -> set[frozenset]:
        return {
            frozenset((o.term, o.public) for o in a.obligations)
            for g in games
            for a in g.state.agreements
            if cuba & {o.term for o in a.obligations}
        }

    own, dove = deals(pragmatist_games), deals(against_dove)
    assert own and dove
    assert own - dove and dove - own, (own, dove)


def test_the_historical_line_carries_the_real_letters(campaign):
    game = sim.play(campaign, {side: POLICIES["historical"] for side in SIDES}, 1)
    letters = {r.id: r for r in campaign.negotiation.letters}
    sent = [(m.letter.real, m.sender) for m in game.state.mail]
    # the letters that decided the crisis, each from its real author
    assert ("oct26_knot_of_war", Side.KHRUSHCHEV) in sent, sent
    assert ("oct27_kennedy_reply", Side.KENNEDY) in sent, sent
    assert ("oct28_broadcast", Side.KHRUSHCHEV) in sent, sent
    assert ("nov14_thirty_days", Side.KHRUSHCHEV) in sent, sent
    # and every letter sent is a real one, by its author, in the order of its date
    assert all(letters[real].sender is sender for real, sender in sent), sent
    dates = [letters[real].date for real, _ in sent]
    assert dates == sorted(dates), sent
    assert game.outcome().historical
