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
