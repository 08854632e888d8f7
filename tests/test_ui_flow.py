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
    assert flow.next_step(m, KH) in (flow.Step("hand_over", K), flow.Step("ending"))


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
