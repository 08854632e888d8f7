"""What `crisis join` says on quitting fits an 80-column terminal with every command whole on a line of
its own (play-test at 80x24: "'crisis join http:" / "//127.0.0.1:36091 VXWDNY' takes it back")."""

from __future__ import annotations

import shlex

import pytest

from game.fold import fold
from game.net.client import Seat
from game.ui.remote import farewell

URL = "http://127.0.0.1:36091"


@pytest.mark.parametrize(
    ("over", "serve_again", "commands"),
    [
        (False, "", [f"crisis join {URL} VXWDNY"]),
        (False, "crisis serve --port 36091", ["crisis serve --port 36091", f"crisis join {URL} VXWDNY"]),
        (True, "", [f"crisis export VXWDNY --server {URL} -o VXWDNY.json"]),
    ],
)
def test_each_command_is_whole_on_its_own_line_at_80_columns(over, serve_again, commands):
    seat = Seat(URL, "VXWDNY", side="khrushchev", credential="c0ffee")
    lines = fold(farewell(seat, over, serve_again), 80, commands=("crisis",)).splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert [line.strip() for line in lines if line.startswith("  crisis ")] == commands, lines
    assert all(shlex.split(c)[0] == "crisis" for c in commands)


def test_a_seat_that_was_never_taken_says_nothing():
    assert farewell(Seat(URL, "VXWDNY"), False) == "" and farewell(None, True) == ""
