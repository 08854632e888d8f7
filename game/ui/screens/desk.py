"""The main screen: the date and chapter, the situation, the briefing and news, and the decisions open now."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Digits, Static

from game.chapter_turns import turns_left
from game.dates import long_date, short_date
from game.engine.state import Move
from game.engine.war_orders import war_orders, warning
from game.model import CrisisError, Scenario, Side
from game.promises import order_breaks, owed_by
from game.ui import flow, rules_text, text
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.counsel import CounselScreen
from game.ui.screens.flash import FlashScreen
from game.ui.screens.handover import HandoverScreen
from game.ui.screens.page import Page
from game.ui.screens.phase_card import PhaseCard
from game.ui.screens.report import TurnReport
from game.ui.session import Match, leader
from game.ui.tutorial import Coach
from game.ui.widgets.decisions import KEYS, DecisionPanel, advised_by
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.letters import LettersPanel
from game.ui.widgets.status import StatusBar
from game.ui.widgets.tracks import PROMINENT, TracksPanel

if TYPE_CHECKING:
    from game.engine.match import SideView
    from game.ui.app import CrisisApp


BRIEFING_LEAST = 6
"""Rows the briefing (or the news) keeps on a narrow desk however many decisions there are: its border
and four lines."""


class GameScreen(Page[None]):
    """One side's desk. In a two-player game the desk changes hands behind a hand-over screen."""

    PAGE_HELP = """
        ## Your desk

        The top line gives the date, the chapter and the turns it has left. **Situation** (left): the
        risk of war, DEFCON, the other meters with their history, and your opponent. **Briefing**:
        what your side knows now. **News** (**n**; on a wide screen beside the briefing): every turn
        so far; **b** brings the briefing back, and on a narrow screen **e** shows the letters in
        their place. **Your decision**: the orders open to you today; pick one with its number (or
        the arrows) and press it again (or Enter) to give it: Enter gives nothing you have not
        picked. An order that may start a war says so under it and asks first, on a page of its
        own: **y** gives it, **n** or Enter thinks again. Both leaders choose at the same time.
        **l** writes a letter that goes with your next decision; **m** reads and answers letters
        (pressed as the turn is resolved, after its report; on the report, at once); while you owe
        promises under agreements, **p** lists them, to keep, delay or break with your next
        decision. On a small screen the briefing keeps a few rows and the description of the
        highlighted order scrolls.
        **Your hidden aim** (top of the briefing): a secret objective drawn as each chapter opens,
        scored at the end beside the other counts; your opponent has one too, and neither sees the
        other's until the ending reveals both (a new game can turn them off).
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(0)", "Pick", key_display="1-9"),
        *[Binding(k, f"pick({n})", show=False) for n, k in enumerate(KEYS) if n],
        Binding("enter", "decide", "Decide", key_display="⏎"),
        Binding("a", "advisors", "Advisors"),
        Binding("n", "show('news')", "News"),
        Binding("b", "show('briefing')", "Briefing", show=False),  # each panel's key is on its border
        Binding("e", "show('letters')", "Letters here", show=False),
        Binding("t", "app.timeline", "Timeline"),
        Binding("g", "app.gallery", "Gallery", show=False),
        Binding("l", "letters", "Write"),
        Binding("m", "mail", "Letters"),
        Binding("p", "promises", "Promises"),
        Binding("full_stop", "tip", "Next tip", key_display=".", show=False),  # the tip names its keys
        Binding("x", "tips_off", "Tips off", show=False),
    ]

    def __init__(self, match: Match) -> None:
        super().__init__()
        self.match = match
        self.viewer: Side = next(s for s in (match.next_human(), *sorted(match.humans)) if s is not None)
        self.read: dict[Side, set[str]] = {s: set(ids) for s, ids in match.letters_known.items()}
        """Per side, the letters it has seen listed on the letters page (the rest are new)."""
        self.coach = Coach(match.setup.tips, match.scenario.negotiation is not None, _tip_reached(match))
        """The first game's tips (a resumed game's from the tip its save reached, F11)."""
        self._tip_kept = self.coach.reached
        self.chapters: dict[Side, tuple[str, frozenset[str] | None, frozenset[str]]] = {}
        """Per side: the chapter last shown, the facts known as it opened, the facts known now."""
        self.busy = True
        """True while the flow runs (the opponent thinks, reports are shown): no decision is taken.
        It starts True: until the desk is composed and the flow has first run, no key reaches it."""
        self.built = asyncio.Event()
        """Set once the desk's widgets are mounted and drawn (`build`); until then the screen is empty."""
        self._building = False
        self._composed = False
        """The desk's widgets were all mounted (a build cut short as the app closes leaves some out)."""
        self._refit = False
        """`_fit` waits one refresh for a box it must measure (see there)."""
        self.asking = False
        """An order that may start a war waits for the player's answer (`on_decision_panel_chosen`)."""
        self.mail_after: Side | None = None
        """`m` was pressed while the turn was being resolved: the letters open, for this side, once its
        report has been read (a page opened before would show the turn before)."""

    @property
    def crisis(self) -> CrisisApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        """The desk, once `build` asks for it: the screen starts empty, under the first page."""
        if not self._building:
            return
        s = self.match.scenario
        yield StatusBar(id="status")
        with Horizontal(id="body"):
            with VerticalScroll(id="side-panel") as side:
                side.border_title = "Situation"
                yield Static(id="desk-opponent")  # first: always in view, however many tracks follow
                with Horizontal(id="big-numbers"):  # the projector theme: read from the back of a class
                    for role in PROMINENT:  # the risk of war and the state of alert, by their roles
                        track = s.with_role(role)
                        with Vertical(classes="big"):
                            yield Static(track.label.upper() if track else "", classes="big-label")
                            yield Digits(id=f"big-{role.value}")
                yield TracksPanel(s, id="tracks")
            with Vertical(id="main-col"):
                with Vertical(id="center"):
                    yield Static(id="coach")
                    with VerticalScroll(id="briefing-box") as box:
                        box.border_title = "Briefing"
                        box.border_subtitle = "b: briefing"
                        yield Static(id="briefing")
                    with VerticalScroll(id="news-box") as box:
                        box.border_title = "News"
                        box.border_subtitle = "n: news"
                        yield Static(id="news")
                    yield LettersPanel(id="letters-box")
                panel = DecisionPanel(s, id="decisions")
                panel.border_title = "Your decision"
                panel.border_subtitle = "a: advisors"
                yield panel
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.is_attached:
            return  # replaced before it was shown (a new game started twice in a row)
        self.advance()

    def build(self) -> None:
        """Compose the desk (once), in a worker of its own.

        A game opens on a page (the chapter card) that hides the desk: the desk, about a third of a
        cold start's CPU to its first paint, is built under that page once it is on the terminal
        (`_show_news`), or when the flow first needs it.
        """
        if not self._building and self.is_attached:  # (not for a desk a new game has replaced)
            self._building = True
            self.run_worker(self._build(), group="desk")

    async def _build(self) -> None:
        try:
            await self.recompose()
            self._composed = True
        finally:
            self.built.set()  # (the flow, waiting in `_desk`, goes on after this task's next await)
        if self.is_attached:
            try:
                self.refresh_desk()
            except NoMatches:  # the app closed while the desk was built under its first page
                if not self._going():
                    raise
                return
            self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_desk())

    def _going(self) -> bool:
        """The desk or the app is being taken down (a quit, or a test's end, during a build)."""
        return not self.is_attached or self._closing or self.app._closing

    async def _desk(self) -> None:
        """Wait until the desk is built (building it now if nothing has yet)."""
        self.build()
        if self._building:  # (a desk replaced before it was built is never built: nothing to wait for)
            await self.built.wait()

    # ---- the flow of the game -------------------------------------------------------------

    @work(exclusive=True, group="flow")
    async def advance(self) -> None:
        """Run the game forward until a human must choose (or it ends), as game/ui/flow.py says."""
        self.busy = True
        m = self.match
        try:
            while True:
                while self.app.screen is not self and self.is_attached:
                    # a page the app put over the desk (the failed-save dialog, the help) is answered
                    # before the flow shows the next one: nothing of the game covers it
                    await asyncio.sleep(0.05)
                if not self.is_attached:
                    return
                step = flow.next_step(m, self.viewer)
                if step.kind == "news":
                    await self._show_news(self.viewer)
                    continue
                await self._desk()  # every other step shows the desk, or changes it
                if not self.is_attached:
                    return
                if step.kind == "ending":
                    self.crisis.show_ending()
                    return
                elif step.kind == "think" and step.side is not None:
                    await self._think(step.side)
                elif step.kind == "hand_over" and step.side is not None:
                    await self._hand_over(step.side)
                else:
                    break
        finally:
            self.busy = False
            if self.is_attached and self.built.is_set():
                self.query_one("#status", StatusBar).think(None)
                self.refresh_bindings()
        self.refresh_desk()
        panel = self.query_one("#decisions", DecisionPanel)
        panel.unpick()  # an Enter meant for the last page does not order the highlighted decision
        panel.options.focus()
        if self.mail_after is not None and self.mail_after is self.viewer:
            self._open_mail()
        self.mail_after = None

    async def _think(self, side: Side) -> None:
        """The opponent chooses in a thread while the screen shows it considering."""
        status = self.query_one("#status", StatusBar)
        status.think(leader(self.match.scenario, side))
        self.refresh_desk()
        move, _ = await asyncio.gather(
            asyncio.to_thread(self.match.ai_move, side), asyncio.sleep(self.crisis.think_time)
        )
        status.think(None)
        self.crisis.apply(move)

    async def _hand_over(self, to: Side) -> None:
        s = self.match.scenario
        screen = HandoverScreen(
            s.sides[to].leader, leader(s, self.viewer), long_date(self.match.game.state.date)
        )
        self.app.clear_notifications()  # a notice for the last player must not show on the blank page
        self.mail_after = None  # the letters `m` asked for are the last player's
        done = self.app.push_screen(screen, wait_for_dismiss=True)
        self.viewer = to  # the desk changes hands while the blank page hides it
        self.refresh_desk()
        await done

    async def _show_news(self, side: Side) -> None:
        """The pages `side` has yet to read (flow.news), one after another; the first page of all is
        painted before the desk under it is built."""
        if self.built.is_set():
            self.refresh_desk()
        for page in flow.news(self.match, side):
            screen: Screen[Any]
            if page.kind == "flash" and page.event is not None:
                screen = FlashScreen(page.event, page.when, self.match.setup.spoilers)
            elif page.kind == "report":
                screen = TurnReport(page.title, page.body, self._open_mail if self.letters_on else None)
            else:
                screen = PhaseCard(page.title, page.body)
            shown = self.app.push_screen(screen, wait_for_dismiss=True)
            if not self._building:
                screen.call_after_refresh(self.build)  # after the page's first paint
            await shown

    # ---- the desk ---------------------------------------------------------------------------

    def _top_line(self, view: SideView, chapter: str) -> tuple[str, str]:
        """The top line's two halves, as long as the screen's width allows: each shorter form drops
        a nicety (the weekday, 'in this chapter', the seed, the full name) until the line is whole. A
        game opened read only says so in every form."""
        m, s, side, seed = self.match, self.match.scenario, self.viewer, self.match.game.state.seed
        left = turns_left(s, view.phase, view.turns_left, "")  # as the chapter page says it
        room = self.size.width - 4  # the bar's padding and the gap between its halves
        full, short = s.sides[side].leader, leader(s, side)
        forms = [(short_date(view.date), "", False, short)]  # a narrow screen keeps the chapter's name
        if self.size.width >= 120:
            forms[:0] = [
                (long_date(view.date), " in this chapter", True, full),
                (short_date(view.date), " in this chapter", True, full),
                (short_date(view.date), "", True, full),
            ]
        for date, tail, show_seed, name in forms:
            where = f"[b]{escape(date)}[/b]  [$accent]{escape(chapter)}[/]  [$text-muted]{left}{tail}[/]"
            extra = " [$text-muted](two players)[/]" if m.two_players and show_seed else ""
            extra += f"  [$text-muted]seed {seed}[/]" if show_seed else ""
            if m.read_only:  # its save is open in another game: said where the player looks (G12)
                extra += f"  [b $warning]{'read only: nothing is saved' if show_seed else 'read only'}[/]"
            who = f"[b]{escape(name)}[/b]{extra} "
            if Content.from_markup(where).cell_length + Content.from_markup(who).cell_length <= room:
                break
        return where, who

    def refresh_desk(self) -> None:
        """Redraw everything from the viewer's view (and only from it); nothing before it is built, or
        once it is going (a redraw asked as the app closed met a desk half taken down: NoMatches)."""
        if not (self.built.is_set() and self._composed and self.is_attached):
            return
        m, s, side = self.match, self.match.scenario, self.viewer
        view = m.view(side)
        st = m.game.state
        if st.is_over:
            return
        phase = s.phase(view.phase)
        wide = self.size.width >= 120
        where, who = self._top_line(view, phase.title)
        self.query_one("#status", StatusBar).show(where, who)
        history = m.history[: len(st.log) + 1]
        tracks = self.query_one("#tracks", TracksPanel)
        big = tracks.prominent(view.tracks)  # the risk of war and the state of alert: large on the projector
        tracks.big = frozenset(big.values()) if self.app.theme == "projector" else frozenset()
        tracks.show(view.tracks, history)
        self.query_one("#big-numbers").display = bool(tracks.big)
        for role in PROMINENT:
            digits = self.query_one(f"#big-{role.value}", Digits)
            digits.parent.display = big.get(role) in tracks.big  # type: ignore[union-attr]
            digits.update(str(view.tracks.get(big.get(role, ""), "")))
        self.query_one("#desk-opponent", Static).update(
            Content.from_markup(rules_text.opponent(s, m.humans, m.setup.opponent, wide))
        )
        self.query_one("#side-panel").set_class(tracks.in_danger(), "-danger")  # past the danger line
        self.query_one("#briefing", Static).update(
            Content.from_markup(text.briefing(s, view, self._earlier(side, view.phase, view.flags), not wide))
        )
        self.query_one("#news", Static).update(Content.from_markup(text.feed(s, view, m.setup.spoilers)))
        self._show_letters(view)
        self._show_tip()
        panel = self.query_one("#decisions", DecisionPanel)
        waiting = ""
        if view.my_move is not None:
            waiting = f"Your orders are given: [b]{escape(s.decision(view.my_move.decision).label)}[/b]."
            other = side.other
            if other in m.game.sides_to_act():
                waiting += f"\n[$text-muted]Waiting for {escape(leader(s, other))}.[/]"
        panel.warn(order_breaks(s, view, m.drafts.get(side)), _wars(s, m, side) if view.legal else {})
        if panel.moves != view.legal or not view.legal:
            counsel = text.counsel(s, view.phase, side, [mv.decision for mv in view.legal])
            panel.show(view.legal, advised_by(s, view.phase, side), waiting, counsel)
        panel.border_title = f"Your decision · {leader(s, side)}" if view.legal else "Orders given"
        self.call_after_refresh(self._fit)  # once the tip and the list are laid out at their new size

    def _fit(self) -> None:
        """On a narrow desk the decisions take what the tip and the briefing's least leave them (a
        wide desk puts them beside the briefing)."""
        if not self.is_attached:
            return
        panel = self.query_one("#decisions", DecisionPanel)
        if self.size.width >= 120:
            panel.fit(None)
            return
        rows = self.query_one("#main-col").size.height
        above = 0  # the tip, and a letter waiting to go (unless e put the letters in the briefing's place)
        for box in self.query_one("#coach"), self.query_one("#letters-box"):
            if box.display and not (box.id == "letters-box" and self.has_class("-letters")):
                if not box.outer_size.height and not self._refit:  # shown just now: not laid out yet
                    self._refit = True
                    self.call_after_refresh(self._fit)
                    return
                above += box.outer_size.height
        self._refit = False
        panel.fit(rows - above - min(BRIEFING_LEAST, rows // 3))

    def _show_tip(self) -> None:
        """The coach's tip for now, if any (the first game's tips)."""
        if self.unread(self.viewer):
            self.coach.seen("mail")
        tip = self.coach.tip()
        box = self.query_one("#coach", Static)
        box.display = tip is not None
        if tip is not None:
            box.update(
                Content.from_markup(
                    f"[b $accent]Tip {self.coach.step}[/] {tip.text} [$text-muted](. next tip · x no tips)[/]"
                )
            )
        self.refresh_bindings()
        self._keep_tip()

    def _keep_tip(self) -> None:
        """Remember, beside the save, the tip this game has reached (a first game's, once saved)."""
        save = self.match.saved_to
        if self.match.setup.tips and save is not None and self.coach.reached != self._tip_kept:
            from game.persistence import tips

            tips.keep(save, self.coach.reached)
            self._tip_kept = self.coach.reached

    def action_tip(self) -> None:
        self.coach.seen("next")
        self._show_tip()

    def action_tips_off(self) -> None:
        self.coach.off()
        self._show_tip()

    def _earlier(self, side: Side, phase: str, flags: frozenset[str]) -> frozenset[str] | None:
        """The facts `side` knew as it entered `phase` (None: the game opened, or resumed, in it)."""
        before = self.chapters.get(side)
        if before is None or before[0] != phase:
            known = None if before is None else before[2]
            self.chapters[side] = (phase, known, flags)
            return known
        self.chapters[side] = (phase, before[1], flags)
        return before[1]

    # ---- actions ----------------------------------------------------------------------------

    @property
    def letters_on(self) -> bool:
        """The scenario has letters."""
        return self.match.scenario.negotiation is not None

    @property
    def deciding(self) -> bool:
        """The turn is being decided or resolved (an order on its way, the opponent thinking, reports
        shown): the desk shows the turn before, and nothing may act on it."""
        return self.busy or self.query_one("#decisions", DecisionPanel).chosen is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.built.is_set():
            return None  # nothing of the desk is there yet (`build`)
        if action in ("tip", "tips_off"):
            return self.coach.tip() is not None
        if action == "mail":
            return self.letters_on  # while deciding too: the letters then wait for the report
        if action == "promises":  # on the key bar only while something is owed: the bar is full at 80
            owes = bool(owed_by(self.match.game.state.agreements, self.viewer))
            return self.letters_on and owes and (not self.deciding or None)
        if action == "letters":
            if not self.letters_on:
                return False
            return (bool(self.match.game.legal_moves(self.viewer)) and not self.deciding) or None
        if action in ("pick", "decide", "advisors"):
            if self.deciding or self.match.game.is_over():
                return None
            return bool(self.match.game.legal_moves(self.viewer)) or None
        return True

    def action_pick(self, index: int) -> None:
        self.query_one("#decisions", DecisionPanel).pick(index)

    def action_decide(self) -> None:
        self.query_one("#decisions", DecisionPanel).take_highlighted()

    def action_show(self, panel: str) -> None:
        """Bring `panel` (briefing, news, letters) into the box they share on a narrow screen; its key
        again goes back to the briefing. A wide screen shows them all: nothing changes there."""
        shown = "letters" if self.has_class("-letters") else "news" if self.has_class("-news") else "briefing"
        if panel == shown:
            panel = "briefing"
        if panel == "letters" and self.match.scenario.negotiation is None:
            return
        self.set_class(panel == "news", "-news")
        self.set_class(panel == "letters", "-letters")

    def action_letters(self) -> None:
        """Write a letter: it goes with this side's next decision."""
        from game.ui.screens.letters import open_composer

        def done() -> None:
            if self.match.drafts.get(self.viewer) is not None:
                self.coach.seen("wrote")
            self.refresh_desk()

        open_composer(self, self.match, self.viewer, done=done)

    def action_mail(self) -> None:
        """Every letter in full, answered from there; the promises owed; the real letters. While the
        turn is resolved, after its report."""
        if self.deciding:
            self.mail_after = self.viewer
            self.notify("The letters open after this turn's report.", timeout=3)
            return
        self._open_mail()

    def action_promises(self) -> None:
        """The promises owed under agreements, each kept, delayed or broken with the next decision."""
        from game.ui.screens.obligations import ObligationsScreen

        self.app.push_screen(ObligationsScreen(self.match, self.viewer), lambda _: self.refresh_desk())

    def _open_mail(self) -> None:
        """The letters page, over whatever page is on top (the desk, or a report)."""
        from game.ui.screens.letters import LettersScreen

        side = self.viewer
        self.read.setdefault(side, set()).update(self.unread(side))  # opened: none is new any more
        self.coach.seen("read")
        self.app.push_screen(LettersScreen(self.match, side), lambda _: self.refresh_desk())

    def _show_letters(self, view: SideView) -> None:
        """The letters panel, and the count of letters not yet read on the letters key."""
        m, s = self.match, self.match.scenario
        box = self.query_one("#letters-box", LettersPanel)
        box.set_class(s.negotiation is None, "-none")  # a class, not inline: the narrow desk hides it
        if s.negotiation is None:
            return
        box.show(s, view, m.drafts.get(view.side), m.compliance.get(view.side, ()))
        # a letter or a promise waiting to go with the next decision keeps the panel on a narrow desk
        self.set_class(bool(m.drafts.get(view.side) or m.compliance.get(view.side)), "-draft")
        self.refresh_bindings()  # the badge on the letters key

    def unread(self, side: Side) -> list[str]:
        """Ids of the letters `side` has received and not opened the letters page since."""
        read = self.read.get(side, set())
        return [
            mail.id
            for mail in self.match.view(side).letters
            if mail.sender is not side and mail.id not in read
        ]

    def key_badge(self, action: str) -> str:
        """A count shown after a key's name in the key bar: the letters not yet read."""
        if action != "mail" or self.match.scenario.negotiation is None:
            return ""
        n = len(self.unread(self.viewer))
        return f" ({n} new)" if n else ""

    def action_advisors(self) -> None:
        view = self.match.view(self.viewer)
        s = self.match.scenario
        body = text.counsel(s, view.phase, self.viewer, [m.decision for m in view.legal])
        self.app.push_screen(
            CounselScreen(f"Counsel · {s.phase(view.phase).title}", body, "a number picks · Escape closes"),
            self._counsel_closed,
        )

    def _counsel_closed(self, index: int | None) -> None:
        if index is not None:
            self.query_one("#decisions", DecisionPanel).highlight(index)

    def on_decision_panel_chosen(self, event: DecisionPanel.Chosen) -> None:
        panel = self.query_one("#decisions", DecisionPanel)
        panel.chosen = None  # taken (or refused) here
        war = panel.wars.get(event.move.decision)
        if war is None:
            self.decide(event.move)
        elif not self.asking:  # (an Enter queued behind the number sends the same order again)
            self.asking = True
            question = war_question(self.match.scenario, event.move.decision, war)
            self.app.push_screen(  # a page of its own: pressing the number again answers nothing
                ConfirmScreen(question, "Give the order", "Think again"),
                partial(self._war_answered, event.move),
            )

    def _war_answered(self, move: Move, yes: bool | None) -> None:
        self.asking = False
        if yes:
            self.decide(move)

    def decide(self, move: Move) -> None:
        """A human's order: checked, applied through the App, then the game runs on."""
        if self.busy or move.side is not self.viewer or move not in self.match.game.legal_moves(move.side):
            return
        move = self.match.orders(move)  # with the drafted letter and the promises delayed or broken
        try:
            self.crisis.apply(move)
        except CrisisError as err:
            self.notify(str(err), title="Not possible", severity="error")
            return
        self.coach.seen("decided")
        self.busy = True  # now, not when the flow's worker starts: a key queued behind finds it busy
        self.refresh_desk()
        self.advance()

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_desk()  # (Textual calls the page's own on_resize after this one)


def _wars(s: Scenario, m: Match, side: Side) -> dict[str, str]:
    """Decision id -> 'This order may start a war ...' for each open decision that would (E24)."""
    return {d: warning(s, to) for d, to in war_orders(s, m.game.state, side).items()}


def war_question(s: Scenario, decision: str, war: str) -> str:
    """The question asked before an order that may start a war: the order by name, and the warning."""
    return f"[b]{escape(s.decision(decision).label)}[/b]\n\n{escape(war)}\n\nGive this order?"


def _tip_reached(match: Match) -> int:
    """The tip a resumed first game had reached (0 for a new game, or one without tips); a game opened
    read only goes on from its save's (G12)."""
    save = match.saved_to or match.opened_from
    if not match.setup.tips or save is None:
        return 0
    from game.persistence import tips

    return tips.reached(save)
