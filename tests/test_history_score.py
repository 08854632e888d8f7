"""Beside the player's scores, what history scored: both leaders as they really chose, played to the
historical ending (in il28-endgame Kennedy starts ahead, so coming out ahead says little by itself)."""

from __future__ import annotations

import asyncio
import io
from contextlib import redirect_stdout

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.analysis.debrief import debrief
from game.analysis.history_score import beside_history, history_outcome, total
from game.analysis.report import markdown
from game.engine.match import cut
from game.model import SIDES, Side
from game.scenario import catalog
from game.textplay import run
from game.ui.screens.ending import EndingScreen

from .test_ui_snapshots import assert_nothing_cut
from .test_ui_support import make_app, play_to_end, press, screen_text

K, KH = Side("kennedy"), Side("khrushchev")
HISTORICAL = {side: POLICIES["historical"] for side in SIDES}


@pytest.mark.parametrize("name", ["cuban-missile-crisis", "thirteen-days", "il28-endgame"])
def test_a_game_played_as_history_scores_what_history_scored(name):
    s = catalog.get(name)
    real = history_outcome(s)
    assert real is not None and real.ending == s.historical_ending.id
    out = sim.play(s, HISTORICAL, 1).outcome()
    k, kh = total(out, K), total(out, KH)
    assert beside_history(s, out, K) == f"You {k} - Khrushchev {kh}; in history {k} - {kh}"
    assert beside_history(s, out, KH) == f"You {kh} - Kennedy {k}; in history {kh} - {k}"
    assert beside_history(s, out, None) == f"Kennedy {k} - Khrushchev {kh}; in history {k} - {kh}"


def _against_the_hawk():
    s = catalog.get("il28-endgame")
    game = sim.play(s, {K: POLICIES["pragmatist"], KH: POLICIES["hawk"]}, 1)
    real, out = history_outcome(s), game.outcome()
    assert real is not None and out is not None
    assert (total(out, K), total(out, KH)) != (total(real, K), total(real, KH)), "a game that is not history"
    return game, real


def test_the_debrief_puts_historys_totals_beside_the_games():
    game, real = _against_the_hawk()
    out, said = game.outcome(), markdown(debrief(game))
    played = f"Kennedy {total(out, K)}, Khrushchev {total(out, KH)}"
    line = f"added up: {played}; in history {total(real, K)} and {total(real, KH)}."
    assert f"Survival, Security and Prestige {line}" in said


def test_the_text_games_ending_shows_historys_totals():
    s = catalog.get("il28-endgame")
    answers = iter(["2", "x", "2", "3", "x", "2", "2", "2", "2", "2", "2", "2", "2"])  # playtest N14
    out = io.StringIO()
    with redirect_stdout(out):
        run("il28-endgame", "kennedy", "hawk", 4503, ask=lambda _: next(answers), objectives=True)
    text = " ".join(out.getvalue().split())
    real = history_outcome(s)
    assert f"in history {total(real, K)} - {total(real, KH)}." in text
    assert "Survival, Security and Prestige added up: You " in text


def test_the_front_page_shows_historys_totals_beside_the_players_at_80x24(tmp_path):
    game, real = _against_the_hawk()
    last = cut(game, game.state.turn)  # one turn before the end: the player gives the last order

    async def go() -> tuple[str, tuple[int, int]]:
        app = make_app(tmp_path, "il28-endgame", "khrushchev", opponent="pragmatist", seed=1)
        app.loaded, app.skip_menu = last, True
        async with app.run_test(size=(80, 24)) as pilot:
            await play_to_end(pilot)
            assert isinstance(app.screen, EndingScreen)
            for _ in range(40):
                if "in history" in screen_text(app):
                    break
                await press(pilot, "down")
            assert_nothing_cut(app)
            out = app.match.game.outcome()
            return screen_text(app), (total(out, KH), total(out, K))

    shown, (mine, theirs) = asyncio.run(go())
    assert "First three added up" in shown  # survival, security and prestige, the rows above
    line = f"You {mine} - Kennedy {theirs}; in history {total(real, KH)} - {total(real, K)}"  # yours first
    assert line in shown, shown
