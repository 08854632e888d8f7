"""The desk warns before an order that goes back on a promise not yet due (playtest J6: Kennedy's
"Tighten the quarantine" with A1's lift promised for later carried no warning, and the report then
read "Word gone back on: You went back on Lift the quarantine, given in agreement A1")."""

from game.engine.match import Game
from game.engine.state import Move
from game.engine.word import word_record
from game.model import Side
from game.promises import order_breaks
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def test_an_order_that_goes_back_on_a_later_promise_is_warned_of_and_told():
    s = catalog.get("il28-endgame")  # A1: the quarantine lifted "later"
    game = Game(s, 5)
    game.apply(Move(K, "stevenson_list"))
    game.apply(Move(S, "keep_word"))
    view = game.view(K)
    assert "tighten_quarantine" in {m.decision for m in view.legal}
    said = order_breaks(s, view)
    assert "Lift the quarantine" in said["tighten_quarantine"]
    assert "goes back on" in said["tighten_quarantine"]
    assert "hold_quarantine" not in said  # a moderate order that waits goes back on nothing (no news)
    game.apply(Move(K, "tighten_quarantine"))
    game.apply(Move(S, "keep_word"))
    gone = [n for _, n in word_record(s, game.state) if n.kind == "reneged" and n.term == "lift_quarantine"]
    assert gone  # what the warning said is what the report tells
