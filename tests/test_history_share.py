"""'Orders as in history' counts a move only where it was what really happened that day (playtest
E3: holding the quarantine every turn of il28, where history suspended it for U Thant, read as
'100% of the orders were the ones really given; it kept to history')."""

from game.ai.policies import POLICIES
from game.analysis.debrief import debrief
from game.analysis.history import history_share, steps
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog
from game.ui.session import Match
from game.ui.setup import Setup

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _holding(seed: int) -> Game:
    """Kennedy holds the quarantine whenever he may (a decision history took, on other days)."""
    s = catalog.get("il28-endgame")
    game = Game(s, seed)
    while not game.is_over():
        for side in game.sides_to_act():
            view = game.view(side)
            hold = next((m for m in view.legal if m.decision == "hold_quarantine"), None)
            game.apply(hold if side is K and hold else POLICIES["historical"](s, view, seed))
    return game


def test_a_decision_history_took_on_another_day_is_not_as_in_history():
    game = _holding(3)
    out = game.outcome()
    rows = steps(game)
    exact = history_share(rows)
    assert out is not None and not game.scenario.ending(out.ending).historical
    assert 0 < exact < 1 and out.history_share == round(exact, 3)  # one measure (playtest 6, F6)
    matched = sum(not r.left_history(side) for r in rows for side in r.moves)
    assert exact == matched / sum(len(r.moves) for r in rows)
    assert debrief(game).history_share == exact
    match = Match(game, Setup("il28-endgame", "kennedy", "historical", 3, True))
    assert match.history_share() == exact


def test_the_historical_line_is_all_history():
    s = catalog.get("thirteen-days")
    game = Game(s, 1)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["historical"](s, game.view(side), 1))
    assert history_share(steps(game)) == 1.0
