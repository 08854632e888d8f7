"""The reader on conditions, hours and ultimatums (play-test 8: H5, H16)."""

import pytest

from game.diplomacy import Offer, Timing, Tone, Verification
from game.reader import reader_for
from game.scenario import catalog
from game.sides import Side

K, S = Side.KENNEDY, Side.KHRUSHCHEV
MISSILES_UN_14 = Offer("withdraw_missiles", timing=Timing.DAYS, days=14, verification=Verification.UN)
QUARANTINE_2 = Offer("lift_quarantine", timing=Timing.DAYS, days=2)


@pytest.fixture(scope="module")
def thirteen_days():
    return catalog.get("thirteen-days")


@pytest.mark.parametrize(
    ("side", "text", "gives", "asks"),
    [
        # H5: what follows 'provided' is asked of the other side, with its own days and check
        (K, "We will never invade Cuba, provided the missiles go under UN supervision within two weeks.",
         Offer("no_invasion_pledge"), MISSILES_UN_14),
        (K, "We will never invade Cuba, provided that the missiles go under UN supervision within two weeks.",
         Offer("no_invasion_pledge"), MISSILES_UN_14),
        (K, "We will not invade Cuba on condition that the missiles are removed under UN supervision "
            "within two weeks.", Offer("no_invasion_pledge"), MISSILES_UN_14),
        (K, "We will never invade Cuba as long as the missiles go under UN supervision within two weeks.",
         Offer("no_invasion_pledge"), MISSILES_UN_14),
        (K, "We will never invade Cuba, provided that within two weeks the missiles go under UN supervision.",
         Offer("no_invasion_pledge"), MISSILES_UN_14),
        (S, "We will remove the missiles, provided the quarantine is lifted within two days.",
         Offer("withdraw_missiles"), QUARANTINE_2),
        (S, "We will remove the missiles, provided that you lift the quarantine within two days.",
         Offer("withdraw_missiles"), QUARANTINE_2),
        (S, "We will remove the missiles on condition that you lift the quarantine within two days.",
         Offer("withdraw_missiles"), QUARANTINE_2),
        (S, "We will remove the missiles as long as the blockade is lifted within two days.",
         Offer("withdraw_missiles"), QUARANTINE_2),
    ],
)  # fmt: skip
def test_a_condition_asks_with_its_own_modifiers(thirteen_days, side, text, gives, asks):
    r = reader_for(thirteen_days).read(text, side)
    assert (r.gives, r.demands) == ((gives,), (asks,))
    assert not r.notes  # no check was pinned on a term that cannot have one


def test_the_days_before_a_condition_stay_with_the_term_before_it(thirteen_days):
    r = reader_for(thirteen_days).read(
        "We will never invade Cuba within two weeks, provided the missiles go.", K
    )
    assert r.gives == (Offer("no_invasion_pledge", timing=Timing.DAYS, days=14),)
    assert r.demands == (Offer("withdraw_missiles"),)


@pytest.mark.parametrize(
    ("words", "days"),
    [
        ("within 48 hours", 2),
        ("within forty-eight hours", 2),
        ("in twenty four hours", 1),
        ("within seventy-two hours", 3),
        ("within 12 hours", 1),  # a day begun is a day
        ("within the hour", 1),
        ("within twenty-one days", 21),
    ],
)
def test_hours_are_read_as_days(campaign, words, days):
    """H16: 'within 48 hours' read '(public, now)'."""
    r = reader_for(campaign).read(f"Remove the missiles {words}.", K)
    assert r.demands == (Offer("withdraw_missiles", timing=Timing.DAYS, days=days),)


def test_a_range_of_numbers_is_still_only_later(campaign):
    r = reader_for(campaign).read("Remove the bombers in twenty or thirty days.", K)
    assert r.demands == (Offer("withdraw_il28", timing=Timing.LATER),)


def test_a_final_word_is_firm_and_the_threat_beside_it_threatening(campaign):
    """H16: a threatening tone is a menace (it costs risk when read); 'our final word' names nothing
    that will follow, it only closes the bargaining: firm. The letter's 'or we will ...' threatens."""
    reader = reader_for(campaign)
    assert reader.read("This is our final word.", K).tone is Tone.FIRM
    ultimatum = "Remove the missiles within 48 hours or we will remove them for you. This is our final word."
    r = reader.read(ultimatum, K)
    assert r.tone is Tone.THREATENING
    assert r.demands == (Offer("withdraw_missiles", timing=Timing.DAYS, days=2),)


@pytest.mark.parametrize(
    ("side", "text"),
    [(K, "If any more missiles go to Cuba, we will act."), (S, "Our missiles go to Cuba to defend her.")],
)
def test_missiles_that_go_to_cuba_are_no_removal(campaign, side, text):
    r = reader_for(campaign).read(text, side)
    assert "withdraw_missiles" not in {f.term for f in r.found}


def test_missiles_that_go_back_are_removed(campaign):
    r = reader_for(campaign).read("The missiles go back to Russia within a week.", K)
    assert r.demands == (Offer("withdraw_missiles", timing=Timing.DAYS, days=7),)
