"""A new game is a new save file, even with a seed played before: never a branch of another game (B11)."""

from __future__ import annotations

import asyncio
import json

from game import persistence as P
from game import textplay
from game.engine.match import Game
from game.model import Side
from game.ui.screens.desk import GameScreen

from .test_ui_support import make_app, settle, tap

ONE_HUMAN = {"kennedy": "human", "khrushchev": "historical"}


def _lines(path):
    return [(x.id, x.parent) for x in P.lines(path)]


def test_the_same_seed_played_again_gets_a_file_of_its_own(mini, data_dir):
    paths = []
    for _ in range(3):
        game = Game(mini, 2)
        game.apply(game.legal_moves(Side.KENNEDY)[0])
        game.apply(game.legal_moves(Side.KHRUSHCHEV)[0])
        paths.append(P.autosave(game, sides=ONE_HUMAN))
        game.apply(game.legal_moves(Side.KENNEDY)[-1])
        game.apply(game.legal_moves(Side.KHRUSHCHEV)[-1])
        assert P.autosave(game, sides=ONE_HUMAN) == paths[-1]  # then every turn to that file
    assert [p.name for p in paths] == ["mini-seed2.json", "mini-seed2-2.json", "mini-seed2-3.json"]
    for path in paths:
        assert _lines(path) == [("main", None)]


def test_a_game_cut_from_a_saved_one_is_a_branch_in_its_file(mini, data_dir):
    from game.engine.match import cut

    game = Game(mini, 4)
    while len(game.state.log) < 2:
        for side in game.sides_to_act():
            game.apply(game.legal_moves(side)[0])
    path = P.autosave(game, sides=ONE_HUMAN)
    again = cut(game, 2)
    P.share_home(again, game)
    for side in again.sides_to_act():
        again.apply(again.legal_moves(side)[-1])
    assert P.autosave(again, sides=ONE_HUMAN) == path
    assert _lines(path) == [("main", None), ("b1", "main")]
    assert list((data_dir / "saves").iterdir()) == [path]


def test_text_mode_twice_with_one_seed_writes_two_games(data_dir, capsys):
    for _ in range(2):
        answers = iter(["1", "1", "q"])
        assert textplay.run("thirteen-days", "kennedy", "pragmatist", 77, lambda _, a=answers: next(a)) == 0
    out = capsys.readouterr().out
    saves = sorted((data_dir / "saves").iterdir())
    assert [p.name for p in saves] == ["thirteen-days-seed77-2.json", "thirteen-days-seed77.json"]
    played = [json.loads(path.read_text())["lines"][0]["turns"] for path in saves]
    assert played[0] and played[0] == played[1]  # the same game twice: two files, each all of it
    for path in saves:
        assert _lines(path) == [("main", None)]
        assert f"resume it with: crisis play --load {path.name}" in out  # in the saves folder: its name


def test_the_tui_twice_with_one_seed_writes_two_games(tmp_path, data_dir):
    async def one_turn():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=77)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            for _ in range(40):
                if app.match.game.state.log:
                    break
                await tap(pilot, "1" if isinstance(app.screen, GameScreen) else "enter")
                if isinstance(app.screen, GameScreen) and app.screen.query("#decision-list"):
                    await tap(pilot, "enter")
            assert app.match.game.state.log
            return app.match.saved_to

    first, second = asyncio.run(one_turn()), asyncio.run(one_turn())
    assert first != second and first.parent == second.parent == data_dir / "saves"
    assert second.name == "thirteen-days-seed77-2.json"
    assert _lines(first) == _lines(second) == [("main", None)]
