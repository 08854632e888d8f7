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
