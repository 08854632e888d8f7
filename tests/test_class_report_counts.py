"""The class debrief's count of tables that kept to history: only tables that played count."""

from __future__ import annotations

from game import sim
from game.ai.policies import POLICIES
from game.analysis.class_report import Played, markdown
from game.engine.match import Game
from game.model import SIDES
from game.scenario import catalog


def test_a_table_that_never_played_is_not_counted_as_keeping_to_history() -> None:
    s = catalog.get("thirteen-days")
    strayed = sim.play(s, {side: POLICIES["random"] for side in SIDES}, 4)
    kept = sim.play(s, {side: POLICIES["historical"] for side in SIDES}, 4)
    idle = Game(s, 4)
    sides = {"kennedy": "human", "khrushchev": "human"}
    md = markdown(
        s, "CLASS", [Played("A", strayed, sides), Played("B", idle, sides), Played("C", kept, sides)]
    )
    assert "Tables that kept to the historical line to their end: 1 of 2 (1 more never played a turn)." in md
    md = markdown(s, "CLASS", [Played("A", strayed, sides)])
    assert "Tables that kept to the historical line to their end: 0 of 1." in md


def test_an_agreements_letter_keeps_its_deadlines_and_checks() -> None:
    """Play-test 8, H15: 'Pledge not to invade Cuba, Remove the missiles from Cuba' without the letter's
    '(≤14 days, UN check)'."""
    from game.engine.letters import offer_marks

    s = catalog.get("thirteen-days")
    marked = []
    for seed in range(12):
        game = sim.play(s, {side: POLICIES["pragmatist"] for side in SIDES}, seed)
        mail = {m.id: m for m in game.state.mail}
        for a in game.state.agreements:
            letter = mail[a.proposal].letter
            marked += [(seed, o) for o in (*letter.gives, *letter.demands) if offer_marks(s.negotiation, o)]
        if marked:
            break
    assert marked, "no agreement with a deadline or a check in 12 seeds"
    seed, offer = marked[0]
    game = sim.play(s, {side: POLICIES["pragmatist"] for side in SIDES}, seed)
    md = markdown(s, "CLASS", [Played("A", game, {"kennedy": "human", "khrushchev": "human"})])
    said = f"{s.term_label(offer.term)} ({', '.join(offer_marks(s.negotiation, offer))})"
    assert said in md.split("## The letters that made agreements")[1]
