"""Personalities write in their own voice (the scenario's `voices:`, playtest N6): the hawk's and the
dove's letters were word for word the same."""

from dataclasses import replace

import pytest

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog
from game.scenario.lint import lint

KINDS = ("hawk", "dove", "pragmatist")


@pytest.fixture(scope="module")
def thirteen():
    return catalog.get("thirteen-days")


def _letters(s, side, kind, seeds):
    """Every text `kind` wrote as `side` against the historical other side, over `seeds`."""
    texts = []
    for seed in seeds:
        game = Game(s, seed)
        policies = {side: POLICIES[kind], side.other: POLICIES["historical"]}
        while not game.is_over():
            for who in game.sides_to_act():
                move = policies[who](s, game.view(who), seed)
                game.apply(move)
                if who is side and move.letter is not None and move.letter.text:
                    texts.append(move.letter.text)
    return texts


@pytest.mark.parametrize("side", list(Side), ids=lambda side: side.value)
def test_each_personality_says_only_its_own_words_and_the_first_letters_differ(thirteen, side):
    voices = thirteen.negotiation.voices
    firsts = {}
    for kind in KINDS:
        texts = _letters(thirteen, side, kind, range(4))
        assert texts, kind
        for text in texts:
            for words, kinds in voices.items():
                assert not (words in text and kind not in kinds), (kind, words)
        firsts[kind] = texts[0]
    assert firsts["hawk"] != firsts["dove"], firsts


def test_a_voice_on_words_no_template_has_or_a_personality_unknown_is_reported(thirteen):
    n = thirteen.negotiation
    voices = {**n.voices, "Words in no letter": ("hawk",), "We do not ask for charity": ("owl",)}
    bad = replace(n, voices=voices)
    said = " ".join(str(p) for p in lint(replace(thirteen, negotiation=bad)))
    assert "'Words in no letter' is in no template" in said
    assert "names 'owl', not a personality (dove, hawk, pragmatist)" in said


def test_voices_that_leave_a_personality_no_words_for_a_letter_are_reported(thirteen):
    """A dove's proposal that only asks was written as no words at all when every such template was
    the hawk's: `crisis validate` names the personality, side, intent and shape left without words."""
    n = thirteen.negotiation
    asks_only = [t for t in n.templates[Side.KENNEDY]["propose"] if "{demands}" in t and "{gives}" not in t]
    voices = {**n.voices, **{t[:40]: ("hawk",) for t in asks_only}}
    said = " ".join(str(p) for p in lint(replace(thirteen, negotiation=replace(n, voices=voices))))
    assert "the dove has no kennedy 'propose' template naming {demands}" in said
    assert "the pragmatist has no kennedy 'propose' template naming {demands}" in said
    assert "the hawk has no" not in said


def test_every_template_of_an_intent_is_told_apart_from_the_others_once_used(thirteen):
    """The writer marks a template used by the words it opens with; every dated template opened
    'Washington, ' (or 'Moscow, '), so one dated letter marked them all used (letters3's finding)."""
    from game.ai.writing import _opening

    for side, intents in thirteen.negotiation.templates.items():
        for intent, texts in intents.items():
            openings = [_opening(t) for t in texts]
            assert len(set(openings)) == len(openings), (side, intent)
            for t, o in zip(texts, openings, strict=True):
                assert len(o) >= 20 and o in t
