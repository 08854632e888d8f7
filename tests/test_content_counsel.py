"""Advisors urge what can be done, and the options follow the state (playtest B12)."""

from itertools import product

import pytest

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.state import Move
from game.model import SIDES
from game.scenario import catalog
from game.ui import text

KENNEDY, KHRUSHCHEV = SIDES


def _urged(s, phase: str, side) -> list[str]:
    mine = {a.id for a in s.advisors if a.side is side}
    return [c.recommends for c in s.phase(phase).counsel if c.advisor in mine]


@pytest.mark.parametrize("name", ["thirteen-days", "cuban-missile-crisis"])
def test_on_every_turn_some_advisor_urges_a_decision_that_is_open(name):
    """Every pair of policies, one seed each: wherever a side has counsel, one of its advisors urges a
    decision it can take that turn (on October 16 the strike, the landing and the blockade are not
    yet open)."""
    s = catalog.get(name)
    closed = []
    for seed, (a, b) in enumerate(product(sorted(POLICIES), repeat=2)):
        policies = dict(zip(SIDES, (POLICIES[a], POLICIES[b]), strict=True))
        game = Game(s, seed)
        while not game.is_over():
            st = game.state
            for side in game.sides_to_act():
                legal = {m.decision for m in game.view(side).legal}
                urged = _urged(s, st.phase, side)
                if urged and not legal & set(urged):
                    closed.append(
                        f"seed {seed}, {a} v {b}: {side.value} on {st.date} ({st.phase}) urged {urged}"
                    )
            for side in game.sides_to_act():
                game.apply(policies[side](s, game.view(side), seed))
    assert closed == []


def test_the_counsel_shown_urges_only_open_decisions():
    s = catalog.get("thirteen-days")
    game = Game(s, 1)
    legal = [m.decision for m in game.view(KENNEDY).legal]
    shown = text.counsel(s, game.state.phase, KENNEDY, legal)
    assert "not open now" not in shown
    assert "McGeorge Bundy" in shown and "Gen. Curtis LeMay" not in shown
    # with no orders to give (the turn's move made), every advisor's counsel is there to read
    everything = text.counsel(s, game.state.phase, KENNEDY, [])
    assert "Gen. Curtis LeMay" in everything and "not open now" in everything


def test_once_moscow_has_announced_the_missiles_no_one_is_offered_to_keep_them_secret_from_gromyko():
    s = catalog.get("thirteen-days")
    game = Game(s, 7)
    game.apply(Move(KENNEDY, "convene_excomm"))
    game.apply(Move(KHRUSHCHEV, "reveal_openly"))
    assert game.state.date == "1962-10-18"
    kennedy = {m.decision for m in game.view(KENNEDY).legal}
    khrushchev = {m.decision for m in game.view(KHRUSHCHEV).legal}
    assert "keep_counsel_gromyko" not in kennedy and "gromyko_silence" not in khrushchev
    assert "choose_blockade" in kennedy  # the day's other choices stay open

    quiet = Game(s, 7)  # without the announcement, Thursday's visit is kept quiet as in history
    quiet.apply(Move(KENNEDY, "convene_excomm"))
    quiet.apply(Move(KHRUSHCHEV, "press_on"))
    assert "keep_counsel_gromyko" in {m.decision for m in quiet.view(KENNEDY).legal}
    assert "gromyko_silence" in {m.decision for m in quiet.view(KHRUSHCHEV).legal}


def test_no_quiet_withdrawal_once_the_world_has_been_told():
    """'Take the missiles home before the world learns of them' is open after Kennedy's private
    deadline only while the deployment is still a secret."""
    s = catalog.get("thirteen-days")
    for announce, open_then in (("reveal_openly", False), ("press_on", True)):
        game = Game(s, 7)
        game.apply(Move(KENNEDY, "private_ultimatum"))
        game.apply(Move(KHRUSHCHEV, announce))
        legal = {m.decision for m in game.view(KHRUSHCHEV).legal}
        assert ("quiet_withdrawal" in legal) is open_then, announce
