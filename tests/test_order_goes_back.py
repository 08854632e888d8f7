"""The desk warns before an order that goes back on a promise not yet due (playtest J6: Kennedy's
"Tighten the quarantine" with A1's lift promised for later carried no warning, and the report then
read "Word gone back on: You went back on Lift the quarantine, given in agreement A1"); the promises
page names the orders that break a promise owed now whatever is chosen there (J7)."""

from dataclasses import replace

from game.analysis.account import account
from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.match import Game
from game.engine.state import Compliance, Move, promise_key
from game.engine.word import word_record
from game.model import Side
from game.promises import order_breaks, orders_that_break, owed
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _tightened(s, promised: bool):
    """il28-endgame seed 5, Kennedy tightening the quarantine on turn 2: with A1's lift promised for
    later (`promised`), or with that promise taken out of A1 (the same turn, no promise to break)."""
    game = Game(s, 5)
    if not promised:
        a1 = game.state.agreements[0]
        kept = tuple(o for o in a1.obligations if o.term != "lift_quarantine")
        game = Game(s, state=replace(game.state, agreements=(replace(a1, obligations=kept),)))
    game.apply(Move(K, "stevenson_list"))
    game.apply(Move(S, "keep_word"))
    said = order_breaks(s, game.view(K))
    game.apply(Move(K, "tighten_quarantine"))
    game.apply(Move(S, "keep_word"))
    return game, said


def test_an_order_that_goes_back_on_a_later_promise_breaks_it_at_the_cost_the_desk_names():
    """J6: "Tighten the quarantine" with A1's lift promised for later cost nothing on the meters, the
    promises page kept it pending and the front page said both "carried out" and "went back on"."""
    s = catalog.get("il28-endgame")
    game, said = _tightened(s, promised=True)
    control, _ = _tightened(s, promised=False)
    warning = said["tighten_quarantine"]
    assert "breaks your promise" in warning and "Lift the quarantine" in warning and "not yet due" in warning
    assert "US credibility -3" in warning  # the breach, and the audience of a public promise
    assert "hold_quarantine" not in said  # a moderate order that waits goes back on nothing
    assert game.state.track("us_credibility") == control.state.track("us_credibility") - 3  # as it said
    assert "A1:lift_quarantine:broken" in game.state.log[-1].kept
    lift = [o for a in game.state.agreements for o in a.obligations if o.term == "lift_quarantine"]
    assert [o.status for o in lift] == ["broken"]
    assert all(o.term != "lift_quarantine" for _, o in owed(game.view(K)))  # off the promises page
    told = [(n.kind, n.agreement) for n in game.view(K).log[-1].news if n.term == "lift_quarantine"]
    assert told == [("broken", "A1")]  # one piece of news, not a word gone back on besides
    assert not [n for _, n in word_record(s, game.state) if n.term == "lift_quarantine"]
    lines = [x for x in account(s, game.state) if "Lift the quarantine" in x]
    assert len(lines) == 1 and "Lift the quarantine: agreed, and broken on Nov 2, 1962" in lines[0], lines


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
