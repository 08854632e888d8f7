"""A saved game played on: the player takes a side, and across the table sits the policy that played the
other side in the save; a game the computer played on both sides (`crisis simulate --save`) is taken
over on one side, not opened as a game for two players."""

from __future__ import annotations

from game import persistence as P
from game.seats import Seats, seats
from game.ui.screens.saves import open_saved

from .cli_support import feed, run

SIMULATED = {"kennedy": "hawk", "khrushchev": "dove"}


def test_a_game_the_computer_played_is_taken_over_on_kennedys_side_against_the_other_policy():
    taken = seats(SIMULATED)
    assert (taken.side, taken.opponent) == ("kennedy", "dove")
    assert "played by the computer (Kennedy: hawk, Khrushchev: dove)" in taken.note
    assert "--as khrushchev" in taken.note
    assert seats(SIMULATED, "khrushchev") == Seats(
        "khrushchev", "hawk"
    )  # the side asked for, said by the player
    assert seats(SIMULATED, "both").side == "both"


def test_a_game_a_person_played_keeps_its_seats():
    played = {"kennedy": "human", "khrushchev": "pragmatist"}
    assert seats(played) == Seats("kennedy", "pragmatist")
    assert seats({"kennedy": "pragmatist", "khrushchev": "human"}) == Seats("khrushchev", "pragmatist")
    assert seats(played, "khrushchev", default="dove") == Seats(
        "khrushchev", "dove"
    )  # a person's seat: --opponent
    assert seats({"kennedy": "human", "khrushchev": "human"}).side == "both"


def _simulated(capsys, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "sim.json"
    code, _, err = run(
        capsys, "simulate", "--scenario", "il28-endgame", "--kennedy", "hawk", "--khrushchev", "dove",
        "--seed", 4, "--save", path,
    )  # fmt: skip
    assert code == 0 and path.exists(), err
    return path


def test_a_simulated_save_played_on_in_the_text_game_says_what_it_is_and_seats_the_policy(
    capsys, tmp_path, monkeypatch
):
    path = _simulated(capsys, tmp_path)
    feed(monkeypatch, ["1", "q"])
    code, out, err = run(capsys, "play", "--load", path, "--branch-at", 2, "--text")
    assert code == 0 and "resuming on" in out
    assert "this game was played by the computer (Kennedy: hawk, Khrushchev: dove)" in err
    assert "you take Kennedy's side against Khrushchev's dove" in err
    branch = P.load(path).meta.sides  # the new line, as the file now holds it
    assert branch == {"kennedy": "human", "khrushchev": "dove"}


def test_a_simulated_save_opened_from_saved_games_is_one_side_against_its_policy(capsys, tmp_path):
    setup, game = open_saved(str(_simulated(capsys, tmp_path)), True)
    assert game.is_over()
    assert (setup.side, setup.opponent) == ("kennedy", "dove")  # not "both": no second player to hand over to
