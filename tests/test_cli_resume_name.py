"""The command printed on leaving a game fits an 80-column terminal however long the data folder's path
(a path over 80 columns was wrapped by the terminal inside a word: '.../cuban-missile-cris' /
'is-seed59262.json'): a game in the saves folder is named by its file name, which `crisis play --load`,
`replay` and `report` find there from any folder."""

from __future__ import annotations

import json

from game.cli import main
from game.fold import fold
from game.launch import Launch
from game.persistence.files import saved_game, typed_name
from game.ui.session import Match
from game.ui.setup import Setup

from .test_ui_support import MINI

LONG = "a-rather-long-folder-name-for-the-data/" * 3  # about 120 columns of path before the save's name


def _match(turns: int | None) -> Match:
    """A mini game played by its first moves, `turns` turns (None: to its end), saved every turn."""
    match = Match.start(Setup(MINI, "kennedy", "historical", 3, True))
    game = match.game
    while not game.is_over() and (turns is None or len(game.state.log) < turns):
        for side in game.sides_to_act():
            match.apply(game.legal_moves(side)[0])
    return match


def _commands(words: str) -> list[str]:
    """The lines of the farewell at 80 columns that hold a command (after 'with: ', 'or: ', ...)."""
    lines = fold(words, 80, commands=("crisis", "make play")).splitlines()
    return [line for line in lines if "crisis " in line]


def test_the_resume_command_fits_80_columns_and_opens_the_same_game(tmp_path, monkeypatch, capsys):
    data = tmp_path / LONG
    monkeypatch.setenv("CRISIS_DATA_DIR", str(data))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)
    match = _match(1)
    saved = match.saved_to
    assert saved is not None and len(str(saved)) > 80
    words = match.farewell(Launch("crisis"))
    assert words is not None and f"Saved to {saved}" in words  # where it is, in full
    commands = _commands(words)
    assert commands == [f"Resume with: crisis play --load {saved.name}"], words
    assert all(len(line) <= 80 for line in commands)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the name opens the game from any folder
    assert saved_game(saved.name) == str(saved) and saved_game(saved.stem) == str(saved)
    assert main(["replay", saved.stem, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["turns"]) == 1


def test_an_ended_games_commands_fit_and_a_file_of_that_name_here_is_not_taken_for_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / LONG))
    monkeypatch.chdir(tmp_path)
    match = _match(None)
    saved = match.saved_to
    assert saved is not None and match.game.is_over()
    words = match.farewell(Launch("crisis"))
    assert words is not None
    assert f"crisis replay {saved.name}" in words and f"crisis report {saved.name} --format html" in words
    assert all(len(line) <= 80 for line in _commands(words))
    (tmp_path / saved.name).write_text("{}")  # another file of that name here: the path, in full
    assert typed_name(saved) == str(saved)
    assert f"crisis replay {saved}" in (match.farewell(Launch("crisis")) or "")
    assert saved_game(saved.name) == saved.name  # the file here is the one named


def test_a_save_outside_the_saves_folder_keeps_its_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine" / "game.json"
    mine.parent.mkdir()
    assert typed_name(mine) == str(mine)
    assert saved_game("mine/game.json") == "mine/game.json" and saved_game("nothing") == "nothing"
