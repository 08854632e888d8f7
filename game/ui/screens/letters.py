"""The correspondence: every letter in full, answered from here (accept, counter, reject), and the draft."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ai.answers import answer_letter
from game.diplomacy import Answer
from game.engine import rules
from game.engine.letters import Letter, Mail
from game.engine.match import SideView
from game.engine.negotiation import lapsed
from game.model import Scenario, Side
from game.ui import letter_text as lt
from game.ui.screens.closing import close
from game.ui.screens.composer import ComposerScreen
from game.ui.screens.page import ModalPage, while_open
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


class Post(Protocol):
    """One side's letters as this page reads and answers them: a local game's (`MatchPost`) or a
    network seat's, which has only its side's view (game/ui/remote_letters.py)."""

    @property
    def scenario(self) -> Scenario: ...
    @property
    def side(self) -> Side: ...
    @property
    def seed(self) -> int:
        """The seed the composer and the answers write with."""
        ...

    def view(self) -> SideView: ...
    def may_write(self) -> bool:
        """Whether this side may send a letter now (it has an order to give)."""
        ...

    def draft(self) -> Letter | None: ...
    def promises(self) -> tuple[tuple[str, str], ...]:
        """The promises this side will delay or break with its next order."""
        ...

    def keep(self, letter: Letter | None) -> None:
        """The letter to go with this side's next order (None: none goes)."""
        ...

    def check(self, letter: Letter) -> str | None:
        """Why `letter` cannot go now, or None."""
        ...


class MatchPost:
    """A local game's letters for one side."""

    def __init__(self, match: Match, side: Side) -> None:
        self.match, self.side = match, side

    @property
    def scenario(self) -> Scenario:
        return self.match.scenario

    @property
    def seed(self) -> int:
        return self.match.game.state.seed

    def view(self) -> SideView:
        return self.match.view(self.side)

    def may_write(self) -> bool:
        return bool(self.match.game.legal_moves(self.side))

    def draft(self) -> Letter | None:
        return self.match.drafts.get(self.side)

    def promises(self) -> tuple[tuple[str, str], ...]:
        return self.match.compliance.get(self.side, ())

    def keep(self, letter: Letter | None) -> None:
        if letter is None:
            self.match.drafts.pop(self.side, None)
        else:
            self.match.drafts[self.side] = letter

    def check(self, letter: Letter) -> str | None:
        return letter_check(self.match, self.side)(letter)


def compose(screen: Screen[Any], post: Post, reply: Mail | None = None, done=None) -> None:  # noqa: ANN001
    """Push the composer for `post`'s side (a counter to `reply`, or the draft to change); keep what it
    sends, then call `done`."""
    if post.scenario.negotiation is None:
        return
    view = post.view()
    if not view.channels:
        screen.notify("No channel is open to you yet.", title="No letters now", severity="warning")
        return
    draft = None if reply is not None else post.draft()

    def sent(letter: Letter | None) -> None:
        if letter is not None:  # the draft shows in the letters panel until it goes: no notice over it
            post.keep(letter)
        if done is not None:
            done()

    screen.app.push_screen(
        ComposerScreen(post.scenario, view, post.check, seed=post.seed, draft=draft, reply=reply), sent
    )


def open_composer(screen, match: Match, side: Side, reply: Mail | None = None, done=None) -> None:  # noqa: ANN001
    """Push the composer for `side` of a local game (`compose`)."""
    compose(screen, MatchPost(match, side), reply, done)


LIST_KEYS = "↑↓ choose · ⏎ read · y accept · c counter · x reject"
LAPSED_KEYS = "↑↓ choose · ⏎ read · c counter · its proposal has lapsed"
ANSWERED_KEYS = "↑↓ choose · ⏎ read · c counter · you have answered it"
ANSWERED = {
    Answer.ACCEPT: "you accepted it",
    Answer.REJECT: "you rejected it",
    Answer.COUNTER: "you countered it",
}
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
        Binding("y", "lapsed('accept')", "Accept", show=False),  # a lapsed proposal: the reason why not
        Binding("x", "lapsed('reject')", "Reject", show=False),
        Binding("d", "discard", "Discard draft"),
        Binding("o", "obligations", "Promises"),
        Binding("h", "real", "Real letters"),
    ]

    def __init__(self, match: Match | Post, side: Side) -> None:
        """The letters of `side` in a local game (`match`), or of the side a `Post` holds."""
        super().__init__()
        self.post: Post = MatchPost(match, side) if isinstance(match, Match) else match
        self.match = match if isinstance(match, Match) else None
        """The local game, whose promises (o) and real letters (h) this page opens; None: a seat."""
        self.side = side
        self.mails: list[Mail] = []
        self._answers: dict[str | None, Mail] = {}

    def compose(self) -> ComposeResult:
        s = self.post.scenario
        with Vertical(id="letters-screen", classes="frame") as frame:
            frame.border_title = f"Letters · {leader(s, self.side)}"
            frame.border_subtitle = LIST_KEYS
            yield ChoiceList(id="letters-list")
            with Reader(id="letters-detail-box"):
                yield Static(id="letters-detail")
        yield KeyBar()

    @while_open
    def on_mount(self) -> None:
        self.refresh_list()
        (self.query_one(ChoiceList) if self.mails else self.query_one(Reader)).focus()

    def refresh_list(self) -> None:
        s, view = self.post.scenario, self.post.view()
        was = self.current()  # the letter read stays highlighted as new ones come in above it
        self.mails = newest_first(view.letters, self.side)
        mine = (m for m in self.mails if m.sender is self.side and m.letter.reply_to)
        self._answers = {m.letter.reply_to: m for m in mine}  # what each proposal received was answered by
        options = self.query_one("#letters-list", OptionList)
        keep = next((i for i, m in enumerate(self.mails) if was and m.id == was.id), options.highlighted)
        options.clear_options()
        dates = (*(t.date for t in view.log), view.date)  # read once for the whole list
        for mail in self.mails:
            head = lt.mail_heading(s, mail, self.side, view.date).replace("\n  ", "  ")
            reply = self._answer_of(mail)
            said = ANSWERED[reply.letter.answer] if reply and reply.letter.answer else ""
            gone = f" [b $success]{said} ({reply.id})[/]" if reply and said else ""
            gone = gone or (" [b $warning]lapsed[/]" if self._lapsed(mail, dates) else "")
            options.add_option(
                Option(Content.from_markup(f"{head}{gone}\n  {lt.mail_summary(s, mail, self.side)}"))
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
        s, view = self.post.scenario, self.post.view()
        parts = []
        draft = draft_block(s, view, self.post.draft(), self.post.promises())
        if draft:
            parts.append(draft + "\n[$text-muted]w changes it · d discards it[/]")
        mail = self.current()
        if mail is not None:
            parts.append(lt.mail_block(s, mail, self.side, today=view.date, agreements=view.agreements))
            answers = [m for m in self.mails if m.letter.reply_to == mail.id]
            parts += [f"[$text-muted]Answered by {a.id}: {lt.answer_text(a.letter)}[/]" for a in answers]
        elif not draft:
            parts.append("[$text-muted]No letters yet. Press w to write one.[/]")
        names = view.term_names
        chosen = dict(self.post.promises())  # a row marked BREAK is not told "kept" (H10)
        parts += [
            lt.agreement_block(s, a, self.side, view.date, names=names, chosen=chosen)
            for a in view.agreements
        ]
        self.query_one("#letters-detail", Static).update(Content.from_markup("\n\n".join(parts)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()  # read from its top (ChoiceList), Enter opens it to read
        self._keys_line()
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._keys_line()

    def _keys_line(self) -> None:
        """The frame's line of keys, for the pane that has the focus."""
        reading = isinstance(self.focused, Reader)
        mail = self.current()
        listed = ANSWERED_KEYS if self._answer_of(mail) else LAPSED_KEYS if self._lapsed(mail) else LIST_KEYS
        keys = listed if not reading else LETTER_KEYS if self.mails else ALONE_KEYS
        self.query_one("#letters-screen").border_subtitle = keys

    def _received(self) -> Mail | None:
        mail = self.current()
        return mail if mail is not None and mail.sender is not self.side and mail.delivered else None

    def _answer_of(self, mail: Mail | None) -> Mail | None:
        """This side's answer to the proposal `mail` received, if it has given one (an accepted
        proposal was listed as "lapsed" once its days had run)."""
        if mail is None or mail.sender is self.side or not mail.letter.is_proposal:
            return None
        return self._answers.get(mail.id)

    def _unanswerable(self, mail: Mail | None) -> bool:
        """y and x cannot answer `mail` any more: answered already, or lapsed."""
        return self._answer_of(mail) is not None or self._lapsed(mail)

    def _lapsed(self, mail: Mail | None, dates: tuple[str, ...] | None = None) -> bool:
        """`mail` is a proposal received that can no longer be answered (H20: listed like any other,
        with "y accept" in the footer, and y only raised a toast); `dates`: the game's, if read."""
        if mail is None or mail.sender is self.side or not mail.letter.is_proposal:
            return False
        if dates is None:
            view = self.post.view()
            dates = (*(t.date for t in view.log), view.date)
        return lapsed(self.post.scenario.negotiation, mail, dates)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "counter", "lapsed"):
            mail = self._received()
            if mail is None:
                return None
            if action != "counter" and (action == "lapsed") is not self._unanswerable(mail):
                return False  # hidden: y and x answer, or on a lapsed proposal say why they cannot
            if not self.post.may_write():
                return None  # (read between turns: answered already, y and x are hidden above, K10)
            if parameters and parameters[0] == "accept" and not mail.letter.is_proposal:
                return None
        if action == "discard":
            return self.post.draft() is not None or None
        if action == "write":
            return self.post.may_write() or None
        if action in ("obligations", "real"):  # a local game's pages: not on a network seat
            return self.match is not None
        return True

    def _changed(self) -> None:
        if self.is_attached:
            self.refresh_list()

    def action_close(self) -> None:
        close(self, None)

    def action_write(self) -> None:
        compose(self, self.post, done=self._changed)

    def action_counter(self) -> None:
        mail = self._received()
        if mail is not None:
            compose(self, self.post, reply=mail, done=self._changed)

    def action_lapsed(self, how: str) -> None:
        """y or x on a lapsed proposal: the engine's reason, as a toast (the list marks it already)."""
        self.action_answer(how)

    def action_answer(self, how: str) -> None:
        mail = self._received()
        if mail is None:
            return
        answer = Answer(how)
        s = self.post.scenario
        letter = answer_letter(s, self.post.view(), self.post.seed, mail, answer)
        problem = self.post.check(letter)
        if problem:
            self.notify(escape(problem), title="This answer cannot go", severity="error")
            return
        self.post.keep(letter)  # shown at the top of the page until it goes
        if letter.channel != mail.letter.channel:  # the way it came is closed now
            came, goes = lt.channel_label(s, mail.letter.channel), lt.channel_label(s, letter.channel)
            self.notify(
                escape(f"{came} is closed now: your answer goes by {goes} (w changes it)."),
                title="Another channel",
            )
        self._changed()

    def action_discard(self) -> None:
        if self.post.draft() is not None:
            self.post.keep(None)
            self.notify("The letter will not be sent.", title="Draft discarded")
        self._changed()

    def action_obligations(self) -> None:
        from game.ui.screens.obligations import ObligationsScreen

        if self.match is not None:
            self.app.push_screen(ObligationsScreen(self.match, self.side), lambda _: self._changed())

    def action_real(self) -> None:
        from game.ui.screens.real_letters import RealLettersScreen

        if self.match is not None:
            self.app.push_screen(RealLettersScreen.of(self.match, self.side))
