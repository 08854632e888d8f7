"""An order that does what a promised term does carries the term out (playtest J8: "Give up the
bombers at once" left the agreed IL-28 term "agreed, not yet carried out" at the ending); a promise
alone does not."""

from dataclasses import replace

import pytest

from game.analysis.account import account
from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.match import Game
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _after(deed: str) -> tuple[list[str], Game]:
    """il28-endgame with the bombers agreed to go within 30 days under a UN check, Khrushchev's
    `deed` on the first turn, then three turns of the first orders offered."""
    s = catalog.get("il28-endgame")
    start = Game(s, 5).state
    term = Obligation("withdraw_il28", S, True, Verification.UN, "1962-11-28")
    a = Agreement("A1", "1962-10-29", "L1h", "L2e", (term,))
    game = Game(s, state=replace(start, agreements=(a,), flags=start.flags | {"il28_demanded"}))
    game.apply(Move(K, "stevenson_list"))
    game.apply(Move(S, deed))
    for _ in range(3):
        for side in game.sides_to_act():
            game.apply(game.legal_moves(side)[0])
    return account(s, game.state), game


def test_the_bombers_given_up_at_once_carry_out_the_promise_to_remove_them():
    told, game = _after("give_up_bombers_now")
    assert game.state.date < "1962-11-28"  # before the term's own day
    assert "Remove the IL-28 bombers (UN check): carried out" in told[0], told


@pytest.mark.parametrize("deed", ["gentlemans_word", "keep_word"])
def test_a_word_or_a_wait_does_not_carry_it_out(deed):
    told, _ = _after(deed)
    assert "Remove the IL-28 bombers" in told[0] and "not yet carried out" in told[0], told
