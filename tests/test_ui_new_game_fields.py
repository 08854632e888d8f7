"""The new-game screen's fields as a user meets them: a save typed for a scenario is named a save, a
game opened from the saves leaves the file field empty, tips carry on into a resumed first game."""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from game import persistence as P
from game import sim
from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import SIDES, Side
from game.persistence.gallery import Gallery
from game.scenario import catalog
from game.ui.app import CrisisApp
from game.ui.screens.desk import GameScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.new_game import NewGameScreen
from game.ui.setup import Setup

from .test_ui_support import MINI, make_app, press, settle, told
from .waits import until

ONE_HUMAN = {"kennedy": "human", "khrushchev": "pragmatist"}


async def menu_ready(pilot) -> NewGameScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    menu = pilot.app.screen
    assert isinstance(menu, NewGameScreen)
    await until(pilot, lambda: menu.saves is not None, "the saves looked for")
    return menu


def test_a_save_typed_as_the_scenario_file_is_named_a_saved_game(tmp_path):
    """Playtest F9: "format 'missile-crisis-save' is not supported" read as if saves were unreadable."""
    s = catalog.get("thirteen-days")
    game = Game(s, 5)
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])
    path = P.save(game, tmp_path / "mine.json", sides=ONE_HUMAN)

    async def go():
        app = make_app(tmp_path, "thirteen-days", skip_menu=False)
        async with app.run_test(size=(100, 32), notifications=True) as pilot:
            menu = await menu_ready(pilot)
            menu.query_one("#file", Input).value = str(path)
            await press(pilot, "s")
            said = [n for n in told(app) if n.title]
            assert app.screen is menu and app.match is None
            assert [n.title for n in said] == ["This is a saved game"], [n.title for n in said]
            assert "open it with" in said[0].message and "Saved games" in said[0].message

    asyncio.run(go())


def test_a_new_game_after_opening_a_saved_one_leaves_the_file_field_empty(tmp_path):
    """Playtest F9: after o, Enter on an ended game, n: the field held the scenario's path, so the
    radio no longer decided."""
    s = catalog.get("thirteen-days")
    ended = sim.play(s, {side: POLICIES["random"] for side in SIDES}, 4)
    assert ended.is_over()
    P.save(ended, P.saves_dir() / "ended.json", sides=ONE_HUMAN)

    async def go():
        app = make_app(tmp_path, MINI, skip_menu=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await menu_ready(pilot)
            await press(pilot, "o", "enter")
            await until(pilot, lambda: isinstance(app.screen, EndingScreen), "the front page")
            await press(pilot, "n")
            menu = app.screen
            assert isinstance(menu, NewGameScreen)
            assert menu.query_one("#file", Input).value == ""
            assert menu._chosen("scenario") == "thirteen-days"

    asyncio.run(go())


def test_tips_carry_on_when_a_first_game_is_continued(tmp_path):
    """Playtest F11: tips on, a turn played, the game killed; Continue opened a desk without tips."""
    s = catalog.get("thirteen-days")
    game = Game(s, 8)
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])
    P.autosave(game, sides=ONE_HUMAN)

    async def go():
        setup = Setup("thirteen-days", "kennedy", "pragmatist", 1, tips=True)
        app = CrisisApp(setup, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(100, 32)) as pilot:
            await menu_ready(pilot)
            await press(pilot, "c")
            desk = next(s for s in app.screen_stack if isinstance(s, GameScreen))
            assert app.match is not None and app.match.game.state.log
            assert desk.viewer is Side.KENNEDY
            assert desk.coach.on and desk.coach.tip() is not None

    asyncio.run(go())


def test_typing_on_a_radio_group_does_not_leave_the_page(tmp_path):
    """Playtest F10: after Tab Tab from the scenario field, "abc-5" meant for the seed landed on the
    opponent's radio group, and c opened the last game at once."""
    game = Game(catalog.get("thirteen-days"), 8)
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])
    P.autosave(game, sides=ONE_HUMAN)

    async def go():
        app = make_app(tmp_path, "thirteen-days", skip_menu=False, seed=1234)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            menu = await menu_ready(pilot)
            assert menu.query_one("#continue").disabled is False
            menu.query_one("#file", Input).focus()
            await press(pilot, "tab", "a", "b", "c")
            assert app.screen is menu and app.match is None  # not continued
            assert any(n.title == "Not typed" and "Opponent" in n.message for n in told(app))
            await press(pilot, "minus", "5", "7")  # a digit: the seed field, from the first
            seed = menu.query_one("#seed", Input)
            assert seed.value == "57" and app.focused is seed
            await press(pilot, "tab", "tab", "shift+tab", "shift+tab", "shift+tab", "c")  # a key on purpose
            assert app.match is not None and app.match.game.state.log  # Continue, as asked

    asyncio.run(go())


def test_space_on_a_radio_group_is_not_stray_typing(tmp_path):
    """Space chooses in a radio group: s right after it still starts the game."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", skip_menu=False, seed=1234)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await menu_ready(pilot)
            await press(pilot, "space", "s")
            assert app.match is not None

    asyncio.run(go())


def test_a_word_typed_on_a_radio_group_starts_nothing_and_a_key_alone_still_does(tmp_path, monkeypatch):
    """Playtest G14: on Play as, "/etc/passwd" started a game (its second s) while the notice said "Press
    s again for its key"; "pass" and "access" did the same. Within a word (keys less than a pause
    apart) s and c are letters of it; after a pause, s alone starts the game."""
    from game.ui.screens import new_game

    now = [100.0]
    monkeypatch.setattr(new_game, "clock", lambda: now[0])  # the keys come at once unless the test waits
    game = Game(catalog.get("thirteen-days"), 8)
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])
    P.autosave(game, sides=ONE_HUMAN)  # c would continue it

    async def go():
        app = make_app(tmp_path, "thirteen-days", skip_menu=False, seed=1234)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            menu = await menu_ready(pilot)
            assert app.focused is not None and app.focused.id == "side"  # on Play as
            for word in ("pass", "access", ["slash", *"etc", "slash", *"passwd"]):
                await press(pilot, *word)
                assert app.screen is menu and app.match is None, word
                now[0] += new_game.WORD_PAUSE  # the player stops a moment
            said = [n for n in told(app) if n.title == "Not typed"]
            assert said and "Play as" in said[0].message and "Press s again" not in said[0].message
            await press(pilot, "s")  # alone, after the pause: the key
            assert app.match is not None and not app.match.game.state.log  # a new game, not the save

    asyncio.run(go())


def test_s_pressed_alone_on_the_new_game_screen_starts_a_game(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", skip_menu=False, seed=1234)
        async with app.run_test(size=(80, 24)) as pilot:
            await menu_ready(pilot)
            await press(pilot, "s")
            assert app.match is not None

    asyncio.run(go())
