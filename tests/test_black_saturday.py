"""Black Saturday tells what happened, not what history did (playtest 2026-12-02d, N12, N17)."""

from game.ai.policies import POLICIES, historical
from game.ai.tricks import EXPLOITS
from game.analysis.debrief import aim_rows
from game.engine.match import Game
from game.engine.rules import env_of
from game.engine.state import Move
from game.model import Kind, Side
from game.scenario import catalog
from game.ui.text import revealed

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _to_black_saturday(s, seed):
    game = Game(s, seed, objectives=True)
    while game.state.phase != "black_saturday":
        for side in game.sides_to_act():
            game.apply(historical(s, game.view(side), seed))
    return game


def _turn(game, kennedy, khrushchev):
    game.apply(Move(K, kennedy, None))
    game.apply(Move(S, khrushchev, None))


def test_the_presidium_reads_of_robert_kennedys_talk_only_when_it_took_place():
    s = catalog.get("thirteen-days")
    game = _to_black_saturday(s, 0)
    _turn(game, "hard_ultimatum", "public_turkey_message")  # a deadline, no pledge, no Turkey
    _turn(game, "hold_for_answer", "accept_broadcast")
    env = env_of(s, game.state)
    assert env.get("accept_broadcast") and not env.get("turkey_secret")
    assert not env.get("presidium_oct28")
    history = _to_black_saturday(s, 0)
    while not history.is_over():
        for side in history.sides_to_act():
            history.apply(historical(s, history.view(side), 0))
    assert env_of(s, history.state).get("presidium_oct28")


def test_no_hidden_aim_is_met_in_a_nuclear_war():
    """'No shot at sea' and 'Keep the Jupiters deal secret' were scored as met in a general war."""
    s = catalog.get("thirteen-days")
    seen = 0
    for seed in range(6):
        game = Game(s, seed, objectives=True)
        policies = {K: EXPLOITS["bully"], S: POLICIES["hawk"]}
        while not game.is_over():
            for side in game.sides_to_act():
                game.apply(policies[side](s, game.view(side), seed))
        out = game.outcome()
        if out.kind is Kind.NUCLEAR_WAR:
            seen += 1
            assert out.objectives and not any(j.met for j in out.objectives)
            # said so, not 'not met' (playtest E4: 'Get the missiles out: not met' after they came out)
            assert all(j.void for j in out.objectives)
            rows = aim_rows(s, out.objectives)
            assert all(r.verdict.startswith("void: nuclear war (0 of ") for r in rows)
            assert "not met" not in revealed(s, out) and "void: nuclear war" in revealed(s, out)
        elif out is not None:
            assert not any(j.void for j in out.objectives)
    assert seen


def test_the_jupiters_kept_secret_is_judged_once_the_missiles_are_out():
    s = catalog.get("thirteen-days")
    aim = next(o for c in s.objectives for o in c.of(K) if o.id == "k_jupiters_secret")
    names = dict.fromkeys(
        ("missiles_withdrawn", "turkey_secret", "turkey_public", "remove_jupiters_public"), False
    )
    assert not aim.when(names)
    assert aim.when({**names, "missiles_withdrawn": True, "turkey_secret": True})
    assert not aim.when({**names, "missiles_withdrawn": True, "turkey_public": True})


def test_the_private_bargain_is_not_sold_again_in_public():
    """Playtest 2026-12-02d N9: the pragmatist Kennedy answered the first letter on Saturday and traded
    the Jupiters in public on Sunday as well, and Khrushchev's stall came out ahead."""
    s = catalog.get("thirteen-days")
    game = _to_black_saturday(s, 0)
    assert "public_turkey_trade" in {m.decision for m in game.view(K).legal}
    _turn(game, "answer_first_letter", "public_turkey_message")
    assert "public_turkey_trade" not in {m.decision for m in game.view(K).legal}


def test_the_pledge_given_in_the_open_meets_moscow_s_aim_for_a_public_pledge():
    """Playtest E18: 'The pledge, for the world to hear: not met' after Kennedy traded in the open,
    pledge included: only a pledge agreed by letter in public counted."""
    s = catalog.get("thirteen-days")
    aim = next(o for c in s.objectives for o in c.of(S) if o.id == "s_pledge_in_public")
    names = dict.fromkeys(("no_invasion_pledge_public", "answer_first_letter", "public_turkey_trade"), False)
    assert not aim.when({**names, "no_invasion_pledge": True})
    for deed in ("public_turkey_trade", "answer_first_letter", "no_invasion_pledge_public"):
        assert aim.when({**names, "no_invasion_pledge": True, deed: True}), deed
