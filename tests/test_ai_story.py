"""The AI's deeds and letters tell one story, in its personality's character (issue 10; B3, B6, B7)."""

import pytest

from game.ai.policies import POLICIES, historical
from game.diplomacy import Tone
from game.engine.match import Game
from game.engine.state import Move
from game.model import Kind, Side, Stance
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV
SEEDS = [909, 2828, 6464, 1212, 1313, 1515, *range(12)]
"""The playtest's seeds, and a dozen more."""


@pytest.fixture(scope="module")
def days():
    return catalog.get("thirteen-days")


def first_option(s, view, seed) -> Move:
    """The player who types 1 every turn (the playtest's `yes 1 | crisis play --text`)."""
    return view.legal[0]


def play(s, policies, seed) -> Game:
    game = Game(s, seed, objectives=True)  # as `crisis play` plays it
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(policies[side](s, game.view(side), seed))
    return game


def test_a_dove_takes_the_deal_on_the_table_at_the_deadline(days):
    """B3: Kennedy answers the first letter on Oct 27 (the historical line); the dove Khrushchev, with
    the deal on the table and the last turn on him, takes it rather than leave the missiles in Cuba."""
    endings = {seed: play(days, {K: first_option, S: POLICIES["dove"]}, seed).outcome() for seed in SEEDS}
    stayed = [seed for seed, out in endings.items() if out.ending == "missiles_stay"]
    assert not stayed, f"the missiles stayed in seeds {stayed}"
    settled = [seed for seed, out in endings.items() if days.ending(out.ending).kind is Kind.SETTLEMENT]
    assert len(settled) >= len(SEEDS) - 2  # a war by accident may still come first


def test_a_dove_kennedy_sets_no_deadlines(days):
    """B6: a dove does not raise the stakes to come out ahead: no private deadline on the first day,
    no 'Promise nothing; set a deadline' on Black Saturday, whatever Moscow does."""
    for seed in SEEDS:
        game = play(days, {K: POLICIES["dove"], S: first_option}, seed)
        raised = [
            (rec.date, m.decision)
            for rec in game.state.log
            for m in rec.moves
            if m.side is K
            and days.decision(m.decision).stance is Stance.HAWK
            and any(
                e.name == "risk" and e.value is None and e.delta > 0
                for e in days.decision(m.decision).effects
            )
        ]
        assert not raised, (seed, raised)


def test_the_historical_policy_writes_its_letters_to_an_ai(days):
    """The historical Kennedy sends his Oct 27 reply to an AI Khrushchev who never wrote the Oct 26
    letter: the same terms, proposed afresh."""
    for seed in range(3):
        game = play(days, {K: historical, S: POLICIES["pragmatist"]}, seed)
        real = {m.letter.real for m in game.state.mail if m.sender is K}
        assert "oct27_kennedy_reply" in real, seed
        reply = next(m for m in game.state.mail if m.letter.real == "oct27_kennedy_reply")
        assert reply.letter.answer is None and reply.letter.reply_to is None
        assert {o.term for o in reply.letter.demands} >= {"withdraw_missiles"}


def test_the_historical_line_still_answers_its_own_letters(days):
    """Between two historical sides the letters answer each other as they did."""
    game = play(days, {K: historical, S: historical}, 1)
    reply = next(m for m in game.state.mail if m.letter.real == "oct27_kennedy_reply")
    first = next(m for m in game.state.mail if m.letter.real == "oct26_knot_of_war")
    assert reply.letter.reply_to == first.id


def test_a_deadline_given_by_deed_comes_with_a_letter_that_says_what_it_asks(days):
    """B7: the hawk's 'Give Moscow a private deadline' came with no letter. A once-only hawkish deed
    the scenario gives words for is never done in silence: a threat that names what would stop it."""
    words = days.negotiation.reasons[K]
    seen = 0
    for seed in range(12):
        for other in ("pragmatist", "dove"):
            game = play(days, {K: POLICIES["hawk"], S: POLICIES[other]}, seed)
            for rec in game.state.log:
                move = next(m for m in rec.moves if m.side is K)
                if move.decision not in ("private_ultimatum", "hard_ultimatum"):
                    continue
                seen += 1
                assert move.letter is not None, (seed, other, rec.date, move.decision)
                assert move.letter.tone is Tone.THREATENING and move.letter.demands
                assert any(w in move.letter.text for w in words[move.decision])
    assert seen >= 12


def test_the_letter_beside_a_deed_says_what_the_deed_means(days):
    """B7: 'Say nothing to Gromyko' beside a firm letter to the Chairman. Every letter an AI sends
    beside a deed the scenario gives words for says them ('I said nothing of this to Mr. Gromyko
    today; what I have to say to your government I say to you alone'), so deed and letter tell one
    story."""
    reasons = days.negotiation.reasons
    seen = set()
    for seed in range(6):
        for k, x in (
            ("pragmatist", "hawk"),
            ("hawk", "pragmatist"),
            ("dove", "pragmatist"),
            ("pragmatist", "dove"),
        ):
            game = play(days, {K: POLICIES[k], S: POLICIES[x]}, seed)
            for rec in game.state.log:
                for move in rec.moves:
                    words = reasons[move.side].get(move.decision, ())
                    if words and move.letter is not None:
                        seen.add(move.decision)
                        assert any(w in move.letter.text for w in words), (seed, k, x, move)
    assert seen


def test_saying_nothing_to_gromyko_is_said_in_the_letter_beside_it(days):
    """B7's case itself: the pragmatist Kennedy's firm letter written the day he says nothing to
    Gromyko says so, before its closing."""
    from game.ai.negotiator import Negotiator, Plan
    from game.engine.letters import Letter, Offer

    game = Game(days, 1)
    seat = Negotiator(days, game.view(K), 1, "pragmatist")
    text = "Dear Mr. Chairman: I propose that you withdraw the missiles. Sincerely, Kennedy"
    letter = Letter("private_letter", Tone.FIRM, demands=(Offer("withdraw_missiles"),), text=text)
    out = seat.beside(Plan("propose", letter), "keep_counsel_gromyko").letter
    words = days.negotiation.reasons[K]["keep_counsel_gromyko"]
    assert out is not None and out.demands == letter.demands
    assert any(w in out.text for w in words) and out.text.endswith("Sincerely, Kennedy")
    silent = seat.beside(Plan("wait", None), "keep_counsel_gromyko")
    assert silent.letter is None  # silence is not broken by a letter of its own


def test_a_dove_does_not_give_in_for_nothing_at_a_deadline(days):
    """The dove takes a deal at the deadline, not a retreat with nothing in return: against the
    hawk's written private deadline it no longer pulls the missiles out quietly at the ExComm's end."""
    for seed in range(10):
        game = play(days, {K: POLICIES["hawk"], S: POLICIES["dove"]}, seed)
        assert game.outcome().ending != "soviet_retreat" or game.state.turn > 4, (seed, game.state.turn)
