"""A cold start loads only what its first screen needs: the heavy modules wait until they are used."""

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.ai.names import POLICY_NAMES
from game.ai.policies import POLICIES
from game.ui.rules_text import about_policy

ROOT = Path(__file__).resolve().parent.parent

HEAVY = (
    *("cattrs", "yaml", "transitions", "game.ai.policies", "game.ai.negotiator", "game.engine.rules"),
    *("game.model", "game.scenario.convert", "game.scenario.load"),
)
"""Modules a first screen does not need (cattrs ~30 ms of CPU; the AI and the engine ~100 ms; the model and
the scenario loader ~45 ms: its errors come from game.errors, its sides from game.sides)."""


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


START = """
from game.cli import parser
parser(["play"], every=False)
from game.persistence import scenario_cache
scenario_cache.install()
from game.ui.app import CrisisApp
from game.ui.setup import Setup
from game.ui.screens.new_game import NewGameScreen
"""
"""What `crisis` runs before the new-game screen's first paint (CrisisApp imports the screen as it mounts)."""


def test_the_new_game_screen_starts_without_the_engine_the_ai_or_cattrs():
    loaded = _loaded_after(START)
    assert "game.ui.screens.new_game" in loaded  # the probe reached the screen's module
    assert {m for m in HEAVY if m in loaded} == set()
    assert not {m for m in loaded if m.startswith("game.engine.")}


def test_the_desk_starts_without_the_ai_or_cattrs():
    loaded = _loaded_after("import game.ui.screens.desk, game.ui.session")
    assert "game.engine.match" in loaded  # the desk needs the game itself
    assert {m for m in ("cattrs", "game.ai.policies", "game.ai.negotiator") if m in loaded} == set()


FIRST_PAGE = """
import asyncio, json, sys
from game.ui.app import CrisisApp
from game.ui.setup import Setup

async def main():
    setup = Setup("thirteen-days", "kennedy", opponent="historical", seed=7)
    app = CrisisApp(setup, skip_menu=True, think_time=0)
    async with app.run_test(size=(80, 24)) as pilot:
        while type(app.screen).__name__ != "PhaseCard":  # the first chapter's card, on the desk
            await pilot.pause(0.05)
        print(json.dumps(sorted(sys.modules)))
        app.exit()

asyncio.run(main())
"""


def test_a_new_game_reaches_its_first_page_without_the_ai_or_the_saves(tmp_path):
    """Started as `crisis play --as kennedy` starts it (the saves module imports the AI's policies)."""
    script = FIRST_PAGE
    env = {**os.environ, "CRISIS_DATA_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "game.ui.screens.phase_card" in loaded and "game.engine.match" in loaded
    assert {m for m in ("game.ai.policies", "game.persistence.saves", "cattrs") if m in loaded} == set()


def test_cattrs_is_loaded_by_the_first_dump_not_by_the_engine():
    code = "import game.engine.match, sys\nbefore = 'cattrs' in sys.modules"
    code += "\nfrom game.engine.state import Move\nfrom game import schema\nfrom game.model import Side"
    code += "\nassert schema.dump(Move(Side.KENNEDY, 'wait')) == {'side': 'kennedy', 'decision': 'wait'}"
    code += "\nassert not before, 'the engine imported cattrs'"
    assert "cattrs" in _loaded_after(code)


def test_the_light_list_of_policies_is_the_ai_s():
    assert tuple(POLICIES) == POLICY_NAMES


@pytest.mark.parametrize("policy", POLICY_NAMES)
def test_every_opponent_has_words_before_its_scenario_is_read(policy):
    words = about_policy(policy)
    assert words and "\n" not in words
    assert policy in words or policy in ("historical", "random")


# ---- the first paint's shortcuts change nothing a player sees --------------------------------


def test_the_game_opens_in_its_theme_and_can_leave_it(tmp_path):
    from textual.color import Color

    from game.ui.screens.new_game import NewGameScreen
    from game.ui.themes import CRISIS

    from .test_ui_support import make_app, settle

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, NewGameScreen)
            assert app.theme == "crisis" and app.has_class("-theme-crisis", "-dark-mode")
            assert app.screen.styles.background == Color.parse(CRISIS.background)
            app.theme = "projector"  # the palette's way: Textual's watcher restyles everything
            await settle(pilot)
            assert not app.has_class("-theme-crisis") and app.has_class("-theme-projector")
            assert app.screen.styles.background != Color.parse(CRISIS.background)

    asyncio.run(go())


def test_a_page_starts_with_its_breakpoint_and_still_follows_the_terminal(tmp_path):
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.new_game import NewGameScreen

    from .test_ui_support import make_app, press, settle

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            page = app.screen
            assert isinstance(page, NewGameScreen)
            assert page.has_class("-narrow") and not page.has_class("-wide")
            await pilot.resize_terminal(120, 30)
            await settle(pilot)
            assert page.has_class("-wide") and not page.has_class("-narrow")
            await press(pilot, "question_mark")  # a page over it, then back: restyled as it resumes
            assert isinstance(app.screen, HelpScreen)
            await press(pilot, "escape")
            assert app.screen is page and page.has_class("-wide")
            assert page.query_one("#title").region.width > 80  # laid out for the wide terminal

    asyncio.run(go())


COLLECTOR = """
import gc
from game.ui.app import CrisisApp
from game.ui.setup import Setup

seen = []

class Probe(CrisisApp):
    def on_mount(self):
        seen.append(("mount", gc.isenabled()))

async def pilot(pilot):
    for _ in range(50):  # until the first screen has been painted (Textual's Ready) and one refresh after
        await pilot.pause(0.02)
        if gc.isenabled():
            break
    seen.append(("painted", type(pilot.app.screen).__name__, gc.isenabled()))
    pilot.app.exit()

Probe(Setup("thirteen-days", "kennedy", "historical", 7, True), think_time=0).run(
    headless=True, size=(80, 24), auto_pilot=pilot
)
seen.append(("after", gc.isenabled()))
print(seen)
"""


def test_the_collector_waits_for_the_first_paint_and_comes_back(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", COLLECTOR],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CRISIS_DATA_DIR": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr
    seen = out.stdout.strip().splitlines()[-1]
    assert seen == "[('mount', False), ('painted', 'NewGameScreen', True), ('after', True)]"


def test_the_first_card_is_painted_before_the_desk_under_it_is_built(tmp_path, monkeypatch):
    """The chapter card a game opens on hides the desk: it is on the terminal before the desk is
    composed, and once it is read the desk is whole and the game goes on as before."""
    from game.ui.screens import desk as desk_module
    from game.ui.screens.desk import GameScreen
    from game.ui.screens.phase_card import PhaseCard

    from .test_ui_support import make_app, press, screen_text, settle, to_desk

    painted: list[tuple[str, int]] = []

    class Card(PhaseCard):
        def on_mount(self) -> None:
            def seen() -> None:
                under = self.app.screen_stack[-2]
                assert isinstance(under, GameScreen)
                painted.append((screen_text(self.app), len(under.query("#decisions"))))

            self.call_after_refresh(seen)

    monkeypatch.setattr(desk_module, "PhaseCard", Card)

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=5)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, Card)
            first, decisions_under_it = painted[0]
            assert decisions_under_it == 0  # the card was painted before the desk was built
            assert "HOW TO WIN" in app.screen.markup and "Enter to continue" in first
            assert len(app.screen_stack[-2].query("#decisions")) == 1  # built under it since
            desk = await to_desk(pilot)
            assert desk.query_one("#decisions").display and "Your decision" in screen_text(app)
            await press(pilot, "1", "1")  # the first decision, ordered: the game goes on
            assert app.match is not None and app.match.game.state.log

    asyncio.run(go())


def test_the_new_game_screen_reads_its_files_after_its_first_paint_however_slow(tmp_path, monkeypatch):
    """The saves and the scenario's summary are read once the page is on the terminal, even when the
    start is slow (a busy machine): read before, they delayed the first paint by more than the page."""
    from game.ui.screens import new_game

    from .test_ui_support import make_app, settle
    from .waits import until

    at_paint: list[list[str]] = []

    class Slow(new_game.NewGameScreen):
        def on_mount(self) -> None:  # (runs before the page's own on_mount)
            def painted() -> None:
                at_paint.append(sorted(w.group for w in self.app.workers))

            self.call_after_refresh(painted)

        async def on_screen_resume(self) -> None:
            if not at_paint:  # a slow start: a timer set as the page mounted falls due before its paint
                await asyncio.sleep(0.5)

    monkeypatch.setattr(new_game, "NewGameScreen", Slow)

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            page = app.screen
            assert isinstance(page, Slow)
            about = page.query_one("#about")
            await until(pilot, lambda: page.saves is not None and "Thirteen" in str(about.render()), "read")

    asyncio.run(go())
    assert at_paint == [[]]  # nothing was being read as the page was first painted


def test_the_new_game_screen_is_painted_before_the_other_screens_rules_are_read(tmp_path, monkeypatch):
    """Its first paint parses crisis.tcss alone (the other screens' rules were ~4% of its cold start);
    the rest come in once it is on the terminal, and the page looks as its own rules say."""
    from game.ui.app import PAGES_CSS
    from game.ui.screens import new_game

    from .test_ui_support import make_app, settle
    from .waits import until

    at_paint: list[bool] = []

    class Watched(new_game.NewGameScreen):
        def on_mount(self) -> None:  # (runs before the page's own on_mount)
            self.call_after_refresh(lambda: at_paint.append(self.app.stylesheet.has_source(str(PAGES_CSS))))

    monkeypatch.setattr(new_game, "NewGameScreen", Watched)

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            page = app.screen
            assert isinstance(page, Watched)
            await until(pilot, lambda: app.stylesheet.has_source(str(PAGES_CSS)), "the other rules read")
            assert page.styles.align_horizontal == "center"  # NewGameScreen's own rule (crisis.tcss)
            assert page.query_one("#choices").styles.grid_size_columns == 2  # (its narrow grid)

    asyncio.run(go())
    assert at_paint == [False]


def test_a_page_opened_from_the_new_game_screen_at_once_has_its_rules(tmp_path, monkeypatch):
    """However soon a page is opened over the new-game screen (here before its files, and the other
    screens' rules, were due), it comes with its look."""
    from game.ui.screens import new_game
    from game.ui.screens.help import HelpScreen

    from .test_ui_support import make_app, press, settle

    monkeypatch.setattr(new_game.NewGameScreen, "_painted", lambda self: None)  # never due

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            frame = app.screen.query_one("#help")
            assert frame.styles.border_top[0] == "round"  # .frame, in pages.tcss
            assert frame.styles.max_width is not None and frame.styles.max_width.value == 120

    asyncio.run(go())


def test_a_game_opened_at_once_has_every_rule_before_its_first_page(tmp_path):
    from game.ui.app import FIRST_CSS, PAGES_CSS
    from game.ui.screens.phase_card import PhaseCard

    from .test_ui_support import make_app, settle

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy")
        assert app.css_path == [FIRST_CSS, PAGES_CSS]
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PhaseCard)
            frame = app.screen.query_one("#phase-card")
            assert frame.styles.border_top[0] == "double"  # #phase-card, in pages.tcss
            assert frame.styles.max_width is not None and frame.styles.max_width.value == 100

    asyncio.run(go())
