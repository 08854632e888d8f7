"""An order that can start a war is known from the scenario's edges, and the text game asks before it
goes (playtest E24: '4 4' bombed the IL-28 airfields, 4 having been 'Keep the quarantine' the day before)."""

from __future__ import annotations

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.war_orders import war_orders, warning, wars
from game.model import Side
from game.scenario import catalog

from .cli_support import feed, run

K = Side.KENNEDY


def bombers_day(seed: int = 3) -> Game:
    """il28-endgame played by history to November 7, when Kennedy may bomb the IL-28 airfields."""
    s = catalog.get("il28-endgame")
    game = Game(s, seed)
    while game.state.date < "1962-11-07":
        for side in game.sides_to_act():
            game.apply(POLICIES["historical"](s, game.view(side), seed))
    return game


def test_war_chapters_and_war_endings_are_read_from_the_graph():
    s = catalog.get("cuban-missile-crisis")
    found = wars(s)
    assert {"air_strike_war", "invasion_war"} <= found  # chapters whose deadline ends in a war
    assert {e.id for e in s.endings if e.kind.value.endswith("war")} <= found
    assert not found & {"clash_at_sea", "black_saturday", "il28_dispute"}  # tense, but not war by default


def test_on_the_bombers_day_only_the_strike_can_start_a_war():
    game = bombers_day()
    s = game.scenario
    legal = [m.decision for m in game.legal_moves(K)]
    assert legal.index("strike_the_bombers") == 3  # the key that had been 'Keep the quarantine' on Oct 30
    assert war_orders(s, game.state, K) == {"strike_the_bombers": "air_strike_war"}
    said = (
        "This order may start a war: American air strikes on Cuba, Soviet soldiers among the dead, and"
        " fighting that may spread unless both leaders find a way out."
    )
    assert warning(s, "air_strike_war") == said
    assert war_orders(s, game.state, Side.KHRUSHCHEV) == {}


def test_on_the_first_day_nothing_can_start_a_war_and_a_side_that_has_moved_has_none():
    s = catalog.get("il28-endgame")
    game = Game(s, 3)
    assert war_orders(s, game.state, K) == {}
    day = bombers_day()
    day.apply(day.legal_moves(K)[0])
    assert war_orders(day.scenario, day.state, K) == {}


def test_at_war_only_a_nuclear_war_is_a_new_one():
    """In the war the strike began, a ceasefire is not 'starting a war'; what opens a nuclear war is."""
    s = catalog.get("il28-endgame")
    game = bombers_day()
    game.apply(next(m for m in game.legal_moves(K) if m.decision == "strike_the_bombers"))
    game.apply(game.legal_moves(Side.KHRUSHCHEV)[0])
    assert game.state.phase == "air_strike_war"
    nuclear = {e.id for e in s.endings if e.kind.value == "nuclear-war"}
    for side in (K, Side.KHRUSHCHEV):
        assert set(war_orders(s, game.state, side).values()) <= nuclear


GAME = ("play", "--text", "--as", "kennedy", "--scenario", "il28-endgame", "--opponent", "historical")
GAME = (*GAME, "--seed", 3)


def _text(capsys, monkeypatch, lines) -> str:  # type: ignore[no-untyped-def]
    feed(monkeypatch, lines)
    code, out, err = run(capsys, *GAME)
    assert code == 0 and "Traceback" not in out + err
    return out


# Oct 30 Keep the quarantine (4), Nov 2 Put the bombers on the list (2), Nov 7 Tighten the quarantine
# (4, once only): on Nov 12 the 4 that had been Tighten is Bomb the IL-28 airfields, as in E24
TO_NOV_12 = ["4", "1", "3"]  # from Nov 2 no suspension for U Thant (H17): 1 the list, 3 tighten


def test_the_text_game_asks_before_a_war_and_the_number_again_does_not_answer(capsys, monkeypatch):
    out = _text(capsys, monkeypatch, [*TO_NOV_12, "3", "3", "q"])
    nov12 = out.split("1962-11-12", 1)[1]
    listed = nov12.split("Kennedy >", 1)[0]
    assert "[3] Bomb the IL-28 airfields" in listed
    assert "! This order may start a war" in listed  # said in the list, under the order
    assert '"Bomb the IL-28 airfields": This order may start a war' in nov12
    assert "Not given. Choose again." in nov12  # the second 4 answered nothing
    assert "Kennedy: Bomb the IL-28 airfields" not in out and "AFTER THE STRIKE" not in out
    assert "Game saved to" in out  # q: saved, and no war


def test_the_text_game_gives_the_war_order_on_y(capsys, monkeypatch):
    out = _text(capsys, monkeypatch, [*TO_NOV_12, "3", "y", "q"])
    assert "Kennedy: Bomb the IL-28 airfields" in out
    assert "=== AFTER THE STRIKE ===" in out


def test_an_order_that_starts_no_war_goes_at_once(capsys, monkeypatch):
    out = _text(capsys, monkeypatch, ["4", "q"])
    assert "Give this order?" not in out and "Kennedy: Keep the quarantine in place" in out


def test_a_war_chapter_is_told_in_plain_words_not_by_a_title_never_seen():
    """Play-test 7, G18: "it can take the crisis into “After the Strike”" named a chapter the player
    had not seen; each war chapter of the campaign says what the war is, as "a nuclear war" does."""
    s = catalog.get("cuban-missile-crisis")
    chapters = [w for w in wars(s) if not s.is_ending(w)]
    assert chapters
    for chapter in chapters:
        said = warning(s, chapter)
        assert said.startswith("This order may start a war: ") and s.phase(chapter).title not in said
        assert "Cuba" in said and "unless both leaders find a way out" in said
