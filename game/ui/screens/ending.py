"""The ending as a newspaper front page: headline, epilogue, both sides' scores, how far the game strayed."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from game.analysis.account import account
from game.analysis.deal_words import epilogue
from game.analysis.history import ON_ITS_DATE
from game.analysis.history_score import beside_history, sum_label
from game.dates import long_date
from game.model import SIDES, Kind
from game.persistence.gallery import Gallery
from game.ui import text
from game.ui.screens.page import Page
from game.ui.session import Match, leader
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from game.ui.app import CrisisApp

KIND_WORDS = {
    Kind.SETTLEMENT: "a settlement",
    Kind.STANDOFF: "a standoff",
    Kind.LIMITED_WAR: "a limited war",
    Kind.NUCLEAR_WAR: "nuclear war",
}


KEYS = (
    ("t", "timeline", "timeline beside history"),
    ("g", "gallery", "gallery"),
    ("e", None, "export the debrief"),
    ("n", "new_game", "new game"),
)
"""The front page's keys, as its foot names them, with the app's action each needs (the network
desk has no new game)."""


class EndingScreen(Page[None]):
    """The front page. t: timeline beside history, g: gallery, n: new game, q: quit."""

    PAGE_HELP = """
        ## The front page

        The game is over: the headline of the ending you reached, its epilogue, each leader's scores
        (0-10 on each count) and survival, security and prestige added up beside what history scored
        (a side may start ahead), both leaders' hidden aims revealed, each met or not, and how far your
        game strayed from history. From here look at the timeline beside history (where **o** on a
        turn shows what each other order there would likely have led to), the endings gallery, export
        the debrief for a class, or start a new game.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "app.timeline", "Timeline"),
        Binding("g", "app.gallery", "Gallery"),
        Binding("n", "app.new_game", "New game"),
        Binding("e", "export", "Export debrief"),
        Binding("down", "scroll(1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("pagedown,space", "scroll(10)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
    ]

    def __init__(self, match: Match, gallery: Gallery) -> None:
        super().__init__()
        self.match, self.gallery = match, gallery

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="paper-scroll"), Vertical(id="paper"):
            yield Static(id="masthead")
            yield Static(id="headline")
            yield Static(id="epilogue")
            yield Static(id="account")
            yield Static(id="scores")
            yield Static(id="aims")
            yield Static(id="verdict")
            yield Static(id="export")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.query("#masthead"):
            return  # the app closed before the page was built
        m, s = self.match, self.match.scenario
        out = m.game.outcome()
        assert out is not None
        end = s.ending(out.ending)
        st = m.game.state
        date = st.log[-1].date if st.log else st.date
        self.query_one("#masthead", Static).update(
            Content.from_markup(
                f"[b]EXTRA[/b]  ·  {escape(long_date(date))}  ·  [i]{escape(s.title)}[/i]  ·  seed {st.seed}"
            )
        )
        self.query_one("#headline", Static).update(Content.from_markup(f"[b]{escape(end.headline)}[/b]"))
        self.query_one("#epilogue", Static).update(Content.from_markup(text.flat(epilogue(s, st))))
        said = account(s, st)
        self.query_one("#account", Static).update(Content.from_markup("\n".join(escape(x) for x in said)))
        self.query_one("#account", Static).display = bool(said)
        k, kh = SIDES
        rows = [f"[b]{'':22}{leader(s, k):<16}{leader(s, kh):<16}[/b]"]
        for label, a, b in text.scores_table(s, out):
            rows.append(f"{escape(label[:21]):<22}{text.bar(a)} {a:>2}   {text.bar(b)} {b:>2}")
        viewer = next(iter(m.humans)) if len(m.humans) == 1 else None
        if beside := beside_history(s, out, viewer):  # what history scored: a side may start ahead
            label = sum_label(s)
            rows += [f"{escape(label):<22}" if len(label) < 22 else f"{escape(label)}:\n"]
            rows[-1] += f"[b]{escape(beside)}[/b]"
        self.query_one("#scores", Static).update(Content.from_markup("\n".join(rows)))
        aims = self.query_one("#aims", Static)
        aims.update(Content.from_markup(text.revealed(s, out)))
        aims.display = bool(out.objectives)
        share = round(m.history_share() * 100)
        verdict = [
            f"The crisis ended in [b]{KIND_WORDS.get(end.kind, end.kind.value)}[/b]"
            + (" [$success]- as it really happened[/]." if end.historical else "."),
            f"[b]{share}%[/b] of the orders in this game were the ones {ON_ITS_DATE}"
            + ("; it kept to history." if share == 100 else f"; it strayed on [b]{100 - share}%[/b]."),
        ]
        if not end.historical:
            real = s.historical_ending
            when = f" ({long_date(real.date.isoformat())})" if real.date else ""
            verdict.append(f"In history{escape(when)}: [i]{escape(real.headline)}[/i]")
        reached = self.gallery.reached(s.id)
        keys = [
            f"{key}: {words}"
            for key, action, words in KEYS
            if action is None or self.app.check_action(action, ()) is not False
        ]
        verdict.append(
            f"[$text-muted]Endings reached: {len(reached)} of {len(s.endings)} · " + " · ".join(keys) + "[/]"
        )
        self.query_one("#verdict", Static).update(Content.from_markup("\n".join(verdict)))
        self.app.bell() if end.kind is Kind.NUCLEAR_WAR else None
        self.add_class(f"-{end.kind.value}")

    def action_export(self) -> None:
        self.query_one("#export", Static).update(
            Content.from_markup("[$text-muted]Writing the debrief...[/]")
        )
        self.export()

    @work(thread=True, exclusive=True, group="export")
    def export(self) -> None:
        """The debrief `crisis report --format html` writes, beside the save (built off the event loop)."""
        from game.analysis.debrief import debrief
        from game.analysis.report import html
        from game.persistence import SaveError, data_dir, write_atomic

        m = self.match
        sides = {side.value: "human" if side in m.humans else m.setup.opponent for side in SIDES}
        st = m.game.state
        path = (
            m.saved_to.with_suffix(".html")
            if m.saved_to is not None
            else data_dir() / f"{m.scenario.id}-seed{st.seed}.html"
        )
        try:
            written = write_atomic(path, html(debrief(m.game, sides)).encode("utf-8"))
        except (SaveError, OSError) as err:
            note = f"[$error]The debrief could not be written: {escape(str(err))}[/]"
        else:
            where = escape(str(written))
            note = f"[$success]Debrief written to[/] {where} [$text-muted](a browser opens it)[/]"
        self.app.call_from_thread(self._exported, note)

    def _exported(self, note: str) -> None:
        if self.is_attached:
            self.query_one("#export", Static).update(Content.from_markup(note))
            # said where the player is looking too: the line above is at the foot of a long page
            failed = note.startswith("[$error]")
            self.notify(
                Content.from_markup(note).plain, severity="error" if failed else "information", timeout=8
            )

    def action_scroll(self, lines: int) -> None:
        for scroll in self.query("#paper-scroll"):
            scroll.scroll_relative(y=lines, animate=False)

    @property
    def crisis(self) -> CrisisApp:
        return self.app  # type: ignore[return-value]
