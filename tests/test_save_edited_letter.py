"""A letter's words changed by hand in a save (playtest F8): the load names the letter, and the Saved
games list greys the file with that reason, without replaying it."""

from __future__ import annotations

import json

import pytest

from game import persistence as P
from game.ai.policies import POLICIES
from game.engine.match import Game
from game.persistence.format import checksum
from game.scenario import catalog

SIDES = {"kennedy": "human", "khrushchev": "pragmatist"}


def a_save_with_letters(folder, turns: int = 3):  # type: ignore[no-untyped-def]
    s = catalog.get("thirteen-days")
    game = Game(s, 11)
    while len(game.state.log) < turns:
        for side in game.sides_to_act():
            game.apply(POLICIES["pragmatist"](s, game.view(side), 11))
    path = P.save(game, folder / "thirteen-days-seed11.json", sides=SIDES)
    doc = json.loads(path.read_text())
    lettered = [i for i, e in enumerate(doc["lines"][0]["moves"]) if e["move"].get("letter")]
    assert lettered, "the game should have sent a letter"
    return path, doc, lettered[0]


def edit(path, doc, fix_checksum: bool = False) -> None:  # type: ignore[no-untyped-def]
    if fix_checksum:
        doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc, indent=1))


def letter_id(entry) -> str:  # type: ignore[no-untyped-def]
    return f"L{entry['turn']}{entry['move']['side'][1]}"


def test_a_letters_words_changed_by_hand_are_named_on_load(data_dir):
    path, doc, i = a_save_with_letters(data_dir / "saves")
    entry = doc["lines"][0]["moves"][i]
    entry["move"]["letter"]["text"] = "Words nobody sent."
    edit(path, doc)
    with pytest.raises(P.SaveError) as err:
        P.load(path)
    said = str(err.value)
    assert f"letter {letter_id(entry)}'s text differs from what was sent" in said, said
    assert "flags, decisions or dates" not in said


def test_a_letters_terms_changed_are_named_too(data_dir):
    path, doc, i = a_save_with_letters(data_dir / "saves")
    entry = doc["lines"][0]["moves"][i]
    entry["move"]["letter"]["tone"] = (
        "threatening" if entry["move"]["letter"].get("tone") != "threatening" else "firm"
    )
    edit(path, doc, fix_checksum=True)  # even with the checksum made to match
    loaded = P.load(path)
    assert loaded.stopped is not None
    assert f"letter {letter_id(entry)}'s terms, channel or tone differs" in loaded.stopped.reason


def test_the_saves_list_greys_a_file_whose_letter_was_edited(data_dir):
    path, doc, i = a_save_with_letters(data_dir / "saves")
    other = P.save(P.load(path).game, data_dir / "saves" / "untouched.json", sides=SIDES)
    doc["lines"][0]["moves"][i]["move"]["letter"]["text"] = "Words nobody sent."
    edit(path, doc)
    rows = {x.path.name: x for x in P.list_saves()}
    assert rows[path.name].problem is not None
    assert "text differs from what was sent" in rows[path.name].problem
    assert rows[other.name].problem is None


def test_a_save_written_before_letter_hashes_still_loads(data_dir):
    """Older saves have no `letters` in their turns: nothing to compare, and they load as before."""
    path, doc, _ = a_save_with_letters(data_dir / "saves")
    for turn in doc["lines"][0]["turns"]:
        turn.pop("letters", None)
    edit(path, doc, fix_checksum=True)
    assert P.load(path).stopped is None
    assert P.list_saves()[0].problem is None
