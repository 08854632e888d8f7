"""Continuity: texts declare the facts they assume, tell variants where they do not hold, and
`crisis validate` finds a text shown in a state that contradicts it."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.policies import POLICIES
from game.analysis.continuity import continuity, sightings
from game.cli import main
from game.engine.endings import settle
from game.engine.match import Game
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog
from game.scenario.lint_continuity import Sighting, check
from game.scenario.load import load, problems_in
from game.ui import text

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
K, KH = Side.KENNEDY, Side.KHRUSHCHEV

STALE = "kennedy: {text: Missiles in Cuba., historical: true, source: test-source}"
PLANTED = "kennedy: {text: The quarantine stays until you are satisfied., historical: false}"
DECLARED = """kennedy:
        text: The quarantine stays until you are satisfied.
        historical: false
        assumes: quarantine_on and not quarantine_lifted
        variants:
          - {text: No ships stand on the line yet., historical: false}"""
FLAGS = """flags:
  - {id: quarantine_on, description: The Navy stops the ships.}
  - {id: quarantine_lifted, description: The quarantine has been lifted.}
"""


def _fixture(tmp_path: Path, briefing: str, blockade_sets: str = "quarantine_on") -> Path:
    """The mini scenario with the campaign's quarantine flags and `briefing` for Kennedy's first
    chapter; the blockade sets `blockade_sets`."""
    src = MINI.read_text()
    src = src.replace("flags:\n", FLAGS, 1).replace(STALE, briefing)
    src = src.replace(
        "effects: {quarantine: true, risk: +1}", f"effects: {{{blockade_sets}: true, risk: +1}}"
    )
    path = tmp_path / "planted.yaml"
    path.write_text(src)
    return path


def test_a_planted_contradiction_is_found_where_it_is_shown(tmp_path):
    # "the quarantine stays" is said on the first turn, before any quarantine
    found = continuity(load(_fixture(tmp_path, PLANTED)), games_per_pair=1)
    messages = [p.message for p in found]
    assert any("says 'The quarantine stays'" in m and "does not declare it" in m for m in messages)
    shown = [m for m in messages if "turn 1 (1962-10-22, phase 'crisis')" in m]
    assert shown and "that is false ('quarantine_on and not quarantine_lifted')" in shown[0]
    assert all(p.file.endswith("planted.yaml") for p in found)


def test_crisis_validate_reports_the_contradiction_at_its_line_and_fails(tmp_path, capsys):
    path = _fixture(tmp_path, PLANTED)
    assert main(["validate", "--games", "1", str(path)]) == 1
    out = capsys.readouterr().out
    lines = path.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "The quarantine stays" in text)
    assert f"{path}:{line}:" in out and "that is false" in out
    assert main(["validate", "--games", "1", str(_fixture(tmp_path, DECLARED))]) == 0


def test_a_declared_fact_with_a_variant_has_no_findings_and_the_variant_is_told(tmp_path):
    s = load(_fixture(tmp_path, DECLARED))
    assert continuity(s, games_per_pair=1) == []
    game = Game(s, seed=1)
    assert game.view(K).briefing == "No ships stand on the line yet."
    game.apply(Move(K, "blockade"))
    game.apply(Move(KH, "turn_back"))
    if not game.is_over() and game.state.phase == "crisis":
        view = game.view(K)
        assert view.briefing == "The quarantine stays until you are satisfied."
        assert "The quarantine stays" in text.briefing(s, view)
        assert "The quarantine stays" in text.phase_card(s, view.phase, K, view.date, view.briefing)


def test_a_declared_fact_without_a_variant_is_found_where_it_fails(tmp_path):
    only = DECLARED.split("\n        variants:")[0]
    found = continuity(load(_fixture(tmp_path, only)), games_per_pair=1)
    assert any("no variant fits that state" in p.message for p in found)


def test_a_variant_that_says_the_fact_it_is_told_without_is_found(tmp_path):
    # the variant, told where the quarantine is not in force, says it stays
    wrong = DECLARED.replace("No ships stand on the line yet.", "The quarantine stays as ever.")
    found = continuity(load(_fixture(tmp_path, wrong)), games_per_pair=1)
    assert any(p.message.startswith("variant 1 of the kennedy briefing") for p in found)


def test_variants_are_checked_as_the_scenario_loads(tmp_path):
    undeclared = DECLARED.replace("quarantine_on and not quarantine_lifted", "quarantine_onn")
    messages = [p.message for p in problems_in(_fixture(tmp_path, undeclared))]
    assert any(
        "reads 'quarantine_onn', which is not declared (did you mean 'quarantine_on'?)" in m for m in messages
    )
    no_assumes = DECLARED.replace("        assumes: quarantine_on and not quarantine_lifted\n", "")
    messages = [p.message for p in problems_in(_fixture(tmp_path, no_assumes))]
    assert any("has variants but no 'assumes'" in m for m in messages)
    uncited = DECLARED.replace("historical: false}", "historical: true}")
    messages = [p.message for p in problems_in(_fixture(tmp_path, uncited))]
    assert any("variant 1 of the kennedy briefing" in m and "cites no source" in m for m in messages)


@pytest.mark.parametrize("sid", ["thirteen-days", "il28-endgame", "cuban-missile-crisis"])
def test_the_shipped_scenarios_have_no_continuity_findings(sid):
    assert continuity(catalog.get(sid), games_per_pair=1) == []


@settings(max_examples=12, deadline=None, derandomize=True)
@given(
    name=st.sampled_from(["cuban-missile-crisis", "thirteen-days", "il28-endgame"]),
    kennedy=st.sampled_from(sorted(POLICIES)),
    khrushchev=st.sampled_from(sorted(POLICIES)),
    seed=st.integers(1000, 2**20),
)
def test_no_text_is_shown_in_a_state_that_contradicts_it(name, kennedy, khrushchev, seed):
    """Beyond the games `crisis validate` plays: any pair of policies, any seed."""
    s = catalog.get(name)
    assert check(s, sightings(s, 1, seed, pairs=[(kennedy, khrushchev)])) == []


def test_the_campaign_tells_the_excomm_as_it_was_made():
    """Known cases of issue 9: an announced deployment is no secret at the ExComm, and a chapter
    after an early deal tells no quarantine."""
    s = catalog.get("cuban-missile-crisis")
    excomm = s.phase("excomm").briefing
    announced = {"deployment_announced": True, "u2_photographs": False, "missiles": 3}
    for side in (K, KH):
        told = excomm[side].told(_env(s, announced)).text
        assert "in secret" not in told and "brings you the news" not in told
    history = {"u2_photographs": True, "missiles": 3}
    assert "brings you the news" in excomm[K].told(_env(s, history)).text
    assert "finish in secret" in excomm[KH].told(_env(s, history)).text
    early = {"missiles_withdrawn": True, "no_invasion_pledge": True}
    for side in (K, KH):
        told = s.phase("il28_dispute").briefing[side].told(_env(s, early)).text
        assert "quarantine stays" not in told and "ships on the line" not in told
        assert "in secret, the Jupiters" not in told


def _env(s, values):
    """Every name a condition reads: false or 0 unless given."""

    class Env(dict):
        def __missing__(self, key):
            return 0

    return Env(values)


def test_an_epilogue_that_keeps_a_quarantine_the_game_never_had_is_found(tmp_path):
    # issue 9 follow-up (B8): the endings' epilogues are read as the game ends, like the briefings
    planted = (
        _fixture(tmp_path, STALE)
        .read_text()
        .replace(
            "epilogue: They agreed.", "epilogue: They agreed; the bombers will keep the quarantine in place."
        )
    )
    path = tmp_path / "planted.yaml"
    path.write_text(planted)
    found = continuity(load(path), games_per_pair=1)
    line = next(n for n, text in enumerate(planted.splitlines(), 1) if "keep the quarantine in place" in text)
    ours = [p for p in found if "the epilogue of ending 'deal'" in p.message]
    assert any("does not declare it ('quarantine_on and not quarantine_lifted')" in p.message for p in ours)
    assert any("at the end" in p.message and "that is false" in p.message for p in ours)
    assert all(p.file.endswith("planted.yaml") and p.line == line for p in ours)


def test_the_october_28_ending_tells_the_quarantine_as_the_bargain_left_it():
    """B8: an agreement that lifts the quarantine (by a date, or done) is not told that the bombers
    keep it in place until November 20; the historical epilogue, told there, is a finding."""
    s = catalog.get("thirteen-days")
    deal = {
        "missiles_withdrawn": True,
        "no_invasion_pledge": True,
        "turkey_secret": True,
        "quarantine_on": True,
        "proclaim_quarantine": True,
        "accept_broadcast": True,  # Sunday's broadcast, the second day of Black Saturday's chapter
        "phase_turn": 2,
    }
    history = s.ending("agreement_of_october_28")
    assert settle(s, history.id, _env(s, deal)) == history.id
    assert "until November 20" in history.epilogue
    for lifted in ({"lift_quarantine_dated": True}, {"quarantine_on": False, "quarantine_lifted": True}):
        env = _env(s, deal | lifted)
        reached = s.ending(settle(s, history.id, env))
        assert reached.id == "agreement_quarantine_lifted"
        assert "November 20" not in reached.epilogue and "no quarantine" in reached.epilogue
        assert check(s, [Sighting(reached, "the variant", reached.epilogue, env, "B8")]) == []
        stale = check(s, [Sighting(history, "the historical epilogue", history.epilogue, env, "B8")])
        assert any("'keep the quarantine in place'" in p.message for p in stale)


def test_the_bombers_chapter_keeps_no_quarantine_the_bargain_lifted():
    """B8 in the campaign: an October agreement that dates the quarantine's lifting is not followed
    by a chapter telling either leader that the ships stay on the line."""
    s = catalog.get("cuban-missile-crisis")
    brief = s.phase("il28_dispute").briefing
    kept = {
        "missiles_withdrawn": True,
        "no_invasion_pledge": True,
        "turkey_secret": True,
        "quarantine_on": True,
        "lift_quarantine_later": True,
    }
    assert "The quarantine stays" in brief[K].told(_env(s, kept)).text
    assert "American ships on the line" in brief[KH].told(_env(s, kept)).text
    dated = _env(s, kept | {"lift_quarantine_later": False, "lift_quarantine_dated": True})
    assert "The quarantine stays" not in brief[K].told(dated).text
    assert "American ships on the line" not in brief[KH].told(dated).text
