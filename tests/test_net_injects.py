"""Injects as moves: the engine records them, applies their effects when the turn resolves, and a save
of a game with injects replays to the same digests."""

from __future__ import annotations

import pytest

from game.ai.policies import POLICIES
from game.engine import injects
from game.engine.match import Game
from game.engine.state import GameState, Move
from game.model import IllegalMoveError, InjectKind, Side
from game.persistence.tree import move_log
from game.scenario import catalog


def _played(seed: int, sends: dict[int, list[Move]]) -> Game:
    s = catalog.get("thirteen-days")
    game = Game(s, seed)
    while not game.is_over():
        for move in sends.get(game.state.turn, ()) if not game.state.pending else ():
            game.apply(move)
        for side in game.sides_to_act():
            game.apply(POLICIES["pragmatist"](s, game.view(side), seed))
    return game


SENDS = {
    1: [injects.make(None, "u2_shot_down")],
    2: [injects.make(Side.KHRUSHCHEV, kind=InjectKind.RUMOUR, text="Moscow: the marshals are restless")],
}


def test_an_inject_counts_when_the_turn_resolves_and_only_its_audience_sees_it():
    s = catalog.get("thirteen-days")
    game = Game(s, 4)
    risk = game.state.track("risk")
    view = game.view(Side.KENNEDY)
    game.apply(injects.make(None, "u2_shot_down"))
    assert game.state.track("risk") == risk and game.view(Side.KENNEDY).legal == view.legal
    game.apply(injects.make(Side.KHRUSHCHEV, kind=InjectKind.NEWS, text="Pravda: peace is near"))
    assert [x.title for x in injects.seen(s, game.state, Side.KENNEDY)] == ["A U-2 is shot down over Cuba"]
    assert [x.text for x in injects.seen(s, game.state, Side.KHRUSHCHEV)][1] == "Pravda: peace is near"
    quiet = Game(s, 4)
    for side in game.sides_to_act():
        move = POLICIES["historical"](s, game.view(side), 4)
        game.apply(move)
        quiet.apply(move)
    assert game.state.track("risk") - quiet.state.track("risk") == 1  # the U-2's +1, once


def test_a_game_with_injects_replays_from_its_move_log_to_the_same_digest():
    game = _played(7, SENDS)
    assert len(game.state.injects) == 2
    again = Game(game.scenario, 7)
    for _, move in move_log(game.state):
        again.apply(move)
    assert again.state == game.state and again.state.digest() == game.state.digest()
    assert GameState.from_dict(game.state.to_dict()) == game.state
    # and the same game without the injects reaches another state: they are in the digest
    assert _played(7, {}).state.digest() != game.state.digest()


def test_a_save_with_injects_loads_and_replays(tmp_path):
    from game import persistence

    game = _played(2, SENDS)
    sides = {"kennedy": "pragmatist", "khrushchev": "pragmatist"}
    path = persistence.save(game, tmp_path / "class.json", sides=sides)
    loaded = persistence.load(path)
    assert loaded.stopped is None and loaded.game.state == game.state


def test_crisis_replay_shows_each_inject_on_its_turn(tmp_path, capsys):
    """Play-test 8, H12: the replay of a class table's game named no inject, though they moved its meters."""
    from game import persistence
    from game.cli import main

    game = _played(2, SENDS)
    path = persistence.save(game, tmp_path / "class.json", sides={"kennedy": "human", "khrushchev": "human"})
    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    said = [line.strip() for line in out.splitlines() if "INJECT" in line]
    u2 = catalog.get("thirteen-days").inject("u2_shot_down")
    assert said == [
        f"! INJECT ({u2.kind.value}, to both): {u2.title}: {u2.text}",
        "! INJECT (rumour, to Khrushchev): Moscow: the marshals are restless",
    ]
    turns = out.split("\n    2  ")  # the first turn's lines, then the second's
    assert "U-2 is shot down" in turns[0] and "marshals" in turns[1]


@pytest.mark.parametrize(
    ("move", "says"),
    [
        (Move(Side.KENNEDY, "inject:all:no_such_item"), "no inject 'no_such_item'"),
        (Move(Side.KENNEDY, "inject:castro:u2_shot_down"), "not an inject"),
        (Move(Side.KENNEDY, "inject:khrushchev:u2_shot_down"), "sent as khrushchev's"),
        (Move(Side.KENNEDY, "inject:all:gossip:psst"), "no kind of inject 'gossip'"),
        (Move(Side.KENNEDY, "inject:all:news:" + "x" * 401), "1 to 400 characters"),
        (Move(Side.KENNEDY, "inject:all:news:   "), "1 to 400 characters"),
    ],
)
def test_a_bad_inject_is_refused_with_a_reason(move, says):
    game = Game(catalog.get("thirteen-days"), 1)
    with pytest.raises(IllegalMoveError, match=says):
        game.apply(move)
    assert game.state.injects == ()


def test_crisis_replay_json_has_each_turns_injects_as_the_text_does(tmp_path, capsys):
    """`crisis replay --json` lacked the injects the text replay shows (H12's JSON half)."""
    import json

    from game import persistence
    from game.cli import main

    game = _played(2, SENDS)
    path = persistence.save(game, tmp_path / "class.json", sides={"kennedy": "human", "khrushchev": "human"})
    assert main(["replay", str(path), "--json"]) == 0
    turns = json.loads(capsys.readouterr().out)["turns"]
    u2 = catalog.get("thirteen-days").inject("u2_shot_down")
    assert turns[0]["injects"] == [
        {"id": "u2_shot_down", "kind": u2.kind.value, "to": "all", "title": u2.title, "text": u2.text}
    ]
    assert [(x["kind"], x["to"], x["text"]) for x in turns[1]["injects"]] == [
        ("rumour", "khrushchev", "Moscow: the marshals are restless")
    ]
    assert all(t["injects"] == [] for t in turns[2:])
