"""The promises page by key presses: a long promise is read to its end at 80x24, and its choices stick."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual.widgets import Static

from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog
from game.ui import letter_text as lt
from game.ui.screens.letters import LettersScreen
from game.ui.screens.obligations import ObligationsScreen
from game.ui.widgets.reader import ChoiceList, Reader

from .test_ui_support import make_app, press, screen_text, to_desk

SCENARIO = "thirteen-days"


def test_a_long_promise_is_read_to_its_end_with_page_down_at_80x24(tmp_path, monkeypatch):
    s = catalog.get(SCENARIO)
    game = Game(s, 3)
    owed = tuple(
        Obligation(t.id, Side.KENNEDY, False, Verification.NONE, "1962-10-28") for t in s.negotiation.terms
    )
    game.state = replace(game.state, agreements=(Agreement("A1", "1962-10-27", "", "", owed),))
    cost = ", ".join(f"cost {n} of a long list" for n in range(1, 80)) + ", the last cost"
    monkeypatch.setattr(lt, "breach_cost", lambda *args: cost)  # a promise whose breach costs a lot

    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "o")
            page = app.screen
            assert isinstance(page, ObligationsScreen)
            listed, text = page.query_one(ChoiceList), page.query_one(Reader)
            assert app.focused is listed and listed.highlighted == 0
            assert text.max_scroll_y > text.size.height  # more than two panes of it
            assert "the last cost" not in screen_text(app)
            await press(pilot, "pagedown")  # in the list: the list's key
            assert listed.highlighted > 0 and text.scroll_y == 0
            await press(pilot, "home", "enter")  # the first again, and read it
            assert app.focused is text and "esc back to the list" in screen_text(app)
            assert "PgDn Page" in screen_text(app).splitlines()[-1]  # the footer says the reading keys
            for _ in range(20):
                if text.scroll_y >= text.max_scroll_y:
                    break
                await press(pilot, "pagedown")
            assert text.scroll_y == text.max_scroll_y and listed.highlighted == 0
            assert "the last cost" in screen_text(app)
            await press(pilot, "home")
            assert text.scroll_y == 0
            await press(pilot, "space")
            assert text.scroll_y > 0
            await press(pilot, "end")
            assert text.scroll_y == text.max_scroll_y
            await press(pilot, "d")  # the page's keys still work on the promise being read
            assert dict(app.match.compliance[Side.KENNEDY]) == {f"A1:{owed[0].term}": "delay"}
            await press(pilot, "escape")  # back to the list, the page still open
            assert app.screen is page and app.focused is listed
            assert "k keep · d delay" in screen_text(app)
            await press(pilot, "end")  # the list's End: the last promise, read from its top
            assert listed.highlighted == len(owed) - 1 and text.scroll_y == 0
            await press(pilot, "tab")  # Tab opens it too, and goes back
            assert app.focused is text
            await press(pilot, "tab")
            assert app.focused is listed
            await press(pilot, "escape")
            assert isinstance(app.screen, LettersScreen)

    asyncio.run(go())


def test_with_nothing_owed_the_page_says_so_offers_no_choice_and_escape_closes(tmp_path):
    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "o")
            assert isinstance(app.screen, ObligationsScreen)
            text = screen_text(app)
            assert "You owe nothing" in text and "esc close" in text
            assert "Keep" not in text.splitlines()[-1]  # nothing to keep, delay or break
            await press(pilot, "escape")
            assert isinstance(app.screen, LettersScreen)

    asyncio.run(go())


def test_a_promise_the_other_side_revealed_is_no_longer_marked_secret_at_80x24(tmp_path):
    from game import sim
    from game.ai.policies import POLICIES
    from game.engine.match import cut

    s, K, KH = catalog.get("il28-endgame"), Side.KENNEDY, Side.KHRUSHCHEV
    played = sim.play(s, {K: POLICIES["pragmatist"], KH: POLICIES["hawk"]}, 1)
    told = (r for r in played.state.log if any(s.decision(m.decision).reveals for m in r.moves))
    turn = next(told).turn

    async def promises(game: Game) -> str:
        app = make_app(tmp_path, "il28-endgame", "kennedy", opponent="hawk", seed=1)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "o")
            assert isinstance(app.screen, ObligationsScreen)
            return next(line for line in screen_text(app).splitlines() if "Jupiters" in line)

    assert "secret" in asyncio.run(promises(cut(played, turn)))  # the day Khrushchev tells the world
    assert "secret" not in asyncio.run(promises(cut(played, turn + 1)))  # and from then on


def test_two_promises_of_one_term_are_chosen_each_in_its_own_agreement(tmp_path):
    """Play-test 7, G2: both agreements' promise to lift the quarantine are listed with their
    agreement; b on the second breaks that one only, and the decision carries it out so."""
    s = catalog.get(SCENARIO)
    game = Game(s, 3)
    term = next(t.id for t in s.negotiation.terms if t.giver is Side.KENNEDY)
    later = Obligation(term, Side.KENNEDY, False, Verification.NONE, None)
    agreements = (
        Agreement("A1", "1962-10-16", "", "", (later,)),
        Agreement("A2", "1962-10-18", "", "", (later,)),
    )
    game.state = replace(game.state, agreements=agreements)

    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(120, 40)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "o")
            page = app.screen
            assert isinstance(page, ObligationsScreen) and len(page.owed) == 2
            about = str(page.query_one("#obligations-about", Static).render())
            assert (
                "(agreement A1)" in about and "in 2 agreements: this choice is agreement A1's only" in about
            )
            await press(pilot, "down", "b")
            rows = [str(page.query_one(ChoiceList).get_option_at_index(i).prompt) for i in range(2)]
            assert "keep  A1 " in rows[0] and "BREAK  A2 " in rows[1], rows
            assert dict(app.match.compliance[Side.KENNEDY]) == {f"A2:{term}": "break"}
            await press(pilot, "escape", "escape")
            assert "(agreement A2)" in screen_text(app)  # the desk's letters panel names it too
            app.match.game.apply(app.match.orders(app.match.game.legal_moves(Side.KENNEDY)[0]))
            app.match.game.apply(app.match.ai_move(Side.KHRUSHCHEV))
            kept = [o.status for a in app.match.game.state.agreements for o in a.obligations]
            assert kept == ["pending", "broken"]

    asyncio.run(go())


def test_p_on_the_desk_opens_the_promises_and_the_desk_says_so(tmp_path):
    """J10: the desk's own key for the promises, in its footer and its help; a choice made there sticks."""
    s = catalog.get(SCENARIO)
    game = Game(s, 3)
    owed = (Obligation("remove_jupiters", Side.KENNEDY, False, Verification.NONE, "1962-10-28"),)
    game.state = replace(game.state, agreements=(Agreement("A1", "1962-10-27", "", "", owed),))

    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(160, 40)) as pilot:
            desk = await to_desk(pilot)
            assert "p Promises" in screen_text(app).splitlines()[-1]
            await press(pilot, "question_mark")
            assert "promises under agreements, p lists them" in " ".join(screen_text(app).split())
            await press(pilot, "escape")
            assert app.screen is desk
            await press(pilot, "p")
            assert isinstance(app.screen, ObligationsScreen)
            await press(pilot, "d")
            assert dict(app.match.compliance[Side.KENNEDY]) == {"A1:remove_jupiters": "delay"}
            await press(pilot, "escape")
            assert app.screen is desk

    asyncio.run(go())


def test_with_nothing_owed_the_desk_keeps_its_key_bar_for_the_letters(tmp_path):
    async def go():
        app = make_app(tmp_path, SCENARIO, "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(160, 40)) as pilot:
            desk = await to_desk(pilot)
            assert "Promises" not in screen_text(app).splitlines()[-1]
            await press(pilot, "p")
            assert app.screen is desk

    asyncio.run(go())


def test_the_page_says_which_order_breaks_a_promise_owed_now_whatever_is_chosen(tmp_path):
    """Playtest J7: DELAY on "Lift the quarantine", due today, then "Keep the quarantine in place"
    given: reported broken, though the page said only "Delay: not this turn". It now says so."""
    s = catalog.get("il28-endgame")
    game = Game(s, 5)
    lift = Obligation("lift_quarantine", Side.KENNEDY, True, Verification.NONE, game.state.date)
    due = Agreement("A2", game.state.date, "", "", (lift,))
    game.state = replace(game.state, agreements=(*game.state.agreements, due))

    async def go():
        app = make_app(tmp_path, "il28-endgame", "kennedy", opponent="pragmatist", seed=5)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(120, 40)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m", "o")
            page = app.screen
            assert isinstance(page, ObligationsScreen)
            first = str(page.query_one("#obligations-about", Static).render())
            assert (
                "Whatever you choose here" not in first
            )  # the first row: no order this turn goes against it
            at = next(i for i, (a, o) in enumerate(page.owed) if a == "A2")
            await press(pilot, *["down"] * at)
            about = str(page.query_one("#obligations-about", Static).render())
            assert (
                'Whatever you choose here, giving "Keep the quarantine in place" this turn breaks it' in about
            )

    asyncio.run(go())
