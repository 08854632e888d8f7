"""Turn reports say what changed in the negotiation: agreements made, obligations kept or not, leaks."""

from game import sim
from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.negotiation import News
from game.model import SIDES, Side
from game.scenario import catalog

K, KH = Side("kennedy"), Side("khrushchev")


def test_obligations_carried_out_are_reported_to_both_sides_with_who_owed_them():
    s = catalog.get("il28-endgame")
    game = Game(s, 29)
    policy = POLICIES["historical"]
    for side in game.sides_to_act():
        game.apply(policy(s, game.view(side), 29))
    for side in SIDES:
        told = game.view(side).log[0].news
        assert News("done", "withdraw_missiles", KH, "A1") in told, told
        assert News("done", "no_invasion_pledge", K, "A1") in told, told


def test_an_agreement_made_is_reported_with_its_terms():
    s = catalog.get("thirteen-days")
    policies = {side: POLICIES["pragmatist"] for side in SIDES}
    for seed in range(1, 20):
        game = sim.play(s, policies, seed)
        made = [r for r in game.state.log if r.agreed]
        if made:
            break
    assert made, "no pragmatist game made an agreement"
    turn = made[0].turn
    agreement = next(a for a in game.state.agreements if a.id == made[0].agreed[0])
    seen = next(t for t in game.view(K).log if t.turn == turn)
    agreed = [n for n in seen.news if n.kind == "agreed"]
    terms = tuple(o.term for o in agreement.obligations)
    assert agreed == [News("agreed", agreement=agreement.id, terms=terms)]


def test_a_leak_is_reported():
    s = catalog.get("thirteen-days")
    for seed in range(0, 400):
        game = sim.play(s, {K: POLICIES["random"], KH: POLICIES["random"]}, seed)
        leaked = [r for r in game.state.log if r.leaks]
        if leaked:
            break
    assert leaked, "no leak in 400 random games"
    seen = next(t for t in game.view(KH).log if t.turn == leaked[0].turn)
    assert {n.term for n in seen.news if n.kind == "leaked"} == set(leaked[0].leaks)
