"""What an ending scores follows what was done, not the road taken to it (playtest 2026-12-02b):
the same bargain scores the same by deed or by letter (B5), missiles left under the quarantine are
the brink, not a quiet acceptance (B1), a trade in the open costs Washington what it cost in 1962,
and the bombers given up are not scored below the bombers kept (B9)."""

import pytest

from game.ai.policies import POLICIES, historical
from game.diplomacy import Answer, Timing, Tone, Verification
from game.engine.endings import settle
from game.engine.letters import Letter, Offer
from game.engine.match import Game
from game.engine.rules import Env, env_of
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV
PLAYERS = ("survival", "security", "prestige")


def _deeds(s, view, seed):
    """The historical decisions, with no letters."""
    return Move(view.side, historical(s, view, seed).decision)


def _to_black_saturday(s, seed):
    game = Game(s, seed)
    while game.state.phase != "black_saturday":
        for side in game.sides_to_act():
            game.apply(_deeds(s, game.view(side), seed))
    return game


def _with(env, **facts):
    """`env` with `facts` laid over it, absent names still reading false."""
    return Env({**env, **facts})


def _scores(game):
    out = game.outcome()
    assert out is not None
    return {side: tuple(out.scores[side][a] for a in PLAYERS) for side in (K, S)}


@pytest.mark.parametrize(
    "jupiters",
    [Offer("remove_jupiters", False, Timing.LATER), Offer("remove_jupiters", False, Timing.DAYS, 150)],
    ids=["later", "within-months"],
)
def test_the_same_bargain_scores_the_same_by_deed_or_by_letter(jupiters):
    """On Black Saturday Kennedy answers the first letter (the pledge, and Robert Kennedy's secret
    promise on the Jupiters "within months") and Khrushchev accepts on the radio; or Kennedy writes
    the same terms and Khrushchev accepts the letter. Before, the letter lost 2 to 4 points of
    Washington's margin: no credit for the answer, no climb-down for the acceptance, and a Jupiters
    promise with a date scored as worth more to Moscow than the deed's."""
    s = catalog.get("thirteen-days")
    seed = 7
    by_deed = _to_black_saturday(s, seed)
    by_deed.apply(Move(K, "answer_first_letter"))
    by_deed.apply(Move(S, "public_turkey_message"))
    by_deed.apply(Move(K, "hold_for_answer"))
    by_deed.apply(Move(S, "accept_broadcast"))

    by_letter = _to_black_saturday(s, seed)
    proposal = Letter(
        "rfk_dobrynin",
        Tone.FIRM,
        gives=(Offer("no_invasion_pledge"), jupiters),
        demands=(Offer("withdraw_missiles", verification=Verification.UN), Offer("halt_shipments")),
    )
    by_letter.apply(Move(K, "hold_for_answer", proposal))
    by_letter.apply(Move(S, "public_turkey_message"))
    mail = next(m for m in by_letter.state.mail if m.sender is K)
    by_letter.apply(Move(K, "hold_for_answer"))
    by_letter.apply(
        Move(
            S,
            "hold_fire_order",
            Letter("broadcast", Tone.CONCILIATORY, reply_to=mail.id, answer=Answer.ACCEPT),
        )
    )

    assert by_deed.state.ending == "agreement_of_october_28"
    assert by_letter.state.ending == "agreement_struck" and by_letter.state.agreements
    assert _scores(by_letter) == _scores(by_deed)


def test_missiles_left_under_the_quarantine_are_the_brink_not_an_acceptance():
    """B1: staying put under the quarantine scored Moscow 9/8/prestige, above the October bargain
    (10/8/prestige less the climb-down) once the rivalry counted, so the pragmatist never took it.
    Left at the brink, both sides' survival and security fall; Moscow loses a point of prestige more
    for turning a way out down, Washington two for offering none (else the pragmatist Kennedy stalls
    and the dove Khrushchev retreats for nothing, 9 games of 10)."""
    s = catalog.get("thirteen-days")
    game = _to_black_saturday(s, 3)
    env = _with(env_of(s, game.state), missiles=3, deadline=True)
    assert settle(s, "missiles_stay", env) == "missiles_stay_under_guns"
    quiet = _with(env, quarantine_on=False)
    assert settle(s, "missiles_stay", quiet) == "missiles_stay"
    brink, deal = s.ending("missiles_stay_under_guns").scores, s.ending("agreement_of_october_28").scores
    for side in (K, S):
        assert brink[side]["survival"](env) < deal[side]["survival"](env)
    offered = _with(env, no_invasion_pledge=True, turkey_secret=True)
    blame = {side: brink[side]["prestige"](offered) - brink[side]["prestige"](env) for side in (K, S)}
    assert blame == {K: 2, S: -1}


def test_the_pragmatist_takes_the_october_bargain_on_the_historical_deeds():
    """B1's repro (`crisis play --text --as kennedy --opponent pragmatist`, seeds 2001-2006): the
    historical deeds, no letters. Before, 5 of 6 ended with the missiles in Cuba; now none."""
    s = catalog.get("thirteen-days")
    endings = []
    for seed in range(2001, 2007):
        game = Game(s, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                policy = _deeds if side is K else POLICIES["pragmatist"]
                game.apply(policy(s, game.view(side), seed))
        endings.append(game.state.ending)
    assert not any(e.startswith("missiles_stay") for e in endings), endings


def test_a_trade_in_the_open_costs_washington_more_than_the_secret_one():
    """The open trade cost Kennedy only a point of prestige beside the secret bargain, so the
    bully's line paid as Khrushchev. Now NATO's trust and the elections: Washington's margin is
    lower by the open trade than by the same terms kept secret, by letter as by deed."""
    s = catalog.get("thirteen-days")
    game = _to_black_saturday(s, 7)
    env = _with(env_of(s, game.state), missiles_withdrawn=True, no_invasion_pledge=True)
    secret = _with(env, turkey_secret=True, accept_broadcast=True, phase_turn=2)
    public = _with(env, turkey_public=True)
    assert settle(s, "agreement_of_october_28", public) == "agreement_in_the_open"

    def lead(ending, e):
        axes = s.ending(ending).scores
        return sum(axes[K][a](e) - axes[S][a](e) for a in PLAYERS)

    assert lead("agreement_in_the_open", public) <= lead("agreement_of_october_28", secret) - 3

    def moved(ids, track):
        return sum(e.delta for i in ids for e in _effects(s, i) if e.name == track)

    by_deed, by_letter = (
        ("public_turkey_trade", "trade_accepted"),
        ("nato_turkey_protest", "jupiter_trade_public"),
    )
    for track in ("us_credibility", "soviet_prestige"):
        assert moved(by_letter, track) == moved(by_deed, track), track


def _effects(s, name):
    """The effects of the decision or event `name`."""
    found = [d for p in s.phases for ds in p.decisions.values() for d in ds if d.id == name]
    found += [e for p in s.phases for e in p.events if e.id == name] + [e for e in s.events if e.id == name]
    return found[0].effects


def test_the_bombers_given_up_score_moscow_above_the_bombers_kept():
    """B9: giving up the bombers at once cost Moscow a point of prestige, and Kennedy keeping the
    quarantine all the same left Moscow a point below keeping them."""
    s = catalog.get("il28-endgame")
    game = Game(s, 29)
    env = _with(env_of(s, game.state), missiles=0)
    gave = _with(env, il28_withdrawn=True, soviet_prestige=env["soviet_prestige"] - 1)  # give_up_bombers_now
    kept, given = settle(s, "armed_standoff", env), settle(s, "armed_standoff", gave)
    assert (kept, given) == ("armed_standoff", "quarantine_outlasts_deal")

    def total(ending, e):
        axes = s.ending(ending).scores[S]
        return sum(round(axes[a](e)) for a in PLAYERS)

    assert total(given, gave) > total(kept, env)


def test_a_kennedy_can_take_the_bargain_as_soon_as_the_bombers_are_given_up():
    """B9: lifting the quarantine waited for Castro's letter of November 15 and a turn to ready the
    announcement, so a Khrushchev who gave the bombers up on November 2 met a quarantine to the end
    (the look-ahead never saw the lift behind a step that changes nothing). Now Kennedy may lift it
    the turn after; after the thirty days' formula the historical two steps stay."""
    s = catalog.get("il28-endgame")
    game = Game(s, 5)
    game.apply(Move(K, "stevenson_list"))
    game.apply(Move(S, "dismantle_sites"))
    game.apply(Move(K, "hold_quarantine"))
    game.apply(Move(S, "give_up_bombers_now"))
    assert "announce_and_lift" in {m.decision for m in game.legal_moves(K)}
    game.apply(Move(K, "announce_and_lift"))
    game.apply(Move(S, "count_at_sea"))
    assert game.state.ending == "october_deal"
    assert game.state.date < "1962-11-13"
