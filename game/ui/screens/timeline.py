"""This game's timeline beside the historical one, date by date."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from game.model import SIDES, Side
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage
from game.ui.session import Match, historical_line, leader, short_date
from game.ui.widgets.keybar import KeyBar


class TimelineScreen(ModalPage[None]):
    """Rows by date; the history column appears with spoilers on (up to today) or once the game is over."""

    PAGE_HELP = """
        ## Timeline

        Your game turn by turn beside the historical one (with spoilers on, or once the game is over);
        ✓ marks an order that was really given. Move the cursor to a turn and press **b** to go back to
        its start and choose differently: the road you took stays in the save beside the new one.
    """

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t,q", "close", "Close"),
        Binding("b", "branch", "Go back to a turn"),
        Binding("down", "scroll(1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("pagedown,space", "scroll(10)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
    ]

    def __init__(self, match: Match, viewer: Side) -> None:
        super().__init__()
        self.match, self.viewer = match, viewer

    def compose(self) -> ComposeResult:
        over = self.match.game.is_over()
        show_history = over or self.match.setup.spoilers
        with Vertical(id="timeline", classes="frame") as frame:
            frame.border_title = "Timeline: this game beside history"
            frame.border_subtitle = (
                "✓ as in history" if show_history else "history is shown at the end (spoilers off)"
            )
            with VerticalScroll():
                yield Static(self.table(show_history), id="timeline-table")
                yield Static(self.tree(), id="timeline-lines")
        yield KeyBar()

    def tree(self) -> str:
        """The lines kept in this game's save: the one played first, and each road taken since."""
        from game.persistence import SaveError, lines

        path = self.match.saved_to
        if path is None:
            return "Lines in the save: none yet (the game saves itself after each turn)."
        try:
            tree = lines(path)
        except SaveError:
            return ""
        rows = [f"Lines in the save ({path.name}); b goes back to a turn and starts another:"]
        for line in tree:
            where = "the first line" if line.parent is None else f"from turn {line.branch_at}"
            end = f", ended: {self.match.scenario.ending(line.ending).headline}" if line.ending else ""
            rows.append(f"  {line.id}: {where}, {line.turns} turn(s){end}")
        return "\n".join(rows)

    def action_branch(self) -> None:
        """Pick a past turn and replay the game from there (the played line stays in the save)."""
        from game.ui.screens.branch import BranchScreen

        log = self.match.game.state.log
        if not log:
            self.app.notify("No turn has been played yet.", timeout=3)
            return

        def go(turn: int | None) -> None:
            if turn is not None:
                self.app.branch_at(turn)  # type: ignore[attr-defined]

        self.app.push_screen(BranchScreen(len(log), [r.date for r in log]), go)

    def table(self, show_history: bool) -> Table:
        m, s = self.match, self.match.scenario
        over = m.game.is_over()
        log = m.game.state.log if over else m.view(self.viewer).log
        today = m.game.state.date
        history = {t.date: t for t in historical_line(s) if over or t.date < today}
        table = Table(expand=True, show_lines=True, pad_edge=False, header_style="bold")
        table.add_column("Date", no_wrap=True, width=12)
        table.add_column("This game", ratio=1)
        if show_history:
            table.add_column("In history", ratio=1)
        played = {t.date: t for t in log}
        dates = sorted(set(played) | (set(history) if show_history else set()))
        last_phase = ""
        for date in dates:
            turn, real = played.get(date), history.get(date)
            game_cell, real_cell = Text(), Text()
            if turn is not None:
                if turn.phase != last_phase:  # the chapter, when it changes
                    game_cell.append(s.phase(turn.phase).title + "\n", style="bold dim")
                last_phase = turn.phase
                for i, side in enumerate(SIDES):
                    move = turn.moves[i] if i < len(turn.moves) else None
                    name = leader(s, side) + ": "
                    if move is None:
                        game_cell.append(name, style="bold").append(
                            "(a move you did not see)\n", style="italic dim"
                        )
                        continue
                    d = s.decision(move.decision)
                    same = real is not None and real.moves.get(side) == move.decision
                    game_cell.append(name, style="bold").append(d.label)
                    game_cell.append(" ✓\n" if show_history and same else "\n")
                for e in turn.events:
                    ev = s.event(e)
                    game_cell.append(("FLASH " if ev.flash else "• ") + ev.title + "\n", style="italic")
            if show_history and real is not None:
                if turn is None or real.phase != turn.phase:
                    real_cell.append(s.phase(real.phase).title + "\n", style="bold dim")
                for side in SIDES:
                    d = s.decision(real.moves[side])
                    real_cell.append(leader(s, side) + ": ", style="bold").append(d.label + "\n")
            game_cell.rstrip()
            real_cell.rstrip()
            cells = [Text(short_date(date)), game_cell if game_cell.plain else Text("-", style="dim")]
            if show_history:
                cells.append(real_cell if real_cell.plain else Text("-", style="dim"))
            table.add_row(*cells)
        if not dates:
            table.add_row(Text("-"), Text("No turn has been played yet.", style="dim"))
        return table

    def action_close(self) -> None:
        close(self, None)

    def action_scroll(self, lines: int) -> None:
        for scroll in self.query(VerticalScroll):
            scroll.scroll_relative(y=lines, animate=False)
