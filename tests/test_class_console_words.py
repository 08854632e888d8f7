"""The teacher's console names a table's log and letters in the scenario's words (play-test 10, K15):
phases by title, the facilitator's controls in sentences, a turn's end by its phase or ending, and each
term a letter gives or asks with its marks ('≤10 days, UN check'), as the students saw it."""

from __future__ import annotations

import re

import pytest

from game.ai.policies import POLICIES
from game.net import classes
from game.net.hub import Hub
from game.net.sqlite import SqliteStorage
from game.scenario import catalog
from game.ui.classroom import describe

S = catalog.get("thirteen-days")


def plain(markup: str) -> str:
    return re.sub(r"\[/?[^\]]*\]", "", markup)


@pytest.fixture(scope="module")
def full(tmp_path_factory):  # noqa: ANN201
    """A class's one table, named and timed, played to its end by two pragmatists (seed 2)."""
    storage = SqliteStorage(tmp_path_factory.mktemp("class") / "t.db")
    try:
        hub = Hub(storage, clock=lambda: 1000.0)
        spec, _ = classes.create(hub, {"scenario": "thirteen-days", "seed": 2}, "2026-12-03")
        table = hub.tables[spec.tables[0]]
        hub.control(table, "name", {"side": "kennedy", "name": "ann"})
        hub.control(table, "timer", {"minutes": 2.0, "on_timeout": "default", "reading": 20.0})
        while not table.game.is_over():
            for side in table.game.sides_to_act():
                view = table.game.view(side)
                hub.apply(table, POLICIES["pragmatist"](S, view, 2))
        return classes.full(hub, spec, table.code)
    finally:
        storage.close()


def test_the_log_names_phases_controls_and_endings_in_words(full):
    log = plain(describe.log_text(full, scenario=S))
    first = full["log"][0]
    assert f"Turn 1  Oct 16, 1962  {S.phase(first['phase']).title}" in log, log[:300]
    assert "facilitator: ann took Kennedy's seat" in log, log
    assert "facilitator: timer: 2 minutes a turn, 20 s to read the report, default orders on timeout" in log
    last = full["log"][-1]
    assert f"-> {S.ending(last['to']).headline}" in log
    assert "(side kennedy" not in log and "on_timeout" not in log and f"-> {last['to']}" not in log


def test_the_letters_give_and_ask_their_terms_with_their_marks(full):
    text = plain(describe.letters_text(full, S))
    il28 = S.negotiation.term("withdraw_il28").label
    assert f"gives: {il28} · secret · later · aerial check" in text, text[:800]
    assert (
        "Khrushchev, Oct 16, 1962 by Private letter (firm; read)".replace(
            "Private letter", S.negotiation.channel("private_letter").label
        )
        in text
    ), text[:300]
    assert "withdraw_il28" not in text and "private_letter" not in text


def test_without_the_scenario_the_console_still_shows_every_letter(full):
    text = plain(describe.letters_text(full))
    assert "gives: withdraw_il28 · secret · later · aerial check" in text, text[:400]
