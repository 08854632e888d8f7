"""`crisis play --load` on an ended game opens it to read its ending, as Saved games does (play-test 10,
K15: the command refused with 'use --branch-at TURN ... or crisis replay' while Saved games opened it)."""

from __future__ import annotations

from game import sim
from game.ai.policies import POLICIES
from game.cli import play
from game.model import SIDES
from game.persistence import save
from game.scenario import catalog

from .cli_support import run

SIDES_SAVED = {"kennedy": "human", "khrushchev": "pragmatist"}


def ended(tmp_path):  # noqa: ANN001, ANN201
    game = sim.play(catalog.get("thirteen-days"), {side: POLICIES["pragmatist"] for side in SIDES}, 2)
    assert game.is_over()
    return game, save(game, tmp_path / "ended.json", sides=SIDES_SAVED)


def test_the_text_game_opens_an_ended_save_on_its_ending(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    game, path = ended(tmp_path)
    before = path.read_bytes()
    code, out, err = run(capsys, "play", "--text", "--load", path, "--as", "kennedy")
    assert code == 0, err
    assert game.outcome().headline in out and "is over; use" not in err
    assert path.read_bytes() == before


def test_the_screen_opens_an_ended_save_as_saved_games_does(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    game, path = ended(tmp_path)
    opened = {}
    monkeypatch.setattr(play, "_screen", lambda **kw: opened.update(kw) or 0)
    code, _, err = run(capsys, "play", "--load", path)
    assert code == 0, err
    assert opened["game"].state == game.state and opened["source"] == path
    assert "over" in err  # told what it opens, and how to play it differently
