"""Escalation: fighting never lowers the danger, each side's own escalation is counted, and blamed."""

from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.rules import env_of
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog

K, KH = Side("kennedy"), Side("khrushchev")


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    name=st.sampled_from(["thirteen-days", "cuban-missile-crisis", "il28-endgame"]),
    kennedy=st.sampled_from(["random", "hawk", "dove"]),
    khrushchev=st.sampled_from(["random", "hawk", "dove"]),
    seed=st.integers(0, 2**20),
)
def test_while_a_war_is_fought_the_risk_of_war_never_falls(name, kennedy, khrushchev, seed):
    s = catalog.get(name)
    risk = s.track("risk")
    game = Game(s, seed)
    policies = {K: POLICIES[kennedy], KH: POLICIES[khrushchev]}
    while not game.is_over():
        before = game.state
        fighting = bool(risk.ratchet(env_of(s, before)))
        for side in game.sides_to_act():
            game.apply(policies[side](s, game.view(side), seed))
        after = env_of(s, game.state)
        if fighting and not after["ceasefire"]:
            assert game.state.track("risk") >= before.track("risk"), (seed, game.state.log[-1])


def _play(game: Game, kennedy: str, khrushchev: str) -> None:
    game.apply(Move(K, kennedy))
    game.apply(Move(KH, khrushchev))


def test_each_side_is_charged_with_the_risk_its_own_decisions_raise():
    s = catalog.get("thirteen-days")
    game = Game(s, 1)
    _play(game, "convene_excomm", "press_on")
    before = game.state.track("risk")
    _play(game, "order_air_strike", "gromyko_silence")
    esc = dict(game.state.tracks)
    assert esc["us_escalation"] == 2  # the order raised the risk by 2; the strike going in is an event
    assert esc["soviet_escalation"] == 0
    assert game.state.phase == "air_strike_war"
    assert game.state.track("risk") >= before + 3  # the order +2, the strike going in +1


def test_the_side_that_went_over_the_edge_is_blamed_in_the_scores():
    s = catalog.get("cuban-missile-crisis")
    end = s.ending("general_war")
    env = {"us_escalation": 9, "soviet_escalation": 2}
    kennedy, khrushchev = end.scores[K]["prestige"](env), end.scores[KH]["prestige"](env)
    assert kennedy < khrushchev
    env = {"us_escalation": 1, "soviet_escalation": 7}
    assert end.scores[K]["prestige"](env) > end.scores[KH]["prestige"](env)


def test_an_air_strike_raises_the_risk_and_a_halt_does_not_lower_it_while_fighting_goes_on():
    s = catalog.get("thirteen-days")
    for seed in range(1, 20):  # on a few seeds a launch in the first hours ends the game at once
        game = Game(s, seed)
        _play(game, "convene_excomm", "press_on")
        _play(game, "order_air_strike", "gromyko_silence")
        if not game.is_over():
            break
    assert not game.is_over()
    risk = game.state.track("risk")
    _play(game, "halt_the_strikes", "strike_jupiters")
    assert game.state.track("risk") >= risk


def test_two_hawks_do_not_talk_themselves_into_nuclear_war():
    """A threat that the other side's answering threat would carry to war is not made: two hawks
    in thirteen-days traded threatening letters to a risk of 10 by October 22-25 (general war while
    both held the line) in every game, each side counting only its own threat."""
    from game.ai.policies import POLICIES
    from game.engine.match import Game
    from game.model import Kind
    from game.scenario import catalog

    s = catalog.get("thirteen-days")
    wars = 0
    for seed in range(8):
        game = Game(s, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                game.apply(POLICIES["hawk"](s, game.view(side), seed))
        outcome = game.outcome()
        assert outcome is not None
        wars += outcome.kind is Kind.NUCLEAR_WAR
    assert wars <= 2


def test_no_pressure_is_worth_a_deed_that_is_itself_the_war():
    """The leverage of a deed (a quarantine presses on the other side's clock) counts only if the
    deed does not end the crisis: the hawk Kennedy proclaimed the quarantine at a risk of 9 on
    October 26, beside his acceptance of the deal, for the pressure it would add, and brought on
    general war in every game against the pragmatist."""
    from game.ai.policies import POLICIES
    from game.engine.match import Game
    from game.model import Kind, Side
    from game.scenario import catalog

    s = catalog.get("thirteen-days")
    for seed in range(3):
        game = Game(s, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                policy = POLICIES["hawk" if side is Side.KENNEDY else "pragmatist"]
                game.apply(policy(s, game.view(side), seed))
        outcome = game.outcome()
        assert outcome is not None and outcome.kind is not Kind.NUCLEAR_WAR, (seed, outcome.ending)
