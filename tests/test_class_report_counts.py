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
