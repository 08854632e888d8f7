"""An answer goes by the channel its letter came by (play-test F13: a Bolshakov letter, its channel
closed since the missiles were found, was accepted on the radio)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from game.ai.answers import answer_letter
from game.diplomacy import Answer, Offer
from game.engine import rules
from game.engine.letters import Letter, Mail
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog

from .test_ui_support import make_app, press, screen_text, to_desk


def _game(scenario: str, channel: str, date: str) -> tuple[Game, Mail]:
    game = Game(catalog.get(scenario), 3)
    terms = (Offer("withdraw_missiles"), Offer("no_invasion_pledge"))
    if scenario == "cuban-missile-crisis":
        terms = (Offer("berlin_status_quo"), Offer("german_peace_treaty"))
    letter = Letter(channel, gives=terms[:1], demands=terms[1:])
    mail = Mail("L1k", Side.KHRUSHCHEV, letter, f"{date}T00", f"{date}T06", delivered=True)
    game.state = replace(game.state, mail=(mail,))
    return game, mail


def test_an_answer_goes_the_way_the_letter_came():
    game, mail = _game("cuban-missile-crisis", "bolshakov", "1961-04-19")
    view = game.view(Side.KENNEDY)
    for answer in (Answer.ACCEPT, Answer.REJECT):
        assert answer_letter(game.scenario, view, 3, mail, answer).channel == "bolshakov"


def test_a_closed_back_channel_is_answered_in_private_not_on_the_radio():
    game, mail = _game("thirteen-days", "bolshakov", "1962-10-16")
    view = game.view(Side.KENNEDY)
    assert "bolshakov" not in view.channels and "broadcast" in view.channels
    letter = answer_letter(game.scenario, view, 3, mail, Answer.ACCEPT)
    assert letter.channel == "private_letter"
    assert rules.letter_problem(game.scenario, game.state, Side.KENNEDY, letter) is None


def test_the_letters_page_says_when_the_answer_goes_another_way(tmp_path):
    game, _ = _game("thirteen-days", "bolshakov", "1962-10-16")

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "y")
            assert app.match.drafts[Side.KENNEDY].channel == "private_letter"
            text = screen_text(app)
            assert "The Bolshakov channel is closed now" in text and "Private letter" in text

    asyncio.run(go())
