"""What if? Every order open at a past turn, each played forward by the computer many times: the odds.

The games run in a thread (in worker processes when they are many, as `crisis explore` runs them),
with a progress bar; closing the page stops them at the next chunk of games.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import ProgressBar, Static

from game.analysis.explore import Exploration, alternative_label, explore
from game.analysis.odds import bracket, percent
from game.analysis.time_left import time_left
from game.dates import long_date
from game.model import CrisisError, Side
from game.ui.screens.page import while_open
from game.ui.screens.text_page import TextPage
from game.ui.session import Match, leader

RUNS = 200
"""Games per order at first: intervals of about ±7 points on an even share."""
MOST = 5000
"""Games per order at the most (`m` multiplies by five up to it)."""
KIND_WORDS = {
    "settlement": "settled",
    "standoff": "standoff",
    "limited-war": "limited war",
    "nuclear-war": "nuclear war",
}


class _Stopped(Exception):
    """The page was closed: the games stop at the next chunk."""


class OddsScreen(TextPage):
    PAGE_HELP = """
        ## What if?

        Every order open at this turn, each played forward by the computer from there, many times:
        how often each one ended settled, in a standoff, in a limited war or in a nuclear war, with
        the 95% interval in brackets (two orders whose intervals overlap may not differ at all), and
        the endings it reached. After the turn, each side is played by one of the computer's
        personalities, drawn anew for each game; every order is played with the same luck. The
        letter sent that turn is tried too: as sent, none, and what each personality would have
        written. **m** plays five times as many games, for narrower intervals; Escape stops the games
        and closes the page.
    """

    DEFAULT_CSS = """
    #odds-progress { height: auto; }
    #odds-left { width: auto; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *TextPage.BINDINGS,
        Binding("m", "more", "More games"),
    ]

    def __init__(
        self, match: Match, turn: int, sides: Sequence[Side], runs: int | None = None, jobs: int | None = None
    ) -> None:
        date = (
            match.game.state.log[turn - 1].date
            if turn <= len(match.game.state.log)
            else match.game.state.date
        )
        super().__init__(f"What if? Turn {turn}, {long_date(date)}", "", "esc closes · m more games")
        self.match, self.turn, self.sides, self.jobs = match, turn, tuple(sides), jobs
        self.runs = RUNS if runs is None else runs
        self.result: Exploration | None = None
        self._stopped = False
        self._clock: tuple[float, float, int, int] | None = None
        """(started, last chunk's end, games done, games in all), for the time left."""

    def compose(self) -> ComposeResult:
        with Vertical(id=self.FRAME_ID, classes="frame") as frame:
            frame.border_title = self.title_text
            frame.border_subtitle = self.subtitle
            with Horizontal(id="odds-progress"):
                yield ProgressBar(total=None, show_eta=False, id="odds-bar")
                yield Static("--:--:--", id="odds-left")
            with VerticalScroll(classes="reading-body"):
                yield Static(classes="reading-text", id="odds-text")

    @while_open
    def on_mount(self) -> None:
        self.set_interval(1, self._tick)
        self._start()

    def on_unmount(self) -> None:
        self._stopped = True  # a worker still playing stops at its next chunk

    def _start(self) -> None:
        self._stopped, self._clock = False, None
        self.query_one("#odds-progress").display = True
        self._tick()
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        self._say(f"Playing {self.runs} games of each order from turn {self.turn}...")
        self.run_worker(self._play, thread=True, exclusive=True, group="odds", exit_on_error=False)

    def _play(self) -> None:
        """In the worker's thread: the study, then its table on the page (or why it could not run)."""
        try:
            found = explore(
                self.match.game,
                self.turn,
                runs=self.runs,
                jobs=self.jobs,
                sides=self.sides,
                progress=self._progress,
            )
        except _Stopped:
            return
        except CrisisError as e:
            self._from_thread(self._fail, str(e))
            return
        except Exception as e:  # the games could not run (no worker processes): said, never a silent 0%
            self._from_thread(self._fail, f"the games could not run: {type(e).__name__}: {e}")
            return
        self._from_thread(self._show, found)

    def _progress(self, done: int, total: int) -> None:
        if self._stopped:
            raise _Stopped
        now = time.monotonic()
        self._clock = (now if done == 0 or self._clock is None else self._clock[0], now, done, total)
        self._from_thread(self.query_one(ProgressBar).update, total=total, progress=done)
        self._from_thread(self._tick)

    def _tick(self) -> None:
        """The time left on the bar's right, counting down between chunks."""
        clock = self._clock
        left = None if clock is None else time_left(clock[0], clock[1], time.monotonic(), clock[2], clock[3])
        shown = "--:--:--" if left is None else f"{left // 3600:02d}:{left // 60 % 60:02d}:{left % 60:02d}"
        self.query_one("#odds-left", Static).update(shown)

    def _from_thread(self, call, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        try:
            self.app.call_from_thread(call, *args, **kwargs)
        except RuntimeError:  # the app has closed under the games
            raise _Stopped from None

    def _fail(self, why: str) -> None:
        self.query_one("#odds-progress").display = False
        self._say(f"[$error]These odds cannot be worked out: {escape(why)}[/]")

    def _say(self, markup: str) -> None:
        self.query_one("#odds-text", Static).update(Content.from_markup(markup))

    def _show(self, found: Exploration) -> None:
        self.result = found
        self.query_one("#odds-progress").display = False
        self.query_one("#odds-text", Static).update(odds_table(found))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "more":
            return self.result is not None and self.runs < MOST
        return True

    def action_more(self) -> None:
        if self.result is None or self.runs >= MOST:
            return
        self.runs, self.result = min(self.runs * 5, MOST), None
        self.refresh_bindings()
        self._start()

    def action_close(self) -> None:
        self._stopped = True
        super().action_close()


def odds_table(x: Exploration) -> Table:
    """The table as the page shows it: per side, each order with its odds, then the endings it reached
    (variants of an ending share its headline and are counted as one), shares in the left column."""
    s = x.scenario
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=4, no_wrap=True)
    grid.add_column(ratio=1)
    mix = ", ".join(x.policies)
    grid.add_row(
        "",
        Text(
            f"{x.runs} games of each order; after it, each side played by one of: {mix} (seed {x.seed})",
            "dim",
        ),
    )
    side: Side | None = None
    for row in x.rows:
        alt = row.alternative
        if alt.side is not None and alt.side is not side:
            side = alt.side
            other = x.played[side.other]
            held = (
                f"{leader(s, side.other)}'s order held as given: {s.decision(other.decision).label}"
                if other
                else f"{leader(s, side.other)} played by the computer"
            )
            grid.add_row("", "")
            grid.add_row("", Text.assemble((leader(s, side), "bold"), (f"  ({held})", "dim")))
        name = alternative_label(x, alt)
        marks = [m for m, on in (("as played", alt.played), ("what happened", alt.historical)) if on]
        grid.add_row("", "")
        grid.add_row("", Text.assemble((name, "bold"), (f"  ({', '.join(marks)})" if marks else "", "dim")))
        kinds = " · ".join(
            f"{KIND_WORDS.get(k, k)} {percent(n, row.runs)} {bracket(n, row.runs)}"
            for k, n in row.kinds.items()
        )
        grid.add_row("", kinds)
        told: dict[str, int] = {}
        for e, n in row.endings.items():
            told[s.ending(e).headline] = told.get(s.ending(e).headline, 0) + n
        for headline, n in sorted(told.items(), key=lambda kv: -kv[1]):
            grid.add_row(Text(percent(n, row.runs), "dim"), Text(headline, "dim"))
    return grid
