"""The Textual game: the App, its screens and commands, and `run`, the entry point of `crisis play`."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.markup import escape
from textual.screen import Screen

from game.persistence.gallery import Gallery
from game.ui.screens.confirm import ConfirmScreen
from game.ui.setup import Setup, new_seed
from game.ui.themes import THEMES

if TYPE_CHECKING:
    from textual.driver import Driver

    from game.engine.match import Game
    from game.engine.state import Move
    from game.model import Scenario
    from game.ui.screens.desk import GameScreen
    from game.ui.session import Match

# Screens are imported when first shown: the new-game screen and the desk each open sooner.

MIN_SIZE = (80, 24)
"""The terminal the screens are laid out for (columns, rows)."""

FIRST_CSS = Path(__file__).resolve().parent / "crisis.tcss"
"""The stylesheet's base and the new-game screen: all that screen's first paint needs."""
PAGES_CSS = Path(__file__).resolve().parent / "pages.tcss"
"""Every other screen's rules, read after the new-game screen's first paint (`read_pages_css`): their
parse was ~4% of that screen's cold start. A game that opens at once reads both before its first page."""


class CrisisApp(App[int]):
    """Holds the one game in play (`match`); every move goes through `apply`."""

    CSS_PATH = [FIRST_CSS, PAGES_CSS]
    TITLE = "Missile Crisis"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", key_display="^q", priority=True),
    ]

    def __init__(
        self,
        setup: Setup,
        game: Game | None = None,
        *,
        skip_menu: bool = False,
        think_time: float = 0.8,
        gallery: Gallery | None = None,
        source: Path | None = None,
        read_only: bool = False,
    ) -> None:
        self.skip_menu = skip_menu or game is not None
        super().__init__(css_path=None if self.skip_menu else [FIRST_CSS])
        self.setup = setup
        self.loaded = game
        self.source = source
        """The save `game` was loaded from, if any."""
        self.read_only = read_only
        """`game` is played without saving (its save is open in another game)."""
        self.think_time = think_time
        """Least time the opponent is shown considering (0 in tests)."""
        self.gallery = gallery or Gallery()
        self.match: Match | None = None
        """The game in play: the one place the UI keeps it."""
        for theme in THEMES:
            self.register_theme(theme)
        self._first_theme("crisis")

    def get_driver_class(self) -> type[Driver]:
        from game.ui.hangup import driver_for

        return driver_for(super().get_driver_class())

    def _first_theme(self, name: str) -> None:
        """Start in the theme `name` without parsing the stylesheet twice.

        Setting `theme` calls Textual's watcher, which re-parses every rule and restyles every widget
        on the next tick, after the first parse (~7% of the new-game screen's start). Before the app
        runs nothing is parsed yet: this does what the watcher does, less that second pass (the
        theme's variables go to the stylesheet before its first parse). Switching themes later
        (the command palette) goes through the watcher as before.
        """
        self.set_reactive(App.theme, name)
        self.update_classes(
            {
                **{c: False for c in self.classes if c.startswith("-theme-")},
                f"-theme-{name}": True,
                "-dark-mode": self.current_theme.dark,
                "-light-mode": not self.current_theme.dark,
            },
            update=False,
        )
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def run(self, *args: Any, **kwargs: Any) -> int | None:
        """Run in the terminal, Python's cyclic collector off until the first screen is painted.

        Starting allocates tens of thousands of objects that live as long as the app (widgets, styles,
        parsed rules); each collection before the first paint walked them all again, ~13% of the
        CPU to the new-game screen (bench/ui_bench.py). What the imports built is frozen (never
        walked again), and collection resumes once the first screen is on the terminal.
        """
        gc.freeze()
        gc.disable()
        try:
            return super().run(*args, **kwargs)
        finally:
            gc.enable()

    def read_pages_css(self) -> None:
        """Read the rules of every screen but the new-game one, if they are not in yet (the new-game
        screen calls this once it is on the terminal; any other screen is pushed after it)."""
        if self.stylesheet.has_source(str(PAGES_CSS)):
            return
        self.stylesheet.read(PAGES_CSS)
        self.stylesheet.parse()  # the sources already read are parsed once (the stylesheet keeps them)
        self.stylesheet.update(self)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        if not getattr(screen, "FIRST_CSS_ONLY", False):  # its rules are in before it is composed
            self.read_pages_css()
        return super().push_screen(screen, *args, **kwargs)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self.return_code is not None:
            return  # the quit is confirmed: keys typed after it open no page on the closing app (H1)
        await super().on_event(event)

    def on_ready(self) -> None:
        """The first screen is painted: the collector may run again."""
        self.call_after_refresh(gc.enable)
        self._too_small()

    def on_resize(self, event: events.Resize) -> None:
        self._too_small(event.size)

    _said_small = False
    SMALL = "A small terminal"

    def _too_small(self, size: Size | None = None) -> None:
        """A terminal under 80x24 is told what the game is laid out for (playtest E23: at 60x20 Start
        was off screen, and nothing said why), once while it stays small; the notice goes as soon as
        the terminal is large enough (F20)."""
        width, height = size or self.size
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if small and not self._said_small:
            self._said_small = True
            self.notify(
                f"This terminal is {width}x{height}; the game is laid out for at least "
                f"{MIN_SIZE[0]}x{MIN_SIZE[1]}. Enlarge it to see every panel and key.",
                title=self.SMALL,
                severity="warning",
                timeout=10,
            )
        elif not small and self._said_small:
            self._said_small = False
            for notice in [n for n in self._notifications if n.title == self.SMALL]:
                self._unnotify(notice)

    def on_unmount(self) -> None:
        from game.persistence import lock

        lock.release_all()  # the app is closing: no save stays locked (a crash's lock blocks nothing)

    def on_mount(self) -> None:
        from game.ui.hangup import watch

        watch(self)  # a lost terminal, SIGHUP or SIGTERM end the game as a quit does
        if self.skip_menu:
            self.start(self.setup, self.loaded, self.source, read_only=self.read_only)
        else:
            from game.ui.screens.new_game import NewGameScreen

            self.push_screen(NewGameScreen(self.setup))

    # ---- the game ---------------------------------------------------------------------------

    def start(
        self, setup: Setup, game: Game | None = None, source: Path | None = None, *, read_only: bool = False
    ) -> bool:
        """Begin (or resume, from the save `source`) a game on a fresh desk; False, with a notice, if the
        scenario fails. `read_only`: the game is never saved. Only the lock of the save this game
        writes is kept (game/persistence/lock.py)."""
        from game.model import CrisisError, ScenarioError
        from game.persistence import lock
        from game.ui.screens.desk import GameScreen
        from game.ui.session import Match

        try:
            match = Match.start(setup, game, source, read_only=read_only)
        except ScenarioError as err:
            lines = "\n".join(str(p) for p in err.problems[:4])
            self.notify(escape(lines), title="The scenario has problems", severity="error", timeout=10)
            return False
        except (CrisisError, OSError) as err:
            self.notify(escape(str(err)), title="Cannot start", severity="error", timeout=8)
            return False
        self.setup, self.match = setup, match
        keep = None
        if game is not None and not read_only:  # a save's game: saves (and the AI it names) loaded anyway
            from game.persistence import home

            keep = home(game)
        lock.release_all(keep=keep)  # a new game's lock is taken at its first save, not before its paint
        match.on_change = self.game_changed
        self._clear_screens()
        self.push_screen(GameScreen(match))
        return True

    def branch_at(self, turn: int) -> None:
        """Go back to the start of `turn` and play on from there: a new line beside the old one."""
        from game.engine.match import cut
        from game.model import CrisisError
        from game.persistence import share_home

        if self.match is None:
            return
        try:
            game = cut(self.match.game, turn)
        except CrisisError as err:
            self.notify(escape(str(err)), title="Cannot go back", severity="error")
            return
        share_home(game, self.match.game)  # the new line goes beside the old one, in its save
        self.match.recorded = True  # the abandoned line's ending is not the new line's
        if self.start(self.setup, game):
            self.notify(f"Back at turn {turn}, {game.state.date}. The line you played is kept in the save.")

    def apply(self, move: Move) -> None:
        """The only way a move reaches the game."""
        assert self.match is not None
        self.match.apply(move)

    def game_changed(self, match: Match) -> None:
        """Called after every move (the match has just autosaved): a failed save is shown at once, and
        the first failure offers another file."""
        if not match.save_tried or match.save_error is None:
            return
        self.notify(
            escape(match.save_error), title="The game could not be saved", severity="error", timeout=8
        )
        if match.save_failed_now:
            from game.ui.screens.save_elsewhere import SaveElsewhereScreen

            def saved(path: Path | None) -> None:
                if path is not None:
                    self.notify(f"Saved to {escape(str(path))}; the game is saved there from now on.")

            self.push_screen(SaveElsewhereScreen(match), saved)

    def show_ending(self) -> None:
        """The front page; the ending goes into the gallery once."""
        from game.ui.screens.ending import EndingScreen

        match = self.match
        if match is None or not match.game.is_over():
            return
        if not match.recorded:
            out = match.game.outcome()
            assert out is not None
            match.recorded = True
            sides = sorted(s.value for s in match.humans)
            if not self.gallery.record(match.scenario.id, out.ending, sides):
                self.notify(escape(self.gallery.error or ""), title="Gallery not saved", severity="warning")
        self.push_screen(EndingScreen(match, self.gallery))

    def _clear_screens(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _game_screen(self) -> GameScreen | None:
        from game.ui.screens.desk import GameScreen

        return next((s for s in self.screen_stack if isinstance(s, GameScreen)), None)

    # ---- actions and commands -------------------------------------------------------------

    def action_new_game(self) -> None:
        def go(yes: bool | None) -> None:
            from game.ui.screens.new_game import NewGameScreen

            if yes:
                self._clear_screens()
                self.push_screen(NewGameScreen(Setup(**{**self.setup.__dict__, "seed": new_seed()})))

        if self.match is not None and self.match.in_progress:
            self.push_screen(
                ConfirmScreen("Abandon this game and start a new one?", "Abandon", "Keep playing"), go
            )
        else:
            go(True)

    def action_timeline(self) -> None:
        from game.ui.screens.timeline import TimelineScreen

        if self.match is None or isinstance(self.screen, TimelineScreen):
            return
        desk = self._game_screen()
        viewer = desk.viewer if desk is not None else next(iter(sorted(self.match.humans)))
        self.push_screen(TimelineScreen(self.match, viewer))

    def _scenario(self) -> Scenario:
        from game.scenario import catalog

        return self.match.scenario if self.match else catalog.get(self.setup.scenario)

    def action_gallery(self) -> None:
        from game.ui.screens.gallery import GalleryScreen

        if not isinstance(self.screen, GalleryScreen):
            self.push_screen(GalleryScreen(self._scenario(), self.gallery))

    def action_graph(self) -> None:
        from game.ui.screens.graph import GraphScreen

        if not isinstance(self.screen, GraphScreen):
            current = self.match.view(next(iter(sorted(self.match.humans)))).phase if self.match else None
            self.push_screen(GraphScreen(self._scenario(), current))

    def action_help(self) -> None:
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        if self.return_code is not None:
            return  # already quitting: keys still in the queue ask nothing more
        if self.match is None or self.match.game.is_over():  # from a game's first page on, it asks (E28)
            self.exit(0)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        if not isinstance(self.screen, ConfirmScreen):
            self.push_screen(ConfirmScreen(quit_question(self.match), "Quit", "Keep playing"), answer)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("New game", "Choose a side, a scenario and an opponent", self.action_new_game)
        if self.match is not None:
            yield SystemCommand("Timeline", "This game beside the historical one", self.action_timeline)
        yield SystemCommand(
            "Phase graph",
            "Chapters and endings, as a tree (spoilers: it names every ending)",
            self.action_graph,
        )
        yield SystemCommand("Endings gallery", "The endings you have reached", self.action_gallery)
        yield SystemCommand("Help", "How to play", self.action_help)
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":  # Textual's writes to ~/Downloads, which may not exist
                where = "Save an SVG picture of this screen in the data folder's screenshots/"
                command = SystemCommand(
                    "Screenshot", where, lambda: self.set_timer(0.1, self.action_screenshot)
                )
            yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save the screen as SVG (in the data folder's screenshots/ unless `path`) and say where, or why
        not."""
        from game.persistence import SaveError, data_dir, write_atomic

        folder = Path(path) if path else data_dir() / "screenshots"
        stem = f"missile-crisis-{datetime.now():%Y-%m-%d-%H%M%S}"
        target, n = folder / (filename or f"{stem}.svg"), 1
        while filename is None and target.exists():  # two in one second: the second beside the first
            n += 1
            target = folder / f"{stem}-{n}.svg"
        try:
            written = write_atomic(target, self.export_screenshot().encode("utf-8"))
        except SaveError as err:
            self.notify(escape(str(err)), title="Screenshot not saved", severity="error", timeout=8)
            return
        self.notify(f"Saved to {escape(str(written))}", title="Screenshot")


def quit_question(match: Match) -> str:
    """What quitting now keeps and loses, as the autosave has it (the same the terminal says after).

    The save's path goes on a line of its own: centred in the dialog, a path too long for one line
    would otherwise leave the word before it alone on a line.
    """
    if match.read_only:
        return "Quit? This game was opened read only (its save is open in another game): nothing is saved."
    if match.save_error:
        kept = f"{match.saved_to} holds turn {match.saved_turns}" if match.saved_to else "nothing is saved"
        return (
            f"Quit? The last {match.unsaved_turns} turn(s) could not be saved ({match.save_error}); {kept}."
        )
    if match.saved_to is None:
        finished, parent = len(match.game.state.log), match.branched_from()
        if parent is not None:  # a new line (timeline b, --branch-at), no turn of it played yet
            return (
                f"Quit? No turn is played on this new line from turn {finished + 1}: nothing new is "
                f"saved; the game is in\n{parent}\nThe terminal will say how to resume it."
            )
        if not finished:
            return "Quit? No turn is finished yet, so nothing of this game is saved."
        return (  # a game loaded some other way with turns: they are in the save they came from
            f"Quit? No turn is finished since this game opened at turn {finished + 1}: nothing new is "
            "saved, and the turns before it are in the save they came from."
        )
    return (
        f"Quit? The game is saved up to the end of turn {match.saved_turns}, in\n"
        f"{match.saved_to}\nThe terminal will say how to resume it."
    )


def run(
    scenario: str,
    side: str | None,
    opponent: str,
    seed: int | None,
    spoilers: bool,
    game: Game | None = None,
    objectives: bool = True,
    source: Path | None = None,
    read_only: bool = False,
) -> int:
    """Play in the terminal: with `side` (or a `game` loaded from the save `source`) straight in, else
    via the new-game screen."""
    from game.scenario import catalog

    if side is not None or scenario != catalog.DEFAULT:
        catalog.get(scenario)  # a broken scenario is reported on the command line, before the screen opens
    if seed is None:
        seed = game.state.seed if game is not None else new_seed()
    gallery = Gallery()
    first_game = not any(gallery.reached(p.stem) for p in catalog.bundled())
    setup = Setup(
        scenario,
        side or "kennedy",
        opponent,
        seed,
        spoilers,
        objectives=game.state.objectives_on if game is not None else objectives,
        tips=first_game and (game is None or not game.is_over()),  # a resumed first game keeps them (F11)
    )
    app = CrisisApp(
        setup, game, skip_menu=side is not None, gallery=gallery, source=source, read_only=read_only
    )
    try:
        status = app.run() or 0
    finally:
        from game.persistence import lock

        lock.release_all()  # a clean quit leaves no lock file
    from game.launch import this_launch

    launch = this_launch()
    farewell = app.match.farewell(launch) if app.match is not None else None
    if farewell:
        from game.fold import fold

        # at the terminal's width, never inside a file name or a command (G23)
        print(fold(farewell, commands=(launch.command, launch.make_play)))
    return status
