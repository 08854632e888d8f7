"""The quiet policies (ai/policies.py QUIET) play the very games the others play, only their letters
carry no words: explore, `simulate --runs` and `crisis validate` use them, so their tables must not
depend on it."""

from __future__ import annotations

import dataclasses
from itertools import product

import pytest

from game.ai.policies import POLICIES, QUIET, Policy
from game.engine.match import Game
from game.engine.state import Move
from game.model import SIDES, Scenario
from game.scenario import catalog

NEGOTIATORS = ("hawk", "dove", "pragmatist")


def _game(s: Scenario, table: dict[str, Policy], pair: tuple[str, str], seed: int) -> tuple[list[Move], str]:
    game, moves = Game(s, seed), []
    policies = dict(zip(SIDES, (table[pair[0]], table[pair[1]]), strict=True))
    while not game.is_over():
        for side in game.sides_to_act():
            moves.append(policies[side](s, game.view(side), seed))
            game.apply(moves[-1])
    out = game.outcome()
    assert out is not None
    return moves, out.ending


def _wordless(m: Move) -> Move:
    return dataclasses.replace(m, letter=dataclasses.replace(m.letter, text="")) if m.letter else m


@pytest.mark.parametrize("scenario", ["cuban-missile-crisis", "thirteen-days", "il28-endgame"])
def test_quiet_games_are_the_same_games(scenario: str) -> None:
    s = catalog.get(scenario)
    pairs = list(product(NEGOTIATORS, repeat=2)) + [("random", "pragmatist"), ("pragmatist", "historical")]
    seeds = (3,) if scenario == "cuban-missile-crisis" else (3, 11)
    worded = wordless = 0
    for pair, seed in product(pairs, seeds):
        loud, loud_end = _game(s, POLICIES, pair, seed)
        quiet, quiet_end = _game(s, QUIET, pair, seed)
        assert quiet_end == loud_end, (pair, seed)
        assert [_wordless(m) for m in quiet] == [_wordless(m) for m in loud], (pair, seed)
        worded += sum(bool(m.letter and m.letter.text) for m in loud)
        wordless += sum(bool(m.letter and not m.letter.text) for m in quiet)
    assert worded and wordless  # letters were written, and the quiet ones without their words


def test_quiet_letters_have_no_template_words() -> None:
    s = catalog.get("il28-endgame")
    moves, _ = _game(s, QUIET, ("pragmatist", "pragmatist"), 5)
    loud, _ = _game(s, POLICIES, ("pragmatist", "pragmatist"), 5)
    letters = [(q.letter, p.letter) for q, p in zip(moves, loud, strict=True) if q.letter is not None]
    assert letters
    # a quiet letter keeps at most the few words a deed adds (its reason), never the template's prose
    assert all(len(q.text) < len(p.text) or not p.text for q, p in letters)
