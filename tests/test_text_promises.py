"""The text game's promises: `p` lists them with their agreements, `p N break` breaks that one only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game import textplay
from game.ai.policies import POLICIES
from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog

K = Side.KENNEDY


def _owing() -> Game:
    """thirteen-days on its first turn, Kennedy owing one promise in each of two agreements."""
    s = catalog.get("thirteen-days")
    game = Game(s, 3)
    term = next(t.id for t in s.negotiation.terms if t.giver is K)
    owed = Obligation(term, K, False, Verification.NONE, None)
    pair = (Agreement("A1", "1962-10-16", "", "", (owed,)), Agreement("A2", "1962-10-16", "", "", (owed,)))
    game.state = replace(game.state, agreements=pair)
    return game


def _move(game: Game, lines: list[str], capsys: pytest.CaptureFixture[str]):
    answers = iter(lines)
    move = textplay._human_move(game, K, lambda prompt="": next(answers))
    return move, " ".join(capsys.readouterr().out.split())  # as read, not as wrapped


def test_p_lists_the_promises_and_breaks_the_one_chosen_in_its_agreement(capsys):
    game = _owing()
    move, out = _move(
        game, ["p", "p 2 break", "p 9 break", "p 1 explode", "p 1 delay", "p 1 keep", "1"], capsys
    )
    assert "You owe 2 promises under your agreements: 'p' lists them." in out
    assert "[1] KEEP: " in out and "agreement A1" in out and "agreement A2" in out
    assert "to break it costs " in out  # what a breach would cost, before it is chosen
    assert "[2] BREAK: " in out and "[1] DELAY: " in out and out.count("[1] KEEP: ") == 2
    assert out.count("Type p N keep, p N delay or p N break, with N from 1 to 2") == 2  # 9, explode
    term = game.state.agreements[0].obligations[0].term
    assert move.compliance == ((f"A2:{term}", "break"),)
    game.apply(move)
    game.apply(POLICIES["pragmatist"](game.scenario, game.view(Side.KHRUSHCHEV), 3))
    assert [o.status for a in game.state.agreements for o in a.obligations] == ["pending", "broken"]


def test_p_with_no_promise_says_so_and_the_help_names_it(capsys):
    game = Game(catalog.get("thirteen-days"), 3)
    move, out = _move(game, ["p", "?", "1"], capsys)
    assert "You owe nothing under any agreement now." in out
    assert "p 2 break (or delay, keep) chooses for the 2nd" in out
    assert move.compliance == () and "'p' lists them" not in out
