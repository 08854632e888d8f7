"""The desk warns before an order that goes back on a promise not yet due (playtest J6: Kennedy's
"Tighten the quarantine" with A1's lift promised for later carried no warning, and the report then
read "Word gone back on: You went back on Lift the quarantine, given in agreement A1"); the promises
page names the orders that break a promise owed now whatever is chosen there (J7)."""

from dataclasses import replace

from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.match import Game
from game.engine.state import Compliance, Move, promise_key
from game.engine.word import word_record
from game.model import Side
from game.promises import order_breaks, orders_that_break
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


def _owed_now(s):
    """il28-endgame with the quarantine's lift promised for today: `hold_quarantine` breaks it."""
    start = Game(s, 5).state
    lift = Obligation("lift_quarantine", K, True, Verification.NONE, start.date)
    return Game(
        s, state=replace(start, agreements=(*start.agreements, Agreement("A2", start.date, "", "", (lift,))))
    )


def test_the_promises_page_names_the_orders_that_break_a_promise_whatever_is_chosen():
    """J7: DELAY chosen on the page, "Keep the quarantine in place" given, the promise broken."""
    s = catalog.get("il28-endgame")
    game = _owed_now(s)
    view = game.view(K)
    due = next(o for a in view.agreements if a.id == "A2" for o in a.obligations)
    said = orders_that_break(s, view, due)
    assert '"Keep the quarantine in place"' in said
    later = next(
        o for a in view.agreements if a.id == "A1" for o in a.obligations if o.term == "lift_quarantine"
    )
    assert orders_that_break(s, view, later) == ""  # a promise for later is not broken by it
    key = promise_key("A2", "lift_quarantine")
    game.apply(Move(K, "hold_quarantine", compliance=((key, Compliance.DELAY),)))
    game.apply(Move(S, "keep_word"))
    assert "A2:lift_quarantine:broken" in game.state.log[-1].kept  # as the page said
