"""The desk's flow as plain Python (game/ui/flow.py): which step comes next, and which pages, in order."""

from __future__ import annotations

from game.model import Side
from game.ui import flow
from game.ui.session import Match
from game.ui.setup import Setup

from .test_ui_support import MINI

K, KH = Side.KENNEDY, Side.KHRUSHCHEV


def test_one_player_reads_the_opening_decides_then_the_computer_thinks():
    m = Match.start(Setup(MINI, "kennedy", "historical", 3))
    assert flow.next_step(m, K) == flow.Step("news", K)
    pages = flow.news(m, K)
    assert [p.kind for p in pages][0] == "card" and "HOW TO WIN, AS KENNEDY" in pages[0].body
    assert flow.news(m, K) == []  # shown once
    assert flow.next_step(m, K) == flow.Step("decide", K)
    m.apply(m.game.legal_moves(K)[0])
    assert flow.next_step(m, K) == flow.Step("think", KH)
    m.apply(m.ai_move(KH))
    assert flow.next_step(m, K) == flow.Step("news", K)
    kinds = [p.kind for p in flow.news(m, K)]
    assert "report" in kinds and kinds.index("report") > (kinds.index("flash") if "flash" in kinds else -1)
    assert flow.next_step(m, K).kind in ("decide", "ending")


def test_two_players_hand_over_and_each_reads_only_their_own_news():
    m = Match.start(Setup(MINI, "both", "historical", 3))
    assert flow.next_step(m, K) == flow.Step("news", K)
    flow.news(m, K)
    assert flow.next_step(m, K) == flow.Step("decide", K)
    m.apply(m.game.legal_moves(K)[0])
    assert flow.next_step(m, K) == flow.Step("hand_over", KH)  # the desk changes hands, then ...
    assert flow.next_step(m, KH) == flow.Step("news", KH)  # ... the other reads the opening
    opening = flow.news(m, KH)
    assert "HOW TO WIN, AS KHRUSHCHEV" in opening[0].body
    assert flow.next_step(m, KH) == flow.Step("decide", KH)
    m.apply(m.game.legal_moves(KH)[0])
    assert flow.next_step(m, KH) == flow.Step("news", KH)
    report = next(p for p in flow.news(m, KH) if p.kind == "report")
    assert report.title.startswith("Report · ")
    # the player at the keyboard gives the next orders before handing it over: a hand-over always
    # follows the leaving player's order ("your orders are sealed")
    assert flow.next_step(m, KH) == flow.Step("decide", KH)
    m.apply(m.game.legal_moves(KH)[0])
    assert flow.next_step(m, KH) in (flow.Step("hand_over", K), flow.Step("ending"))
    if not m.game.is_over():
        assert flow.next_step(m, K) == flow.Step("news", K)  # Kennedy reads the report he has not seen


def test_a_resumed_game_opens_on_where_it_stands_and_the_end_is_a_step():
    first = Match.start(Setup(MINI, "kennedy", "historical", 3))
    while not first.game.is_over():
        for side in first.game.sides_to_act():
            first.apply(first.ai_move(side) if side is KH else first.game.legal_moves(side)[0])
    over = Match.start(first.setup, first.game)
    assert flow.news(over, K) == [] and flow.next_step(over, K) == flow.Step("ending")
    midway = Match.start(Setup(MINI, "kennedy", "historical", 3))
    midway.apply(midway.game.legal_moves(K)[0])
    midway.apply(midway.ai_move(KH))
    if not midway.game.is_over():
        resumed = Match.start(midway.setup, midway.game)
        pages = flow.news(resumed, K)
        assert [p.kind for p in pages] == ["card"]  # where it stands, not every report again
        assert flow.next_step(resumed, K) == flow.Step("decide", K)


# ---- the report: history from the engine's one account, and the talks' news -------------------


def _report_after(m: Match, kennedy: str, khrushchev: str, **orders) -> str:  # type: ignore[no-untyped-def]
    from game.engine.state import Move

    flow.news(m, K)  # what came before is read
    m.apply(Move(K, kennedy, orders.get("k_letter"), tuple(orders.get("k_keep", ()))))
    m.apply(Move(KH, khrushchev, orders.get("s_letter"), tuple(orders.get("s_keep", ()))))
    return next(p.body for p in flow.news(m, K) if p.kind == "report")


def test_the_report_says_what_really_happened_there_as_the_engine_tells_it():
    followed = _report_after(Match.start(Setup(MINI, "kennedy", "historical", 3)), "blockade", "turn_back")
    assert "Kennedy did the same." in followed and "really did" not in followed
    strayed = _report_after(Match.start(Setup(MINI, "kennedy", "historical", 3)), "strike", "turn_back")
    assert "What Kennedy really did: [b]Blockade[/b]" in strayed and "did the same" not in strayed
    assert "Kennedy chose the quarantine." in strayed  # the note of what was really done


def test_each_turns_history_is_the_engines_account_at_that_point_kept_and_replayed():
    from game.engine.match import Game
    from game.model import SIDES
    from game.ui.session import replay

    m = Match.start(Setup(MINI, "kennedy", "historical", 5))
    expected = []
    while not m.game.is_over():
        expected.append({side: m.game.history(side) for side in SIDES})
        for side in m.game.sides_to_act():
            m.apply(m.ai_move(side) if side is KH else m.game.legal_moves(side)[-1])  # off the road
    assert m.real == expected and len(m.real) == len(m.game.state.log)
    again = replay(Game(m.scenario, state=m.game.state))
    assert again.real == m.real and again.tracks == m.history
    assert m.real[0][K] is not None and m.real[0][K].id == "blockade"


def test_the_report_tells_of_an_agreement_made_and_a_promise_broken():
    from game.diplomacy import Answer
    from game.engine.letters import Letter, Offer

    from .conftest import FIXTURES

    m = Match.start(Setup(str(FIXTURES / "talks.yaml"), "kennedy", "historical", 1))
    offer = Letter("cable", gives=(Offer("missiles_out", days=1),), demands=(Offer("no_invasion"),))
    _report_after(m, "wait", "turn_back", s_letter=offer)
    accept = Letter("cable", reply_to="L1h", answer=Answer.ACCEPT)
    made = _report_after(m, "wait", "turn_back", k_letter=accept)
    assert "Agreement A1 made[/]: Remove the missiles, Pledge not to invade." in made
    broken = _report_after(m, "wait", "turn_back", s_keep=[("missiles_out", "break")])
    assert "Promise broken[/]: Khrushchev broke Remove the missiles." in broken
