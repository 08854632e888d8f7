"""Castro's trust pays for the missiles' withdrawal once, however Moscow agrees to it (the lead's play
L1: thirteen-days as Khrushchev, a deal made by letter cost Castro nothing while "Accept, and say so on
the radio" cost him 3, and the ending said "Castro learns of the bargain only when it is struck, and
is furious" beside "Keep Castro with you: met")."""

from __future__ import annotations

from dataclasses import replace

from game.ai.policies import QUIET
from game.diplomacy import Answer, Offer, Tone
from game.engine.letters import Letter, Mail
from game.engine.match import Game
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog
from game.sim import play

K, S = Side.KENNEDY, Side.KHRUSHCHEV
PROPOSAL = Letter("private_letter", Tone.FIRM, (Offer("withdraw_missiles"),), (Offer("no_invasion_pledge"),))


def _castro_after(accept: bool, deed: str | None) -> tuple[int, int, Game]:
    """thirteen-days, seed 3, Khrushchev's proposal L1h (the missiles out for a pledge) arrived; on turn
    1 Kennedy accepts it (`accept`) or not, and Khrushchev orders `deed` (else his first order); then
    one more turn of first orders. Castro's trust before and after, and the game."""
    s = catalog.get("thirteen-days")
    game = Game(s, 3)
    mail = Mail("L1h", S, PROPOSAL, "1962-10-14T12", "1962-10-15T10", delivered=True)
    game.state = replace(game.state, mail=(*game.state.mail, mail))
    before = game.state.track("castro_trust")
    yes = Letter("private_letter", reply_to="L1h", answer=Answer.ACCEPT) if accept else None
    game.apply(Move(K, game.legal_moves(K)[0].decision, yes))
    game.apply(Move(S, deed or game.legal_moves(S)[0].decision))
    return before, game.state.track("castro_trust"), game


def test_a_withdrawal_agreed_by_letter_costs_castros_trust_once():
    s = catalog.get("thirteen-days")
    before, after, game = _castro_after(accept=True, deed=None)
    assert game.state.agreements, "the bargain should be struck"
    _, control, _ = _castro_after(accept=False, deed=None)
    assert after == control - 3
    assert "castro_hears_of_the_bargain" in game.state.fired
    assert "Castro hears of the bargain" in s.event("castro_hears_of_the_bargain").title


def test_told_once_however_the_withdrawal_is_agreed_or_announced():
    """By letter, by the broadcast (or the quiet withdrawal), or both (the hawks do both on one turn):
    the news comes once a game, so the order that announces a deal made by letter does not charge
    Castro's trust again."""
    s = catalog.get("thirteen-days")
    both = 0
    pairs = (("pragmatist", "random"), ("random", "pragmatist"), ("random", "random"), ("hawk", "hawk"))
    for kennedy, khrushchev in pairs:
        for seed in range(10):
            game = play(s, {K: QUIET[kennedy], S: QUIET[khrushchev]}, seed)
            told = [r.turn for r in game.state.log if "castro_hears_of_the_bargain" in r.events]
            agreed = any(o.term == "withdraw_missiles" for a in game.state.agreements for o in a.obligations)
            deeds = {m.decision for r in game.state.log for m in r.moves}
            announced = bool(deeds & {"accept_broadcast", "quiet_withdrawal"})
            assert len(told) == (1 if agreed or announced else 0), (kennedy, khrushchev, seed, told)
            both += agreed and announced
    assert both  # some games did both


def test_the_bombers_chapter_starts_after_the_news():
    """il28-endgame starts with the agreement made and the broadcast read: the news is not told again."""
    s = catalog.get("il28-endgame")
    game = play(s, {K: QUIET["random"], S: QUIET["random"]}, 1)
    assert not [r for r in game.state.log if "castro_hears_of_the_bargain" in r.events]
