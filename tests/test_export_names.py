"""A network game's export carries the names the students gave, and its replay names them (play-test
10, K13: 'Kennedy: a player · Khrushchev: a player' though the class report said 'ann', 'bob')."""

from __future__ import annotations

import json

import pytest

from game.ai.policies import POLICIES
from game.model import Side
from game.net.hub import Hub
from game.net.sqlite import SqliteStorage
from game.persistence.format import checksum

from .cli_support import run


@pytest.fixture
def exported(tmp_path, capsys):  # noqa: ANN201
    db, out = tmp_path / "t.db", tmp_path / "class-t.json"
    storage = SqliteStorage(db)
    try:
        hub = Hub(storage)
        table, _ = hub.create({"scenario": "thirteen-days", "seed": 3})
        for side, name in ((Side.KENNEDY, "ann"), (Side.KHRUSHCHEV, "bob")):
            hub.control(table, "name", {"side": side.value, "name": name})
            hub.apply(table, POLICIES["historical"](table.game.scenario, table.game.view(side), 1))
        code = table.code
    finally:
        storage.close()
    assert run(capsys, "export", code, "--db", db, "-o", out)[0] == 0
    return out


def test_an_exported_network_game_replays_with_its_players_names(exported, capsys):
    code, out, err = run(capsys, "replay", exported)
    assert code == 0, err
    assert "  Kennedy: ann · Khrushchev: bob\n" in out, out[:400]
    code, out, _ = run(capsys, "replay", exported, "--json")
    assert json.loads(out)["names"] == {"kennedy": "ann", "khrushchev": "bob"}


def test_a_crafted_name_in_a_save_is_refused(exported, capsys):
    doc = json.loads(exported.read_text())
    doc["lines"][0]["names"]["kennedy"] = "\x1b[2Jann"
    doc["checksum"] = checksum(doc)
    exported.write_text(json.dumps(doc))
    code, _, err = run(capsys, "replay", exported)
    assert code == 2 and "names.kennedy" in err and "Traceback" not in err, err


def test_an_exported_game_saved_again_keeps_its_players_names(exported):
    """The session's review: saving the loaded export again (as the game does after a turn) took the
    new line's empty names."""
    from game.persistence.saves import load, read, save

    loaded = load(exported)
    save(loaded.game, exported, sides={"kennedy": "human", "khrushchev": "human"})
    doc, _, intact = read(exported)
    assert intact and doc.lines[0].names == {"kennedy": "ann", "khrushchev": "bob"}
