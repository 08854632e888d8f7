"""Kennedy keeps or tightens a quarantine only while there is one (play-test 6, F1's root): before it
is proclaimed or once it is lifted, he watches the bombers instead."""

from __future__ import annotations

import dataclasses

from game.engine.match import Game
from game.model import Side
from game.scenario import catalog


def _open(game: Game) -> set[str]:
    return {m.decision for m in game.view(Side.KENNEDY).legal}


def test_the_quarantine_orders_follow_the_quarantine() -> None:
    s = catalog.get("il28-endgame")
    ships = Game(s, 3)
    assert "quarantine_on" in ships.state.flags  # the bombers' chapter opens with the ships on station
    assert "hold_quarantine" in _open(ships) and "watch_the_bombers" not in _open(ships)
    # the same day with no quarantine (a deal struck before it was proclaimed, as in G2)
    flags = ships.state.flags - {"quarantine_on"} | {"il28_demanded"}
    none = Game(s, state=dataclasses.replace(ships.state, flags=flags))
    assert "hold_quarantine" not in _open(none) and "tighten_quarantine" not in _open(none)
    assert "watch_the_bombers" in _open(none)
    with_demand = Game(s, state=dataclasses.replace(ships.state, flags=ships.state.flags | {"il28_demanded"}))
    assert "tighten_quarantine" in _open(with_demand)
