"""A war's cause is told at its end (playtest 6, F5: G3 ended in nuclear war on history's own orders,
"Proclaim the quarantine" and "Keep the nuclear trigger in Moscow", and no page said why)."""

from __future__ import annotations

from textual.content import Content

from game.ai.policies import POLICIES
from game.analysis.account import account
from game.analysis.war_cause import war_cause
from game.diplomacy import Answer, Offer, Timing, Tone, Verification
from game.engine.letters import Letter
from game.engine.match import Game
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog
from game.sim import play
from game.ui.flow import news
from game.ui.session import Match, Setup

K, S = Side.KENNEDY, Side.KHRUSHCHEV
THREAT = Tone.THREATENING


def _g3() -> Game:
    """G3 (thirteen-days, seed 58036, against the hawk): a threatening letter with a private deadline,
    the quarantine chosen, then proclaimed with a second threat; the hawk's letters as it wrote them."""
    game = Game(catalog.get("thirteen-days"), seed=58036)
    out_in_3 = Offer("withdraw_missiles", timing=Timing.DAYS, days=3, verification=Verification.UN)
    pledge, out_now = Offer("no_invasion_pledge"), Offer("withdraw_missiles")
    bombers_later = Offer("withdraw_il28", timing=Timing.LATER)
    asks = tuple(Offer(t) for t in ("no_invasion_pledge", "remove_jupiters"))
    moves = [
        Move(K, "private_ultimatum", Letter("private_letter", THREAT, gives=(pledge,), demands=(out_in_3,))),
        Move(S, "reveal_openly", Letter("private_letter", gives=(bombers_later,))),
        Move(K, "choose_blockade", Letter("private_letter", reply_to="L1h", answer=Answer.REJECT)),
        Move(S, "press_on", Letter("private_letter", THREAT, reply_to="L1e", answer=Answer.REJECT)),
        Move(K, "deliberate_in_the_open"),  # convene_excomm on the open road (H6): the same deed
        Move(S, "press_on", Letter("private_letter", demands=asks)),
        Move(K, "proclaim_quarantine", Letter("private_letter", THREAT, demands=(out_now,))),
        Move(S, "hold_nuclear_trigger"),
    ]
    for move in moves:
        game.apply(move)
    return game


def test_f5_the_war_names_the_line_crossed_what_pushed_it_and_the_hidden_order():
    game = _g3()
    assert game.state.ending == "general_war"
    told = account(game.scenario, game.state)
    said = " ".join(told)
    assert "Why it came to war: the risk of war reached 10, the top of its scale (7→10 on 1962-10-22)" in said
    last = next(line for line in told if line.startswith("What pushed it on the last turn"))
    assert 'Kennedy\'s order "Proclaim the quarantine" (+2)' in last and "threatening letter" in last
    assert 'Khrushchev: "Keep the nuclear trigger in Moscow"' in said  # hidden on the desk, told now
    before = next(line for line in told if line.startswith("The turns before"))
    assert '"Give Moscow a private deadline" (+1)' in before


def test_only_a_war_is_given_a_cause_and_the_parts_add_up_to_the_rise():
    """Over many games: a settlement or standoff is told no cause; every war is, and its last turn's
    parts (with chance, or the top of the scale) add up to the change in the risk of war."""
    wars = 0
    for scenario in ("thirteen-days", "il28-endgame"):
        s = catalog.get(scenario)
        for seed in range(12):
            game = play(s, {K: POLICIES["hawk"], S: POLICIES["random"]}, 500 + seed)
            cause = war_cause(s, game.state)
            war = s.ending(game.state.ending or "").kind.value.endswith("war")
            assert bool(cause) == war, (scenario, seed, game.state.ending)
            wars += war
            if war:
                assert cause[0].startswith("Why it came to war: ") and "The orders of that turn" in " ".join(
                    cause
                )
    assert wars


def test_f5_the_desks_last_report_names_the_cause_and_the_other_sides_order():
    """The desk's report of the turn that ended in war (Kennedy's seat: Khrushchev's order was "a
    move you did not see") now says why, and what Khrushchev ordered."""
    game = _g3()
    match = Match(game, Setup("thirteen-days", "kennedy", "hawk", 58036, True))
    match.seen[K] = len(game.state.log) - 1  # every report read but the last
    (page,) = [p for p in news(match, K) if p.kind == "report"]
    plain = Content.from_markup(page.body).plain
    assert "a move you did not see" in plain  # the move line is the desk's, as the turn was played
    assert "Why it came to war: the risk of war reached 10" in plain
    assert 'Khrushchev: "Keep the nuclear trigger in Moscow"' in plain
