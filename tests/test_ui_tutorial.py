"""The first game's tips, as plain Python (the coach) and on the desk (Pilot)."""

from __future__ import annotations

import asyncio

from game.ui.screens.desk import GameScreen
from game.ui.tutorial import TIPS, Coach

from .test_ui_support import MINI, make_app, press, screen_text, settle


def test_each_tip_waits_for_its_deed_the_next_key_or_an_order():
    coach = Coach(on=True, letters=True)
    assert coach.tip().id == "desk"
    coach.seen("wrote")  # not this tip's deed: it stays, but the deed is remembered
    assert coach.tip().id == "desk"
    coach.seen("decided")  # an order: the tip has been read, and the deed is remembered
    assert coach.tip().id == "tracks"
    coach.seen("next")
    assert coach.tip().id == "report"  # 'decide' was done already: passed
    coach.seen("next")
    assert coach.tip() is None  # 'letter' was done already: the answer tip waits until a letter has come
    _answer_then_the_end(coach)


def test_a_tip_named_deed_moves_it_on():
    coach = Coach(on=True, letters=True)
    coach.seen("next")
    coach.seen("next")
    assert coach.tip().id == "decide"
    coach.seen("decided")
    assert coach.tip().id == "report"
    coach.seen("next")
    assert coach.tip().id == "letter"
    coach.seen("wrote")
    assert coach.tip() is None  # the answer tip waits until a letter has come
    _answer_then_the_end(coach)


def test_no_letters_no_letter_tips_and_off_is_off():
    coach = Coach(on=True, letters=False)
    for _ in range(3):
        coach.seen("next")
    assert coach.tip().id == "report"
    coach.seen("next")
    assert coach.tip().id == "end"
    coach.off()
    assert coach.tip() is None
    assert Coach(on=False, letters=True).tip() is None


def test_the_desk_shows_the_tips_and_x_turns_them_off(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        app.setup = app.setup.__class__(**{**app.setup.__dict__, "tips": True})
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter")
            assert isinstance(app.screen, GameScreen)
            assert "This is your desk" in screen_text(app) and "Tip 1/" in screen_text(app)
            await press(pilot, "full_stop")
            assert "The Situation" in screen_text(app)
            await press(pilot, "x")
            assert "Tip " not in screen_text(app) and "The Situation: the" not in screen_text(app)
            await press(pilot, "full_stop")  # nothing to move on to: nothing happens
            assert isinstance(app.screen, GameScreen)

    asyncio.run(go())


def test_tips_are_on_for_a_first_game_and_the_new_game_switch_turns_them_off(tmp_path, monkeypatch):
    from game.ui import app as app_module
    from game.ui.app import CrisisApp

    started = []
    monkeypatch.setattr(CrisisApp, "run", lambda self: started.append(self.setup) or 0)
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path))
    app_module.run("thirteen-days", "kennedy", "pragmatist", 1, True)
    assert started[-1].tips  # nothing finished yet: a first game
    from game.persistence.gallery import Gallery

    Gallery().record("thirteen-days", "historical_settlement", ["kennedy"])
    app_module.run("thirteen-days", "kennedy", "pragmatist", 1, True)
    assert not started[-1].tips

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", skip_menu=False)
        app.setup = app.setup.__class__(**{**app.setup.__dict__, "tips": True})
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.screen.query_one("#tips").value = False
            await press(pilot, "s")
            assert app.match.setup.tips is False
            await press(pilot, "enter")
            assert "Tip " not in screen_text(app)

    asyncio.run(go())


def _answer_then_the_end(coach: Coach) -> None:
    """A letter come and read: the answer tip, then the last, then none."""
    coach.seen("mail")
    assert coach.tip().id == "answer"
    coach.seen("read")
    assert coach.tip().id == "end"
    coach.seen("next")
    assert coach.tip() is None and coach.step == f"{len(TIPS)}/{len(TIPS)}"


def test_a_resumed_first_game_goes_on_from_the_tip_it_reached(tmp_path):
    """Playtest F11's remainder: Continue opened a first game at Tip 1 again, not where it stood."""
    from game.persistence.gallery import Gallery
    from game.ui.app import CrisisApp
    from game.ui.setup import Setup

    from .test_ui_new_game_fields import menu_ready
    from .test_ui_support import to_desk

    setup = Setup("thirteen-days", "kennedy", "pragmatist", 8, tips=True)

    async def first():
        app = CrisisApp(setup, skip_menu=True, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(100, 32)) as pilot:
            desk = await to_desk(pilot)
            assert "Tip 1/" in screen_text(app)
            await press(pilot, "full_stop")  # the tracks' tip
            await press(pilot, "1", "1")  # an order: the tracks' tip read, the decision's done with it
            desk = await to_desk(pilot)
            assert app.match is not None and app.match.saved_to is not None  # the turn is saved
            assert desk.coach.tip().id == "report" and "Tip 4/" in screen_text(app)

    async def again():
        app = CrisisApp(setup, skip_menu=False, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(100, 32)) as pilot:
            await menu_ready(pilot)
            await press(pilot, "c")  # Continue
            desk = await to_desk(pilot)
            assert app.match is not None and app.match.game.state.log
            assert desk.coach.tip().id == "report"
            assert "Tip 4/" in screen_text(app) and "Tip 1/" not in screen_text(app)
            await press(pilot, "x")  # tips off: a game resumed again has none

    asyncio.run(first())
    asyncio.run(again())

    async def off():
        app = CrisisApp(setup, skip_menu=False, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(100, 32)) as pilot:
            await menu_ready(pilot)
            await press(pilot, "c")
            desk = await to_desk(pilot)
            assert desk.coach.tip() is None and "Tip " not in screen_text(app)

    asyncio.run(off())


def test_the_coach_goes_on_from_where_it_was():
    assert Coach(on=True, letters=True, at=3).tip().id == "report"
    assert Coach(on=True, letters=False, at=4).tip().id == "end"  # no letters: their tips passed
    assert Coach(on=True, letters=True, at=99).tip() is None
    coach = Coach(on=True, letters=True, at=2)
    assert coach.reached == 2
    coach.off()
    assert coach.reached == len(TIPS)


def test_the_tips_reached_are_kept_per_save_and_a_broken_file_keeps_none(tmp_path):
    from game.persistence import tips

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    tips.keep(a, 3, tmp_path)
    tips.keep(b, 5, tmp_path)
    assert (tips.reached(a, tmp_path), tips.reached(b, tmp_path)) == (3, 5)
    for n in range(tips.KEPT):
        tips.keep(tmp_path / f"other{n}.json", 1, tmp_path)
    assert tips.reached(a, tmp_path) == 0  # the oldest are let go
    (tmp_path / tips.FILE).write_text("{broken")
    assert tips.reached(b, tmp_path) == 0
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    tips.keep(a, 2, blocker)  # cannot be written: nothing kept, no error
    assert tips.reached(a, blocker) == 0
