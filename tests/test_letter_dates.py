"""Letter dates carry their year when the scenario runs over more than one (play-test F12: in the
campaign the newest-first list read 'Sep 13, May 24, Jul 25, May 12', May 24 being 1962)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from textual.content import Content

from game.diplomacy import Offer, Verification
from game.engine.letters import Letter, Mail, Obligation
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog
from game.text_letters import letter_text
from game.ui import letter_text as lt
from game.ui.widgets.letters import compact_markup

from .test_ui_support import make_app, press, screen_text, to_desk

CAMPAIGN = catalog.get("cuban-missile-crisis")
THIRTEEN = catalog.get("thirteen-days")


def _mail(id_: str, date: str) -> Mail:
    letter = Letter("private_letter", gives=(Offer("berlin_status_quo"),))
    return Mail(id_, Side.KHRUSHCHEV, letter, f"{date}T00", f"{date}T10", delivered=True)


def plain(markup: str) -> str:
    return Content.from_markup(markup).plain


def test_a_campaign_letter_shows_its_year_a_thirteen_days_one_does_not():
    july, may = _mail("L3e", "1961-07-25"), _mail("L6e", "1962-05-24")
    assert "Jul 25, 1961, 10:00" in plain(lt.mail_heading(CAMPAIGN, july, Side.KENNEDY))
    assert "May 24, 1962, 10:00" in plain(lt.mail_block(CAMPAIGN, may, Side.KENNEDY))
    october = _mail("L1e", "1962-10-16")
    assert "Oct 16, 10:00" in plain(lt.mail_heading(THIRTEEN, october, Side.KENNEDY))
    assert "1962" not in plain(lt.mail_heading(THIRTEEN, october, Side.KENNEDY))
    # a date of another year than today's says so, whatever the scenario
    assert "Oct 16, 1962" in plain(lt.mail_heading(THIRTEEN, october, Side.KENNEDY, "1963-01-02"))


def test_promises_and_the_narrow_panel_and_the_text_game_carry_the_year():
    due = Obligation("berlin_status_quo", Side.KHRUSHCHEV, True, Verification.NONE, "1962-01-10")
    line = plain(lt.obligation_line(CAMPAIGN, due, Side.KENNEDY, "1961-12-01", names={}))
    assert "by Jan 10, 1962" in line
    assert "arrived Jul 25, 1961" in letter_text(CAMPAIGN, _mail("L3e", "1961-07-25"))
    assert "arrived Oct 16\n" in letter_text(THIRTEEN, _mail("L1e", "1962-10-16"))
    game = Game(CAMPAIGN, 3)
    game.state = replace(game.state, mail=(_mail("L3e", "1961-07-25"),))
    assert "Jul 25, 1961:" in plain(compact_markup(CAMPAIGN, game.view(Side.KENNEDY)))


def test_the_letters_page_lists_a_campaigns_letters_with_their_years(tmp_path):
    game = Game(CAMPAIGN, 3)
    mails = (_mail("L2e", "1961-05-12"), _mail("L3e", "1961-07-25"), _mail("L6e", "1962-05-24"))
    game.state = replace(game.state, mail=mails)

    async def go():
        app = make_app(tmp_path, "cuban-missile-crisis", "kennedy", opponent="pragmatist", seed=3)
        app.loaded, app.skip_menu = game, True
        async with app.run_test(size=(120, 40)) as pilot:
            await to_desk(pilot)
            await press(pilot, "m")
            text = screen_text(app)
            first = [text.index(d) for d in ("May 24, 1962", "Jul 25, 1961", "May 12, 1961")]
            assert first == sorted(first)  # newest first, and the years say so

    asyncio.run(go())


def test_the_text_game_keeps_a_letters_date_whole_at_80_columns(monkeypatch):
    """K6 (play-test 10): at 80 columns the header ran on, and "Apr 19\n, 1961" broke the date."""
    import os

    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=(80, 24): os.terminal_size((80, 24)))
    out = letter_text(CAMPAIGN, _mail("L1h", "1961-04-19"))
    assert "arrived Apr 19, 1961" in out
    assert all(len(line) <= 78 for line in out.splitlines()), out
    assert "A LETTER FROM NIKITA S. KHRUSHCHEV (L1h, Private letter, firm)," in out
