"""Whole games by key presses only, on each side and two at one terminal; what each page shows and hides."""

from __future__ import annotations

import asyncio
import io
import itertools

import pytest
from rich.console import Console

from game.cli import main
from game.dates import long_date
from game.model import Side
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.counsel import CounselScreen
from game.ui.screens.desk import GameScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.flash import FlashScreen
from game.ui.screens.graph import phase_tree
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.new_game import NewGameScreen
from game.ui.screens.phase_card import PhaseCard
from game.ui.screens.report import TurnReport
from game.ui.screens.timeline import TimelineScreen

from .test_ui_support import MINI, make_app, play_to_end, press, screen_text, settle, to_desk, told
from .waits import until


def run(coro) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(coro)


@pytest.mark.slow  # a whole game by keys: 22-25 s in the full suite on the shared 2-core machine
def test_thirteen_days_as_kennedy_to_an_ending(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=11)
        async with app.run_test(size=(80, 24)) as pilot:
            presses = await play_to_end(pilot)
            assert presses > 10
            out = app.match.game.outcome()
            assert out is not None
            text = screen_text(app)
            assert "EXTRA" in text and app.match.scenario.ending(out.ending).headline[:30] in text
            assert app.gallery.reached("thirteen-days")[out.ending].times == 1

    run(go())


def test_mini_as_khrushchev_choosing_by_number(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "khrushchev", opponent="hawk", seed=4)
        async with app.run_test(size=(80, 24)) as pilot:
            # press 2 twice (highlight, then order) where there is a second decision
            await play_to_end(
                pilot, choose=lambda desk: "2" if len(desk.match.game.legal_moves(desk.viewer)) > 1 else "1"
            )
            st = app.match.game.state
            assert all(r.moves[1].decision in ("offer", "turn_back", "run_it", "hold") for r in st.log)
            assert isinstance(app.screen, EndingScreen)

    run(go())


@pytest.mark.slow  # a whole game by keys: 22-25 s in the full suite on the shared 2-core machine
def test_campaign_as_kennedy_to_an_ending(tmp_path):
    async def go():
        app = make_app(tmp_path, "cuban-missile-crisis", "kennedy", opponent="historical", seed=2)
        async with app.run_test(size=(100, 30)) as pilot:
            keys = itertools.cycle(["end", "enter"])  # always the last decision open, by keys
            await play_to_end(pilot, choose=lambda desk: next(keys))
            assert app.match.game.is_over() and len(app.match.game.state.log) > 5

    run(go())


def test_thirteen_days_as_khrushchev_by_arrows(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "khrushchev", opponent="hawk", seed=5)
        async with app.run_test(size=(80, 24)) as pilot:
            keys = itertools.cycle(["down", "down", "enter"])  # the third decision, by arrows
            await play_to_end(pilot, choose=lambda desk: next(keys))
            assert app.match.game.is_over()

    run(go())


def test_two_players_hand_over_hides_the_other_side(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "both", seed=3)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PhaseCard)
            assert "Missiles in Cuba." in screen_text(app)  # Kennedy's briefing
            await press(pilot, "enter")
            desk = app.screen
            assert isinstance(desk, GameScreen) and desk.viewer is Side.KENNEDY
            await press(pilot, "1", "1")  # Kennedy orders the blockade
            assert isinstance(app.screen, HandoverScreen)
            text = screen_text(app)
            assert "Pass the keyboard to Nikita S. Khrushchev" in text
            for secret in ("Blockade", "Missiles in Cuba.", "Stop the ships."):
                assert secret not in text
            await press(pilot, "x")  # any key
            assert isinstance(app.screen, PhaseCard)
            text = screen_text(app)
            assert "The Americans know." in text and "Missiles in Cuba." not in text
            await press(pilot, "enter")
            assert desk.viewer is Side.KHRUSHCHEV
            text = screen_text(app)
            assert "Blockade" not in text and "Turn the ships back" in text
            await press(pilot, "2", "2")  # Khrushchev's secret offer
            while isinstance(app.screen, FlashScreen):
                await press(pilot, "enter")
            assert isinstance(app.screen, TurnReport)
            assert "Offer a deal in secret" in screen_text(app)
            await press(pilot, "enter")
            while isinstance(app.screen, PhaseCard | FlashScreen):
                await press(pilot, "enter")
            assert app.screen is desk and desk.viewer is Side.KHRUSHCHEV  # the next orders, then over
            await press(pilot, "1", "1")
            assert isinstance(app.screen, HandoverScreen)
            text = screen_text(app)
            assert "Offer a deal in secret" not in text
            assert "Khrushchev, look away: your orders are sealed." in text
            await press(pilot, "space")
            while isinstance(app.screen, FlashScreen):
                await press(pilot, "enter")
            assert isinstance(app.screen, TurnReport)
            text = screen_text(app)
            assert "a move you did not see" in text and "Offer a deal in secret" not in text
            await play_to_end(pilot)

    run(go())


def test_new_game_screen_by_keys(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", skip_menu=False, seed=42)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, NewGameScreen)
            assert "42" in screen_text(app)
            await press(pilot, "down")  # Play as: Khrushchev (the arrows choose)
            await press(pilot, "s")
            desk = next(s for s in app.screen_stack if isinstance(s, GameScreen))
            assert desk.viewer is Side.KHRUSHCHEV and app.match.game.state.seed == 42

    run(go())


def test_flash_must_be_dismissed_with_enter(tmp_path):
    async def go():
        for seed in range(1, 40):
            app = make_app(tmp_path, MINI, "kennedy", opponent="hawk", seed=seed)
            async with app.run_test(size=(80, 24)) as pilot:
                await press(pilot, "enter", "2", "2")  # order the strike: risk 8, an incident is likely
                if isinstance(app.screen, FlashScreen):
                    assert "F L A S H" in screen_text(app) and "INCIDENT" in screen_text(app)
                    await press(pilot, "space", "escape", "1")
                    assert isinstance(app.screen, FlashScreen)
                    await press(pilot, "enter")
                    assert not isinstance(app.screen, FlashScreen)
                    return
        raise AssertionError("no seed brought a flash")

    run(go())


def test_spoilers_off_hides_history_until_the_end(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", spoilers=False, seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "1", "enter")
            assert isinstance(app.screen, TurnReport)
            assert "IN HISTORY" not in screen_text(app)
            await press(pilot, "enter")
            await to_desk(pilot)
            await press(pilot, "t")
            assert isinstance(app.screen, TimelineScreen)
            assert "In history" not in screen_text(app) and "spoilers off" in screen_text(app)
            await press(pilot, "escape")
            await play_to_end(pilot)
            await press(pilot, "t")
            assert "In history" in screen_text(app)

    run(go())


def test_spoilers_on_report_tells_what_really_happened(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "3", "3")  # wait: not what Kennedy did
            text = screen_text(app)
            assert "IN HISTORY" in text and "What Kennedy really did: Blockade" in text
            assert "Kennedy chose the quarantine." in text and "A test source" in text

    run(go())


def test_advisors_help_and_quit_keys(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "a")
            assert isinstance(app.screen, CounselScreen)
            assert "Robert F. Kennedy" in screen_text(app) and "It leaves him time." in screen_text(app)
            await press(pilot, "1")
            assert isinstance(app.screen, GameScreen)
            for key in ("question_mark", "f1"):
                await press(pilot, key)
                assert isinstance(app.screen, HelpScreen) and "Your desk" in screen_text(app)
                await press(pilot, "escape")
            await press(pilot, "1", "1", "enter")  # a turn is played: the game is in progress
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen)
            await press(pilot, "n")
            assert not isinstance(app.screen, ConfirmScreen) and app.is_running
            await press(pilot, "ctrl+q", "y")
        assert app.return_value == 0

    run(go())


def test_palette_commands_graph_theme_and_resizing(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter")
            titles = [c.title for c in app.get_system_commands(app.screen)]
            for title in ("New game", "Timeline", "Phase graph", "Endings gallery", "Theme"):
                assert title in titles
            app.action_graph()
            await settle(pilot)
            text = screen_text(app)  # drawn as a tree, not Mermaid source; where the game stands marked
            assert "stateDiagram" not in text and "◀ you are here" in text
            drawn = Console(width=300, record=True, file=io.StringIO())
            drawn.print(phase_tree(app.match.scenario, app.screen.current))
            tree = drawn.export_text()
            assert tree.startswith("The crisis  Oct 22, 1962  ◀ you are here")
            assert "├── Talks" in tree and "⚑ WAR  nuclear war" in tree and "⚑ DEAL  a settlement" in tree
            await press(pilot, "escape")
            app.theme = "projector"
            await pilot.resize_terminal(160, 50)
            await settle(pilot)
            assert app.screen.has_class("-wide")
            await pilot.resize_terminal(80, 24)
            await settle(pilot)
            assert "Blockade" in screen_text(app)
            app.action_new_game()
            await settle(pilot)
            assert isinstance(app.screen, NewGameScreen)  # nothing played yet: no question asked

    run(go())


def test_cli_play_flags_reach_the_app(monkeypatch):
    seen = {}

    def fake_run(scenario, side, opponent, seed, spoilers, game=None, objectives=True):  # type: ignore[no-untyped-def]
        seen.update(scenario=scenario, side=side, opponent=opponent, seed=seed, spoilers=spoilers)
        seen.update(objectives=objectives)
        return 0

    monkeypatch.setattr("game.ui.app.run", fake_run)
    args = ["play", "--as", "khrushchev", "--scenario", "thirteen-days", "--opponent", "dove", "--seed", "9"]
    assert main([*args, "--no-spoilers", "--no-objectives"]) == 0
    assert seen == dict(
        scenario="thirteen-days", side="khrushchev", opponent="dove", seed=9, spoilers=False, objectives=False
    )
    assert main([]) == 0 and seen["side"] is None and seen["spoilers"] is True and seen["objectives"] is True


def test_a_loaded_game_resumes_where_it_stands(tmp_path, mini):
    from game.engine.match import Game
    from game.persistence.gallery import Gallery
    from game.ui.app import CrisisApp
    from game.ui.session import Setup

    game = Game(mini, 3)
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])

    async def go():
        app = CrisisApp(
            Setup(MINI, "kennedy", "historical", 3, True), game, think_time=0, gallery=Gallery(tmp_path)
        )
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PhaseCard)  # where the game stands, not a replay of its reports
            await press(pilot, "enter")
            assert isinstance(app.screen, GameScreen) and app.match.game is game
            assert "Oct 23, 1962" in screen_text(app)
            await play_to_end(pilot)

    run(go())


def test_an_unwritable_gallery_does_not_stop_the_game(tmp_path):
    from game.persistence.gallery import Gallery
    from game.ui.app import CrisisApp
    from game.ui.session import Setup

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")

    async def go():
        setup = Setup(MINI, "kennedy", "historical", 3, True)
        app = CrisisApp(setup, skip_menu=True, think_time=0, gallery=Gallery(blocker / "gallery"))
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await play_to_end(pilot)
            assert isinstance(app.screen, EndingScreen) and app.gallery.error

    run(go())


def test_the_quit_question_says_what_the_autosave_kept(tmp_path):
    """Not "the game will be lost" when the terminal then says it was saved."""

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "1", "1")  # a turn played: saved
            await to_desk(pilot)
            assert app.match.saved_to is not None
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen)
            question = app.screen.question
            assert "lost" not in question and "saved up to the end of turn 1" in question
            assert "Quit? The game is saved" in screen_text(app)
            await press(pilot, "n")
            app.match.save_error = "disk full"  # as the autosave reports a failure
            await press(pilot, "ctrl+q")
            question = app.screen.question  # the file still holds the turn saved before the failure
            assert "could not be saved (disk full)" in question and "holds turn 1" in question

    run(go())


def test_the_quit_question_at_80x24_gives_the_save_a_line_of_its_own(tmp_path, monkeypatch):
    """A path too long for the dialog used to be centred whole below its words, leaving "in" alone."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "a-folder-with-a-rather-long-name" / "crisis"))

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter", "1", "1")  # a turn played: saved
            await to_desk(pilot)
            path = str(app.match.saved_to)
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen)
            inside = [line.strip(" │") for line in screen_text(app).splitlines() if "│" in line]
            words = [line for line in inside if line]
            assert "in" not in words and words[0].endswith("turn 1, in"), words
            folded = "".join(line for line in words[1:] if not line.startswith("The terminal"))
            assert folded.startswith(path[:40]) and path in folded.replace(" ", ""), words

    run(go())


def test_the_quit_question_before_any_turn_is_finished_says_nothing_is_saved(tmp_path):
    """Asked while the opponent still considers the first turn: no save exists, and it says so."""
    from game.persistence.gallery import Gallery
    from game.ui.app import CrisisApp
    from game.ui.setup import Setup

    async def go():
        setup = Setup("thirteen-days", "kennedy", "pragmatist", 3, True)
        app = CrisisApp(setup, skip_menu=True, think_time=60, gallery=Gallery(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter")  # the chapter card
            assert isinstance(app.screen, GameScreen)
            await pilot.press("1", "1")  # ordered: the opponent considers for a minute
            for _ in range(100):
                if app.match.game.state.pending:
                    break
                await pilot.pause(0.02)
            assert app.match.game.state.pending and not app.match.game.state.log
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert app.screen.question == "Quit? No turn is finished yet, so nothing of this game is saved."
            assert app.match.saved_to is None and app.match.farewell() is None
            await pilot.press("y")
        assert app.return_value == 0

    run(go())


def test_the_quit_question_on_a_line_opened_at_a_later_turn_says_what_is_where(tmp_path):
    """A game opened at turn 2 (a branch, or FILE#LINE) with no turn finished since: not "nothing of
    this game is saved", which would say its first turn is lost, and not "saved" either."""
    from game.engine.match import Game
    from game.persistence.gallery import Gallery
    from game.scenario import catalog
    from game.ui.app import CrisisApp
    from game.ui.setup import Setup

    game = Game(catalog.get("thirteen-days"), 3)
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])

    async def go():
        setup = Setup("thirteen-days", "kennedy", "historical", 3, True)
        app = CrisisApp(setup, game, skip_menu=True, think_time=0, gallery=Gallery(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(5):
                if isinstance(app.screen, GameScreen):
                    break
                await press(pilot, "enter")
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen)
            question = app.screen.question
            assert "opened at turn 2" in question and "nothing new is saved" in question, question
            assert "No turn is finished yet" not in question and "saved up to" not in question

    run(go())


def test_each_desk_panel_names_its_own_key(tmp_path):
    """Briefing b, News n, letters e (narrow): a border names the key of its own panel, not the next one's
    (both used to say n: "n: news" on the briefing, "n: letters" on the news)."""

    def borders(app) -> list[str]:  # type: ignore[no-untyped-def]
        text = screen_text(app)
        return [key for key in ("b: briefing", "n: news", "e: letters") if key in text]

    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await to_desk(pilot)
            desk = app.screen
            assert "Briefing" in screen_text(app) and borders(app) == ["b: briefing"]
            await press(pilot, "n")
            assert "─ News " in screen_text(app) and borders(app) == ["n: news"]
            assert not desk.query_one("#briefing-box").display
            await press(pilot, "b")
            assert borders(app) == ["b: briefing"] and not desk.query_one("#news-box").display
            await press(pilot, "e")
            assert borders(app) == ["e: letters"] and desk.query_one("#letters-box").display
            await press(pilot, "e")  # its key again: the briefing back
            assert borders(app) == ["b: briefing"]
            await press(pilot, "n", "n")
            assert borders(app) == ["b: briefing"]
        wide = make_app(tmp_path, "thirteen-days", "kennedy", seed=3)
        async with wide.run_test(size=(160, 50)) as pilot:
            while not isinstance(wide.screen, GameScreen):
                await press(pilot, "enter")
            assert borders(wide) == ["b: briefing", "n: news"]  # side by side, each with its own key

    run(go())


def test_the_desk_at_80x24_names_the_opponent_and_cuts_no_track_or_key(tmp_path):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "kennedy", opponent="hawk", seed=5)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter")
            text = screen_text(app)
            assert "vs Khrushchev · hawk" in text
            assert "…" not in text  # no track name, top bar or key cut with an ellipsis
            assert "Presidium" in text and "Castro's trust in" in text and "Moscow" in text
            keys = text.splitlines()[-1]
            for key in ("1-9 Pick", "l Write", "m Letters", "? Help", "^q Quit"):
                assert key in keys, key
            await pilot.resize_terminal(160, 50)
            await settle(pilot)
            text = screen_text(app)
            assert "concedes late" in text.lower() or "threat" in text.lower()  # the personality, described

    run(go())


def test_the_front_page_exports_the_debrief_beside_the_save(tmp_path):
    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await play_to_end(pilot)
            assert isinstance(app.screen, EndingScreen)
            await press(pilot, "e")
            await app.workers.wait_for_complete()
            await settle(pilot)
            written = app.match.saved_to.with_suffix(".html")
            page = written.read_text(encoding="utf-8")
            assert page.startswith("<!DOCTYPE html>") or "<html" in page[:200]
            assert app.match.scenario.title in page
            note = str(app.screen.query_one("#export").content)
            assert note.startswith("Debrief written to") and str(written) in note
            # and where the player is looking (playtest E11: the line is at the foot of a long page)
            assert any(str(written) in n.message for n in told(app))

    run(go())


def test_the_briefing_is_of_today_and_says_what_the_chapter_has_seen(tmp_path):
    """Not the chapter's opening text alone, turn after turn, with facts of long ago as if new."""

    async def go():
        app = make_app(tmp_path, "cuban-missile-crisis", "kennedy", opponent="historical", seed=4)
        async with app.run_test(size=(160, 50)) as pilot:
            await press(pilot, "enter")
            desk = app.screen
            first = str(desk.query_one("#briefing").content)
            assert "Wednesday, April 19, 1961" in first and "Still true" not in first
            opening = app.match.view(Side.KENNEDY).phase
            for _ in range(40):  # play on until the next chapter
                if app.match.view(Side.KENNEDY).phase != opening:
                    break
                await press(pilot, "1", "1")
                await to_desk(pilot)
            view = app.match.view(Side.KENNEDY)
            assert view.phase != opening
            now = str(desk.query_one("#briefing").content)
            assert long_date(view.date) in now and "April 19, 1961" not in now
            still = now[now.index("Still true") :]  # what was known before this chapter, not as news
            assert "The exile brigade has been destroyed at the Bay of Pigs." in still

    run(go())


def test_the_projector_theme_shows_risk_and_defcon_in_large_digits(tmp_path):
    from textual.widgets import Digits

    async def go():
        app = make_app(tmp_path, MINI, "kennedy", seed=3)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "enter")
            desk = app.screen
            assert not desk.query_one("#big-numbers").display  # the usual theme: bars and sparklines
            app.theme = "projector"
            await settle(pilot)
            view = app.match.view(Side.KENNEDY)
            assert desk.query_one("#big-numbers").display
            assert desk.query_one("#big-risk", Digits).value == str(view.tracks["risk"])
            assert desk.query_one("#big-alert", Digits).parent.display is ("defcon" in view.tracks)
            assert "RISK OF WAR" in screen_text(app) and "███" not in screen_text(app)  # no bar beside them
            app.theme = "crisis"
            await settle(pilot)
            assert not desk.query_one("#big-numbers").display

    run(go())


def test_a_resumed_game_says_it_is_saved_where_it_was_opened_from(tmp_path, monkeypatch):
    """Continue from the new-game page, or `crisis play --load FILE`: quitting before the next turn
    says the game is in that file, and the terminal says how to resume it, not "nothing is saved"."""
    from game.engine.match import Game
    from game.persistence import save
    from game.persistence.files import typed_name
    from game.persistence.gallery import Gallery
    from game.scenario import catalog
    from game.ui.app import CrisisApp
    from game.ui.setup import Setup

    game = Game(catalog.get("thirteen-days"), 3)  # a bundled scenario: a save finds it by its content
    for side in game.sides_to_act():
        game.apply(game.legal_moves(side)[0])
    kept = save(game, tmp_path / "kept.json", sides={"kennedy": "human", "khrushchev": "historical"})

    async def go(app: CrisisApp) -> None:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            if isinstance(app.screen, NewGameScreen):  # Continue opens the newest unfinished save
                page = app.screen
                await until(pilot, lambda: page.saves is not None, "the saves looked for")
                await press(pilot, "c")
            for _ in range(5):
                if isinstance(app.screen, GameScreen):
                    break
                await press(pilot, "enter")
            assert isinstance(app.screen, GameScreen), [n.message for n in told(app)]
            await press(pilot, "ctrl+q")
            assert isinstance(app.screen, ConfirmScreen)
            assert "nothing of this game is saved" not in app.screen.question
            assert f"saved up to the end of turn 1, in\n{kept}\n" in app.screen.question
            typed = typed_name(kept)  # in the saves folder (the second time): its name alone
            assert app.match.farewell() == f"Saved to {kept}\nResume with: crisis play --load {typed}"

    setup = Setup("thirteen-days", "kennedy", "historical", 3, True)
    run(go(CrisisApp(setup, game, think_time=0, gallery=Gallery(tmp_path), source=kept)))
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path))  # where Continue looks
    (tmp_path / "saves").mkdir(exist_ok=True)
    kept = kept.rename(tmp_path / "saves" / "kept.json")
    run(go(make_app(tmp_path, "thirteen-days", "kennedy", seed=3, skip_menu=False)))
