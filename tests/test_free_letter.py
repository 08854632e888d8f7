"""A letter in the player's own words, by key presses: the terms read show beside the text, linked
to their words; the player drops one; only the confirmed terms reach the engine, with the words."""

from __future__ import annotations

import asyncio

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input, OptionList, Select, TextArea

from game.diplomacy import Offer, Timing, Verification
from game.model import Side
from game.ui.screens.composer import ComposerScreen
from game.ui.screens.free_letter import FreeLetterScreen

from .test_ui_support import make_app, press, screen_text, settle, to_desk
from .waits import until

WORDS = (
    "We give assurances against an invasion of Cuba if you remove the missiles under UN "
    "supervision; the Jupiters can go later, privately."
)


def test_own_words_are_read_confirmed_and_sent_with_only_the_kept_terms(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(130, 40), notifications=True) as pilot:
            desk = await to_desk(pilot)
            await press(pilot, "l")
            assert isinstance(app.screen, ComposerScreen)
            await press(pilot, "ctrl+o")
            free = app.screen
            assert isinstance(free, FreeLetterScreen)
            assert "No terms read yet" in screen_text(app)
            await press(pilot, *"We ")  # typing goes to the text
            area = free.query_one("#free-text", TextArea)
            area.insert(WORDS[3:])
            await settle(pilot)
            text = screen_text(app)
            for seen in (
                "What the game reads",
                "Pledge not to invade Cuba",
                "Remove the missiles from Cuba",
                "Remove the Jupiters from Turkey",
                "UN check",
                "secret",
                "“privately”",
            ):
                assert seen in text, seen
            # moving through the terms selects the words each came from
            terms = free.query_one("#free-terms", OptionList)
            terms.focus()
            jupiters = next(i for i, f in enumerate(free.reading.found) if f.term == "remove_jupiters")
            terms.highlighted = jupiters
            await settle(pilot)
            assert area.selected_text == "Jupiters"
            await press(pilot, "space")  # the player drops the Jupiters
            assert [f.term for f in free.kept()] == ["no_invasion_pledge", "withdraw_missiles"]
            await press(pilot, "ctrl+s")
            assert app.screen is desk and Side.KENNEDY in app.match.drafts
            await press(pilot, "1", "1")
            mine = next(m for m in app.match.game.state.mail if m.sender is Side.KENNEDY)
            assert mine.letter.text == WORDS
            assert mine.letter.gives == (Offer("no_invasion_pledge"),)
            assert mine.letter.demands == (Offer("withdraw_missiles", verification=Verification.UN),)
            assert all(o.term != "remove_jupiters" for o in mine.letter.gives)

    asyncio.run(go())


def test_correcting_in_the_form_keeps_the_words_and_the_reading(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(100, 36), notifications=True) as pilot:
            await to_desk(pilot)
            await press(pilot, "l", "ctrl+o")
            free = app.screen
            assert isinstance(free, FreeLetterScreen)
            free.query_one("#free-text", TextArea).insert("The Jupiters will go later, in confidence.")
            await settle(pilot)
            assert free.channel == "private_letter"
            free.query_one("#free-text", TextArea).insert(" I send this through Dobrynin.")
            await settle(pilot)
            assert free.channel == "rfk_dobrynin"  # the words name the back channel
            assert "Robert Kennedy and Dobrynin" in screen_text(app)
            await press(pilot, "ctrl+e")
            form = app.screen
            assert isinstance(form, ComposerScreen)
            row = next(r for r in form.rows if r.term == "remove_jupiters")
            assert row.on and not row.public and row.timing is Timing.LATER
            assert form.text == "The Jupiters will go later, in confidence. I send this through Dobrynin."
            assert form.channel == "rfk_dobrynin"
            await press(pilot, "escape")  # back to the words, nothing lost
            assert app.screen is free and free.text.startswith("The Jupiters")
            free.query_one("#free-channel", Select).value = "broadcast"  # the player's choice stands
            await settle(pilot)
            free.query_one("#free-text", TextArea).insert(" Via Dobrynin, again.")
            await settle(pilot)
            assert free.channel == "broadcast"

    asyncio.run(go())


def test_a_letter_with_no_words_does_not_go(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(100, 36), notifications=True) as pilot:
            await to_desk(pilot)
            await press(pilot, "l", "ctrl+o", "ctrl+s")
            assert isinstance(app.screen, FreeLetterScreen)
            assert "Nothing to send" in screen_text(app)
            await press(pilot, "escape")
            assert isinstance(app.screen, ComposerScreen)

    asyncio.run(go())


def test_typing_key_by_key_keeps_the_cursor_where_the_player_writes(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(100, 36)) as pilot:
            await to_desk(pilot)
            await press(pilot, "l", "ctrl+o")
            words = "we will not invade cuba. ok"
            await press(pilot, *["space" if ch == " " else ch for ch in words])
            free = app.screen
            assert isinstance(free, FreeLetterScreen)
            assert free.text == words
            assert [f.term for f in free.kept()] == ["no_invasion_pledge"]

    asyncio.run(go())


def test_answering_a_letter_in_own_words_accepts_it(tmp_path):
    from dataclasses import replace

    from game.engine.letters import Letter, Mail
    from game.engine.match import Game
    from game.scenario import catalog
    from game.ui.screens.letters import LettersScreen

    s = catalog.get("thirteen-days")
    game = Game(s, 3)
    offer = Letter(
        "private_letter", gives=(Offer("withdraw_missiles"),), demands=(Offer("no_invasion_pledge"),)
    )
    theirs = Mail("L1k", Side.KHRUSHCHEV, offer, "1962-10-16T00", "1962-10-16T06", delivered=True)
    game.state = replace(game.state, mail=(theirs,))

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(100, 36)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m")
            assert isinstance(app.screen, LettersScreen)
            await press(pilot, "c", "ctrl+o")
            free = app.screen
            assert isinstance(free, FreeLetterScreen) and free.reply is not None
            free.query_one("#free-text", TextArea).insert(
                "We accept your proposal. Let us both keep our word."
            )
            await settle(pilot)
            assert "Accept" in screen_text(app) or "accept" in screen_text(app)
            await press(pilot, "ctrl+s")
            draft = app.match.drafts[Side.KENNEDY]
            assert draft.reply_to == "L1k" and draft.answer is not None and draft.answer.value == "accept"
            assert draft.gives == () and draft.demands == ()
            assert draft.text == "We accept your proposal. Let us both keep our word."
            await press(pilot, "escape", "1", "1")  # the correspondence closed, a decision taken
            agreement = next(a for a in app.match.game.state.agreements if a.proposal == "L1k")
            assert {o.term for o in agreement.obligations} == {"withdraw_missiles", "no_invasion_pledge"}

    asyncio.run(go())


def test_words_that_give_the_wrong_side_a_term_leave_it_unticked_with_a_note(tmp_path):
    """Play-test F3: "we will" on what only Khrushchev can do was silently read as asked of him."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(130, 40)) as pilot:
            await to_desk(pilot)
            await press(pilot, "l", "ctrl+o")
            free = app.screen
            assert isinstance(free, FreeLetterScreen)
            free.query_one("#free-text", TextArea).insert(
                "We will remove the missiles from Cuba if you remove the Jupiters from Turkey."
            )
            await settle(pilot)
            text = screen_text(app)
            assert "only Khrushchev can give this; you wrote 'we will'" in text
            assert "only Kennedy can give this; you wrote 'you remove'" in text
            assert free.kept() == [] and free.letter().gives == free.letter().demands == ()
            terms = free.query_one("#free-terms", OptionList)
            terms.focus()
            terms.highlighted = next(
                i for i, f in enumerate(free.reading.found) if f.term == "withdraw_missiles"
            )
            await press(pilot, "space")  # the player keeps it as the game can read it: asked of Moscow
            assert free.letter().demands == (Offer("withdraw_missiles"),) and free.letter().gives == ()

    asyncio.run(go())


async def burst(pilot, words: str, last: str) -> None:  # type: ignore[no-untyped-def]
    """Every key of `words` then `last`, sent at once as a terminal hands on a backlog of keys (a fast
    typist on a busy machine): pilot.press waits for the app to idle after each key, a person does not."""
    app = pilot.app
    for ch in words:
        app._driver.send_message(events.Key(_character_to_key(ch), ch))
    app._driver.send_message(events.Key(last, None))
    await settle(pilot)


def test_keys_typed_just_before_sending_go_with_the_letter(tmp_path):
    """J2: a burst of keys then ctrl+s: every word and every term in the box goes, not the copy of the
    text last handled."""

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(100, 36), notifications=True) as pilot:
            desk = await to_desk(pilot)
            await press(pilot, "l", "ctrl+o")
            assert isinstance(app.screen, FreeLetterScreen)
            words = "No invasion of Cuba. Remove the missiles."
            await burst(pilot, words, "ctrl+s")
            await until(pilot, lambda: Side.KENNEDY in app.match.drafts, "the letter kept to go")
            assert app.screen is desk
            sent = app.match.drafts[Side.KENNEDY]
            assert sent is not None and sent.text == words
            assert [o.term for o in sent.gives] == ["no_invasion_pledge"]
            assert [o.term for o in sent.demands] == ["withdraw_missiles"]

    asyncio.run(go())


def test_keys_typed_just_before_correcting_reach_the_form_and_its_letter(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(100, 36), notifications=True) as pilot:
            desk = await to_desk(pilot)
            await press(pilot, "l", "ctrl+o")
            words = "Remove the missiles. Answer soon."
            await burst(pilot, words, "ctrl+e")
            await until(pilot, lambda: isinstance(app.screen, ComposerScreen), "the form open")
            form = app.screen
            assert isinstance(form, ComposerScreen)
            assert form.text == words
            assert [r.term for r in form.rows if r.on] == ["withdraw_missiles"]
            form.query_one("#composer-text", Input).focus()
            await press(pilot, "end")  # the words stay; typing goes after them
            await burst(pilot, " Do not wait.", "ctrl+s")
            await until(pilot, lambda: Side.KENNEDY in app.match.drafts, "the letter kept to go")
            assert app.screen is desk
            sent = app.match.drafts[Side.KENNEDY]
            assert sent is not None and sent.text == words + " Do not wait."

    asyncio.run(go())
