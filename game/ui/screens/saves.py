"""Saved games: the newest unfinished one to continue, and the list of them all to open one."""

from __future__ import annotations

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
    from game.persistence import SaveSummary


def saved_games() -> list[SaveSummary]:
    """The saves in the data folder, newest first; none (not an error) if the folder cannot be read."""
    from game.persistence import list_saves

    try:
        return list_saves()
    except (CrisisError, OSError):
        return []


def unfinished(saves: list[SaveSummary]) -> SaveSummary | None:
    """The newest save of a game still in progress: what Continue opens."""
    return next((x for x in saves if x.ending is None and x.turns > 0), None)


def describe(x: SaveSummary) -> str:
    """One save as a line of a menu: title, turns, how it stands, when saved."""
    state = "ended" if x.ending else "in progress"
    lines = f", {x.lines} lines" if x.lines > 1 else ""
    when = x.saved[:16].replace("T", " ")
    turns = f"{x.turns} turn{'s' if x.turns != 1 else ''}"
    return f"{x.title or x.scenario} · seed {x.seed} · {turns}, {state}{lines} · saved {when}"


def open_saved(path: str, spoilers: bool) -> tuple[Setup, Game]:
    """Load a save (raising CrisisError with the reason) and the setup it was played with."""
    from game.persistence import load

    loaded = load(path)
    game = loaded.game
    if game.is_over():
        raise CrisisError(
            f"the game in {path} is over; 'crisis play --load {path} --branch-at TURN' plays it differently"
        )
    sides = loaded.meta.sides
    humans = [side for side in SIDES if sides.get(side.value) == "human"]
    side = humans[0].value if len(humans) == 1 else "both"
    opponent = next((who for who in sides.values() if who != "human"), "pragmatist")
    setup = Setup(
        game.scenario.path or game.scenario.id,
        side,
        opponent,
        game.state.seed,
        spoilers,
        objectives=game.state.objectives_on,
    )
    return setup, game


class SavesScreen(ModalPage[str | None]):
    """Dismisses with the path of the save chosen, or None."""

    PAGE_HELP = """
        ## Saved games

        Every game saved in your data folder, newest first: the game saves itself after every turn.
        Choose one with the arrows and press **Enter** to play on from where it stands. A game that
        has ended can be played differently from the timeline, or with `crisis play --load FILE
        --branch-at TURN`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Back", key_display="esc")]

    def __init__(self, saves: list[SaveSummary]) -> None:
        super().__init__()
        self.saves = saves

    def compose(self) -> ComposeResult:
        with Vertical(id="saves", classes="frame") as frame:
            frame.border_title = "Saved games"
            frame.border_subtitle = "↑↓ choose · Enter opens · Escape goes back"
            if self.saves:
                yield OptionList(
                    *[Option(describe(x), id=str(x.path), disabled=x.ending is not None) for x in self.saves],
                    id="saves-list",
                )
            else:
                yield Static(Content.from_markup("[$text-muted]No saved games yet.[/]"))
            yield Static(id="saves-path")
        yield KeyBar()

    def saves_text(self) -> str:
        """The list as the player reads it."""
        return "\n".join(describe(x) for x in self.saves)

    def on_mount(self) -> None:
        for options in self.query(OptionList):
            options.focus()
            self._path(options.highlighted)

    def _path(self, index: int | None) -> None:
        text = str(self.saves[index].path) if index is not None and index < len(self.saves) else ""
        self.query_one("#saves-path", Static).update(Content.from_markup(f"[$text-muted]{escape(text)}[/]"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._path(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        close(self, event.option.id)

    def action_close(self) -> None:
        close(self, None)
