"""Saves edited by hand (play-test 7, G24): each message names the file and, plainly, the edit: a
scenario id changed, a seed changed, the sides swapped; the file is left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import persistence as P
from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog

SIDES = {"kennedy": "human", "khrushchev": "pragmatist"}


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> bytes:
    """A campaign game of four turns, Khrushchev played by the pragmatist and Kennedy by a player who
    chooses otherwise: the bytes of its save."""
    s = catalog.get("cuban-missile-crisis")
    game = Game(s, 51011)
    while len(game.state.log) < 4:
        for side in game.sides_to_act():
            if side is Side.KENNEDY:
                game.apply(game.legal_moves(side)[-1])
            else:
                game.apply(POLICIES["pragmatist"](s, game.view(side), game.state.seed))
    return P.save(game, tmp_path_factory.mktemp("saves") / "game.json", sides=SIDES).read_bytes()


def edited(tmp_path: Path, played: bytes, edit) -> Path:  # type: ignore[no-untyped-def]
    doc = json.loads(played)
    edit(doc)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc, indent=1))
    return path


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (
            lambda doc: doc["scenario"].update(id="thirteen-days"),
            "this save's moves belong to the scenario 'cuban-missile-crisis', but its scenario id was "
            "changed to 'thirteen-days'",
        ),
        (
            lambda doc: doc.update(seed=51012),
            "the scenario is as it was, so its seed (51012) was most likely changed",
        ),
    ],
    ids=["scenario id", "seed"],
)
def test_an_edit_that_stops_the_replay_is_named(tmp_path, played, edit, said):
    path = edited(tmp_path, played, edit)
    before = path.read_bytes()
    with pytest.raises(P.SaveError) as err:
        P.load(path)
    message = str(err.value)
    assert message.startswith(f"cannot load {path}: ") and said in message
    assert "['" not in message  # no Python list
    assert path.read_bytes() == before


def test_sides_swapped_by_hand_are_named(tmp_path, played):
    swapped = {"kennedy": "pragmatist", "khrushchev": "human"}
    path = edited(tmp_path, played, lambda doc: doc["lines"][0].update(sides=swapped))
    before = path.read_bytes()
    loaded = P.load(path)
    (warning,) = loaded.meta.warnings
    assert "it gives Kennedy to the computer (pragmatist)" in warning and "the sides look swapped" in warning
    assert path.read_bytes() == before


def test_a_save_edited_without_changing_who_played_says_only_that(tmp_path, played):
    path = edited(tmp_path, played, lambda doc: doc.update(saved="2020-01-01T00:00:00Z"))
    assert P.load(path).meta.warnings == (
        "the file was edited after it was saved, but every move still replays",
    )
