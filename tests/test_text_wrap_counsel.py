"""The text game wraps `p`'s header and the ending's history line between words (J15), and its
advisors urge only the orders open today (J17)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game import textplay
from game.ai.policies import POLICIES
from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.match import Game
from game.model import SIDES, Side
from game.scenario import catalog

K, X = Side.KENNEDY, Side.KHRUSHCHEV


def _turn(game: Game, seed: int) -> None:
    for side in SIDES:
        game.apply(POLICIES["pragmatist"](game.scenario, game.view(side), seed))


def _lines_fit(out: str, columns: int) -> None:
    for line in out.splitlines():
        assert len(line) <= columns, line


@pytest.mark.parametrize("columns", [80, 100])
def test_p_header_wraps_between_words(capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    s = catalog.get("thirteen-days")
    game = Game(s, 3)
    owed = (
        Obligation(
            next(t.id for t in s.negotiation.terms if t.giver is K), K, False, Verification.NONE, None
        ),
    )
    game.state = replace(game.state, agreements=(Agreement("A1", "1962-10-16", "", "", owed),))
    answers = iter(["p", "1"])
    textplay._human_move(game, K, lambda prompt="": next(answers))
    out = capsys.readouterr().out
    _lines_fit(out, columns)
    assert "a choice goes with your decision):" in " ".join(out.split())


@pytest.mark.parametrize(("seed", "columns"), [(77, 100), (31, 80)])
def test_the_endings_history_line_wraps_between_words(capsys, monkeypatch, seed, columns):
    from game.analysis import history

    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setattr(history, "history_share", lambda steps: 1.0)  # the longest share, "100%"
    game = Game(catalog.get("thirteen-days"), seed)
    while not game.is_over():
        _turn(game, seed)
    capsys.readouterr()
    textplay._ending(game, K)
    out = capsys.readouterr().out
    _lines_fit(out, columns)
    assert "of the orders were the ones given on the same date in history." in " ".join(out.split())


def test_advisors_urge_only_orders_open_today_with_their_numbers(capsys):
    """A chapter's counsel may name an order of another day (Gromyko's 'say nothing' of Oct 18 on
    Oct 20): `a` leaves it out, and names each urged order by the number that gives it."""
    s = catalog.get("thirteen-days")
    game = Game(s, 31)
    found = False
    while not game.is_over():
        view = game.view(X)
        legal = [m.decision for m in view.legal]
        mine = {a.id for a in s.advisors if a.side is X}
        counsel = [c for c in s.phase(view.phase).counsel if c.advisor in mine]
        closed = {s.decision(c.recommends).label for c in counsel if c.recommends not in legal}
        if closed and legal:
            found = True
            answers = iter(["a", "1"])
            capsys.readouterr()
            textplay._human_move(game, X, lambda prompt="", a=answers: next(a))
            said = " ".join(capsys.readouterr().out.split())
            urged = [c for c in counsel if c.recommends in legal]
            for label in closed - {s.decision(c.recommends).label for c in urged}:
                assert f"): {label}" not in said and f"] {label}." not in said
            for c in urged:
                assert f"[{legal.index(c.recommends) + 1}] {s.decision(c.recommends).label}." in said
            if not urged:
                assert "No advisor urges any of the orders open today." in said
        _turn(game, 31)
    assert found  # the seed reaches a day whose counsel names a closed order
