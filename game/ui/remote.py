"""The Textual game over the network: one seat at a table on a `crisis serve` server (`crisis join`)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.driver import Driver
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from game.dates import long_date
from game.engine.letters import Letter
from game.engine.match import SideView
from game.engine.state import Compliance, Move
from game.model import CrisisError, Scenario, Side
from game.net import protocol
from game.net.client import Seat
from game.net.clock import DEFAULT, as_clock
from game.promises import order_breaks
from game.ui import text
from game.ui.classroom import team
from game.ui.remote_letters import LetterKeys, SeatLetters, SeatPost, letter_line
from game.ui.remote_pages import Reports
from game.ui.remote_reading import BriefingPage, NewsPage, SeatPage
from game.ui.screens.report import TurnReport
from game.ui.session import Match, leader
from game.ui.themes import THEMES
from game.ui.widgets.decisions import DecisionPanel, advised_by
from game.ui.widgets.status import StatusBar
from game.ui.widgets.tracks import TracksPanel

PAUSED = "The table is paused by the facilitator: the game goes on when they resume it."

PAGE_HELP = """
    ## The desk, over the network

    One seat at a table on a server: the date and who you are on top, the time left on this turn and
    the connection below it, the meters on the left above your decisions, and on the right the
    facilitator's notes, your letter if one is ready, the briefing, the letters received and every
    turn so far, newest first. Pick a decision with its number and give the order with Enter (or its
    number again). **w** writes a letter, which goes with your next order; **a**, **c** and **x**
    accept, counter or reject the newest proposal. **m** opens the letters, sent and received, each in
    full, to answer any of them; **n** the news, every turn so far, newest first; **b** the briefing:
    each a full page, easier to read than the column (its key again, or Escape, comes back). **o**
    lists the **promises** you owe under agreements: keep each (the default), delay it or break it, at
    the cost shown; your choice goes with your next order. **h** shows the **real letters** of the
    crisis beside this game's (with spoilers off, only those dated before today). When both orders
    are in, the turn's report comes up (**m** there opens the letters too); with a turn timer, your
    clock for the next turn starts when you leave the report (its frame says how long you may read
    it first). At the end, the front page, with the timeline and the debrief to export. The local
    game's advisors are not on this desk.
"""


class RemoteApp(LetterKeys, App[int]):
    """Plays one seat: every frame from the server is this side's view; a decision goes back as a move."""

    CSS_PATH = [
        Path(__file__).resolve().parent / name for name in ("crisis.tcss", "pages.tcss", "remote.tcss")
    ]
    """The game's stylesheet (the composer's look), then the network desk's own."""
    TITLE = "Missile Crisis"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "take", "Give the order", show=True),
        Binding("w", "write", "Write"),  # short: the footer holds a, c, x, m and ? at 80 columns
        Binding("u", "use_draft", "Send the team's draft"),  # teams (game/ui/classroom/team.py)
        Binding("a", "answer('accept')", "Accept"),
        Binding("c", "counter", "Counter"),
        Binding("x", "answer('reject')", "Reject"),
        Binding("d", "discard", "Discard letter", show=False),
        Binding("m", "letters", "Letters"),
        Binding("n", "news", "News", show=False),  # in the help: the footer is full at 80 columns
        Binding("b", "briefing", "Briefing", show=False),
        Binding("o", "promises", "Promises", show=False),  # as on the letters page (m, then o)
        Binding("h", "real", "Real letters", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", key_display="^q", priority=True),
    ]

    def __init__(
        self, scenario: Scenario | None, seat: Seat | None, *, url: str = "", spoilers: bool = True
    ) -> None:
        """With no scenario and seat, the app first asks for the join code of a table on `url`."""
        super().__init__()
        self.scenario = scenario
        self.seat = seat
        self.url = url or (seat.url if seat else "")
        self.spoilers = spoilers
        self.view: SideView | None = None
        self.history: list[dict[str, int]] = []
        """The tracks this side saw at the start of each turn."""
        self.connection = "connecting..."
        self.failed: str | None = None
        self.draft: Letter | None = None
        """The letter that goes with this side's next order (written, countered or answered here)."""
        self.compliance: dict[Side, tuple[tuple[str, Compliance], ...]] = {}
        """The promises this side delays or breaks with its next order (chosen on the promises page)."""
        self.asking = False
        """An order that may start a war waits for the player's answer."""
        self.frame: dict[str, Any] = {}
        self.deadline: float | None = None
        """When this turn's time runs out (this machine's monotonic clock), if the table has a timer."""
        self.read_until: float | None = None
        """While the last turn's report is read: when this seat's clock starts anyway (H4)."""
        self.told_read: tuple[int, int] | None = None
        """(connection, turn) the server was last told this seat left the report on."""
        self.where = ""
        self.reports = Reports()
        """The turns and letters this seat has been told of (a report page for each turn resolved)."""
        self.pages: list[Screen[Any]] = []
        """Pages waiting to be shown, oldest first (one at a time: the next once it is closed)."""
        self.reading: Screen[Any] | None = None
        """The page of `pages` on the screen now."""
        self.finished: Match | None = None
        """The whole game, once it is over (the server's export, replayed here): the front page's."""
        self.asked_ending = False

    def get_driver_class(self) -> type[Driver]:
        from game.ui.hangup import driver_for

        return driver_for(super().get_driver_class())

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield Static(self.connection, id="remote-connection")
        if self.scenario is None:
            with Vertical(id="remote-ask"):
                yield Static("[b]Join a table[/b]\n\nType the join code your teacher or partner gave you.")
                yield Input(placeholder="join code, e.g. 7QYPH9", id="remote-code", max_length=12)
        else:
            yield self._desk(self.scenario)
        yield Footer()

    def _desk(self, scenario: Scenario) -> Horizontal:
        left = Vertical(
            TracksPanel(scenario, id="remote-tracks"),
            DecisionPanel(scenario, id="remote-decisions"),
            id="remote-left",
        )
        feed = VerticalScroll(Static(id="remote-feed"), id="remote-feed-box")
        return Horizontal(left, feed, id="remote-desk")

    def on_mount(self) -> None:
        from game.ui.hangup import watch

        watch(self)  # a lost terminal, SIGHUP or SIGTERM end the seat as ^q does (the server keeps it)
        for theme in THEMES:
            self.register_theme(theme)
        self.set_interval(1.0, self._tick)
        if self.seat is not None:
            self._start()
        else:
            self._connection(f"server {escape(self.url)}")
            self.query_one("#remote-code", Input).focus()

    def _start(self) -> None:
        assert self.seat is not None
        self.seat.on_status = self._lost
        self.run_worker(self._play(), exclusive=True, group="seat")

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """A join code typed: find the table, then open the desk and take a seat."""
        from game.net.client import normal_code, recall, table_info
        from game.scenario import catalog

        event.stop()
        code = normal_code(event.value)
        if not code:
            return
        try:
            info = await table_info(self.url, code)
            scenario = catalog.get(info["scenario"])
        except CrisisError as err:
            self.notify(str(err), severity="error", timeout=8)
            return
        self.scenario = scenario
        self.seat = Seat(
            self.url,
            info["code"],
            credential=recall(self.url, info["code"]),
            version=protocol.scenario_version(scenario.id),
        )
        await self.query_one("#remote-ask").remove()
        await self.mount(self._desk(scenario), before=self.query_one(Footer))
        self._start()

    async def _play(self) -> None:
        assert self.seat is not None
        try:
            await self.seat.run(self._frame)
        except CrisisError as err:
            self.failed = str(err)
            self._connection(f"[b $error]{escape(str(err))}[/]  (^q quits)")

    async def _frame(self, frame: dict[str, Any]) -> bool:
        kind = frame.get("kind")
        if kind == "seat":
            self._remember(frame)
        elif kind == "error":
            self.notify(str(frame.get("reason")), severity="error", timeout=6)
        elif kind == "view":
            self.show(protocol.view_from_dict(frame["view"]), frame)
        return False  # stay on the table, even after the ending: the player reads it and quits

    def _remember(self, frame: dict[str, Any]) -> None:
        from game.net.client import remember

        assert self.seat is not None
        for code in {frame["code"], self.seat.asked}:  # the class's code finds the seat again too
            remember(self.seat.url, code, frame["side"], frame["credential"])

    def _now(self) -> float:
        import time

        return time.monotonic()

    def _tick(self) -> None:
        """The connection line, with the time left on this turn counting down (once a second), also
        under a report being read."""
        if not self.where:
            return
        line, left, now = self.where, "", self._now()
        if self.deadline is not None and not self.frame.get("paused"):
            if self.read_until is not None and now < self.read_until:  # the clock waits for the reader
                then = as_clock(self.deadline - self.read_until)
                left = f"{as_clock(self.read_until - now)} to read, then {then} for your orders"
            else:
                left = f"{as_clock(self.deadline - now)} left on this turn"
            line = f"[b $warning]{left}[/]  {line}"  # first: the line is cut at the screen's edge (G26)
        self._connection(line)
        if isinstance(self.reading, TurnReport) and self.reading.is_attached:
            for frame in self.reading.query(f"#{TurnReport.FRAME_ID}"):
                frame.border_subtitle = " · ".join(x for x in (self.reading.subtitle, left) if x)

    def _lost(self, what: str) -> None:
        self.where = ""
        self._connection(f"[b $warning]{escape(what)}[/]")

    def _connection(self, markup: str) -> None:
        self.connection = markup
        self.query_one("#remote-connection", Static).update(Content.from_markup(markup))

    def show(self, view: SideView, frame: dict[str, Any]) -> None:
        """Show this side's view: where the crisis stands, what it has seen, what it may order now."""
        s, me, seat = self.scenario, view.side, self.seat
        assert s is not None and seat is not None  # a view arrives only once a table is found
        other = next(side for side in Side if side is not me)
        if view.my_move is not None or view.turn != (self.view.turn if self.view else view.turn):
            self.draft = None  # it went with the order (or the turn it was for has passed)
            self.compliance.clear()  # ... and so did the promises delayed or broken
        fresh = (frame.get("notices") or [])[len(self.frame.get("notices") or []) :]
        for n in fresh if self.frame else ():  # the facilitator's word as it arrives (not on joining)
            self.notify(
                escape(str(n.get("text", ""))), title=_first_up(str(n.get("title") or n.get("kind", "")))
            )
        self.view, self.frame = view, frame
        self.spoilers = self.spoilers or bool(frame.get("revealed"))
        mail = self.action_letters if s.negotiation is not None else None
        for title, body in self.reports.pages(s, view, self.spoilers, frame.get("notices") or []):
            self.pages.append(TurnReport(title, body, mail))
        if view.ending is not None and not self.asked_ending:
            self.asked_ending = True
            self.run_worker(self._front_page(), group="ending")
        self._next_page()
        if len(self.history) < view.turn:
            self.history += [dict(view.tracks)] * (view.turn - len(self.history))
        where = f"table {escape(frame['code'])} on {escape(seat.url)}  [$success]connected[/]"
        if frame.get("ended"):  # no more moves: no seat to take either (J13)
            where += "  [b]the class has ended[/b]"
        elif not frame["seats"][other.value]["taken"]:
            join = f"crisis join {seat.url} {frame['code']}"
            where += f"  other seat free: [b]{escape(join)}[/b]"
        timer = frame.get("timer") or {}
        left, reading = timer.get("seconds_left"), timer.get("reading")
        self.deadline = None if left is None or view.ending else self._now() + float(left)
        self.read_until = None if reading is None or self.deadline is None else self._now() + float(reading)
        if self.read_until is not None and not self._on_report():  # no report up: the clock may start
            self._left_report()
        self.where = where
        self._tick()
        status = self.query_one(StatusBar)
        where = (
            f"[b]{long_date(view.date)}[/b]  {escape(s.phase(view.phase).title if not view.ending else '')}"
        )
        status.show(where, f"You are [b]{escape(leader(s, me))}[/b]")
        self.query_one(TracksPanel).show(view.tracks, self.history)
        panel = self.query_one(DecisionPanel)
        if view.ending is not None:
            end = s.ending(view.ending)
            panel.show(
                (), {}, waiting=f"[b]{escape(end.headline)}[/b]\n\n{text.flat(end.epilogue)}\n\n(^q quits)"
            )
            status.think(None)
        elif frame.get("ended"):
            panel.show((), {}, waiting="[b]The facilitator has ended the class.[/] Thank you for playing.")
            status.think(None)
        elif frame.get("paused"):
            panel.show(
                (),
                {},
                waiting="[b $warning]Paused by the facilitator.[/] The game goes on when they resume it.",
            )
            status.think(None)
        elif view.my_move is None and view.legal:
            panel.show(view.legal, team.advised(advised_by(s, view.phase, me), frame.get("team")))
            panel.warn(order_breaks(s, view, self.draft), _wars(s, frame))
            status.think(None)
        else:
            given = ""
            if view.my_move is not None:
                given = f"Your orders are given: [b]{escape(s.decision(view.my_move.decision).label)}[/b].\n"
            awaited = other.value in frame.get("waiting_for", ())
            if awaited and not frame["seats"][other.value]["taken"]:  # nobody to consider it (H4)
                top, why = _free_seat(leader(s, other), frame)
                panel.show((), {}, waiting=f"{given}{escape(why)}")
                status.show(where, f"[b $warning]{escape(top)}[/]")
                status.think(None)
            elif awaited and other.value in (frame.get("readers") or ()):  # not considering yet (H4)
                them = escape(leader(s, other))
                why = f"{them} is reading the last turn's report; their clock starts when they leave it."
                panel.show((), {}, waiting=f"{given}{why}")
                status.show(where, f"[b]{them} is reading the report[/b]")
                status.think(None)
            else:
                panel.show((), {}, waiting=f"{given}Waiting for {escape(leader(s, other))}...")
                status.think(leader(s, other) if awaited else None)
        self._redraw()

    def _next_page(self) -> None:
        """Show the next page waiting, unless one is being read."""
        if self.reading is not None or not self.pages:
            return
        self.reading = self.pages.pop(0)

        def closed(_: object) -> None:
            self.reading = None
            self._next_page()
            if not self._on_report():  # the last report closed: this seat's turn clock starts (H4)
                self._left_report()

        self.push_screen(self.reading, closed)

    def _on_report(self) -> bool:
        """A turn's report is on the screen, or waiting to be shown."""
        return any(isinstance(page, TurnReport) for page in (self.reading, *self.pages))

    def _left_report(self) -> None:
        """Tell the server (once a turn and connection) that the player left the report, if the seat's
        clock is waiting for it; the time left then counts down at once on this screen."""
        seat, frame = self.seat, self.frame
        if seat is None or self.read_until is None or not frame:
            return
        told = (seat.connections, int(frame["view"]["turn"]))
        if told == self.told_read:
            return
        self.told_read = told
        minutes = (frame.get("timer") or {}).get("minutes")
        if self.deadline is not None and minutes is not None:  # a whole turn's time from now
            self.deadline = min(self.deadline, self._now() + float(minutes) * 60)
        self.read_until = None
        self.run_worker(seat.read(), group="read")
        self._tick()

    async def _front_page(self) -> None:
        """The ending's front page (scores, aims, history, the debrief to export), from the whole game,
        which the server gives once it is over; the ending stays on the desk if it cannot be had."""
        from game.net.client import export_table
        from game.persistence.gallery import Gallery
        from game.ui.remote_pages import finished
        from game.ui.screens.ending import EndingScreen

        assert self.seat is not None and self.scenario is not None and self.view is not None
        side = self.view.side
        try:
            data = await export_table(self.seat.url, self.seat.code)
            match = finished(self.scenario, data, side)
        except (CrisisError, KeyError, TypeError, ValueError) as err:
            self.notify(f"The front page could not be had: {err}", severity="warning", timeout=8)
            return
        out = match.game.outcome()
        assert out is not None
        gallery = Gallery()
        if not gallery.record(self.scenario.id, out.ending, [side.value]):
            self.notify(escape(gallery.error or ""), title="Gallery not saved", severity="warning")
        self.finished = match
        self.pages.append(EndingScreen(match, gallery))
        self._next_page()
        self.refresh_bindings()

    def _feed(self, view: SideView) -> str:
        s = self.scenario
        assert s is not None
        letters = [m for m in view.letters if m.sender is not view.side]
        lines: list[str] = []  # what is new first: the facilitator's word, the letter ready to go
        role = self.seat.role if self.seat is not None else team.LEADER
        lines.append(team.panel(s, self.frame.get("team"), role))  # a team's own notes (classroom)
        notices = self.frame.get("notices") or []
        # this turn's word from the facilitator on top; what came before, below the letters
        now = [n for n in notices if int(n.get("turn") or view.turn) >= view.turn]
        earlier = [n for n in notices if int(n.get("turn") or view.turn) < view.turn]
        lines += _notices("From the facilitator", now)
        if self.draft is not None:
            lines += [
                "[b]Your letter[/b] (goes with your next order; d discards it): "
                + letter_line(s, self.draft),
                "",
            ]
        lines += _promises(s, view, self.compliance.get(view.side, ()))
        if view.ending is None:
            lines += [text.briefing(s, view), ""]
        if letters:
            lines.append("[b]Letters received[/b]")
            for m in reversed(letters):
                words = text.flat(m.letter.text) or "[$text-muted i]no words[/]"
                lines.append(f"[b $accent]{escape(m.sent[:10])}[/] {escape(leader(s, m.sender))}: {words}")
            lines.append("")
        lines += _notices("Earlier from the facilitator", earlier)
        return "\n".join(lines) + text.feed(s, view, self.spoilers)

    async def on_decision_panel_chosen(self, event: DecisionPanel.Chosen) -> None:
        event.stop()
        if self.seat is None:
            return
        if team.advising(self.seat) and self.scenario is not None:  # an advisor recommends (classroom)
            team.ask_reason(self, self.seat, self.scenario, event.move.decision)
            return
        war = self.query_one(DecisionPanel).wars.get(event.move.decision)
        if war is None:
            await self._order(event.move)
        elif not self.asking and self.scenario is not None:  # asks first, as the local desk does (E24)
            from game.ui.screens.confirm import ConfirmScreen
            from game.ui.screens.desk import war_question

            self.asking = True
            question = war_question(self.scenario, event.move.decision, war)
            self.push_screen(
                ConfirmScreen(question, "Give the order", "Think again"),
                partial(self._war_answered, event.move),
            )

    async def _war_answered(self, move: Move, yes: bool | None) -> None:
        self.asking = False
        if yes and self.view is not None and self.view.my_move is None and move in self.view.legal:
            await self._order(move)

    async def _order(self, move: Move) -> None:
        """Send an order (with the letter drafted for it) to the server; its refusal is said."""
        if self.seat is None:
            return
        if self.draft is not None or self.compliance:
            from game.engine.state import promise_key
            from game.promises import owed

            owing = {promise_key(a, o.term) for a, o in owed(self.view)} if self.view is not None else set()
            kept = tuple((k, how) for k, how in self.compliance.get(move.side, ()) if k in owing)
            move = Move(move.side, move.decision, self.draft, kept)  # (a page left open across turns)
        try:
            await self.seat.move(move)
        except CrisisError as err:
            self.notify(str(err), severity="error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The order key only once there are decisions on the screen; letters only while one may go."""
        on_desk = self.screen is self.screen_stack[0]  # not from a page over it (a letter, the news)
        if action == "take":  # Enter gives the order: only while there is one to give
            v = self.view
            paused = bool(self.frame.get("paused"))
            return (
                on_desk
                and v is not None
                and v.ending is None
                and v.my_move is None
                and bool(v.legal)
                and not paused
                and not self.frame.get("ended")  # the facilitator ended the class (J13)
            )
        if action in ("letters", "news", "briefing", "promises", "real"):  # the desk's pages
            s = self.scenario
            talks = ("letters", "promises", "real")  # (the report opens the letters too)
            has = action not in talks or (s is not None and s.negotiation is not None)
            return on_desk and self.view is not None and has
        if action in ("timeline", "gallery"):  # the front page's keys, once the whole game is here
            return self.finished is not None
        if action == "new_game":  # a new game is the teacher's (or a new table's) to make
            return False
        if action in ("write", "counter", "answer"):
            return self._may_write() and (action == "write" or self._newest_proposal() is not None)
        if action == "discard":
            return self.draft is not None
        said = team.check(action, self.seat, self._may_write(), self.frame.get("team"))
        if said is not None:  # a team's keys (classroom)
            return said
        return True

    def action_use_draft(self) -> None:
        newest = team.newest_draft(self.frame.get("team"))
        if newest is not None and self._may_write():
            self.draft = newest[1]
            self.notify(f"{newest[0]}'s draft goes with your next order (w edits it).", title="Letter ready")
            self._redraw()

    def action_help(self) -> None:
        from game.ui.remote_help import general
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            about = PAGE_HELP if self.screen is self.screen_stack[0] else ""
            self.push_screen(HelpScreen(self.screen, about=about, general=general()))

    def action_timeline(self) -> None:
        from game.ui.screens.timeline import TimelineScreen

        if self.finished is not None and not isinstance(self.screen, TimelineScreen):
            self.push_screen(TimelineScreen(self.finished, next(iter(self.finished.humans))))

    def action_gallery(self) -> None:
        from game.persistence.gallery import Gallery
        from game.ui.screens.gallery import GalleryScreen

        if self.scenario is not None and not isinstance(self.screen, GalleryScreen):
            self.push_screen(GalleryScreen(self.scenario, Gallery()))

    def _redraw(self) -> None:
        """The feed and the seat's pages open (news, briefing, letters), from the view as it is now."""
        if self.view is not None:
            self.query_one("#remote-feed", Static).update(Content.from_markup(self._feed(self.view)))
            for page in self.screen_stack:
                if isinstance(page, SeatPage):
                    page.renew()
                elif isinstance(page, SeatLetters) and page.is_attached:
                    page.refresh_list()
        self.refresh_bindings()

    def _news(self) -> str:
        """The news page: the facilitator's notices, then every turn so far, newest first."""
        assert self.scenario is not None and self.view is not None
        lines = _notices("From the facilitator", self.frame.get("notices") or [], limit=None)
        return "\n".join(lines) + text.feed(self.scenario, self.view, self.spoilers)

    def _briefing(self) -> str:
        assert self.scenario is not None and self.view is not None
        return text.briefing(self.scenario, self.view)

    def action_letters(self) -> None:
        s, view = self.scenario, self.view
        ready = view is not None and s is not None and s.negotiation is not None
        if ready and view is not None and not isinstance(self.screen, SeatLetters):  # one at a time
            self.push_screen(SeatLetters(SeatPost(self), view.side), lambda _: self._redraw())

    def action_promises(self) -> None:
        from game.ui.remote_letters import promises_page
        from game.ui.screens.obligations import ObligationsScreen

        if self.view is not None and not isinstance(self.screen, ObligationsScreen):
            self.push_screen(promises_page(SeatPost(self)), lambda _: self._redraw())

    def action_real(self) -> None:
        from game.ui.remote_letters import real_letters_page
        from game.ui.screens.real_letters import RealLettersScreen

        if self.view is not None and not isinstance(self.screen, RealLettersScreen):
            self.push_screen(real_letters_page(SeatPost(self)))

    def action_news(self) -> None:
        if self.view is not None and self.scenario is not None:
            self.push_screen(NewsPage(f"News · {leader(self.scenario, self.view.side)}", self._news))

    def action_briefing(self) -> None:
        if self.view is not None and self.scenario is not None:
            title = f"Briefing · {leader(self.scenario, self.view.side)}"
            self.push_screen(BriefingPage(title, self._briefing))

    def action_take(self) -> None:
        if self.scenario is not None:
            self.query_one(DecisionPanel).take_highlighted()

    def on_key(self, event: Any) -> None:
        if len(self.screen_stack) > 1:  # a page on top (a question, the help): its keys are its own
            return
        if self.frame.get("paused") and (event.key == "enter" or (event.character or "").isdigit()):
            self.notify(PAUSED, timeout=4)  # not "pick a decision first": there is none to pick now
            return
        if self.scenario is not None and event.character and event.character.isdigit():
            self.query_one(DecisionPanel).pick((int(event.character) - 1) % 10)


def _first_up(words: str) -> str:
    """`words` with a capital first letter, the rest as written ('A U-2 ...', not 'A u-2 ...')."""
    return words[:1].upper() + words[1:]


def _free_seat(other: str, frame: dict[str, Any]) -> tuple[str, str]:
    """The top line and the desk's word while the other seat is free: who gives its orders, if anyone."""
    from game.net.tables import free_seat

    timer, how = frame.get("timer"), str(frame.get("on_timeout") or DEFAULT)
    top = f"{other}'s seat is {free_seat(None if timer is None else timer.get('minutes'), how)}"
    if timer is None:
        return top, f"{other}'s seat is free: the turn waits for someone to take it."
    given = "its orders are the defaults, given" if how == DEFAULT else f"the {how} AI gives its orders"
    return top, f"{other}'s seat is free: {given} when this turn's time runs out."


def _notices(heading: str, notices: list[dict[str, Any]], limit: int | None = 6) -> list[str]:
    """The facilitator's notices (the newest `limit`, newest first) under `heading`; none, no lines."""
    if not notices:
        return []
    lines = [f"[b]{escape(heading)}[/b]"]
    for n in reversed(notices[-limit:] if limit else notices):
        if n.get("kind") == "timeout":  # its text says it all: 'Your time ran out: ...' (H4)
            lines.append(f"[b $warning]{escape(str(n.get('text', '')))}[/]")
            continue
        kind = str(n.get("kind", "news")).capitalize()
        title = f"[b]{escape(str(n['title']))}[/b] " if n.get("title") else ""
        lines.append(f"[$warning]{escape(kind)}[/] {title}{escape(str(n.get('text', '')))}")
    return [*lines, ""]


def _promises(s: Scenario, view: SideView, chosen: tuple[tuple[str, Compliance], ...]) -> list[str]:
    """The desk's word on the promises this side owes: those it will delay or break with its order."""
    from game.engine.state import split_promise
    from game.ui import letter_text as lt

    owed = lt.owed(view)
    if not owed or view.ending is not None:
        return []
    how = {"delay": "[b $warning]DELAY[/]", "break": "[b $error]BREAK[/]"}
    said = [  # each promise with its agreement ('A2:term'), as the promises page chooses it
        f"{how[str(c)]} {escape(lt.term_label(s, term))} ({escape(agreement)})"
        for (agreement, term), c in ((split_promise(key), c) for key, c in chosen)
    ]
    if not said:
        kept = "kept unless you choose otherwise"  # not 'all kept': most are not yet due (J11)
        return [f"[b]Your promises[/b]: {len(owed)} owed, {kept} (o to delay or break one)", ""]
    return ["[b]Your promises[/b] (with your next order; o changes them): " + ", ".join(said), ""]


def _wars(s: Scenario, frame: dict[str, Any]) -> dict[str, str]:
    """Decision id -> what the player is told of it, for each open order the server says may start a
    war (`wars`: decision -> the war it would start)."""
    from game.engine.war_orders import warning

    known = {p.id for p in s.phases}
    wars = frame.get("wars") or {}
    return {str(d): warning(s, str(t)) for d, t in wars.items() if s.is_ending(str(t)) or t in known}


def run(url: str, code: str | None, side: str | None, name: str | None = None, serve_again: str = "") -> int:
    """`crisis join URL [CODE]`: find the table (asking for its code if not given), take (or take back)
    a seat, and play it. `serve_again`: the command that serves the table again once this process's own
    server is gone (`crisis host`), said before the join that takes the seat back."""
    import asyncio

    from game.net.client import base_url, recall, table_info
    from game.scenario import catalog

    if code is None:
        app = RemoteApp(None, None, url=base_url(url))
    else:
        info = asyncio.run(table_info(url, code))
        credential = recall(base_url(url), info["code"], side)
        s = catalog.get(info["scenario"])
        version = protocol.scenario_version(s.id)
        app = RemoteApp(
            s, Seat(url, info["code"], side=side, credential=credential, version=version, name=name)
        )
    status = app.run() or 0
    if status:  # its terminal gone (game/ui/hangup.py): 128 + the signal
        return status
    if app.failed:
        raise CrisisError(app.failed)
    said = farewell(app.seat, app.view is not None and app.view.ending is not None, serve_again)
    if said:
        from game.fold import fold

        print(fold(said, commands=("crisis",)))
    return 0


def farewell(seat: Seat | None, over: bool, serve_again: str = "") -> str:
    """What the terminal says when the seat's game closes: each command on a line of its own, so an
    80-column terminal never cuts one inside its address (as 'crisis join http:' / '//127...' was)."""
    if seat is None:
        return ""
    if over:
        keep = f"crisis export {seat.code} --server {seat.url} -o {seat.code}.json"
        return f"Table {seat.code} is over. Keep the game (then crisis replay or crisis report it):\n  {keep}"
    if not seat.credential:
        return ""
    again = f"crisis join {seat.url} {seat.code}"
    if serve_again:  # the server was this process's: the join works once the table is served again
        return (
            f"Your seat: {seat.side} at table {seat.code}; the table is kept. Serve it again, then take "
            f"the seat back:\n  {serve_again}\n  {again}"
        )
    return f"Your seat: {seat.side} at table {seat.code} on {seat.url}. Take it back with:\n  {again}"
