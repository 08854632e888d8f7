"""Helpers for the UI tests (driving the app with Pilot), and tests of the UI's plain-Python parts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual import events
from textual.worker import WorkerState

from game.engine.match import Game
from game.model import Side
from game.persistence.files import ENV_DIR as ENV
from game.persistence.files import data_dir
from game.persistence.gallery import Gallery
from game.scenario import catalog
from game.ui.app import CrisisApp
from game.ui.screens.desk import GameScreen
from game.ui.screens.ending import EndingScreen
from game.ui.session import Match, Setup, replay
from game.ui.widgets.tracks import sparkline

from .conftest import FIXTURES
from .waits import until

MINI = str(FIXTURES / "mini.yaml")


def make_app(
    tmp_path: Path,
    scenario: str = MINI,
    side: str = "kennedy",
    *,
    opponent: str = "historical",
    seed: int = 3,
    spoilers: bool = True,
    skip_menu: bool = True,
) -> CrisisApp:
    """The real app, with the opponent answering at once and the gallery in a temporary directory."""
    setup = Setup(scenario, side, opponent, seed, spoilers)
    return CrisisApp(setup, skip_menu=skip_menu, think_time=0, gallery=Gallery(tmp_path))


def told(app) -> list:  # type: ignore[no-untyped-def]
    """Every notification `app` raised, as raised (tests/conftest.py keeps them: a toast on screen
    expires on the wall clock). Each has .title, .message and .severity."""
    return list(app.__dict__.get("_told", []))


def screen_text(app: CrisisApp) -> str:
    """The screen as a person sees it, as plain text (what an SVG screenshot shows, minus colour)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def _flow_running(app: CrisisApp) -> bool:
    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    return any(w.group == "flow" and w.state in busy for w in app.workers)


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app waits for a person: the game's flow idle, or a page up that needs a key.
    Bounded by wall time (tests/waits.py's LIMIT), not by a count of pauses: a pause returns at once
    while the opponent's thread waits for a core, so on a loaded machine 500 of them were not enough."""
    app = pilot.app
    await pilot.pause()
    await until(
        pilot,
        lambda: not _flow_running(app) or not isinstance(app.screen, GameScreen),
        "the game's flow settled",
    )


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def to_desk(pilot) -> GameScreen:  # type: ignore[no-untyped-def]
    """Enter through every page (the chapter card, a hand-over) until the desk is the screen; the desk."""
    await settle(pilot)
    for _ in range(30):
        if isinstance(pilot.app.screen, GameScreen):
            return pilot.app.screen
        await press(pilot, "enter")
    raise AssertionError(f"no desk; on {pilot.app.screen!r}")


async def tap(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """A key press as the terminal sends it, without Pilot's wait for the whole process to idle."""
    pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)


async def play_to_end(pilot, choose=lambda desk: "1", limit: int = 3000) -> int:  # type: ignore[no-untyped-def]
    """Press keys until the front page: `choose(desk)` on the desk (by default 1: twice orders the first
    decision), Enter on every other page."""
    app = pilot.app
    await settle(pilot)
    for n in range(limit):
        screen = app.screen
        if isinstance(screen, EndingScreen):
            return n
        key = choose(screen) if isinstance(screen, GameScreen) else "enter"
        await tap(pilot, key)
    raise AssertionError(f"no ending after {limit} key presses; on {app.screen!r}")


def screen_classes() -> set[type]:
    """Every page class the app has: each module of game.ui.screens, imported and searched."""
    import importlib
    import pkgutil

    from textual.screen import Screen

    import game.ui.screens as pkg

    found: set[type] = set()
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
                and value.__name__ not in ("Page", "ModalPage")
            ):
                found.add(value)
    return found


# ---- the plain parts ---------------------------------------------------------------------


def test_gallery_remembers_endings_across_instances(tmp_path):
    g = Gallery(tmp_path)
    assert g.reached("mini") == {}
    assert g.record("mini", "deal", ["kennedy"])
    assert g.record("mini", "deal", ["khrushchev"])
    again = Gallery(tmp_path).reached("mini")
    assert again["deal"].times == 2 and again["deal"].sides == ("kennedy", "khrushchev")


def test_gallery_survives_an_unwritable_or_broken_directory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    g = Gallery(blocker / "sub")
    assert not g.record("mini", "deal", ["kennedy"])
    assert "could not save" in (g.error or "")
    assert g.reached("mini") == {}
    (tmp_path / "gallery.json").write_text("{broken")
    assert Gallery(tmp_path).reached("mini") == {}


def test_gallery_directory_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path))
    assert data_dir() == tmp_path
    Gallery().record("mini", "war", ["both"])
    assert json.loads((tmp_path / "gallery.json").read_text())["mini"]["war"]["times"] == 1
    assert os.environ[ENV] == str(tmp_path)


def test_track_history_replays_the_log(mini):
    game = Game(mini, 5)
    for _ in range(2):
        for side in game.sides_to_act():
            game.apply(game.legal_moves(side)[0])
    history = replay(game).tracks
    assert len(history) == len(game.state.log) + 1
    assert history[-1] == dict(game.state.tracks)


def test_match_applies_moves_and_tells_whose_turn(mini):
    match = Match.start(Setup(MINI, "khrushchev", "historical", 2, True))
    assert match.next_human() is Side.KHRUSHCHEV and match.next_ai() is Side.KENNEDY
    changed = []
    match.on_change = changed.append
    match.apply(match.ai_move(Side.KENNEDY))
    match.apply(match.game.legal_moves(Side.KHRUSHCHEV)[0])
    assert len(changed) == 2 and len(match.history) == 2 and match.unseen(Side.KHRUSHCHEV) == [0]


@pytest.mark.parametrize(("values", "expected"), [([0, 5, 10], "▁▅█"), ([3], "▃")])
def test_sparkline_scales_to_the_track_range(values, expected):
    assert sparkline(values, 0, 10, 10) == expected


def test_every_turn_is_autosaved_and_resumes_where_it_stood(tmp_path, monkeypatch):
    from game.engine.state import Move
    from game.persistence import load

    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path))
    scenario = "tests/fixtures/mini.yaml"
    setup = Setup(scenario=scenario, side="kennedy", opponent="historical", seed=3)
    match = Match(Game(catalog.get(scenario), 3), setup)
    match.apply(Move(Side.KENNEDY, "blockade"))
    assert match.saved_to is None  # the turn is still in progress
    match.apply(match.ai_move(Side.KHRUSHCHEV))
    assert match.saved_to is not None and match.saved_to.is_relative_to(tmp_path)
    assert load(match.saved_to).game.state == match.game.state
