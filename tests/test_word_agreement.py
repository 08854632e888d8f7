"""A deed that goes back on a term is charged to the agreement it breaks first (playtest 6, F2: the
lift of the quarantine, due in A2 made that turn, was charged to A1, whose lift was still 'later')."""

from __future__ import annotations

from game.diplomacy import Answer, Offer, Timing, Tone, Verification
from game.engine.letters import Letter
from game.engine.match import Game
from game.engine.state import Move
from game.engine.word import word_record
from game.model import Side
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _g4(kennedy_turn_2: str) -> Game:
    """Playtest 6's G4 (il28-endgame, seed 17355): each side writes, then Kennedy accepts
    Khrushchev's letter (bombers later for the lift now and a public pledge) and orders
    `kennedy_turn_2` in the same turn."""
    game = Game(catalog.get("il28-endgame"), seed=17355)
    lift, pledge = Offer("lift_quarantine"), Offer("no_invasion_pledge")
    bombers = Offer("withdraw_il28", timing=Timing.DAYS, days=30, verification=Verification.AERIAL)
    game.apply(Move(K, "stevenson_list", Letter("private_letter", gives=(lift, pledge), demands=(bombers,))))
    later = Offer("withdraw_il28", timing=Timing.LATER)
    game.apply(Move(S, "keep_word", Letter("private_letter", gives=(later,), demands=(lift, pledge))))
    accept = Letter("private_letter", Tone.CONCILIATORY, reply_to="L1h", answer=Answer.ACCEPT)
    game.apply(Move(K, kennedy_turn_2, accept))
    game.apply(Move(S, "send_mikoyan"))
    return game


def test_tightening_the_quarantine_breaks_the_lift_agreed_that_turn_at_once():
    """F2, then K1: Kennedy accepted the lift due the next day and tightened the quarantine in the
    same order; A2's lift is broken at once (and A1's, for later, by the hawkish deed: J6), told as
    broken promises, with no "word gone back on" besides."""
    game = _g4("tighten_quarantine")
    made = game.state.log[-1].agreed
    assert len(game.state.agreements) == 2 and made, "A2 is made on turn 2"
    older, newest = game.state.agreements
    lifts = {a.id: o.due for a in (older, newest) for o in a.obligations if o.term == "lift_quarantine"}
    assert lifts[older.id] is None and lifts[newest.id] is not None  # A1: later; A2: a day set
    # J6 breaks A1's lift, promised for later, outright; K1 breaks A2's, accepted in the same order
    assert f"{older.id}:lift_quarantine:broken" in game.state.log[-1].kept
    assert f"{newest.id}:lift_quarantine:broken" in game.state.log[-1].kept
    assert not [n for _, n in word_record(game.scenario, game.state) if n.kind == "reneged"]


def test_a_deed_that_defies_nothing_is_no_news():
    game = _g4("count_from_alongside")
    assert not [n for _, n in word_record(game.scenario, game.state) if n.kind == "reneged"]
