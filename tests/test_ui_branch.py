"""Going back to a past turn from the timeline: the game replays to there, the old line stays saved."""

from __future__ import annotations

import asyncio

from game.persistence import lines
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.desk import GameScreen
from game.ui.screens.timeline import TimelineScreen

from .test_ui_support import make_app, press, screen_text, settle, tap


def test_go_back_from_the_timeline_and_take_the_other_road(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=7)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            while len(app.match.game.state.log) < 2:  # play two turns, the first decision each time
                await tap(pilot, "enter" if not isinstance(app.screen, GameScreen) else "1")
            while not isinstance(app.screen, GameScreen):
                await tap(pilot, "enter")
            saved = app.match.saved_to
            first = app.match.game.state.log[0]
            await press(pilot, "t")
            timeline = app.screen
            assert isinstance(timeline, TimelineScreen)
            text = screen_text(app)
            assert " 1 " in text and " 2 " in text  # the turns are numbered
            assert timeline.chosen_turn() == 2  # the cursor starts on the last turn played
            await press(pilot, "up", "b")  # the turn before it, picked on the timeline itself
            assert isinstance(app.screen, ConfirmScreen) and "start of turn 1" in app.screen.question
            await press(pilot, "n")  # not now: nothing changed
            assert app.screen is timeline and len(app.match.game.state.log) == 2
            await press(pilot, "b", "y")
            await settle(pilot)
            assert app.match.game.state.turn == 1 and app.match.game.state.date == first.date
            while not isinstance(app.screen, GameScreen):
                await tap(pilot, "enter")
            await tap(pilot, "3")  # another road this time
            await tap(pilot, "3")
            for _ in range(20):
                if len(app.match.game.state.log) >= 1:
                    break
                await tap(pilot, "enter")
            assert app.match.game.state.log[0].moves[0] != first.moves[0]
            tree = lines(saved)
            assert len(tree) == 2, tree  # the line played first is still there, beside the new one
            while not isinstance(app.screen, GameScreen):
                await tap(pilot, "enter")
            await press(pilot, "t")
            assert isinstance(app.screen, TimelineScreen)
            assert "from turn 1" in app.screen.lines_kept()  # the timeline lists both lines

    asyncio.run(go())


def test_quitting_a_new_line_before_its_first_turn_says_where_the_game_is(tmp_path):
    """Timeline b to turn 2, then ctrl+q at once: the question and the terminal name the save the
    game is in and how to open it again (the terminal said nothing at all)."""
    from game.launch import Launch
    from game.persistence.files import typed_name

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=7)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            while len(app.match.game.state.log) < 2:
                await tap(pilot, "enter" if not isinstance(app.screen, GameScreen) else "1")
            while not isinstance(app.screen, GameScreen):
                await tap(pilot, "enter")
            saved = app.match.saved_to
            await press(pilot, "t", "b", "y")  # back to the start of turn 2
            while not isinstance(app.screen, GameScreen):
                await tap(pilot, "enter")
            assert len(app.match.game.state.log) == 1 and app.match.saved_to is None
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen)
            question = app.screen.question
            assert str(saved) in question and "new line from turn 2" in question, question
            assert "opened at turn" not in question
            await press(pilot, "y")
        farewell = app.match.farewell(Launch("crisis"))
        assert farewell is not None and str(saved) in farewell, farewell
        name = typed_name(saved)
        assert f"crisis play --load {name}\n" in farewell
        assert f"crisis play --load {name} --branch-at 2" in farewell

    asyncio.run(go())
