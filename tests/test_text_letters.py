"""The text game shows the other side's letters as they arrive and lets the player answer them."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from .cli_support import feed, run

GAME = ("play", "--text", "--as", "khrushchev", "--scenario", "thirteen-days", "--opponent", "pragmatist")
HEADLINE = "=" * 60


def _play(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lines: Iterable[str]) -> str:
    """The text game fed `lines`, then end of input; what it printed."""
    feed(monkeypatch, lines)
    code, out, err = run(capsys, *GAME, "--seed", 2301)
    assert code == 0 and "Traceback" not in out + err
    return out


def test_a_letter_that_arrives_is_shown_in_full_and_numbers_alone_still_reach_the_end(capsys, monkeypatch):
    out = _play(capsys, monkeypatch, ["1"] * 10)
    heads = re.findall(r"A LETTER FROM JOHN F\. KENNEDY \((\w+), ([^,]+), (\w+)\)", out)
    assert heads, "no letter from Kennedy was shown"
    letter = out.split("A LETTER FROM JOHN F. KENNEDY", 1)[1].split("\n\n", 1)[0]
    assert "offers:" in letter or "asks:" in letter  # what it offers and asks
    assert '"' in letter and "Kennedy" in letter.split('"', 1)[1]  # and its words, signed
    assert "'y' accepts its proposal" in out
    assert HEADLINE in out and "Game saved to" not in out  # ten numbers still play the game to its end


def test_y_accepts_the_newest_letter_with_the_decision(capsys, monkeypatch):
    out = _play(capsys, monkeypatch, ["y", "1"] * 12)  # 'y' before each decision: ignored until a letter
    accepted = re.search(r"You will accept letter (\w+) with your decision", out)
    assert accepted, out[-3000:]
    assert f"letter {accepted[1]} accepted)" in out  # the turn's report tells of the agreement
    assert HEADLINE in out


def test_x_rejects_and_an_unknown_letter_is_refused_with_a_reason(capsys, monkeypatch):
    out = _play(capsys, monkeypatch, ["y L99", "x", "1"] * 12)
    assert "No letter L99; letters you can answer: " in out  # play-test F18: was the generic hint
    assert re.search(r"You will reject letter \w+ with your decision", out)
    assert "AGREED" not in out.split(HEADLINE)[0]


def test_answering_with_no_letter_and_help_say_what_they_are(capsys, monkeypatch):
    """Play-test F18: 'y' and 'x' with no letter waiting gave the generic hint; '?' was no help."""
    prompts: list[str] = []
    answers = iter(["y", "x L99e", "?"])

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", ask)
    code, out, _ = run(capsys, *GAME, "--seed", 2301)
    assert code == 0
    assert out.count("No letter to answer: none waits for your answer now.") == 2
    assert "Type a number from 1" not in out
    assert "At the prompt:" in out and "y L3e" in out and "'?' for help" in out
    assert "(? help) >" in prompts[-1]


def test_every_line_fits_80_columns(capsys, monkeypatch):
    """Play-test 8, H14: lines were cut mid-word at 80 columns ('your deci / sion', 'a numb / er')."""
    monkeypatch.setenv("COLUMNS", "80")
    out = _play(capsys, monkeypatch, ["?", "y", "x L99", "p", "zz", *["y", "1"] * 12])
    long = [line for line in out.splitlines() if len(line) > 80 and "crisis " not in line]
    assert not long, long  # a command to paste back is kept whole on a line of its own


def test_two_players_at_one_terminal_are_not_told_of_an_opponent(capsys, monkeypatch):
    """K9 (play-test 10): `--text --as both` opened with "Opponent: pragmatist."."""
    feed(monkeypatch, ["q"])
    code, out, _ = run(capsys, "play", "--text", "--as", "both", "--scenario", "il28-endgame", "--seed", 5)
    assert code == 0
    assert "Opponent:" not in out and "two players at this terminal" in out
