"""The correspondence: every letter in full, answered from here (accept, counter, reject), and the draft."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ai.answers import answer_letter
from game.diplomacy import Answer
from game.engine import rules
from game.engine.letters import Letter, Mail
from game.model import Side
from game.ui import letter_text as lt
from game.ui.screens.closing import close
from game.ui.screens.composer import ComposerScreen
from game.ui.screens.page import ModalPage
from game.ui.session import Match, leader
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.letters import draft_block, newest_first
from game.ui.widgets.reader import ChoiceList, Reader


def letter_check(match: Match, side: Side):  # noqa: ANN201
    """The engine's reason a letter cannot go now, or None."""

    def check(letter: Letter) -> str | None:
        try:
            return rules.letter_problem(match.scenario, match.game.state, side, letter)
        except (KeyError, ValueError) as err:
            return str(err)

    return check


def open_composer(screen, match: Match, side: Side, reply: Mail | None = None, done=None) -> None:  # noqa: ANN001
    """Push the composer for `side` (a counter to `reply`, or the draft to change); store what it sends."""
    if match.scenario.negotiation is None:
        return
    view = match.view(side)
    if not view.channels:
        screen.notify("No channel is open to you yet.", title="No letters now", severity="warning")
        return
    draft = None if reply is not None else match.drafts.get(side)

    def sent(letter: Letter | None) -> None:
        if letter is not None:  # the draft shows in the letters panel until it goes: no notice over it
            match.drafts[side] = letter
        if done is not None:
            done()

    screen.app.push_screen(
        ComposerScreen(
            match.scenario,
            view,
            letter_check(match, side),
            seed=match.game.state.seed,
            draft=draft,
            reply=reply,
        ),
        sent,
    )


LIST_KEYS = "↑↓ choose · ⏎ read · y accept · c counter · x reject"
LETTER_KEYS = "↑↓ PgUp PgDn space scroll the letter · esc back to the list"
ALONE_KEYS = "↑↓ PgUp PgDn space scroll · w write · esc close"


class LettersScreen(ModalPage[None]):
    """One side's letters, newest first, with the highlighted one in full beside its terms."""

    PAGE_HELP = """
        ## Letters

        Every letter of this game, newest first; the highlighted one is shown in full beside it, with
        the agreements in force. In the list, the arrows, Page Up/Down, Home and End choose a letter;
        **Enter** (or Tab) opens it to read: then the arrows, **Page Up/Down**, **space**, **Home** and
        **End** scroll the letter, and **Escape** (or Tab) goes back to the list. The pane you are in
        has a bright rule and its keys in the footer. Letters take their channel's time to arrive, so
        two written the same day cross. To a letter you received: **y** accepts its proposal (it
        becomes an agreement), **c** counters it (the composer opens with its terms swapped), **x**
        rejects it. Your answer goes with your next decision. **w** writes a new letter, **d** discards
        the one waiting to go. **o** lists the **promises** you owe under agreements (keep, delay or
        break each), **h** shows the **real letters** of the crisis beside this game's.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", key_display="esc"),  # while reading, Escape goes to the list
        Binding("m", "close", "Close", show=False),
        Binding("w", "write", "Write"),
        Binding("y", "answer('accept')", "Accept"),
        Binding("c", "counter", "Counter"),
        Binding("x", "answer('reject')", "Reject"),
        Binding("d", "discard", "Discard draft"),
        Binding("o", "obligations", "Promises"),
        Binding("h", "real", "Real letters"),
    ]

    def __init__(self, match: Match, side: Side) -> None:
        super().__init__()
        self.match, self.side = match, side
        self.mails: list[Mail] = []

    def compose(self) -> ComposeResult:
        s = self.match.scenario
        with Vertical(id="letters-screen", classes="frame") as frame:
            frame.border_title = f"Letters · {leader(s, self.side)}"
            frame.border_subtitle = LIST_KEYS
            yield ChoiceList(id="letters-list")
            with Reader(id="letters-detail-box"):
                yield Static(id="letters-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_list()
        (self.query_one(ChoiceList) if self.mails else self.query_one(Reader)).focus()

    def refresh_list(self) -> None:
        s, view = self.match.scenario, self.match.view(self.side)
        self.mails = newest_first(view.letters, self.side)
        options = self.query_one("#letters-list", OptionList)
        keep = options.highlighted
        options.clear_options()
        for mail in self.mails:
            head = lt.mail_heading(s, mail, self.side, view.date).replace("\n  ", "  ")
            options.add_option(
                Option(Content.from_markup(f"{head}\n  {lt.mail_summary(s, mail, self.side)}"))
            )
        if self.mails:
            options.highlighted = min(keep or 0, len(self.mails) - 1)
        self.set_class(not self.mails, "-empty")  # no empty list above a rule: the page says why
        self._keys_line()
        self.show_detail()
        self.refresh_bindings()

    def current(self) -> Mail | None:
        index = self.query_one("#letters-list", OptionList).highlighted
        return self.mails[index] if index is not None and 0 <= index < len(self.mails) else None

    def show_detail(self) -> None:
        s, view = self.match.scenario, self.match.view(self.side)
        parts = []
        draft = draft_block(
            s, view, self.match.drafts.get(self.side), self.match.compliance.get(self.side, ())
        )
        if draft:
            parts.append(draft + "\n[$text-muted]w changes it · d discards it[/]")
        mail = self.current()
        if mail is not None:
            parts.append(lt.mail_block(s, mail, self.side, today=view.date))
            answers = [m for m in self.mails if m.letter.reply_to == mail.id]
            parts += [f"[$text-muted]Answered by {a.id}: {lt.answer_text(a.letter)}[/]" for a in answers]
        elif not draft:
            parts.append("[$text-muted]No letters yet. Press w to write one.[/]")
        names = view.term_names
        parts += [lt.agreement_block(s, a, self.side, view.date, names=names) for a in view.agreements]
        self.query_one("#letters-detail", Static).update(Content.from_markup("\n\n".join(parts)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()  # read from its top (ChoiceList), Enter opens it to read
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._keys_line()

    def _keys_line(self) -> None:
        """The frame's line of keys, for the pane that has the focus."""
        reading = isinstance(self.focused, Reader)
        keys = LIST_KEYS if not reading else LETTER_KEYS if self.mails else ALONE_KEYS
        self.query_one("#letters-screen").border_subtitle = keys

    def _received(self) -> Mail | None:
        mail = self.current()
        return mail if mail is not None and mail.sender is not self.side and mail.delivered else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "counter"):
            mail = self._received()
            if mail is None or self.match.game.is_over() or not self.match.game.legal_moves(self.side):
                return None
            if parameters and parameters[0] == "accept" and not mail.letter.is_proposal:
                return None
        if action == "discard":
            return self.side in self.match.drafts or None
        if action == "write":
            return bool(self.match.game.legal_moves(self.side)) or None
        return True

    def _changed(self) -> None:
        if self.is_attached:
            self.refresh_list()

    def action_close(self) -> None:
        close(self, None)

    def action_write(self) -> None:
        open_composer(self, self.match, self.side, done=self._changed)

    def action_counter(self) -> None:
        mail = self._received()
        if mail is not None:
            open_composer(self, self.match, self.side, reply=mail, done=self._changed)

    def action_answer(self, how: str) -> None:
        mail = self._received()
        if mail is None:
            return
        answer = Answer(how)
        letter = answer_letter(
            self.match.scenario, self.match.view(self.side), self.match.game.state.seed, mail, answer
        )
        problem = letter_check(self.match, self.side)(letter)
        if problem:
            self.notify(escape(problem), title="This answer cannot go", severity="error")
            return
        self.match.drafts[self.side] = letter  # shown at the top of the page until it goes
        if letter.channel != mail.letter.channel:  # the way it came is closed now
            s = self.match.scenario
            came, goes = lt.channel_label(s, mail.letter.channel), lt.channel_label(s, letter.channel)
            self.notify(
                escape(f"{came} is closed now: your answer goes by {goes} (w changes it)."),
                title="Another channel",
            )
        self._changed()

    def action_discard(self) -> None:
        if self.match.drafts.pop(self.side, None) is not None:
            self.notify("The letter will not be sent.", title="Draft discarded")
        self._changed()

    def action_obligations(self) -> None:
        from game.ui.screens.obligations import ObligationsScreen

        self.app.push_screen(ObligationsScreen(self.match, self.side), lambda _: self._changed())

    def action_real(self) -> None:
        from game.ui.screens.real_letters import RealLettersScreen

        self.app.push_screen(RealLettersScreen.of(self.match, self.side))
