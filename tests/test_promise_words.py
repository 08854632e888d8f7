"""A promise's words are true to the date and to the choice made for it (playtest H10): "was due"
only past its day, "kept with your next order" only on a row to be kept, and the report names the
agreement of a promise whose term two agreements hold."""

from __future__ import annotations

import re

from game.diplomacy import Answer, Offer, Timing, Verification
from game.engine.letters import Letter, Obligation
from game.engine.match import Game
from game.engine.state import Compliance, Move, promise_key
from game.model import Side
from game.scenario import catalog
from game.ui import letter_text as lt


def plain(markup: str) -> str:
    return re.sub(r"\[/?[^\]]*\]", "", markup)


IL28 = catalog.get("il28-endgame")
LIFT = Obligation("lift_quarantine", Side.KENNEDY, True, Verification.NONE, "1962-11-03")


def test_a_promise_is_due_was_due_kept_or_broken_as_the_date_and_the_choice_say():
    before = plain(lt.obligation_line(IL28, LIFT, Side.KENNEDY, "1962-11-02", names={}))
    assert "by Nov 3" in before and "was due" not in before and "DUE NOW" not in before
    kept = plain(lt.obligation_line(IL28, LIFT, Side.KENNEDY, "1962-11-07", names={}))
    assert "DUE NOW" in kept and "was due Nov 3 · kept with your next order" in kept
    broken = plain(lt.obligation_line(IL28, LIFT, Side.KENNEDY, "1962-11-07", names={}, choice="break"))
    assert "kept" not in broken and "broken with your next order" in broken
    ahead = plain(lt.obligation_line(IL28, LIFT, Side.KENNEDY, "1962-11-02", names={}, choice="break"))
    assert "by Nov 3 · broken with your next order" in ahead
    late = plain(lt.obligation_line(IL28, LIFT, Side.KENNEDY, "1962-11-07", names={}, choice="delay"))
    assert "kept" not in late and "late with your next order" in late
    theirs = plain(lt.obligation_line(IL28, LIFT, Side.KHRUSHCHEV, "1962-11-07", names={}, choice="break"))
    assert "broken" not in theirs, theirs  # the other side's promise: the viewer's choice is not its


def _two_lifts() -> Game:
    """P3's il28 game: Kennedy's letter lifts the quarantine now for the bombers in 30 days with a
    UN check; Khrushchev accepts on Nov 2 (A2); A1 holds the lift 'later'."""
    s = IL28
    assert s.negotiation is not None
    game = Game(s, seed=57372)
    channel = s.negotiation.channels[0].id
    bombers = Offer("withdraw_il28", timing=Timing.DAYS, days=30, verification=Verification.UN)
    letter = Letter(channel, gives=(Offer("lift_quarantine"),), demands=(bombers,))
    game.apply(Move(Side.KENNEDY, game.legal_moves(Side.KENNEDY)[0].decision, letter=letter))
    game.apply(Move(Side.KHRUSHCHEV, game.legal_moves(Side.KHRUSHCHEV)[0].decision))
    mail = next(m for m in game.view(Side.KHRUSHCHEV).letters if m.sender is Side.KENNEDY)
    accept = Letter(channel, reply_to=mail.id, answer=Answer.ACCEPT)
    game.apply(Move(Side.KHRUSHCHEV, game.legal_moves(Side.KHRUSHCHEV)[0].decision, letter=accept))
    game.apply(Move(Side.KENNEDY, game.legal_moves(Side.KENNEDY)[0].decision))
    return game


def test_the_report_names_the_agreement_whose_shared_promise_was_broken():
    game = _two_lifts()
    lifts = [a.id for a in game.state.agreements for o in a.obligations if o.term == "lift_quarantine"]
    assert lifts == ["A1", "A2"]
    key = promise_key("A2", "lift_quarantine")
    game.apply(
        Move(Side.KENNEDY, game.legal_moves(Side.KENNEDY)[0].decision, compliance=((key, Compliance.BREAK),))
    )
    game.apply(Move(Side.KHRUSHCHEV, game.legal_moves(Side.KHRUSHCHEV)[0].decision))
    for side in Side:
        told = [n for n in game.view(side).log[-1].news if n.kind == "broken"]
        assert [(n.term, n.agreement) for n in told] == [("lift_quarantine", "A2")], told
        lines = [plain(x) for x in lt.news_lines(IL28, told, side)]
        assert len(lines) == 1 and lines[0].endswith("broke Lift the quarantine (agreement A2)."), lines
