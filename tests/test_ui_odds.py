"""What if? on the timeline: the odds of every order open at a past turn, as explore counts them."""

from __future__ import annotations

import asyncio

from textual.widgets import ProgressBar
from textual.worker import WorkerState

from game.analysis.explore import explore
from game.model import Side
from game.ui.screens import odds
from game.ui.screens.odds import OddsScreen
from game.ui.screens.timeline import TimelineScreen

from .test_ui_support import make_app, play_to_end, press, screen_text, to_desk
from .waits import until


def _working(app) -> bool:  # type: ignore[no-untyped-def]
    return any(
        w.group == "odds" and w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers
    )


def test_the_odds_of_a_past_turn_are_explores_table_and_m_plays_more(tmp_path, monkeypatch):
    monkeypatch.setattr(odds, "RUNS", 4)

    async def go():
        app = make_app(tmp_path, spoilers=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "1", "1")  # a turn played
            await to_desk(pilot)
            await press(pilot, "t")
            assert isinstance(app.screen, TimelineScreen)
            assert app.screen.check_action("odds", ()) is False  # spoilers off, the game on: not yet
            await press(pilot, "o")
            assert isinstance(app.screen, TimelineScreen)
            await press(pilot, "escape")
            await play_to_end(pilot)
            await press(pilot, "t")
            timeline = app.screen
            assert isinstance(timeline, TimelineScreen) and "What if?" in screen_text(app)
            turn = timeline.chosen_turn()
            await press(pilot, "o")
            page = app.screen
            assert isinstance(page, OddsScreen)
            await until(pilot, lambda: page.result is not None, "the odds were counted")
            same = explore(app.match.game, turn, runs=4, sides=(Side.KENNEDY,))
            assert [r.endings for r in page.result.rows] == [r.endings for r in same.rows]
            text = screen_text(app)
            assert "4 games of each order" in text and "%" in text
            assert not page.query_one("#odds-progress").display
            s = app.match.scenario
            labels = [s.decision(r.alternative.moves[0].decision).label for r in same.rows]
            assert labels[0][:20] in text
            await press(pilot, "m")
            assert page.runs == 20
            await until(pilot, lambda: page.result is not None, "twenty games of each were counted")
            assert "20 games of each order" in screen_text(app)
            await press(pilot, "question_mark")
            assert "What if?" in screen_text(app) and "95% interval" in screen_text(app)

    asyncio.run(go())


def test_closing_the_page_stops_its_games(tmp_path):
    async def go():
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await play_to_end(pilot)
            page = OddsScreen(app.match, 1, (Side.KENNEDY,), runs=100_000, jobs=1)
            await app.push_screen(page)
            await until(pilot, lambda: page.query_one(ProgressBar).progress > 0, "the games began")
            await until(pilot, lambda: "--:--:--" not in screen_text(app), "the time left was estimated")
            await press(pilot, "escape")
            assert not isinstance(app.screen, OddsScreen)
            await until(pilot, lambda: not _working(app), "the games stopped")
            assert page.result is None

    asyncio.run(go())


def test_both_sides_odds_in_worker_processes_reach_the_end_under_the_app(tmp_path):
    """A two-player game's odds (both sides' orders) in a process pool, started from the page's thread
    while Textual holds stdout and stderr (stand-ins whose fileno is -1): the games run to 100%."""

    async def go():
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await play_to_end(pilot)
            page = OddsScreen(app.match, 1, (Side.KENNEDY, Side.KHRUSHCHEV), runs=3, jobs=2)
            await app.push_screen(page)
            await until(pilot, lambda: page.result is not None or not _working(app), "the games ended")
            assert page.result is not None, screen_text(app)
            bar = page.query_one(ProgressBar)
            assert bar.total is not None and bar.progress == bar.total
            assert {r.alternative.side for r in page.result.rows} == {Side.KENNEDY, Side.KHRUSHCHEV}
            assert "3 games of each order" in screen_text(app)

    asyncio.run(go())


def test_a_pool_that_cannot_start_is_told_on_the_page(tmp_path, monkeypatch):
    from game.analysis import playout

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("no forks")

    monkeypatch.setattr(playout, "ProcessPoolExecutor", broken)

    async def go():
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await play_to_end(pilot)
            page = OddsScreen(app.match, 1, (Side.KENNEDY,), runs=3, jobs=2)
            await app.push_screen(page)
            await until(pilot, lambda: "cannot be worked out" in screen_text(app), "the failure was told")
            assert page.result is None and "no forks" in screen_text(app)
            assert not page.query_one("#odds-progress").display

    asyncio.run(go())
