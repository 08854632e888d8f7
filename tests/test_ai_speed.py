"""What the negotiators remember from one decision to the next, and from game to game (the ladder of
bundles, the ways of writing each term, what the letters taught them), never changes a decision: a
game plays the same whatever was played before it, a decision is the one a fresh process would
make, and what a side believes of the other depends on what the letters say, not on their words."""

import dataclasses
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import sim
from game.ai import negotiator, writing
from game.ai.counterpart import Counterpart
from game.ai.policies import POLICIES
from game.diplomacy import Answer
from game.engine.match import Game, SideView
from game.model import Scenario, Side
from game.scenario import catalog
from game.scenario.load import load

KINDS = ("hawk", "dove", "pragmatist")
PAIRS = [(k, s) for k in KINDS for s in KINDS]
SCENARIOS = ("thirteen-days", "il28-endgame", "cuban-missile-crisis")


def _policies(pair: tuple[str, str]) -> dict:
    return {Side.KENNEDY: POLICIES[pair[0]], Side.KHRUSHCHEV: POLICIES[pair[1]]}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_game_plays_the_same_whatever_the_negotiators_played_before(scenario):
    # a scenario loaded anew is a negotiation nothing has been remembered for
    fresh = load(catalog.resolve(scenario))
    alone = {pair: sim.fingerprint(fresh, _policies(pair), range(3, 5))[0] for pair in reversed(PAIRS)}
    warm = load(catalog.resolve(scenario))
    for pair in PAIRS:
        sim.fingerprint(warm, _policies(pair), range(3))  # other games first
    assert {pair: sim.fingerprint(warm, _policies(pair), range(3, 5))[0] for pair in PAIRS} == alone


@settings(max_examples=20)
@given(
    scenario=st.sampled_from(SCENARIOS),
    pair=st.sampled_from(PAIRS),
    seed=st.integers(0, 10_000),
    picks=st.lists(st.integers(0, 200), min_size=1, max_size=4),
)
def test_a_decision_is_the_one_made_with_nothing_remembered(scenario, pair, seed, picks):
    s = catalog.get(scenario)
    policies = _policies(pair)
    game, made = Game(s, seed), []
    while not game.is_over():
        for side in game.sides_to_act():
            view = game.view(side)
            move = policies[side](s, view, seed)
            made.append((side, view, move))
            game.apply(move)
    for pick in picks:
        side, view, move = made[pick % len(made)]
        negotiator.forget()
        assert policies[side](s, view, seed) == move


@settings(max_examples=30)
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_a_decision_under_other_agreements_is_the_one_made_with_nothing_remembered(data, kind):
    # the same talks with an agreement fewer: other terms stand agreed, a term that needs one of
    # them is worth less, and other bundles are on the ladder
    s = catalog.get("cuban-missile-crisis")
    views = [v for v in _views(s.id) if v.agreements]
    view = views[data.draw(st.integers(0, len(views) - 1))]
    dropped = data.draw(st.integers(0, len(view.agreements) - 1))
    other = dataclasses.replace(view, agreements=view.agreements[:dropped] + view.agreements[dropped + 1 :])
    policy = POLICIES[kind]
    policy(s, view, 0)  # the talks as they were, remembered first
    remembered = policy(s, other, 0)
    negotiator.forget()
    assert policy(s, other, 0) == remembered


@cache
def _views(scenario: str) -> list[SideView]:
    """Views with letters in them, from a game of each pair."""
    s = catalog.get(scenario)
    out = []
    for number, pair in enumerate(PAIRS):
        game, policies = Game(s, number), _policies(pair)
        while not game.is_over():
            for side in game.sides_to_act():
                view = game.view(side)
                if any(m.sender is not side for m in view.letters):
                    out.append(view)
                game.apply(policies[side](s, view, number))
    return out


def _beliefs(s: Scenario, n, view: SideView) -> tuple:
    model = Counterpart(s, n, view)
    return model.shift, model.ways, model.floor


@st.composite
def _edited(draw, scenario: str) -> tuple[SideView, SideView]:
    """A view from a game, and the same view with one letter changed: its words, its answer, what
    it answers, or whether it has arrived."""
    views = _views(scenario)
    view = views[draw(st.integers(0, len(views) - 1))]
    letters = list(view.letters)
    i = draw(st.integers(0, len(letters) - 1))
    mail = letters[i]
    change = draw(st.sampled_from(["words", "answer", "reply_to", "delivered"]))
    if change == "words":
        letter = dataclasses.replace(mail.letter, text=draw(st.text(max_size=20)))
    elif change == "answer":
        letter = dataclasses.replace(mail.letter, answer=draw(st.sampled_from([None, *Answer])))
    elif change == "reply_to":
        letter = dataclasses.replace(
            mail.letter, reply_to=draw(st.sampled_from([None, *(m.id for m in letters)]))
        )
    else:
        mail = dataclasses.replace(mail, delivered=not mail.delivered)
        letter = mail.letter
    letters[i] = dataclasses.replace(mail, letter=letter)
    return view, dataclasses.replace(view, letters=tuple(letters))


@settings(max_examples=60)
@given(scenario=st.sampled_from(SCENARIOS[::2]), data=st.data())
def test_what_a_side_believes_of_the_other_is_what_the_letters_say(scenario, data):
    s = catalog.get(scenario)
    view, edited = data.draw(_edited(scenario))
    assert s.negotiation is not None
    _beliefs(s, s.negotiation, view)  # the letters as they were, remembered first
    remembered = _beliefs(s, s.negotiation, edited)
    negotiator.forget()
    assert _beliefs(s, s.negotiation, edited) == remembered
    # other words for the same terms teach the same (what is remembered is keyed by the terms)
    reworded = dataclasses.replace(
        edited,
        letters=tuple(
            dataclasses.replace(m, letter=dataclasses.replace(m.letter, text="")) for m in edited.letters
        ),
    )
    assert _beliefs(s, s.negotiation, reworded) == remembered


@settings(max_examples=40)
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_a_letter_written_after_other_words_of_its_own_is_the_one_written_with_nothing_remembered(data, kind):
    # what a side's letters already said (templates used up, reasons given) is remembered from one
    # decision to the next by their words: other words in one of them are read afresh
    s = catalog.get("cuban-missile-crisis")
    views = [
        v for v in _views(s.id) if sum(m.sender is v.side and m.letter.text != "" for m in v.letters) >= 2
    ]
    view = views[data.draw(st.integers(0, len(views) - 1))]
    own = [i for i, m in enumerate(view.letters) if m.sender is view.side and m.letter.text]
    i, j = data.draw(st.permutations(own))[:2]
    letters = list(view.letters)
    words = data.draw(st.sampled_from([letters[j].letter.text, "", letters[i].letter.text[:40]]))
    letters[i] = dataclasses.replace(letters[i], letter=dataclasses.replace(letters[i].letter, text=words))
    other = dataclasses.replace(view, letters=tuple(letters))
    policy = POLICIES[kind]
    policy(s, view, 0)  # the letters as they were, remembered first
    remembered = policy(s, other, 0)
    negotiator.forget()
    assert policy(s, other, 0) == remembered


def test_letters_are_the_same_when_what_the_writer_remembers_fills_and_starts_again(monkeypatch):
    s = catalog.get("cuban-missile-crisis")
    policies = _policies(("pragmatist", "dove"))
    negotiator.forget()
    roomy = sim.fingerprint(s, policies, range(3))[0]
    monkeypatch.setattr(writing, "SEEN", 2)  # runs of letters, and texts, forgotten every few
    monkeypatch.setattr(writing, "CUES", 3)
    negotiator.forget()
    assert sim.fingerprint(s, policies, range(3))[0] == roomy
