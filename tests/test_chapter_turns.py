"""The turns a chapter has left are told honestly (play-test 7, G20: "2 turns left in this chapter",
and Vienna accepted ended the chapter after one): a chapter that can end early has "at most" so many,
and over seeded games no count claims more than the game then knew."""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest

from game.ai.policies import QUIET
from game.chapter_turns import ends_early, turns_left
from game.engine.match import Game
from game.model import SIDES, Scenario
from game.scenario import catalog
from game.scenario.load import load

from .conftest import FIXTURES

CLAIM = re.compile(r"(at most )?(\d+) turns left|the chapter's last turn")


def _claims(s: Scenario, per_pair: int) -> list[tuple[str, int, str]]:
    """(what the player is told at the start of a turn, the turns the chapter then really lasted, this
    one counted, where) over seeded games of every pair of policies."""
    out = []
    for k, (a, b) in enumerate(product(sorted(QUIET), repeat=2)):
        policies = dict(zip(SIDES, (QUIET[a], QUIET[b]), strict=True))
        for n in range(per_pair):
            seed = 300 + k * per_pair + n
            game = Game(s, seed)
            told: list[tuple[str, str]] = []  # this chapter's turns so far: what was said, where
            while not game.is_over():
                st = game.state
                view = game.view(SIDES[0])
                told.append((turns_left(s, st.phase, view.turns_left), f"{a} v {b} seed {seed} {st.date}"))
                for side in game.sides_to_act():
                    game.apply(policies[side](s, game.view(side), seed))
                if game.is_over() or game.state.phase != st.phase or game.state.phase_turn == 0:
                    out += [(said, len(told) - i, where) for i, (said, where) in enumerate(told)]
                    told = []
    return out


@pytest.mark.parametrize("sid", ["cuban-missile-crisis", "thirteen-days", "il28-endgame"])
def test_no_count_of_turns_left_claims_more_than_the_game_knew(sid):
    claims = _claims(catalog.get(sid), per_pair=2)
    assert claims
    for said, lasted, where in claims:
        m = CLAIM.fullmatch(said.removesuffix(" in this chapter"))
        assert m, said
        if m.group(0) == "the chapter's last turn":
            assert lasted == 1, (said, lasted, where)
        elif m.group(1):  # at most
            assert lasted <= int(m.group(2)), (said, lasted, where)
        else:  # a certain count
            assert lasted == int(m.group(2)), (said, lasted, where)


def test_the_campaigns_first_chapter_says_at_most_two_turns():
    """The play-test's case: the chapter ends early if the summit is agreed."""
    s = catalog.get("cuban-missile-crisis")
    view = Game(s, 51011).view(SIDES[0])
    assert ends_early(s, "aftermath")
    assert turns_left(s, view.phase, view.turns_left) == "at most 2 turns left in this chapter"


def test_a_chapter_that_can_end_only_at_its_deadline_gives_a_certain_count(tmp_path: Path):
    """Make the mini scenario's first chapter leave only at its deadline: it then has exactly its turns."""
    src = (FIXTURES / "mini.yaml").read_text()
    for when in ("when: risk >= 10", "when: secret_offer"):
        assert when in src
        src = src.replace(when, when.replace("when: ", "when: deadline and "), 1)
    path = tmp_path / "fixed.yaml"
    path.write_text(src)
    s = load(path)
    first = s.start.phase
    assert not ends_early(s, first) and ends_early(load(FIXTURES / "mini.yaml"), first)
    assert turns_left(s, first, 2) == "3 turns left in this chapter"
    assert turns_left(s, first, 2, "") == "3 turns left"
    assert turns_left(s, first, 0, "") == "last turn"


def test_the_text_game_says_it_as_the_desk_does(capsys):
    from game import textplay

    s = catalog.get("cuban-missile-crisis")
    game = Game(s, 51011)
    textplay._human_move(game, SIDES[0], lambda prompt: "1")
    assert "(at most 2 turns left in this chapter)" in capsys.readouterr().out
