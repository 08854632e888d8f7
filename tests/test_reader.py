"""The letter reader: what a player writes in their own words becomes the terms the engine takes."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.diplomacy import Answer, Offer, Timing, Tone, Verification
from game.reader import reader_for
from game.scenario import catalog
from game.scenario.load import problems_in
from game.sides import Side

K, S = Side.KENNEDY, Side.KHRUSHCHEV
ISSUE = (
    "We will give assurances against an invasion of Cuba if the offensive weapons are removed under UN "
    "supervision; the Jupiters can be discussed later, privately"
)


def read(campaign, text, side=K, terms=None):
    return reader_for(campaign).read(text, side, terms)


def test_the_issue_example_reads_as_a_student_meant_it(campaign):
    r = read(campaign, ISSUE)
    assert r.gives == (
        Offer("no_invasion_pledge"),
        Offer("remove_jupiters", public=False, timing=Timing.LATER),
    )
    assert r.demands == (Offer("withdraw_missiles", verification=Verification.UN),)


def test_each_term_is_linked_to_the_words_it_came_from(campaign):
    r = read(campaign, ISSUE)
    jupiters = next(f for f in r.found if f.term == "remove_jupiters")
    assert [ISSUE[a:b] for a, b in jupiters.spans] == ["Jupiters"]
    assert sorted(ISSUE[m.start : m.end] for m in jupiters.marks) == ["later", "privately"]


def test_a_refusal_is_not_a_proposal(campaign):
    r = read(campaign, "We will not remove the Jupiters from Turkey. Remove your missiles from Cuba.")
    assert r.gives == ()
    assert [f.term for f in r.refused] == ["remove_jupiters"]
    assert r.demands == (Offer("withdraw_missiles"),)


def test_a_not_inside_a_condition_still_asks(campaign):
    r = read(campaign, "If you do not remove the missiles, we will act.")
    assert r.demands == (Offer("withdraw_missiles"),)
    assert not r.refused


def test_a_term_that_says_not_is_not_refused(campaign):
    assert read(campaign, "We will never invade Cuba.").gives == (Offer("no_invasion_pledge"),)


def test_who_gives_follows_the_writer(campaign):
    text = "Remove the Jupiters from Turkey and we will remove the missiles from Cuba."
    assert [o.term for o in read(campaign, text, S).gives] == ["withdraw_missiles"]
    assert [o.term for o in read(campaign, text, S).demands] == ["remove_jupiters"]
    assert [o.term for o in read(campaign, text, K).gives] == ["remove_jupiters"]


def test_misspellings_are_forgiven(campaign):
    r = read(campaign, "you must lift the quarentine imediately and take the Jupitor missles out of Turky", S)
    assert {o.term for o in r.demands} == {"lift_quarantine", "remove_jupiters"}


def test_days_weeks_and_months(campaign):
    r = read(campaign, "Remove the bombers within thirty days.")
    assert r.demands == (Offer("withdraw_il28", timing=Timing.DAYS, days=30),)
    r = read(campaign, "Remove the missiles in the next 2 weeks.")
    assert r.demands == (Offer("withdraw_missiles", timing=Timing.DAYS, days=14),)
    r = read(campaign, "The Jupiters will be gone in four or five months.")
    assert r.gives == (Offer("remove_jupiters", timing=Timing.LATER),)


def test_a_refusal_after_the_term_and_a_bare_number_of_days(campaign):
    r = read(campaign, "The Jupiter question is closed. Remove the missiles.")
    assert [f.term for f in r.refused] == ["remove_jupiters"] and r.gives == ()
    r = read(campaign, "Get the IL-28s out of Cuba. Thirty days.")
    assert r.demands == (Offer("withdraw_il28", timing=Timing.DAYS, days=30),)


def test_a_sentence_of_secrecy_covers_the_letter(campaign):
    r = read(
        campaign,
        "We will remove the rockets from Cuba. You will remove the Jupiters. All this stays between us.",
        S,
    )
    assert all(not o.public for o in r.gives + r.demands) and len(r.gives + r.demands) == 2


def test_what_a_term_cannot_be_is_left_out_with_a_note(campaign):
    r = read(campaign, "We will lift the quarantine in secret.")
    assert r.gives == (Offer("lift_quarantine"),)
    assert any("cannot be done in secret" in n for n in r.notes)


def test_terms_off_the_table_are_noted_not_read(campaign):
    r = read(campaign, "We will lift the quarantine and stop the raids.", terms=["lift_quarantine"])
    assert r.gives == (Offer("lift_quarantine"),)
    assert any("not on the table" in n for n in r.notes)


def test_tone_and_answer(campaign):
    assert read(campaign, "We accept your proposal, in the hope of peace.").answer is Answer.ACCEPT
    assert read(campaign, "Your proposal is not acceptable.").answer is Answer.REJECT
    assert (
        read(campaign, "This is the last warning: grave consequences will follow.").tone is Tone.THREATENING
    )
    assert read(campaign, "We hope for peace and friendship.").tone is Tone.CONCILIATORY
    assert read(campaign, "I have your letter.").answer is None


def test_a_threat_is_read_where_a_shorter_cue_begins_before_it(campaign):
    # "we will" (the writer gives) starts first, but "will not hesitate" is the longer phrase: a threat
    for text in ("We will not hesitate to defend them.", "We will not hesitate."):
        assert read(campaign, text, S).tone is Tone.THREATENING, text


def test_standing_firm_is_not_a_threat(campaign):
    # B13: keeping the rockets until the other side moves refuses; it names nothing that will follow
    for side in (S, K):
        assert read(campaign, "Our rockets stay until you do.", side).tone is Tone.FIRM
    threat = "Our rockets stay. If you strike them, we will retaliate."
    assert read(campaign, threat, S).tone is Tone.THREATENING


def test_the_channel_the_words_name(campaign):
    text = "I send this through your ambassador: the Jupiters will go later."
    r = read(campaign, text)
    assert r.channel == "rfk_dobrynin" and text[slice(*r.channel_at)] == "your ambassador"
    assert read(campaign, "We will lift the quarantine.").channel is None


def test_words_only(campaign):
    r = read(campaign, "Mr. Chairman, I have received your message and will answer tomorrow.")
    assert r.found == () and r.gives == () and r.demands == ()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from([K, S]))
def test_any_text_reads_without_error_and_only_as_the_writer_may(text, side):
    s = catalog.get("cuban-missile-crisis")
    assert s.negotiation is not None
    r = reader_for(s).read(text, side)
    for f in r.found:
        assert f.give is (s.negotiation.term(f.term).giver is side)
        assert all(0 <= a < b <= len(text) for a, b in f.spans)
    assert len({o.term for o in r.gives + r.demands}) == len(r.gives + r.demands)


TERM_WORDS = [
    "lift the quarantine",
    "remove the missiles",
    "give assurances against an invasion of Cuba",
    "remove the Jupiters",
    "stop the raids",
    "end the flights over Cuba",
    "sign a peace treaty",
    "stop nuclear tests",
]
MODIFIERS = ["secretly", "publicly", "later", "at once", "within 10 days", "under UN supervision", "by air"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(TERM_WORDS), st.sampled_from(MODIFIERS)), min_size=1, max_size=4),
    st.sampled_from([K, S]),
)
def test_what_is_read_is_always_a_term_can_be(parts, side):
    """Whatever modifiers are written, a term read is never secret when it cannot be, nor checked
    when it cannot be verified, and 'within N days' keeps its N."""
    s = catalog.get("cuban-missile-crisis")
    assert s.negotiation is not None
    text = " ".join(f"We ask that you {words} {mod}." for words, mod in parts)
    for f in reader_for(s).read(text, side).found:
        term = s.negotiation.term(f.term)
        assert f.offer.public or not term.public_only
        assert f.offer.verification is Verification.NONE or term.verifiable
        assert f.offer.timing is not Timing.DAYS or f.offer.days == 10


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["lift the quarantine", "never invade Cuba", "remove the Jupiters"]), min_size=1)
)
def test_adding_a_refusal_never_adds_a_term(parts):
    s = catalog.get("cuban-missile-crisis")
    plain = reader_for(s).read("We will " + " and ".join(parts) + ".", K)
    refused = reader_for(s).read("We will not " + " and ".join(parts) + ".", K)
    assert set(refused.gives) <= set(plain.gives)


# ---- crisis validate checks the phrases ------------------------------------------------------------


def _scenario(tmp_path: Path, phrases: str) -> Path:
    """A scenario built on the bundled campaign, with these phrases."""
    path = tmp_path / "mine.yaml"
    path.write_text(
        f"format: 1\nid: mine\nextends: cuban-missile-crisis\ntitle: Mine\nsummary: Mine.\n{phrases}",
        encoding="utf-8",
    )
    return path


def test_validate_names_an_unknown_term_with_a_suggestion(tmp_path):
    path = _scenario(tmp_path, "phrases:\n  terms:\n    remove_jupiter: [turkish rockets]\n")
    messages = [p.message for p in problems_in(path)]
    assert any(
        "'remove_jupiter', which is not a term (did you mean 'remove_jupiters'?)" in m for m in messages
    )


def test_validate_finds_a_phrase_two_terms_claim(tmp_path):
    path = _scenario(
        tmp_path, "phrases:\n  terms:\n    remove_jupiters: [the rockets]\n    withdraw_missiles: [rockets]\n"
    )
    problems = problems_in(path)
    assert any("a letter could not tell them apart" in p.message for p in problems)
    assert all(p.file == str(path) and p.line > 1 for p in problems)


def test_validate_finds_a_cue_given_for_two_modifiers(tmp_path):
    path = _scenario(
        tmp_path, "phrases:\n  terms: {}\n  cues:\n    secret: [quietly]\n    later: [quietly]\n"
    )
    assert any("given for both 'secret' and 'later'" in p.message for p in problems_in(path))


def test_validate_finds_a_synonym_given_for_two_words(tmp_path):
    path = _scenario(
        tmp_path, "phrases:\n  terms: {}\n  synonyms:\n    missiles: [rockets]\n    bombers: [rockets]\n"
    )
    assert any(
        "synonym 'rockets' is given for both 'missiles' and 'bombers'" in p.message for p in problems_in(path)
    )


def test_validate_names_an_unknown_channel(tmp_path):
    path = _scenario(tmp_path, "phrases:\n  terms: {}\n  channels:\n    rfk_dobrinin: [my brother]\n")
    assert any("did you mean 'rfk_dobrynin'" in p.message for p in problems_in(path))


def test_validate_refuses_an_unknown_cue(tmp_path):
    path = _scenario(tmp_path, "phrases:\n  terms: {}\n  cues:\n    secrett: [quietly]\n")
    assert any("did you mean 'secret'" in p.message for p in problems_in(path))


def test_the_reader_does_no_io():
    for path in (Path(__file__).parent.parent / "game" / "reader").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("open(", "print(", "read_text", "write_text", "input(", "socket", "urllib"):
            assert word not in text, f"{path.name} uses {word}"


def test_a_phrase_does_not_reach_across_a_condition(campaign):
    """ "Our rockets stay until you remove yours" read as Moscow giving the missiles' removal: the
    phrase's words were taken from both sides of 'until'."""
    assert read(campaign, "Our rockets stay until you remove yours", S).gives == ()
    r = read(campaign, "We will remove the missiles if you pledge not to invade Cuba", S)
    assert [o.term for o in r.gives] == ["withdraw_missiles"]
    assert [o.term for o in r.demands] == ["no_invasion_pledge"]


def test_within_the_week_is_a_timing_and_or_we_will_a_threat(campaign):
    """Playtest: 'within the week' was no timing, and '..., or we will remove them ourselves' read firm."""
    r = read(campaign, "The missiles leave Cuba within the week, or we will remove them ourselves")
    assert [(o.term, o.days) for o in r.demands] == [("withdraw_missiles", 7)]
    assert r.tone is Tone.THREATENING


def test_a_modifier_that_opens_a_clause_speaks_of_what_follows_it(campaign):
    """Playtest E8: '... pledge not to invade Cuba and quietly take your Jupiter missiles out' read the
    pledge as secret and the Jupiters as public. A secrecy said after its term still goes to it."""
    r = read(
        campaign,
        "We will remove the missiles from Cuba if you pledge not to invade Cuba and quietly take your "
        "Jupiter missiles out of Turkey within six months.",
        S,
    )
    publicity = {o.term: o.public for o in r.demands}
    assert publicity == {"no_invasion_pledge": True, "remove_jupiters": False}
    r = read(  # play-test 9, J5: the same with the modifier between commas
        campaign,
        "We will remove the missiles from Cuba within 20 days under UN inspection if you pledge not to "
        "invade Cuba and, quietly, take your Jupiters out of Turkey within 6 months.",
        S,
    )
    assert {o.term: (o.public, o.days) for o in r.demands} == {
        "no_invasion_pledge": (True, 0),
        "remove_jupiters": (False, 180),
    }
    r = read(
        campaign, "You will pledge not to invade Cuba and do so in secret, and we will remove the missiles", S
    )
    assert [(o.term, o.public) for o in r.demands] == [("no_invasion_pledge", False)]


def test_one_verb_before_a_list_names_each_thing_in_it(campaign):
    """K4 (play-test 10): "remove the missiles and the IL-28 bombers from Cuba" read as the bombers
    alone, and a player who did not check the form sent a letter that never asked for the missiles."""
    for text in (
        "We will pledge not to invade Cuba if you remove the missiles and the IL-28 bombers from Cuba.",
        "We will lift the quarantine if you remove the missiles and the bombers.",
    ):
        asked = {o.term for o in read(campaign, text).demands}
        assert asked == {"withdraw_missiles", "withdraw_il28"}, text
    # a verb is shared only across a list: two phrases that merely overlap still go to the stronger
    alone = read(campaign, "We will pledge not to invade Cuba if you remove the IL-28 bombers.")
    assert {o.term for o in alone.demands} == {"withdraw_il28"}


def test_some_day_is_later_and_within_one_day_is_not(campaign):
    """K12 (play-test 10): "some day" and "one day" read as now."""
    for when in ("some day", "one day", "someday", "sooner or later"):
        r = read(campaign, f"We will remove the missiles from Cuba {when} if you pledge not to invade.", S)
        assert r.gives == (Offer("withdraw_missiles", timing=Timing.LATER),), when
    r = read(campaign, "We will remove the missiles from Cuba within one day if you pledge not to invade.", S)
    assert r.gives == (Offer("withdraw_missiles", timing=Timing.DAYS, days=1),)


@pytest.mark.parametrize(
    ("text", "later"),
    [
        # a leading 'in due course' speaks for the whole list after it
        (
            "We will in due course take the IL-28 bombers out of Cuba checked from the air (this in"
            " confidence) and send no more offensive weapons to Cuba.",
            {"withdraw_il28": Timing.LATER, "halt_shipments": Timing.LATER},
        ),
        # but not for a term with a timing of its own, nor past a new doer
        (
            "We will in due course take the IL-28 bombers out of Cuba and send no more offensive weapons"
            " to Cuba within 10 days.",
            {"withdraw_il28": Timing.LATER, "halt_shipments": Timing.DAYS},
        ),
        (
            "We will in due course take the IL-28 bombers out of Cuba, and you will lift the quarantine.",
            {"withdraw_il28": Timing.LATER, "lift_quarantine": Timing.NOW},
        ),
        # nor past a new subject without a cue of its own (the session's review)
        (
            "We will later take the bombers out and you lift the quarantine.",
            {"withdraw_il28": Timing.LATER, "lift_quarantine": Timing.NOW},
        ),
    ],
)
def test_a_leading_timing_goes_to_each_term_of_the_list_after_it(text, later):
    reading = read(catalog.get("il28-endgame"), text, S)
    assert {o.term: o.timing for o in (*reading.gives, *reading.demands)} == later
