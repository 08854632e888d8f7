"""The new-game screen keeps every preset (flags, the last game's choices), and asks before quitting."""

from __future__ import annotations

import asyncio

from game.model import Side
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.desk import GameScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.new_game import NewGameScreen

from .test_ui_support import MINI, make_app, play_to_end, press, screen_text, settle, told
from .waits import until


def run(coro) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(coro)


def chosen(app, set_id: str) -> str:  # type: ignore[no-untyped-def]
    return app.screen._chosen(set_id)


def test_flags_preset_every_choice_and_start_keeps_them(tmp_path):
    """`crisis play --scenario thirteen-days --opponent hawk` (and no --as) opens the menu preset so."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "khrushchev", opponent="hawk", skip_menu=False, seed=7)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, NewGameScreen)
            assert [chosen(app, i) for i in ("side", "scenario", "opponent")] == [
                "khrushchev",
                "thirteen-days",
                "hawk",
            ]
            await press(pilot, "s")
            setup = app.match.setup
            assert (setup.scenario, setup.side, setup.opponent, setup.seed) == (
                "thirteen-days",
                "khrushchev",
                "hawk",
                7,
            )

    run(go())


def test_the_default_opponent_is_the_pragmatist():
    """`make play` then `s`: the opponent the README promises."""

    async def go():
        from game.ui.app import CrisisApp
        from game.ui.setup import Setup

        app = CrisisApp(Setup("thirteen-days", "kennedy"), think_time=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "s")
            assert app.match.setup.opponent == "pragmatist" and app.match.humans == {Side.KENNEDY}

    run(go())


def test_arrows_move_from_the_preset_not_from_the_first_item(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "khrushchev", opponent="dove", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "up")  # Play as: from Khrushchev to Kennedy (both would leave no opponent)
            assert chosen(app, "side") == "kennedy"
            app.screen.query_one("#opponent").focus()
            await press(pilot, "up")  # the opponent group: from dove to the one above it
            names = list(app.screen.query_one("#opponent").query("RadioButton"))
            above = [b.name for b in names][[b.name for b in names].index("dove") - 1]
            assert chosen(app, "opponent") == above

    run(go())


def test_a_new_game_after_the_end_keeps_the_side_played(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "khrushchev", opponent="dove", seed=4)
        async with app.run_test(size=(80, 24)) as pilot:
            await play_to_end(pilot)
            assert isinstance(app.screen, EndingScreen)
            await press(pilot, "n")
            assert isinstance(app.screen, NewGameScreen)
            assert chosen(app, "side") == "khrushchev" and chosen(app, "opponent") == "dove"
            await press(pilot, "s")
            desk = next(s for s in app.screen_stack if isinstance(s, GameScreen))
            assert desk.viewer is Side.KHRUSHCHEV and app.match.setup.opponent == "dove"

    run(go())


def test_escape_on_the_new_game_screen_asks_before_quitting(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "escape")
            assert isinstance(app.screen, ConfirmScreen)
            await press(pilot, "escape")  # a second Escape answers "stay"
            assert isinstance(app.screen, NewGameScreen) and app.is_running
            await press(pilot, "f1", "escape", "escape")  # out of the help, then the question again
            assert isinstance(app.screen, ConfirmScreen)
            await press(pilot, "y")
        assert app.return_value == 0

    run(go())


def test_continue_and_the_saved_games_list_resume_the_last_game(tmp_path):
    from game.ui.screens.saves import SavesScreen

    async def go():
        first = make_app(tmp_path, MINI, "khrushchev", opponent="dove", seed=9)
        async with first.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "1", "1")  # a turn played: saved by itself
            assert first.match.saved_to is not None
            played = first.match.game.state
        again = make_app(tmp_path, MINI, "kennedy", opponent="hawk", skip_menu=False, seed=1)
        async with again.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            menu = again.screen
            # the saves are looked for off the event loop, after the first paint
            await until(pilot, lambda: menu.saves is not None, "the saves looked for")
            assert menu.query_one("#continue").disabled is False
            # at 80 columns the whole label shows: the turn under the word (one line cut it)
            await settle(pilot)  # the taller row laid out
            lines = screen_text(again).splitlines()
            at = next(i for i, line in enumerate(lines) if "Continue" in line and "Start" in line)
            assert "turn 2" in lines[at + 1], lines[at - 1 : at + 3]
            await press(pilot, "o")
            assert isinstance(again.screen, SavesScreen)
            assert "1 turn, in progress" in again.screen.saves_text()
            await press(pilot, "escape", "c")
            desk = next(s for s in again.screen_stack if isinstance(s, GameScreen))
            assert again.match.game.state.log == played.log  # where it stood
            assert desk.viewer is Side.KHRUSHCHEV and again.match.setup.opponent == "dove"

    run(go())


def test_a_save_that_cannot_be_opened_is_said_so_and_the_menu_stays(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            menu = app.screen
            (tmp_path / "broken.json").write_text("{")
            menu._open(str(tmp_path / "broken.json"))
            await settle(pilot)
            assert app.screen is menu
            assert any(n.title == "Cannot open this save" for n in told(app))

    run(go())


def test_the_whole_seed_is_in_sight_at_80_columns(tmp_path):
    """At 80x24 the seed box showed three digits of a five-digit seed (637 for 6372): a player who
    noted it could not replay the game."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", skip_menu=False, seed=99999)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, NewGameScreen)
            seed = app.screen.query_one("#seed")
            assert seed.content_region.width >= len("99999")
            assert "99999" in screen_text(app)

    run(go())


def test_continue_with_no_game_saved_says_so(tmp_path, monkeypatch):
    """Play-test 7, G15: with no save at all, c (Continue) answers instead of doing nothing."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "empty"))

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            menu = app.screen
            await until(pilot, lambda: menu.saves is not None, "the saves looked for")
            assert menu.query_one("#continue").disabled is True
            await press(pilot, "c")
            said = [n.message for n in told(app)]
            assert any("No game to continue" in m for m in said), said
            assert isinstance(app.screen, NewGameScreen)

    asyncio.run(go())
