"""`crisis read-letter`: the reader's findings on the command line, as text and as JSON."""

import io
import json
import sys

from game.cli import main

LETTER = "We will lift the quarantine at once, if you remove the missiles under UN supervision."


def test_text_names_each_term_and_the_words_it_came_from(capsys):
    assert main(["read-letter", "--as", "kennedy", LETTER]) == 0
    out = capsys.readouterr().out
    assert "gives    Lift the quarantine (public, now)" in out
    assert "asks     Remove the missiles from Cuba (public, now, UN check)" in out
    assert "'under UN supervision'" in out


def test_json_gives_the_offers_the_engine_takes(capsys):
    assert main(["read-letter", "--as", "khrushchev", "--json", "We will never remove the rockets."]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["writer"] == "khrushchev"
    assert data["gives"] == [] and data["refused"] == ["withdraw_missiles"]
    assert data["found"][0]["words"] == ["remove", "rockets"]


def test_reads_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Stop the raids from Florida."))
    assert main(["read-letter", "--as", "khrushchev", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["demands"][0]["term"] == "stop_exile_raids"


def test_a_letter_of_words_only(capsys):
    assert main(["read-letter", "I have your letter."]) == 0
    assert "no terms read" in capsys.readouterr().out


def test_mistakes_get_a_message_not_a_traceback(capsys, tmp_path):
    assert main(["read-letter", "--scenario", "no-such-scenario", "x"]) == 2
    assert "no scenario 'no-such-scenario'" in capsys.readouterr().err
    no_talks = tmp_path / "quiet.yaml"
    no_talks.write_text("x: [", encoding="utf-8")
    assert main(["read-letter", "--scenario", str(no_talks), "x"]) == 1
    assert "problem" in capsys.readouterr().err


def test_a_scenario_without_letters_says_so(capsys):
    from tests.conftest import FIXTURES

    assert main(["read-letter", "--scenario", str(FIXTURES / "mini.yaml"), "lift the quarantine"]) == 2
    assert "has no negotiation: there are no terms to read" in capsys.readouterr().err


def test_suggest_without_the_model_says_how_to_get_it(capsys, monkeypatch):
    monkeypatch.setattr("game.cli.read_letter.suggester_for", lambda s: None)
    assert main(["read-letter", "--suggest", "Your quarantine is piracy."]) == 2
    assert "pip install 'missile-crisis[embed]'" in capsys.readouterr().err


def test_suggest_shows_the_models_guess_apart_from_what_was_read(capsys):
    import pytest

    pytest.importorskip("wordllama", reason="the embed extra is not installed")
    text = "Your quarantine is piracy. Remove the Jupiters."
    assert main(["read-letter", "--as", "khrushchev", "--suggest", "--json", text]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [o["term"] for o in data["demands"]] == ["remove_jupiters"]
    assert [(h["term"], h["words"]) for h in data["suggestions"]] == [
        ("lift_quarantine", "Your quarantine is piracy.")
    ]
