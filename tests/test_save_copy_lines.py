"""'Play on in a copy' copies the whole save: the original's lines, and the game played on among them
(play-test 10, K13: a copy of a branch held only the branch, as its line 'main')."""

from __future__ import annotations

from game import persistence as P
from game.engine.match import Game
from game.persistence.saves import lines, save_copy
from game.scenario import catalog

SIDES = {"kennedy": "human", "khrushchev": "pragmatist"}


def test_a_copy_of_a_branch_keeps_the_originals_lines_and_opens_on_the_branch(tmp_path):
    game = Game(catalog.get("thirteen-days"), 5)
    while len(game.state.log) < 3:
        for side in game.sides_to_act():
            game.apply(game.legal_moves(side)[0])
    original = P.save(game, tmp_path / "game.json", sides=SIDES)
    before = original.read_bytes()
    branched = P.branch(original, 2).game
    for side in branched.sides_to_act():
        branched.apply(branched.legal_moves(side)[-1])
    copy = save_copy(branched, original, sides=SIDES)
    assert copy == tmp_path / "game-copy.json" and original.read_bytes() == before
    held = {x.id: x for x in lines(copy)}
    assert sorted(held) == ["b1", "main"], held
    assert held["main"].turns == 3 and held["b1"].parent == "main" and held["b1"].branch_at == 2
    assert P.load(copy).game.state.log == branched.state.log  # a plain load opens the branch
    assert P.load(copy, line="main").game.state.log == game.state.log


def test_a_copy_of_an_altered_save_holds_only_the_game_played_on(tmp_path):
    """The session's review: the copy took the lines of an original altered since it was saved, under
    a fresh checksum of its own; now it holds the game alone, as a save into that file would refuse."""
    import json

    game = Game(catalog.get("thirteen-days"), 5)
    while len(game.state.log) < 2:
        for side in game.sides_to_act():
            game.apply(game.legal_moves(side)[0])
    original = P.save(game, tmp_path / "game.json", sides=SIDES)
    doc = json.loads(original.read_text())
    doc["lines"][0]["label"] = "edited by hand"  # the checksum no longer matches
    original.write_text(json.dumps(doc))
    copy = save_copy(game, original, sides=SIDES)
    held = lines(copy)
    assert [x.id for x in held] == ["main"] and held[0].label != "edited by hand"
