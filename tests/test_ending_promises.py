"""The ending's account is true to each agreement (playtest H7): a promise broken in one agreement is
not told broken in another, a term carried out after its promise was broken is told so on the broken
line (not as given without an agreement), and a check is named as the letters name it."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from game.ai.policies import QUIET, Policy
from game.analysis.account import account
from game.engine.letters import Status
from game.engine.match import Game
from game.engine.state import Compliance, Move, promise_key
from game.model import SIDES, Scenario, Side
from game.scenario import catalog
from game.sim import play

SAYS = {"done": "carried out", "pending": "agreed, not yet carried out", "late": "agreed, and overdue"}


def _breaking(policy: Policy, seed: int) -> Policy:
    """`policy`, breaking now and then one promise it owes, by its agreement's key."""
    draw = random.Random(seed)

    def move(s: Scenario, view, game_seed: int) -> Move:  # noqa: ANN001
        chosen = policy(s, view, game_seed)
        owed = [
            promise_key(a.id, o.term)
            for a in view.agreements
            for o in a.obligations
            if o.giver is view.side and o.status in (Status.PENDING, Status.LATE)
        ]
        if owed and draw.random() < 0.3:
            return replace(chosen, compliance=((draw.choice(owed), Compliance.BREAK),))
        return chosen

    return move


def _said(s: Scenario, told: list[str], aid: str, term: str, giver: Side) -> str:
    """What the account's line for agreement `aid` says of `giver`'s `term`."""
    assert s.negotiation is not None
    line = next(x for x in told if x.startswith(f"Agreed ({aid},"))
    head = f"{s.sides[giver].short}: {s.negotiation.term(term).label}"
    part = next(p for p in line.split(": ", 1)[1].split("; ") if p.startswith(head))
    return part[len(head) :]


@pytest.mark.parametrize("scenario", ["il28-endgame", "thirteen-days"])
def test_every_promise_line_matches_its_own_agreements_obligation(scenario):
    """Seeded games of several policies, each side breaking a promise now and then by one agreement's
    key: each line of the account tells each obligation as its own agreement holds it, and no term
    an agreement binds is told as given without one."""
    s = catalog.get(scenario)
    broken = 0
    for k, (a, b) in enumerate((("pragmatist", "dove"), ("dove", "hawk"), ("historical", "pragmatist"))):
        for seed in range(8000 + 10 * k, 8004 + 10 * k):
            pair = zip(SIDES, (a, b), strict=True)
            pols = {side: _breaking(QUIET[p], seed + i) for i, (side, p) in enumerate(pair)}
            game = play(s, pols, seed)
            told = account(s, game.state)
            bound = {o.term for ag in game.state.agreements for o in ag.obligations}
            loose = " ".join(x for x in told if x.startswith("Given without"))
            assert s.negotiation is not None
            assert not [t for t in bound if s.negotiation.term(t).label in loose], (seed, loose)
            for ag in game.state.agreements:
                for o in ag.obligations:
                    said = _said(s, told, ag.id, o.term, o.giver)
                    where = (seed, a, b, ag.id, o, said)
                    assert ("broken" in said) == (o.status is Status.BROKEN), where
                    broken += o.status is Status.BROKEN
                    if o.status is Status.PENDING and o.due is None:  # or carried out by a deed
                        assert any(w in said for w in ("for later", "bargained again", "carried out")), where
                    elif o.status in SAYS:
                        assert SAYS[o.status] in said or "carried out" in said, where
    # thirteen-days ends on its first agreement: only il28's games live on to break one
    assert broken or scenario == "thirteen-days", "no game broke a promise: the property was not tried"


def test_a_quarantine_lifted_after_its_promise_was_broken_is_told_on_the_broken_line():
    """H7's il28 game, one agreement short: A1's lift broken on the first turn, the quarantine lifted
    by order later; the account says broken on its day and carried out all the same on the other,
    not 'Given without an agreement'."""
    s = catalog.get("il28-endgame")
    game = Game(s, seed=1)
    key = promise_key("A1", "lift_quarantine")
    game.apply(Move(Side.KENNEDY, "stevenson_list", compliance=((key, Compliance.BREAK),)))
    game.apply(Move(Side.KHRUSHCHEV, "keep_word"))
    broke = game.state.log[-1].date
    while not game.is_over() and "quarantine_lifted" not in game.state.flags:
        for side in game.sides_to_act():
            moves = game.legal_moves(side)
            lift = [m for m in moves if m.decision in ("drop_the_bombers", "announce_and_lift")]
            game.apply(lift[0] if lift and side is Side.KENNEDY else moves[0])
    assert "quarantine_lifted" in game.state.flags
    lifted = game.state.log[-1].date
    told = account(s, game.state)
    said = _said(s, told, "A1", "lift_quarantine", Side.KENNEDY)
    assert said.startswith(": agreed, and broken on "), said
    assert "carried out all the same on " in said and lifted > broke, said
    assert not [x for x in told if x.startswith("Given without") and "Lift the quarantine" in x], told


def test_no_story_says_the_promises_are_void_while_the_engine_keeps_them():
    """Playtest H11: "The strike goes in ... Every promise either side had made is void", and three
    turns later the front page listed A1's terms as promised and carried out. The engine voids no
    agreement (a strike or a landing breaks only the promises it defies), so no text says so."""
    for name in ("il28-endgame", "thirteen-days", "cuban-missile-crisis"):
        s = catalog.get(name)
        events = (*s.events, *(e for p in s.phases for e in p.events))
        told = [(e.id, e.text) for e in events] + [
            (d.id, d.description) for p in s.phases for ds in p.decisions.values() for d in ds
        ]
        void = [i for i, text in told if "void" in text and ("promise" in text or "promised" in text)]
        assert not void, (name, void)
