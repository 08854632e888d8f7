"""Every page the app has, reached by keys at 80x24 and compared with its text in tests/golden/ui/.

The pages are found by walking game.ui.screens (as the help test does), not typed in a list: a new page
without a way here fails. Each snapshot is the screen as a player reads it, checked as well for text cut
short ("…", "...") and for anything drawn past the edge of its box. After a deliberate change of look,
write them again with `pytest tests/test_ui_snapshots.py --update-goldens` and read the diff.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.containers import ScrollableContainer

from game.model import Side
from game.ui.app import CrisisApp
from game.ui.screens.composer import ComposerScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.letters import LettersScreen
from game.ui.screens.odds import OddsScreen

from .conftest import FIXTURES
from .test_ui_support import MINI, make_app, play_to_end, press, screen_classes, screen_text, settle, to_desk
from .waits import until

TALKS = str(FIXTURES / "talks.yaml")
CAMPAIGN = "cuban-missile-crisis"
"""The new-game page shows the scenario's name or path: a bundled one, not this checkout's path."""
SIZE = (80, 24)

Route = Callable[..., Awaitable[None]]
"""`route(pilot)`: the keys from the app's first page to the page under test."""


# ---- nothing cut -------------------------------------------------------------------------------


def cut_lines(app: App) -> list[str]:
    """What a player cannot read in full on this screen: words shortened with an ellipsis, and any
    widget drawn wider than the box that holds it (text past the edge), unless that box scrolls sideways."""
    problems = [f"cut: {line.strip()!r}" for line in screen_text(app).splitlines() if "…" in line]
    problems += [
        f"cut: {line.strip()!r}" for line in screen_text(app).splitlines() if re.search(r"\w\.\.\.", line)
    ]
    for widget, geometry in app.screen._compositor.full_map.items():
        if not widget.visible:
            continue
        region, clip, parent = geometry.region, geometry.clip, widget.parent
        scrolls = isinstance(parent, ScrollableContainer) and parent.styles.overflow_x in ("auto", "scroll")
        if not scrolls and (region.x < clip.x or region.right > clip.right):
            problems.append(f"past the edge: {widget!r} at {region} in {clip}")
    return problems


def assert_nothing_cut(app: App) -> None:
    problems = cut_lines(app)
    assert not problems, "\n".join(problems)


# ---- each key shown once ----------------------------------------------------------------------


def footer_keys(app: App) -> list[tuple[str, str]]:
    """(key shown, description) as a footer draws the screen's active bindings: those shown, the
    first of each action (Textual's Footer and the game's KeyBar both do so)."""
    out, actions = [], set()
    for binding in (active.binding for active in app.screen.active_bindings.values()):
        if binding.show and binding.action not in actions:
            actions.add(binding.action)
            out.append((app.get_key_display(binding), binding.description))
    return out


async def assert_each_key_shown_once(pilot) -> None:  # type: ignore[no-untyped-def]
    """With the focus on each part of the page in turn, no key is named twice in the footer (two
    bindings of one key, or a key shown with another's name: 'esc List' beside 'esc Close')."""
    app = pilot.app
    for _ in range(1 + len(app.screen.focus_chain)):
        shown = footer_keys(app)
        named = [key for key, _ in shown]
        twice = sorted({key for key in named if named.count(key) > 1})
        assert not twice, f"{twice} twice in the footer of {app.screen!r}, focus on {app.focused!r}: {shown}"
        app.screen.focus_next()
        await pilot.pause()


# ---- stable text: the temporary folder's name in the text is the same length every run -------------

DATE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d")


@pytest.fixture
def fixed_home(monkeypatch):
    """A data folder and home whose paths have the same length every run (shown on some pages)."""
    with tempfile.TemporaryDirectory(prefix="crisis-ui-", dir="/tmp") as home:
        monkeypatch.setenv("CRISIS_DATA_DIR", str(Path(home) / "data"))
        monkeypatch.setenv("HOME", home)
        yield home


def stable(text: str, home: str) -> str:
    text = text.replace(home, "/tmp/crisis-ui-XXXXXXXX")
    text = DATE.sub("YYYY-MM-DD HH:MM", text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


# ---- the way to each page ----------------------------------------------------------------------


async def _letters(pilot) -> None:  # type: ignore[no-untyped-def]
    await to_desk(pilot)
    await press(pilot, "m")
    assert isinstance(pilot.app.screen, LettersScreen)


async def _composer(pilot) -> None:  # type: ignore[no-untyped-def]
    await to_desk(pilot)
    await press(pilot, "l")
    assert isinstance(pilot.app.screen, ComposerScreen)


async def _report(pilot) -> None:  # type: ignore[no-untyped-def]
    await to_desk(pilot)
    await press(pilot, "1", "1")


async def _played(pilot) -> None:  # type: ignore[no-untyped-def]
    await _report(pilot)
    await to_desk(pilot)


async def _promised(pilot) -> None:  # type: ignore[no-untyped-def]
    """Khrushchev's real letter accepted: from the next turn Kennedy owes his pledge."""
    await _played(pilot)
    await press(pilot, "m", "y", "escape")
    await _played(pilot)
    await press(pilot, "m", "o")


async def _flash(pilot) -> None:  # type: ignore[no-untyped-def]
    await to_desk(pilot)
    await press(pilot, "2", "2")  # the strike: with seed 1 against the hawk, an incident on the wires


async def _ending(pilot) -> None:  # type: ignore[no-untyped-def]
    await play_to_end(pilot)
    assert isinstance(pilot.app.screen, EndingScreen)


async def _odds(pilot) -> None:  # type: ignore[no-untyped-def]
    await _ending(pilot)
    page = OddsScreen(pilot.app.match, 1, (Side.KENNEDY,), runs=4, jobs=1)
    await pilot.app.push_screen(page)
    await until(pilot, lambda: page.result is not None, "the odds were counted")
    await settle(pilot)


async def _palette(pilot, command: str) -> None:  # type: ignore[no-untyped-def]
    await to_desk(pilot)
    await press(pilot, "ctrl+p")
    for ch in command:
        await pilot.press("space" if ch == " " else ch)
    await pilot.pause(0.2)
    await press(pilot, "enter")


async def _save_fails(pilot) -> None:  # type: ignore[no-untyped-def]
    await to_desk(pilot)
    await press(pilot, "1", "1")  # the turn ends, and its save fails


async def _new_game(pilot) -> None:  # type: ignore[no-untyped-def]
    """The new-game page once it has read the scenario's summary and looked for saves (after a timer)."""
    await settle(pilot)
    page = pilot.app.screen
    await until(pilot, lambda: page.saves is not None and CAMPAIGN in page.characters, "the scenario read")
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):  # the summary laid out, then its scroll bar, then the text beside the bar
        await pilot.pause()


async def _saves(pilot) -> None:  # type: ignore[no-untyped-def]
    await _new_game(pilot)
    await press(pilot, "o")


async def _in_use(pilot) -> None:  # type: ignore[no-untyped-def]
    """A saved game whose lock another open file holds (as another process would), opened."""
    import fcntl
    import json
    import os
    import socket

    from game.persistence import lock

    await _new_game(pilot)
    path = _save_one_game()
    fd = os.open(lock.lock_file(path), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another open file: refused to this one as to others
    os.write(
        fd, json.dumps({"pid": 4242, "host": socket.gethostname(), "since": "2026-12-03 04:00"}).encode()
    )
    pilot.app.call_later(pilot.app.screen._open, str(path))
    await settle(pilot)


def app_for(scenario: str = MINI, side: str = "kennedy", **kw) -> Callable[[Path], CrisisApp]:  # type: ignore[no-untyped-def]
    return lambda tmp: make_app(tmp, scenario, side, **kw)


def keys(*pressed: str, before: Route = to_desk) -> Route:
    async def route(pilot) -> None:  # type: ignore[no-untyped-def]
        await before(pilot)
        await press(pilot, *pressed)

    return route


async def _first(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)


ROUTES: dict[str, tuple[Callable[[Path], CrisisApp], Route]] = {
    "NewGameScreen": (app_for(CAMPAIGN, skip_menu=False, seed=42), _new_game),
    "SavesScreen": (app_for(CAMPAIGN, skip_menu=False, seed=42), _saves),
    "InUseScreen": (app_for(CAMPAIGN, skip_menu=False, seed=42), _in_use),
    "PhaseCard": (app_for(), _first),
    "GameScreen": (app_for(), to_desk),
    "HelpScreen": (app_for(), keys("question_mark")),
    "CounselScreen": (app_for(), keys("a")),
    "TurnReport": (app_for(), _report),
    "FlashScreen": (app_for(opponent="hawk", seed=1), _flash),
    "TimelineScreen": (app_for(), keys("t", before=_played)),
    "OddsScreen": (app_for(), _odds),
    "GalleryScreen": (app_for(), keys("g")),
    "GraphScreen": (app_for(), lambda pilot: _palette(pilot, "phase graph")),
    "ConfirmScreen": (app_for(), keys("ctrl+q", before=_played)),
    "HandoverScreen": (app_for(side="both"), _report),
    "EndingScreen": (app_for(), _ending),
    "SaveElsewhereScreen": (app_for(), _save_fails),
    "LettersScreen": (app_for(TALKS), keys("m", before=_played)),
    "ComposerScreen": (app_for(TALKS), _composer),
    "FreeLetterScreen": (app_for(TALKS), keys("ctrl+o", before=_composer)),
    "ObligationsScreen": (app_for(TALKS), _promised),
    "RealLettersScreen": (app_for(TALKS), keys("h", before=_letters)),
}


def shown_pages() -> list[type]:
    """The page classes a player sees: every one found, less those only ever shown as a subclass."""
    found = screen_classes()
    return sorted(
        (cls for cls in found if not any(other is not cls and issubclass(other, cls) for other in found)),
        key=lambda cls: cls.__name__,
    )


def test_every_page_has_a_way_here():
    assert {cls.__name__ for cls in shown_pages()} == set(ROUTES), "a page without a route has no snapshot"


@pytest.mark.parametrize("page", [cls.__name__ for cls in shown_pages()])
def test_page_at_80x24(page, tmp_path, fixed_home, golden):
    make, route = ROUTES[page]
    if page == "SavesScreen":  # a game saved once, to list
        _save_one_game()
    if page == "SaveElsewhereScreen":  # the data folder is a file: the first save fails
        Path(fixed_home, "data").write_text("not a folder")

    async def go() -> None:
        app = make(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await route(pilot)
            await settle(pilot)
            assert type(app.screen).__name__ == page, app.screen
            golden(f"ui/{page}.txt", stable(screen_text(app), fixed_home))
            assert_nothing_cut(app)
            await assert_each_key_shown_once(pilot)

    asyncio.run(go())


def _save_one_game() -> Path:
    from game.engine.match import Game
    from game.engine.state import Move
    from game.model import Side
    from game.persistence import autosave
    from game.scenario import catalog

    game = Game(catalog.get(MINI), 42)
    game.apply(Move(Side.KENNEDY, "blockade"))
    game.apply(Move(Side.KHRUSHCHEV, "turn_back"))
    return autosave(game, sides={"kennedy": "human", "khrushchev": "historical"})


def test_the_desk_tells_of_a_page_cut_short(tmp_path):
    """The check itself: a desk too narrow for its top bar is caught, not passed."""

    async def go() -> None:
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(40, 24)) as pilot:
            await to_desk(pilot)
            assert cut_lines(app)

    asyncio.run(go())


def test_a_widget_wider_than_its_box_is_told():
    """The check itself: a line of fixed width past the right edge is caught, a narrower one is not."""
    from textual.app import ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import Static

    class Wide(App[None]):
        def compose(self) -> ComposeResult:
            with Horizontal():
                yield Static("left", id="left")
                yield Static("right", id="right")

        def on_mount(self) -> None:
            self.query_one("#left").styles.width = 30
            self.query_one("#right").styles.width = 20  # 30 + 20 in a box of 40

    async def go() -> None:
        app = Wide()
        async with app.run_test(size=(40, 5)) as pilot:
            await pilot.pause()
            assert any("past the edge" in p and "right" in p for p in cut_lines(app))
            app.query_one("#right").styles.width = 10
            app.query_one("#left").styles.width = 10
            await pilot.pause()
            assert cut_lines(app) == []

    asyncio.run(go())


def test_the_report_of_an_agreement_at_80x24(tmp_path, fixed_home, golden):
    """The turn a letter is accepted: the report names the agreement and what it binds."""

    async def go() -> None:
        app = make_app(tmp_path, TALKS, "kennedy", seed=3)
        async with app.run_test(size=SIZE) as pilot:
            await _played(pilot)
            await press(pilot, "m", "y", "escape")
            await _report(pilot)
            text = screen_text(app)
            assert "Agreement A1 made: Remove the missiles, Pledge not to invade." in text
            golden("ui/TurnReport-agreement.txt", stable(text, fixed_home))
            assert_nothing_cut(app)

    asyncio.run(go())
