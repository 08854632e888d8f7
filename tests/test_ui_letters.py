"""Letters by key presses: the composer's proposal reaches the engine, the computer's letter arrives and
is accepted, a letter on its way and the other player's draft stay hidden, the engine's refusals show."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace

from textual.widgets import TextArea

from game.diplomacy import Offer, Timing, Tone, Verification
from game.engine.letters import Letter, Mail
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog
from game.ui import letter_text as lt
from game.ui.screens.composer import ComposerScreen
from game.ui.screens.desk import GameScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.letters import LettersScreen
from game.ui.screens.obligations import ObligationsScreen
from game.ui.screens.real_letters import RealLettersScreen
from game.ui.widgets.letters import panel_markup
from game.ui.widgets.reader import ChoiceList, Reader

from .test_ui_support import make_app, press, screen_text, to_desk, told

SCENARIO = "thirteen-days"


def run(coro) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(coro)


async def tick(pilot, composer: ComposerScreen, term: str, give: bool, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Highlight a term's row in the composer and press keys on it."""
    index = next(i for i, r in enumerate(composer.rows) if r.term == term and r.give is give)
    composer.query_one("#composer-terms").highlighted = index
    await press(pilot, *keys)


def test_composer_proposal_reaches_the_engine_and_an_ai_letter_is_accepted(tmp_path):
    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            desk = await to_desk(pilot)
            await press(pilot, "l")
            composer = app.screen
            assert isinstance(composer, ComposerScreen)
            text = screen_text(app)
            for seen in (
                "A letter to Khrushchev",
                "Channel",
                "Private letter",
                "give Pledge not to invade",
                "^s Send",
            ):
                assert seen in text, seen
            await tick(pilot, composer, "no_invasion_pledge", True, "space")
            await tick(pilot, composer, "withdraw_missiles", False, "space", "p", "v", "t")
            assert "Remove the missiles from Cuba · secret · ≤14 days · aerial check" in screen_text(app)
            await press(pilot, "ctrl+s")
            assert app.screen is desk and Side.KENNEDY in app.match.drafts
            assert "Your letter" in screen_text(app)
            assert not app.match.game.state.mail  # nothing is sent before a decision
            await press(pilot, "1", "1")
            mine = next(m for m in app.match.game.state.mail if m.sender is Side.KENNEDY)
            assert mine.letter.channel == "private_letter" and mine.letter.tone is Tone.FIRM
            assert mine.letter.gives == (Offer("no_invasion_pledge"),)
            assert mine.letter.demands == (
                Offer("withdraw_missiles", False, Timing.DAYS, 0, Verification.AERIAL),
            )
            assert Side.KENNEDY not in app.match.drafts
            # the computer's letter arrives: told in the report (no notice over the text), counted on the
            # letters key, and shown in the panel with its terms
            pages = []
            for _ in range(6):  # the turns until the computer's first letter has come (its own choice)
                while not isinstance(app.screen, GameScreen):
                    pages.append(getattr(app.screen, "markup", ""))
                    await press(pilot, "enter")
                came = [m for m in app.match.view(Side.KENNEDY).letters if m.sender is Side.KHRUSHCHEV]
                if came:
                    break
                await press(pilot, "1", "1")
            theirs = came[0]
            assert theirs.letter.is_proposal
            assert any("A letter from Khrushchev" in page for page in pages), pages
            assert not app._notifications
            assert "Letters (1 new)" in screen_text(app)
            await press(pilot, "e")  # on a narrow desk the letters take the briefing's place
            text = screen_text(app)
            day = lt.day(theirs.sent)
            assert f"< from Khrushchev {day}: " in text  # the day whole (what it asks is the opponent's)
            await press(pilot, "e")  # and give it back
            # accept it from the correspondence
            await press(pilot, "m")
            letters = app.screen
            assert isinstance(letters, LettersScreen)
            letters.query_one("#letters-list").highlighted = letters.mails.index(theirs)
            await press(pilot, "h")
            assert isinstance(app.screen, RealLettersScreen)
            text = screen_text(app)
            # spoilers on: every real letter, from the first (the Vienna aide-memoire of 1961)
            assert "The real letters" in text and "Jun 4, 1961" in text
            await press(pilot, "escape", "o")
            assert isinstance(app.screen, ObligationsScreen)
            assert "You owe nothing" in screen_text(app)
            await press(pilot, "escape", "y", "escape")
            assert "Letters (1 new)" not in screen_text(app)  # opened: read
            draft = app.match.drafts[Side.KENNEDY]
            assert draft.reply_to == theirs.id and draft.answer.value == "accept"
            await press(pilot, "1", "1")
            agreement = next(a for a in app.match.game.state.agreements if a.proposal == theirs.id)
            promised = {(o.term, Side.KHRUSHCHEV) for o in theirs.letter.gives}
            promised |= {(o.term, Side.KENNEDY) for o in theirs.letter.demands}  # what they asked, we owe
            assert {(o.term, o.giver) for o in agreement.obligations} >= promised

    run(go())


def test_a_letter_on_its_way_is_not_shown(tmp_path):
    s = catalog.get(SCENARIO)
    game = Game(s, 3)
    letter = Letter(
        "u_thant", Tone.FIRM, (Offer("withdraw_missiles"),), (Offer("no_invasion_pledge"),), "On its way."
    )
    road = Mail("L9h", Side.KHRUSHCHEV, letter, "1962-10-16T12", "1962-10-20T12", delivered=False)
    game.state = replace(game.state, mail=(road,))
    assert not game.view(Side.KENNEDY).letters
    assert "On its way" not in panel_markup(s, game.view(Side.KENNEDY))
    assert "Remove the missiles" in panel_markup(s, game.view(Side.KHRUSHCHEV))  # the sender sees it

    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m")
            assert isinstance(app.screen, LettersScreen)
            text = screen_text(app)
            assert "L9h" not in text and "No letters yet" in text

    run(go())


def test_hand_over_does_not_show_the_other_players_letter(tmp_path):
    async def go():
        app = make_app(tmp_path, SCENARIO, "both", seed=3)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            desk = await to_desk(pilot)
            assert desk.viewer is Side.KENNEDY
            await press(pilot, "l")
            composer = app.screen
            assert isinstance(composer, ComposerScreen)
            await tick(pilot, composer, "remove_jupiters", True, "space", "p")
            await press(pilot, "ctrl+s")
            assert "Your letter goes with your decision" in screen_text(app)
            await press(pilot, "1", "1")
            assert isinstance(app.screen, HandoverScreen)
            text = screen_text(app)
            assert "Jupiters" not in text and "letter" not in text.lower()
            await press(pilot, "x")
            desk = await to_desk(pilot)
            assert desk.viewer is Side.KHRUSHCHEV
            text = screen_text(app)
            assert "Jupiters" not in text and "Your letter" not in text
            await press(pilot, "m")
            assert "Jupiters" not in screen_text(app) and "No letters yet" in screen_text(app)

    run(go())


def test_a_bad_letter_shows_the_engines_message(tmp_path):
    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            desk = await to_desk(pilot)
            await press(pilot, "l")
            composer = app.screen
            assert isinstance(composer, ComposerScreen)
            await tick(pilot, composer, "no_invasion_pledge", True, "v")  # the UI refuses: not verifiable
            assert composer.rows[0].verification is Verification.NONE
            assert any("cannot be verified" in n.message for n in told(app))
            row = next(r for r in composer.rows if r.term == "no_invasion_pledge")
            row.on, row.verification = True, Verification.UN  # bad input that got past the form
            composer.refresh_preview()
            await press(pilot, "ctrl+s")
            assert app.screen is composer and Side.KENNEDY not in app.match.drafts
            engine = "'Pledge not to invade Cuba' cannot be verified"  # rules.letter_problem's words
            assert any(engine in n.message and n.severity == "error" for n in told(app))
            assert "Cannot be sent:" in screen_text(app)
            await press(pilot, "escape")
            assert app.screen is desk and not app.match.drafts

    run(go())


def test_both_composers_send_through_one_check_and_keep_the_letter_when_refused(tmp_path):
    """The form and the free text: a refused letter stays open with the engine's reason; a letter
    without words is not sent from the free text; a good one goes with the next decision."""
    from game.ui.screens.free_letter import FreeLetterScreen

    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await to_desk(pilot)
            await press(pilot, "l", "ctrl+o")
            own = app.screen
            assert isinstance(own, FreeLetterScreen)
            await press(pilot, "ctrl+s")
            assert app.screen is own and any("Write the letter first" in n.message for n in told(app))
            own.check = lambda letter: "the wires are down"  # as the engine refuses a letter
            own.query_one("#free-text", TextArea).insert("We will not invade Cuba.")  # what goes is the box's
            await press(pilot, "ctrl+s")
            assert app.screen is own and Side.KENNEDY not in app.match.drafts
            assert any("the wires are down" in n.message and n.severity == "error" for n in told(app))
            own.check = letter_ok
            await press(pilot, "ctrl+s")
            assert isinstance(app.screen, GameScreen)
            assert app.match.drafts[Side.KENNEDY].text == "We will not invade Cuba."

    run(go())


def letter_ok(letter: Letter) -> str | None:
    return None


# ---- the words of the letters panel and pages (plain functions) ---------------------------------


def test_dates_are_never_cut_nor_iso_in_prose():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from game.ui import letter_text as lt

    assert lt.day("1962-11-07T12") == "Nov 7" and lt.day("1962-10-26") == "Oct 26"
    assert lt.prose_dates("Moscow, 1962-10-30.") == "Moscow, October 30, 1962."
    assert lt.prose_dates("on 1962-13-45 at noon") == "on 1962-13-45 at noon"  # not a date: left alone

    @settings(deadline=None)  # no timing in tests: a busy machine is slow, not wrong
    @given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31)), st.text(max_size=20))
    def every_date(d: dt.date, around: str) -> None:
        out = lt.prose_dates(f"{around} {d.isoformat()}.")
        assert d.isoformat() not in out and f"{d:%B} {d.day}, {d.year}" in out

    every_date()


def test_panel_dates_agreements_promises_and_costs_read_as_a_person_writes():
    from game.engine.letters import Agreement, Obligation
    from game.sides import Effect
    from game.ui import letter_text as lt

    s = catalog.get(SCENARIO)
    pledge = Obligation("no_invasion_pledge", Side.KENNEDY, True, Verification.NONE, "1962-10-28")
    a = Agreement("A1", "1962-10-27", "", "", (pledge,))
    block = lt.agreement_block(s, a, Side.KENNEDY, today="1962-10-30", names={})
    assert "( accepted)" not in block and "()" not in block
    # its day fell between two turns: due now, kept with the next order, not (yet) late (G11)
    assert "DUE NOW" in block and "was due Oct 28 · kept with your next order" in block
    assert "pending" not in block and "OVERDUE" not in block and "LATE" not in block
    late = lt.agreement_block(
        s,
        replace(a, obligations=(replace(pledge, status="late"),)),
        Side.KENNEDY,
        today="1962-10-30",
        names={},
    )
    assert "LATE" in late and "was due Oct 28" in late and "DUE NOW" not in late
    on_time = lt.agreement_block(s, replace(a, proposal="L2k"), Side.KENNEDY, today="1962-10-27", names={})
    assert "(letter L2k accepted)" in on_time and "by Oct 28" in on_time and "DUE NOW" not in on_time
    track = next(t for t in s.tracks if Side.KENNEDY in t.known_to and t.id != "risk")
    costs = (Effect(track.id, -1), Effect(track.id, -1), Effect("risk", 1))
    assert lt.effects_text(s, costs, Side.KENNEDY).startswith(f"{track.label} -2")  # summed, said once
    assert lt.effects_text(s, costs, Side.KENNEDY).count(track.label) == 1


def test_a_long_letter_is_read_to_its_end_with_page_down_at_80x24(tmp_path):
    s = catalog.get(SCENARIO)
    game = Game(s, 3)
    body = " ".join(f"Point {n} of the argument, at length." for n in range(1, 60)) + " Yours, the end."
    letter = Letter(
        "private_letter", Tone.FIRM, (Offer("withdraw_missiles"),), (Offer("no_invasion_pledge"),), body
    )
    short = replace(letter, text="A short one.")
    older = Mail("L1h", Side.KHRUSHCHEV, short, "1962-10-14T12", "1962-10-15T08", delivered=True)
    mail = Mail("L2h", Side.KHRUSHCHEV, letter, "1962-10-15T08", "1962-10-15T10", delivered=True)
    game.state = replace(game.state, mail=(older, mail))

    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m")
            page = app.screen
            assert isinstance(page, LettersScreen)
            listed, letter_box = page.query_one(ChoiceList), page.query_one(Reader)
            assert app.focused is listed and listed.highlighted == 0  # the newest, the long one
            assert letter_box.max_scroll_y > letter_box.size.height  # more than two screens of it
            assert "Yours, the end." not in screen_text(app)
            await press(pilot, "pagedown")  # in the list: the list's key (one page of two letters: the last)
            assert listed.highlighted == 1 and letter_box.scroll_y == 0
            await press(pilot, "home", "enter")  # the newest again, and read it
            assert app.focused is letter_box and "esc back to the list" in screen_text(app)
            assert "PgDn Page" in screen_text(app).splitlines()[-1]  # the footer says the reading keys
            for _ in range(20):
                if letter_box.scroll_y >= letter_box.max_scroll_y:
                    break
                await press(pilot, "pagedown")
            assert letter_box.scroll_y == letter_box.max_scroll_y and listed.highlighted == 0
            assert "Yours, the end." in screen_text(app)
            await press(pilot, "home")
            assert letter_box.scroll_y == 0
            await press(pilot, "space")
            assert letter_box.scroll_y > 0
            await press(pilot, "end")
            assert letter_box.scroll_y == letter_box.max_scroll_y and listed.highlighted == 0
            await press(pilot, "escape")  # back to the list, the page still open
            assert app.screen is page and app.focused is listed
            await press(pilot, "end")  # the list's End: the oldest letter, read from its top
            assert listed.highlighted == 1 and letter_box.scroll_y == 0
            await press(pilot, "escape")
            assert isinstance(app.screen, GameScreen)

    run(go())


def test_the_term_explained_is_shown_whole_where_there_is_room(tmp_path):
    """Playtest E22: at 200x60 the composer clipped a term's explanation to three rows, mid-sentence,
    with forty empty rows above it. Every term's, read in turn, fits its box there."""

    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(200, 60)) as pilot:
            await to_desk(pilot)
            await press(pilot, "l")
            composer = app.screen
            assert isinstance(composer, ComposerScreen)
            about = composer.query_one("#composer-about")
            for _ in composer.rows:
                await pilot.pause()
                region = about.content_region
                wanted = about.get_content_height(region.size, app.size, region.width)
                assert wanted <= region.height, (wanted, region.height, str(about.render()))
                await press(pilot, "down")

    run(go())
