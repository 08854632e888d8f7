"""Saved games: the newest unfinished one to continue, and the list of them all to open one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.errors import CrisisError
from game.sides import SIDES
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.setup import Setup
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from game.engine.match import Game
    from game.model import Scenario
    from game.persistence import SaveSummary


def saved_games() -> list[SaveSummary]:
    """The saves in the data folder, newest first (a damaged one with its problem); none (not an error)
    if the folder cannot be read."""
    from game.persistence import list_saves

    try:
        return list_saves()
    except (CrisisError, OSError):
        return []


def saves_folder() -> Path:
    """The folder the game saves itself in (CRISIS_DATA_DIR, else the user's data folder)."""
    from game.persistence import saves_dir

    return saves_dir()


def _in_progress(x: SaveSummary) -> bool:
    return x.problem is None and x.ending is None and x.turns > 0


def unfinished(saves: list[SaveSummary]) -> SaveSummary | None:
    """The newest save of a game still in progress: what Continue opens."""
    return next((x for x in saves if _in_progress(x)), None)


def to_continue(saves: list[SaveSummary], cut_off: set[Path]) -> list[SaveSummary]:
    """What Continue offers: the game played last (`unfinished`), and before it each game in progress
    that was cut off (`cut_off`: its lock left by a game killed or crashed). A player recovering a
    crash may mean that game rather than one played since in another window (G13): with more than
    one, Continue asks which."""
    last = unfinished(saves)
    cut = [x for x in saves if x.path in cut_off and _in_progress(x)]
    return cut + ([last] if last is not None and last not in cut else [])


def players(sides: dict[str, str]) -> str:
    """Who played: 'as Khrushchev vs pragmatist', 'two players', or 'hawk vs dove' (computer only)."""
    names = {side.value: side.value.title() for side in SIDES}
    humans = [side for side in names if sides.get(side) == "human"]
    if len(humans) == 2:
        return "two players"
    if len(humans) == 1:
        other = next((sides[x] for x in names if x not in humans and x in sides), "")
        return f"as {names[humans[0]]}" + (f" vs {other}" if other else "")
    if sides:
        return " vs ".join(f"{names[x]}: {sides[x]}" for x in names if x in sides)
    return ""


def describe(x: SaveSummary) -> tuple[str, ...]:
    """One save as a row of the menu: what it is (and who played), how it stands, and its file (a save
    and its copy read alike but for it: G28). A file that cannot be read: its name and why."""
    when = x.saved[:16].replace("T", " ")
    if x.problem is not None:
        return f"{x.path.name} · cannot be read: {x.problem}", f"changed {when}"
    state = "ended" if x.ending else "in progress"
    lines = f", {x.lines} lines" if x.lines > 1 else ""
    turns = f"{x.turns} turn{'s' if x.turns != 1 else ''}"
    what = " · ".join(part for part in (x.title or x.scenario, players(x.sides)) if part)
    edited = " · changed after it was saved: checked when opened" if x.edited else ""  # H18
    return what, f"seed {x.seed} · {turns}, {state}{lines} · saved {when}", f"file {x.path.name}{edited}"


def row(x: SaveSummary) -> Content:
    """`describe`'s lines as the menu shows them, the file's name muted."""
    lines = [escape(line) for line in describe(x)]
    if x.problem is None:
        lines[-1] = f"[$text-muted]{lines[-1]}[/]"
    return Content.from_markup("\n".join(lines))


def scenario_choice(s: Scenario) -> str:
    """How the new-game screen names `s`: a bundled scenario by its id (its radio button), any other
    by its file. A game opened from a save then leaves the file field empty for the next new game,
    and the radio decides (playtest F9)."""
    from game.scenario import catalog

    if s.path:
        here = Path(s.path).resolve()
        bundled = next((p.stem for p in catalog.bundled() if p.resolve() == here), None)
        return bundled or s.path
    return s.id


def open_saved(
    path: str, spoilers: bool, tips: bool = False, said: list[str] | None = None
) -> tuple[Setup, Game]:
    """Load a save (raising CrisisError with the reason) and the setup it was played with; a game that
    has ended opens on its front page (the desk's flow goes straight there). `tips`: the first game's
    tips on the desk, as the new-game screen has them (a game resumed is still a first game, F11).
    `said` receives what the load has to tell (a file edited by hand, G24)."""
    from game.persistence import load
    from game.seats import seats

    loaded = load(path)
    game = loaded.game
    if said is not None:
        said.extend(loaded.meta.warnings)
    taken = seats(loaded.meta.sides)  # a game the computer played: Kennedy's seat, against its policy
    setup = Setup(
        scenario_choice(game.scenario),
        taken.side,
        taken.opponent,
        game.state.seed,
        spoilers,
        objectives=game.state.objectives_on,
        tips=tips and not game.is_over(),
    )
    return setup, game


class SavesScreen(ModalPage[str | None]):
    """Dismisses with the path of the save chosen, or None."""

    PAGE_HELP = """
        ## Saved games

        Every game in the saves folder (named below), newest first: the game saves itself after every
        turn. Each row says who you played and against whom. Choose one with the arrows and press
        **Enter**: a game in progress plays on from where it stands; a game that has ended opens on its
        front page, where **t** shows its timeline, and **b** on the timeline plays it differently from
        a turn you choose (or `crisis play --load FILE --branch-at TURN`). A file that cannot be read
        is greyed, with the reason, and left as it is.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back", key_display="esc")]

    def __init__(
        self,
        saves: list[SaveSummary],
        folder: Path | None = None,
        *,
        title: str = "Saved games",
        note: str = "",
    ) -> None:
        super().__init__()
        self.saves = saves
        self.folder = folder if folder is not None else saves_folder()
        """Where the game saves itself (shown on the page and in its help)."""
        self.title, self.note = title, note
        """The frame's title, and a line above the list saying why these saves (markup)."""

    def page_text(self) -> str:
        return f"{super().page_text()}\n\nThe saves folder: `{self.folder}`"

    def compose(self) -> ComposeResult:
        with Vertical(id="saves", classes="frame") as frame:
            frame.border_title = self.title
            if self.note:
                yield Static(Content.from_markup(self.note), id="saves-note")
            frame.border_subtitle = "↑↓ choose · Enter opens · Escape goes back"
            yield Static(
                Content.from_markup(f"[$text-muted]Saves folder: [/]{escape(str(self.folder))}"),
                id="saves-folder",
            )
            if self.saves:
                rows: list[Option | None] = []
                for x in self.saves:  # a rule between rows of two lines or more
                    rows += [None] if rows else []
                    rows.append(Option(row(x), id=str(x.path), disabled=x.problem is not None))
                yield OptionList(*rows, id="saves-list")
            else:
                yield Static(Content.from_markup("[$text-muted]No saved games yet.[/]"))
            yield Static(id="saves-path")
        yield KeyBar()

    def saves_text(self) -> str:
        """The list as the player reads it."""
        return "\n".join(" · ".join(describe(x)) for x in self.saves)

    def on_mount(self) -> None:
        for options in self.query(OptionList):
            options.focus()
            self._path(options.highlighted_option)

    def _path(self, option: Option | None) -> None:
        text = option.id or "" if option is not None else ""
        self.query_one("#saves-path", Static).update(Content.from_markup(f"[$text-muted]{escape(text)}[/]"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._path(event.option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        close(self, event.option.id)

    def action_close(self) -> None:
        close(self, None)
