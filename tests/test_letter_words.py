"""A letter's words say its terms whole: timing and check too (play-test F14), in the replay's line,
and the form's days reach every deadline the scenario's letters use (F15)."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai.negotiator import Negotiator
from game.cli.render import letter_line
from game.diplomacy import Offer, Timing, Verification
from game.engine.letters import Letter, Mail, longest_deadline, timing_words
from game.engine.match import Game
from game.model import Side
from game.reader import reader_for
from game.scenario import catalog
from game.ui.screens.composer import MOST_DAYS, ComposerScreen, step_days

from .test_ui_support import make_app, press, screen_text, to_desk

THIRTEEN = catalog.get("thirteen-days")
BOMBERS = Offer("withdraw_il28", timing=Timing.DAYS, days=30, verification=Verification.UN)


def _offers(side: Side):
    """Terms of thirteen-days with any modifiers each can take, given and asked by `side`."""
    n = THIRTEEN.negotiation
    assert n is not None

    def offer(term: str):
        t = n.term(term)
        return st.builds(
            Offer,
            st.just(term),
            st.just(True) if t.public_only else st.booleans(),
            st.sampled_from(list(Timing)),
            st.sampled_from([0, 1, 7, 30, 45, 180]),
            st.sampled_from(list(Verification) if t.verifiable else [Verification.NONE]),
        ).map(
            lambda o: o if o.timing is Timing.DAYS else Offer(o.term, o.public, o.timing, 0, o.verification)
        )

    terms = [t.id for t in n.terms if t.id in Game(THIRTEEN, 3).view(side).terms]
    return st.lists(st.sampled_from(terms), min_size=1, max_size=4, unique=True).flatmap(
        lambda ids: st.tuples(*[offer(t) for t in ids])
    )


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([Side.KENNEDY, Side.KHRUSHCHEV]), st.data())
def test_the_words_written_for_a_players_terms_read_back_as_those_terms(side, data):
    n = THIRTEEN.negotiation
    assert n is not None
    offers = data.draw(_offers(side))
    if n.clash(o.term for o in offers) is not None:
        return
    gives = tuple(o for o in offers if n.term(o.term).giver is side)
    demands = tuple(o for o in offers if n.term(o.term).giver is not side)
    view = Game(THIRTEEN, 3).view(side)
    text = Negotiator(THIRTEEN, view, data.draw(st.integers(0, 50)), "pragmatist").write(
        "propose", gives, demands
    )
    if not text:
        return  # no template says these terms: words only

    def whole(o: Offer) -> Offer:  # 'within the term's days' said as its number
        days = (o.days or n.term(o.term).days) if o.timing is Timing.DAYS else 0
        return Offer(o.term, o.public, o.timing, days, o.verification)

    r = reader_for(THIRTEEN).read(text, side)
    assert {whole(o) for o in r.gives} == {whole(o) for o in gives}, text
    assert {whole(o) for o in r.demands} == {whole(o) for o in demands}, text


def test_the_replay_line_names_timing_and_check():
    mail = Mail(
        "L1e", Side.KENNEDY, Letter("private_letter", demands=(BOMBERS,)), "1962-11-02T00", "1962-11-02T10"
    )
    line = letter_line(THIRTEEN, mail)
    assert "asks Remove the IL-28 bombers (≤30 days, UN check)" in line
    secret = Offer("withdraw_il28", public=False, verification=Verification.AERIAL)
    mail = Mail(
        "L1e",
        Side.KENNEDY,
        Letter("private_letter", gives=(), demands=(secret,)),
        "1962-11-02T00",
        "1962-11-02T10",
    )
    assert "asks Remove the IL-28 bombers (secret, aerial check)" in letter_line(THIRTEEN, mail)


def test_one_day_is_a_day():
    n = THIRTEEN.negotiation
    assert timing_words(n, Offer("withdraw_il28", timing=Timing.DAYS, days=1)) == "≤1 day"
    assert timing_words(n, Offer("withdraw_il28", timing=Timing.DAYS)) == "≤30 days"  # the term's own


@given(st.integers(1, 400), st.sampled_from([1, -1]))
def test_plus_never_shortens_and_minus_never_lengthens(days, step):
    most = longest_deadline(catalog.get("cuban-missile-crisis").negotiation)
    after = step_days(days, step, most)
    assert after >= 1
    assert (after >= days) if step > 0 else (after <= days)
    assert after <= max(days, most)


def test_the_forms_range_holds_the_aide_memoires_six_months():
    campaign = catalog.get("cuban-missile-crisis")
    assert campaign.negotiation is not None
    asked = [o.days for r in campaign.negotiation.letters for o in r.demands if o.days]
    assert longest_deadline(campaign.negotiation) >= max(asked) == 180
    assert MOST_DAYS < 180  # the old cap, which halved it
    assert step_days(179, 1, longest_deadline(campaign.negotiation)) == 180


def test_the_composer_writes_timing_and_check_into_the_letter(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="pragmatist", seed=3)
        async with app.run_test(size=(120, 40)) as pilot:
            await to_desk(pilot)
            await press(pilot, "l")
            composer = app.screen
            assert isinstance(composer, ComposerScreen)
            row = next(r for r in composer.rows if r.term == "withdraw_il28")
            composer.query_one("#composer-terms").highlighted = composer.rows.index(row)
            await press(pilot, "t", "v", "v")  # within the term's 30 days, under the UN's eyes
            letter = composer.letter()
            assert letter.demands == (
                Offer("withdraw_il28", timing=Timing.DAYS, days=0, verification=Verification.UN),
            )
            assert (
                "take the IL-28 bombers out of Cuba within 30 days under United Nations supervision"
                in letter.text
            )
            row.days = 180
            await press(pilot, "plus")
            assert row.days == 180  # + never shortens (the old cap of 90 halved it)
            await press(pilot, "minus")
            assert row.days == 179
            row.days = 2
            await press(pilot, "minus")
            assert row.days == 1 and "IL-28 bombers · ≤1 day · UN check" in screen_text(app)
            assert "≤1 days" not in screen_text(app)

    asyncio.run(go())


def test_the_network_desks_draft_line_names_timing_and_check():
    from game.ui.remote_letters import letter_line as draft_line

    line = draft_line(THIRTEEN, Letter("private_letter", demands=(BOMBERS,)))
    assert "asks Remove the IL-28 bombers · ≤30 days · UN check" in line
