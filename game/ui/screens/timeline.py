"""This game's timeline beside the historical one, turn by turn; a past turn is picked here to go back to."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.analysis.history import ON_ITS_DATE
from game.dates import long_date, short_date
from game.model import SIDES, Side
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.session import Match, leader
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from collections.abc import Sequence

    from game.engine.match import SeenTurn
    from game.engine.state import TurnRecord


class TimelineScreen(ModalPage[None]):
    """Rows by date, numbered by turn; history shows with spoilers on (up to today) or at the end."""

    PAGE_HELP = """
        ## Timeline

        Your game turn by turn beside what the real leaders did at each point (with spoilers on, or
        once the game is over); ✓ marks an order given on the same date in history. Move the cursor to a turn
        and press **b** to go back to its start and choose differently: the road you took stays in the
        save beside the new one. Once the game is over (or with spoilers on), **o** shows the odds of
        every order you could have given at that turn, each played forward many times by the computer.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t,q", "close", "Close", key_display="esc"),
        Binding("b", "branch", "Go back to this turn"),
        Binding("o", "odds", "What if?"),
    ]

    def __init__(self, match: Match, viewer: Side) -> None:
        super().__init__()
        self.match, self.viewer = match, viewer
        over = match.game.is_over()
        self.show_history = over or match.setup.spoilers

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline", classes="frame") as frame:
            frame.border_title = "Timeline: this game beside history"
            frame.border_subtitle = (
                f"✓ {ON_ITS_DATE}" if self.show_history else "history is shown at the end (spoilers off)"
            )
            yield Static(
                self._row(Text("#"), Text("Date"), Text("This game"), Text("In history")), id="timeline-head"
            )
            yield OptionList(*self.options(), id="timeline-rows")
            yield Static(self.lines_kept(), id="timeline-lines")
        yield KeyBar()

    def on_mount(self) -> None:
        found = self.query("#timeline-rows")
        if not found:  # closed by a key pressed before it mounted: nothing to highlight
            return
        rows = found.first(OptionList)
        played = [i for i, o in enumerate(rows.options) if o.id and o.id.startswith("turn-")]
        if played:
            rows.highlighted = played[-1]  # the last turn played
        rows.focus()

    def lines_kept(self) -> str:
        """The lines kept in this game's save: the one played first, and each road taken since."""
        from game.persistence import SaveError, lines

        path = self.match.saved_to
        if not hasattr(self.app, "branch_at"):
            return ""  # a network game: its one line is the table's, kept on the server
        if path is None:
            return "Lines in the save: none yet (the game saves itself after each turn)."
        try:
            tree = lines(path)
        except SaveError:
            return ""
        rows = [f"Lines in the save ({path.name}):"]
        for line in tree:
            where = "the first line" if line.parent is None else f"from turn {line.branch_at}"
            end = f", ended: {self.match.scenario.ending(line.ending).headline}" if line.ending else ""
            rows.append(f"  {line.id}: {where}, {line.turns} turn(s){end}")
        return "\n".join(rows)

    def chosen_turn(self) -> int | None:
        """The turn number (1-based) under the cursor, if the row is a turn of this game."""
        found = self.query("#timeline-rows")
        if not found:
            return None
        rows = found.first(OptionList)
        if rows.highlighted is None:
            return None
        option = rows.get_option_at_index(rows.highlighted)
        return int(option.id.removeprefix("turn-")) if option.id and option.id.startswith("turn-") else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "odds":  # a local game's, once history may be told (the odds tell what it holds)
            if not hasattr(self.app, "branch_at") or not self.show_history:
                return False
            return self.is_mounted and self.chosen_turn() is not None or None
        if action == "branch":
            if not hasattr(self.app, "branch_at"):
                return False  # a network game: its one line is the table's
            return (
                self.match.game.state.log != () and self.is_mounted and self.chosen_turn() is not None or None
            )
        return True

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()

    def action_odds(self) -> None:
        """The odds of every order open at the turn under the cursor (the side played; both with two)."""
        from game.ui.screens.odds import OddsScreen

        turn = self.chosen_turn()
        if turn is None or not 1 <= turn <= len(self.match.game.state.log) + 1:
            return
        sides = SIDES if self.match.two_players else (self.viewer,)
        self.app.push_screen(OddsScreen(self.match, turn, sides))

    def action_branch(self) -> None:
        """Go back to the start of the turn under the cursor, after asking (the played line stays saved)."""
        from game.ui.screens.confirm import ConfirmScreen

        turn = self.chosen_turn()
        log = self.match.game.state.log
        if turn is None or not 1 <= turn <= len(log):
            return

        def go(yes: bool | None) -> None:
            if yes:
                self.app.branch_at(turn)  # type: ignore[attr-defined]

        when = long_date(log[turn - 1].date)
        question = (
            f"Go back to the start of turn {turn} ({when}) and choose again? "
            "The line you played stays in the save, beside the new one."
        )
        self.app.push_screen(ConfirmScreen(question, "Go back", "Stay"), go)

    def _row(self, number: Text, date: Text, game: Text, real: Text) -> Table:
        """One row with the timeline's columns (each row is its own table, so that each can be picked)."""
        table = Table(
            expand=True, show_header=False, show_edge=False, box=None, pad_edge=False, padding=(0, 1)
        )
        table.add_column(width=3, no_wrap=True, justify="right")
        table.add_column(width=12, no_wrap=True)
        table.add_column(ratio=1)
        cells = [number, date, game]
        if self.show_history:
            table.add_column(ratio=1)
            cells.append(real)
        table.add_row(*cells)
        return table

    def options(self) -> list[Option | None]:
        """One row per turn played: the moves (✓ where the leader really gave that order, by the engine's
        account of history at that point), its incidents, and what each leader really did there."""
        m, s = self.match, self.match.scenario
        over = m.game.is_over()
        log: Sequence[TurnRecord | SeenTurn] = m.game.state.log if over else m.view(self.viewer).log
        show_history = self.show_history
        out: list[Option | None] = []
        last_phase = ""
        for number, turn in enumerate(log, 1):
            real = m.real[number - 1] if number <= len(m.real) else dict.fromkeys(SIDES)
            game_cell, real_cell = Text(), Text()
            if turn.phase != last_phase:  # the chapter, when it changes
                game_cell.append(s.phase(turn.phase).title + "\n", style="bold dim")
            last_phase = turn.phase
            for i, side in enumerate(SIDES):
                move = turn.moves[i] if i < len(turn.moves) else None
                name = leader(s, side) + ": "
                if move is None:
                    hidden = "(a move you did not see)\n"
                    game_cell.append(name, style="bold").append(hidden, style="italic dim")
                    continue
                d, was = s.decision(move.decision), real.get(side)
                game_cell.append(name, style="bold").append(d.label)
                game_cell.append(" ✓\n" if show_history and was is not None and was.id == d.id else "\n")
            for e in turn.events:
                ev = s.event(e)
                game_cell.append(("FLASH " if ev.flash else "• ") + ev.title + "\n", style="italic")
            if show_history:
                for side in SIDES:
                    was = real.get(side)
                    real_cell.append(leader(s, side) + ": ", style="bold")
                    if was is None:
                        real_cell.append("history had left this road\n", style="italic dim")
                    else:
                        real_cell.append(was.label + "\n")
            game_cell.rstrip()
            real_cell.rstrip()
            row: RenderableType = self._row(
                Text(str(number), style="bold"),
                Text(short_date(turn.date)),
                game_cell,
                real_cell if real_cell.plain else Text("-", style="dim"),
            )
            if out:
                out.append(None)
            out.append(Option(row, id=f"turn-{number}"))
        if not out:
            out.append(Option(Text("No turn has been played yet.", style="dim"), disabled=True))
        return out

    def action_close(self) -> None:
        close(self, None)
