"""The network desk's letters: the local game's composer, letters page, promises page and real letters on
a remote seat (write, counter, accept, reject; keep, delay or break a promise); a letter and the promises
delayed or broken go with the seat's next order, and the server checks them as it applies it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType
from textual.markup import escape

from game.diplomacy import Answer
from game.engine.letters import Letter, Mail, Offer, awaiting_answer, offer_marks
from game.engine.match import SideView
from game.engine.state import Compliance
from game.model import Scenario, Side
from game.ui import text
from game.ui.classroom import team
from game.ui.screens.letters import LettersScreen

if TYPE_CHECKING:
    from game.ui.screens.obligations import ObligationsScreen
    from game.ui.screens.real_letters import RealLettersScreen


class LetterKeys:
    """The letter keys of `RemoteApp` (w, c, a, x, d); the app holds `scenario`, `view`, `frame`, `draft`."""

    scenario: Scenario | None
    view: SideView | None
    frame: dict[str, Any]
    draft: Letter | None
    compliance: dict[Side, tuple[tuple[str, Compliance], ...]]
    """The promises this seat will delay or break with its next order (its side's only)."""
    spoilers: bool

    def _may_write(self) -> bool:
        v = self.view
        return bool(
            self.scenario is not None
            and self.scenario.negotiation is not None
            and v is not None
            and v.ending is None
            and v.my_move is None
            and v.channels
            and not self.frame.get("paused")
            and not self.frame.get("ended")
        )

    def _newest_proposal(self) -> Mail | None:
        """The newest proposal received and not yet answered: what a, c and x answer."""
        v = self.view
        if v is None:
            return None
        waiting = awaiting_answer(v.letters, v.side)
        return waiting[-1] if waiting else None

    def _check(self, letter: Letter) -> str | None:
        """What this seat can tell before sending: the channel and terms open to it (the server's
        engine checks the rest and says why if it refuses)."""
        v = self.view
        assert v is not None
        if letter.channel not in v.channels:
            return f"the channel {letter.channel!r} is not open to you now"
        closed = [o.term for o in (*letter.gives, *letter.demands) if o.term not in v.terms]
        return f"not open to you now: {', '.join(closed)}" if closed else None

    def _compose(self, reply: Mail | None = None) -> None:
        from game.ui.screens.letters import compose

        compose(self, SeatPost(self), reply)  # type: ignore[arg-type]

    def action_write(self) -> None:
        if self._may_write():
            self._compose()

    def action_counter(self) -> None:
        mail = self._newest_proposal()
        if self._may_write() and mail is not None:
            self._compose(reply=mail)

    def action_answer(self, how: str) -> None:
        from game.ai.answers import answer_letter

        mail = self._newest_proposal()
        if not self._may_write() or mail is None or self.scenario is None or self.view is None:
            return
        seed = int(self.frame.get("policy_seed", 0))
        self.draft = answer_letter(self.scenario, self.view, seed, mail, Answer(how))
        word = "acceptance" if how == "accept" else "refusal"
        self.notify(  # type: ignore[attr-defined]
            f"Your {word} goes with your next order.", title="Answer ready"
        )
        self._redraw()  # type: ignore[attr-defined]

    def action_discard(self) -> None:
        self.draft = None
        self._redraw()  # type: ignore[attr-defined]


def letter_line(s: Scenario, letter: Letter) -> str:
    """A letter in one line: its answer or its terms, then its words."""
    n = s.negotiation
    names = {t.id: t.label for t in n.terms} if n else {}

    def offer(o: Offer) -> str:  # with its timing and check (play-test F14)
        return escape(" · ".join([names.get(o.term, o.term), *offer_marks(n, o)]))

    parts = []
    if letter.answer is not None:
        parts.append(f"[b]{escape(str(letter.answer))}[/b]")
    if letter.gives:
        parts.append("gives " + ", ".join(offer(o) for o in letter.gives))
    if letter.demands:
        parts.append("asks " + ", ".join(offer(o) for o in letter.demands))
    words = text.flat(letter.text)
    return "; ".join(parts) + (f": {escape(words)}" if words else "")


class SeatPost:
    """The letters page's `Post` (and the promises page's `Owes`) for a network seat: its side's view as
    the last frame brought it, the one draft and the promises delayed or broken that go with its next
    order (an advisor's draft goes to the leader), the seat's own checks."""

    def __init__(self, keys: LetterKeys) -> None:
        self.keys = keys

    @property
    def scenario(self) -> Scenario:
        assert self.keys.scenario is not None  # a page opens only once a table is found
        return self.keys.scenario

    @property
    def side(self) -> Side:
        return self.view().side

    @property
    def seed(self) -> int:
        return int(self.keys.frame.get("policy_seed", 0))

    @property
    def compliance(self) -> dict[Side, tuple[tuple[str, Compliance], ...]]:
        return self.keys.compliance

    def view(self, side: Side | None = None) -> SideView:
        """This seat's view (a seat has no other: `side`, if given, is its own)."""
        assert self.keys.view is not None  # ... and its first view has come
        return self.keys.view

    def may_write(self) -> bool:
        return self.keys._may_write()

    def draft(self) -> Letter | None:
        return self.keys.draft

    def promises(self) -> tuple[tuple[str, str], ...]:
        return self.keys.compliance.get(self.side, ())

    def keep(self, letter: Letter | None) -> None:
        seat = getattr(self.keys, "seat", None)
        if letter is not None and seat is not None and team.advising(seat):  # a draft for the leader
            team.send_draft(self.keys, seat, letter)  # type: ignore[arg-type]
            return
        self.keys.draft = letter
        on_page = isinstance(getattr(self.keys, "screen", None), LettersScreen)  # it shows the draft
        if letter is not None and not on_page:
            self.keys.notify("The letter goes with your next order.", title="Letter ready")  # type: ignore[attr-defined]
        self.keys._redraw()  # type: ignore[attr-defined]

    def check(self, letter: Letter) -> str | None:
        return self.keys._check(letter)


class SeatLetters(LettersScreen):
    """The local letters page on a network seat (m): the seat's letters, newest first, one in full."""

    PAGE_HELP = """
        ## Letters, over the network

        Every letter this seat has sent and received, newest first; the highlighted one is shown in
        full beside it, with the agreements in force. In the list, the arrows, Page Up/Down, Home and
        End choose a letter; **Enter** (or Tab) opens it to read: then the arrows, **Page Up/Down**,
        **space**, **Home** and **End** scroll it, and **Escape** (or Tab) goes back to the list. To a
        letter you received: **y** (or **a**, as on the desk) accepts its proposal, **c** counters it
        (the composer opens with its terms swapped), **x** rejects it; **w** writes a new letter,
        **d** discards the one ready to go. **o** lists the **promises** you owe under agreements (keep,
        delay or break each), **h** shows the **real letters** of the crisis beside this game's. Your
        letter and your promises delayed or broken go with your next order. **m** or Escape goes back
        to the desk.
    """

    BINDINGS: ClassVar[list[BindingType]] = [  # a accepts here too, as on the desk (the highlighted)
        Binding("a", "answer('accept')", "Accept", show=False)
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("obligations", "real"):  # the seat's own pages (the local game's need a Match)
            return True
        return super().check_action(action, parameters)

    def action_obligations(self) -> None:
        assert isinstance(self.post, SeatPost)
        self.app.push_screen(promises_page(self.post), lambda _: self._promised())

    def _promised(self) -> None:
        """The choice made on the promises page: this page's list, and the desk under it (J11)."""
        self._changed()
        assert isinstance(self.post, SeatPost)
        self.post.keys._redraw()  # type: ignore[attr-defined]

    def action_real(self) -> None:
        assert isinstance(self.post, SeatPost)
        self.app.push_screen(real_letters_page(self.post))


def promises_page(post: SeatPost) -> ObligationsScreen:
    """The local promises page for a seat: keep, delay or break each; the choice goes with its order."""
    from game.ui.screens.obligations import ObligationsScreen

    return ObligationsScreen(post, post.side)


def real_letters_page(post: SeatPost) -> RealLettersScreen:
    """The real letters beside the seat's, spoilers off as locally (or as the facilitator revealed)."""
    from game.ui.screens.real_letters import RealLettersScreen

    view = post.view()
    return RealLettersScreen.seen_by(post.scenario, view, post.keys.spoilers, view.ending is not None)
