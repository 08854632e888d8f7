"""A check a third party bars is barred for every promise checked that way (playtest J8): Castro's
"no UN inspector on Cuban soil" bars the UN check of the bombers agreed after it, as it barred the
missiles', on the engine's names, the promises page and the ending's words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.analysis.account import fates
from game.analysis.deal_words import deal_words
from game.diplomacy import Answer, Verification
from game.engine.letters import Letter, Offer
from game.engine.match import Game
from game.engine.state import Move
from game.errors import ScenarioError
from game.model import Side
from game.scenario import catalog
from game.scenario.load import load

from .conftest import FIXTURES

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _bombers_agreed(check: Verification) -> Game:
    """il28-endgame: Castro bars the inspectors on the first turn; then Khrushchev gives the bombers
    under `check` for the quarantine, and Kennedy accepts."""
    game = Game(catalog.get("il28-endgame"), seed=1)
    offer = Letter("private_letter", gives=(Offer("withdraw_il28", verification=check),))
    offer = replace(offer, demands=(Offer("lift_quarantine"),))
    game.apply(Move(K, "hold_quarantine"))
    game.apply(Move(S, "keep_word", offer))
    assert "castro_bars_inspectors" in game.state.log[-1].events
    (mail,) = game.state.mail
    game.apply(Move(K, "hold_quarantine", Letter("private_letter", reply_to=mail.id, answer=Answer.ACCEPT)))
    game.apply(Move(S, "keep_word"))
    assert game.state.log[-1].agreed == ("A2",)
    return game


def test_castro_barring_un_inspectors_bars_the_un_check_of_the_bombers_agreed_after():
    game = _bombers_agreed(Verification.UN)
    names = game.view(K).term_names
    assert names.get("withdraw_il28_blocked") and not names.get("withdraw_il28_verified")
    fate = next(t for t in fates(game.scenario, game.state) if t.term == "withdraw_il28")
    assert fate.blocked
    (a2,) = [w for w in deal_words(game.scenario, game.state) if "(A2)" in w]
    assert "checked by the United Nations, a check Fidel Castro refused to allow" in a2, a2


@pytest.mark.parametrize("check", [Verification.AERIAL, Verification.NONE])
def test_a_check_castro_did_not_bar_still_holds(check):
    game = _bombers_agreed(check)
    names = game.view(K).term_names
    assert not names.get("withdraw_il28_blocked")
    assert bool(names.get("withdraw_il28_verified")) == (check is Verification.AERIAL)
    (a2,) = [w for w in deal_words(game.scenario, game.state) if "(A2)" in w]
    assert "refused to allow" not in a2, a2


@pytest.mark.parametrize(
    ("blocks", "message"),
    [
        ("[un, missiles_out]", None),
        ("[unn]", "blocks 'unn', not a term or a kind of check (did you mean 'un'?)"),
    ],
)
def test_validate_takes_a_kind_of_check_in_blocks_and_names_a_wrong_one(tmp_path, blocks, message):
    text = (FIXTURES / "talks.yaml").read_text()
    assert "blocks: [missiles_out]" in text
    path = tmp_path / "talks.yaml"
    path.write_text(text.replace("blocks: [missiles_out]", f"blocks: {blocks}"))
    if message is None:
        assert "un" in load(path).event("castro_says_no").blocks
        return
    with pytest.raises(ScenarioError) as err:
        load(path)
    assert any(message in p.message for p in err.value.problems), err.value.problems


def test_a_un_check_agreed_is_the_inspection_both_aims_speak_of():
    """K6 (play-test 10): the bombers out within 30 days under a UN check, agreed after Castro's
    refusal, left Kennedy's "Get inspection on the ground agreed" unmet and Khrushchev's "Agree to no
    inspection Castro refuses" met: both read only the term "Admit inspectors to Cuba"."""
    from game.engine import objectives as aims

    for check in Verification:
        names = _bombers_agreed(check).view(K).term_names
        assert bool(names.get("withdraw_il28_un_checked")) == (check is Verification.UN)  # barred, yet agreed
    s = catalog.get("cuban-missile-crisis")
    by_title = {a.objective.title: a.objective for a in aims.by_id(s).values()}
    ground, castro = by_title["See it on the ground"], by_title["Nothing over Castro's head"]
    base = {"on_site_inspection_agreed": False, "on_site_inspection_done": False, "castro_trust": 7}
    assert not ground.when.fn({**base, "withdraw_il28_un_checked": False})
    assert ground.when.fn({**base, "withdraw_il28_un_checked": True})
    assert castro.when.fn({**base, "withdraw_il28_un_checked": False})
    assert not castro.when.fn({**base, "withdraw_il28_un_checked": True})
