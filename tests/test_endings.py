"""Endings follow from the facts: what each one asserts holds of the state it closes."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import sim
from game.ai.policies import POLICIES
from game.engine.endings import holds, settle, variants
from game.engine.rules import Env, env_of
from game.model import SIDES
from game.scenario import catalog
from game.scenario.lint_endings import witness
from game.scenario.load import problems_in

FIXTURES = Path(__file__).parent / "fixtures"
SCENARIOS = ("cuban-missile-crisis", "thirteen-days", "il28-endgame")


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    name=st.sampled_from(SCENARIOS),
    kennedy=st.sampled_from(sorted(POLICIES)),
    khrushchev=st.sampled_from(sorted(POLICIES)),
    seed=st.integers(0, 2**20),
)
def test_every_ending_holds_of_the_state_it_closes(name, kennedy, khrushchev, seed):
    s = catalog.get(name)
    game = sim.play(s, {SIDES[0]: POLICIES[kennedy], SIDES[1]: POLICIES[khrushchev]}, seed)
    end = s.ending(game.state.ending)
    env = env_of(s, game.state)
    assert end.holds is not None, f"{end.id} does not say what it asserts"
    assert holds(end, env), (end.id, end.holds.source, {n: env[n] for n in sorted(end.holds.names)})


def test_a_deal_with_the_pledge_and_the_jupiters_is_never_told_as_nothing_in_return():
    """The issue's case: pragmatists in thirteen-days agree on the pledge and the secret Jupiters."""
    s = catalog.get("thirteen-days")
    policies = {side: POLICIES["pragmatist"] for side in SIDES}
    told = []
    for seed in range(1, 13):
        game = sim.play(s, policies, seed)
        env = env_of(s, game.state)
        if env["no_invasion_pledge"] or env["turkey_secret"]:
            told.append(game.state.ending)
            assert game.state.ending != "soviet_retreat", seed
    assert told, "no game made a deal with anything in return"


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_facts_choose_a_telling_that_holds(name):
    """For every ending, a state where it holds exists, and a game sent to it there is told truly."""
    s = catalog.get(name)
    for e in s.endings:
        found = witness(s, e.holds)
        assert found is not None, e.id
        env = Env(found)
        chosen = s.ending(settle(s, e.variant_of or e.id, env))
        assert holds(chosen, env), (e.id, chosen.id, found)


def test_a_variant_is_told_in_its_parents_place():
    s = catalog.get("cuban-missile-crisis")
    assert "october_deal_no_pledge" in {v.id for v in variants(s)["october_deal"]}
    env = Env(quarantine_lifted=True, missiles=0, missiles_withdrawn=True, proclaim_quarantine=True)
    env.update(missiles_discovered=True, anadyr=True)
    assert settle(s, "october_deal", env) == "october_deal_no_pledge"
    env["no_invasion_pledge"] = True
    assert settle(s, "october_deal", env) == "october_deal"
    env["turkey_public"] = True  # the edge pointed at the deal, but the trade was public
    assert settle(s, "october_deal", env) == "public_trade"


def _mini_with(tmp_path, old: str, new: str) -> list[str]:
    text = (FIXTURES / "mini.yaml").read_text()
    assert old in text
    path = tmp_path / "mini.yaml"
    path.write_text(text.replace(old, new, 1))
    return [p.message for p in problems_in(path)]


def test_validate_finds_an_ending_that_can_never_hold(tmp_path):
    found = _mini_with(tmp_path, "    when: risk >= 10\n", "    when: risk >= 10\n    holds: risk > 10\n")
    assert any("can never hold" in m and "'war'" in m for m in found), found


def test_validate_finds_an_ending_whose_when_contradicts_what_it_holds(tmp_path):
    found = _mini_with(tmp_path, "    when: risk >= 10\n", "    when: risk >= 10\n    holds: risk <= 3\n")
    assert any("never holds" in m and "'war'" in m for m in found), found


def test_validate_finds_a_variant_of_nothing(tmp_path):
    found = _mini_with(
        tmp_path,
        "    when: risk >= 10\n",
        "    holds: risk >= 10\n    variant_of: dael\n",
    )
    assert any("variant of 'dael'" in m and "did you mean 'deal'" in m for m in found), found


def test_the_bundled_scenarios_pass_the_ending_checks():
    for path in catalog.bundled():
        assert problems_in(path) == [], path


def test_validate_finds_an_escalation_track_that_does_not_exist(tmp_path):
    found = _mini_with(
        tmp_path,
        "endings:\n",
        "escalation: {danger: risk, tracks: {kennedy: risk, khrushchev: rsk}}\nendings:\n",
    )
    assert any("escalation counts track 'rsk'" in m for m in found), found
