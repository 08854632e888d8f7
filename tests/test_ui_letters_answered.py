"""The letters a side has answered or cannot answer any more, as the desk and the letters page say them
(play-test 8 H13: an acceptance read "0 offered, 0 asked"; H20: a lapsed proposal offered "y accept")."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from game.ai.policies import POLICIES
from game.diplomacy import Answer, Offer, Tone
from game.engine.letters import Letter, Mail
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog
from game.ui.screens.letters import LettersScreen

from .test_ui_support import make_app, press, screen_text, to_desk, told

K, KH = Side.KENNEDY, Side.KHRUSHCHEV
PROPOSAL = Letter("private_letter", Tone.FIRM, (Offer("withdraw_missiles"),), (Offer("no_invasion_pledge"),))


def game_with_proposal(turns: int) -> Game:
    """thirteen-days after `turns` turns, with Khrushchev's proposal L1h arrived on Oct 15 (L99h when
    turns were played: the game's own letters have the first ids)."""
    s = catalog.get("thirteen-days")
    game = Game(s, 3)
    for _ in range(turns):
        game.apply(game.legal_moves(K)[0])
        game.apply(POLICIES["pragmatist"](s, game.view(KH), game.state.seed))
    mail = Mail("L99h" if turns else "L1h", KH, PROPOSAL, "1962-10-14T12", "1962-10-15T10", delivered=True)
    game.state = replace(game.state, mail=(*game.state.mail, mail))
    return game


def footer(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(b.binding.description) for b in app.screen.active_bindings.values() if b.binding.show)


def test_an_acceptance_on_the_narrow_desk_says_what_it_accepts(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game_with_proposal(0), True
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "y", "escape", "e")  # accept L1h, back to the desk, its letters
            text = screen_text(app)
            assert "You accept letter L1h (with your decision)" in text
            assert "0 offered" not in text

    asyncio.run(go())


def test_a_lapsed_proposal_is_marked_and_not_offered(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game_with_proposal(4), True
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "end")  # the oldest letter
            page = app.screen
            assert isinstance(page, LettersScreen) and page.current().id == "L99h"
            text = screen_text(app)
            assert "lapsed" in text and "y accept" not in text
            assert "Accept" not in footer(app) and "Reject" not in footer(app) and "Counter" in footer(app)
            await press(pilot, "y")  # still said why, as a toast
            assert any("has lapsed" in n.message for n in told(app))
            assert app.match.drafts.get(K) is None

    asyncio.run(go())


def test_a_standing_proposal_is_offered(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game_with_proposal(0), True
        async with app.run_test(size=(100, 30)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m")
            assert "lapsed" not in screen_text(app) and "y accept" in screen_text(app)
            assert "Accept" in footer(app) and "Reject" in footer(app)

    asyncio.run(go())


def test_a_proposal_answered_is_marked_with_the_answer_not_as_lapsed(tmp_path):
    """The lead's play of session 11: Kennedy's counter L15e, accepted (A1), read "lapsed" days later."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        game = game_with_proposal(4)
        accept = Letter("private_letter", Tone.FIRM, reply_to="L99h", answer=Answer.ACCEPT)
        answer = Mail("L98e", K, accept, "1962-10-15T12", "1962-10-15T22", delivered=True)
        game.state = replace(game.state, mail=(*game.state.mail, answer))
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await to_desk(pilot)
            await press(pilot, "m")
            page = app.screen
            assert isinstance(page, LettersScreen)
            while page.current().id != "L99h":
                await press(pilot, "down")
            text = screen_text(app)
            lines = [t for t in text.splitlines() if "L99h" in t]
            assert any("you accepted it (L98e)" in t for t in lines), lines
            assert not any("lapsed" in t for t in lines), lines
            assert "you have answered it" in text and "y accept" not in text
            assert "Accept" not in footer(app) and "Reject" not in footer(app)
            await press(pilot, "y")  # says why, and writes nothing
            assert told(app) and app.match.drafts.get(K) is None

    asyncio.run(go())


def test_a_proposal_answered_offers_no_y_or_x_between_turns_either(tmp_path):
    """Playtest K10: read with no order to give (between turns), an answered proposal's footer still
    offered "y Accept ... x Reject", which did nothing and said nothing."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        game = game_with_proposal(0)
        accept = Letter("private_letter", Tone.FIRM, reply_to="L1h", answer=Answer.ACCEPT)
        answer = Mail("L98e", K, accept, "1962-10-15T12", "1962-10-15T22", delivered=True)
        game.state = replace(game.state, mail=(*game.state.mail, answer))
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(100, 30)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m")
            page = app.screen
            assert isinstance(page, LettersScreen)
            while page.current().id != "L1h":
                await press(pilot, "down")
            page.post.may_write = lambda: False  # type: ignore[method-assign]  # between turns
            page.refresh_bindings()
            await pilot.pause()
            assert "you have answered it" in screen_text(app)
            assert "Accept" not in footer(app) and "Reject" not in footer(app), footer(app)

    asyncio.run(go())
