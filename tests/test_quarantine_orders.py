"""Kennedy keeps, tightens or lifts a quarantine only while there is one (play-test 6, F1's root):
before it is proclaimed or once it is lifted, he watches the bombers instead; and J3: a campaign that
never proclaimed it was offered "Announce it; lift the quarantine", which raised DEFCON 5 to 4 and was
scored "Lift the quarantine: carried out". `crisis validate` says so of an order that would."""

from __future__ import annotations

import dataclasses
import random
from dataclasses import replace

import pytest

from game.ai.policies import historical
from game.analysis.account import account
from game.conditions import parse
from game.engine.match import Game
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog
from game.scenario.lint import lint


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


K, S = Side.KENNEDY, Side.KHRUSHCHEV
SCENARIOS = ("cuban-missile-crisis", "il28-endgame", "thirteen-days")


def _about_the_quarantine(d):
    """Whether decision `d` lifts the quarantine, or holds or tightens it (defies its lifting)."""
    sets = {(e.name, e.value) for e in d.effects}
    return (
        ("quarantine_on", False) in sets
        or ("quarantine_lifted", True) in sets
        or "lift_quarantine" in d.defies
    )


def _check(s, game):
    if "quarantine_on" in game.state.flags or game.is_over() or K not in game.sides_to_act():
        return
    wrong = [m.decision for m in game.legal_moves(K) if _about_the_quarantine(s.decision(m.decision))]
    assert not wrong, (game.state.date, wrong)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_order_about_the_quarantine_is_offered_while_there_is_none(scenario):
    """Games of every scenario where Kennedy never proclaims it (and some where he does, then lifts
    it; some begun with none): at every turn with no quarantine on, no order to lift, hold or tighten
    one is offered."""
    s = catalog.get(scenario)
    tried = 0
    for seed in range(6):
        rng = random.Random(seed)
        start = Game(s, seed).state  # and from the first day with none (the bombers' chapter opens with one)
        game = Game(s, state=replace(start, flags=start.flags - {"quarantine_on"}) if seed >= 3 else start)
        while not game.is_over():
            _check(s, game)
            tried += "quarantine_on" not in game.state.flags
            for side in game.sides_to_act():
                view = game.view(side)
                moves = [m for m in game.legal_moves(side) if m.decision != "proclaim_quarantine" or seed % 2]
                pick = (
                    historical(s, view, seed).decision if rng.random() < 0.5 else rng.choice(moves).decision
                )
                if pick == "proclaim_quarantine" and not seed % 2:
                    pick = moves[0].decision
                game.apply(Move(side, pick))
    assert tried, "no turn without a quarantine: the property was not tried"


def test_the_bombers_given_up_without_a_quarantine_are_announced_without_lifting_one():
    s = catalog.get("il28-endgame")
    start = Game(s, 5).state
    game = Game(s, state=replace(start, flags=start.flags - {"quarantine_on"}))
    game.apply(Move(K, "stevenson_list"))
    game.apply(Move(S, "dismantle_sites"))
    game.apply(Move(K, "watch_the_bombers"))
    game.apply(Move(S, "give_up_bombers_now"))
    offered = {m.decision for m in game.legal_moves(K)}
    assert "announce_and_lift" not in offered and "drop_the_bombers" not in offered
    assert "announce_bombers_going" in offered
    defcon = game.state.track("defcon")
    game.apply(Move(K, "announce_bombers_going"))
    assert game.state.track("defcon") == defcon
    assert "quarantine_lifted" not in game.state.flags
    told = " ".join(account(s, game.state))
    assert "Lift the quarantine: carried out" not in told, told
    assert not [
        x for x in account(s, game.state) if x.startswith("Given without") and "Lift the quarantine" in x
    ]


def test_validate_reports_an_order_that_lifts_a_quarantine_it_does_not_require():
    s = catalog.get("cuban-missile-crisis")

    def loosened(d):
        if d.id != "announce_and_lift":
            return d
        return replace(d, requires=parse("prepare_announcement or (il28_withdrawn and not il28_thirty_days)"))

    phases = tuple(
        replace(p, decisions={side: tuple(loosened(d) for d in ds) for side, ds in p.decisions.items()})
        for p in s.phases
    )
    said = [str(p) for p in lint(replace(s, phases=phases))]
    assert [x for x in said if "announce_and_lift" in x and "quarantine_on" in x], said
    assert not [x for x in (str(p) for p in lint(s)) if "carries out" in x]
