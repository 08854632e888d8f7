"""What this side owes under its agreements: keep it (the default), delay it, or break it, at a cost."""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static
from textual.widgets.option_list import Option

from game.engine.letters import Obligation
from game.engine.match import SideView
from game.engine.state import Compliance, promise_key
from game.engine.word import reads_public
from game.model import Scenario, Side
from game.promises import orders_that_break
from game.ui import letter_text as lt
from game.ui.screens.closing import close
from game.ui.screens.page import ModalPage, while_open
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.reader import ChoiceList, Reader

CHOICE = {
    "keep": "[b $success]keep[/]",
    "delay": "[b $warning]DELAY[/]",
    "break": "[b $error]BREAK[/]",
}

LIST_KEYS = "↑↓ choose · ⏎ read · k keep · d delay · b break · esc close"
READ_KEYS = "↑↓ PgUp PgDn space scroll · esc back to the list"
ALONE_KEYS = "↑↓ PgUp PgDn space scroll · esc close"


class Owes(Protocol):
    """What the page reads and sets: a local game (`Match`) or a network seat (`remote_letters.SeatPost`)."""

    @property
    def scenario(self) -> Scenario: ...
    @property
    def compliance(self) -> dict[Side, tuple[tuple[str, Compliance], ...]]:
        """Per side, the promises it will delay or break with its next decision (changed in place)."""
        ...

    def view(self, side: Side) -> SideView: ...


class ObligationsScreen(ModalPage[None]):
    """Choices are stored in the session and go with the side's next decision."""

    PAGE_HELP = """
        ## Your promises

        What you owe under the agreements you made, each with its due date; the highlighted promise is
        told in full under the list. In the list, the arrows, Page Up/Down, Home and End choose a
        promise; **Enter** (or Tab) opens it to read: then the arrows, **Page Up/Down**, **space**,
        **Home** and **End** scroll it, and **Escape** (or Tab) goes back to the list. The pane you are
        in has a bright rule and its keys in the footer. **k** keeps a promise (the default: it is
        carried out when its day comes; a promise for **later** has no day, and stands to the end of
        the game), **d** delays it (past its date it is late, and the other side sees you stall), **b**
        breaks it for good, at the cost shown. An order that goes against a promise breaks it too once
        it is due, a hard-line one even before (the desk warns under such an order). Each row is one
        agreement's promise (its id first): a term promised in two agreements is kept or broken in
        each on its own. Your choices go with your next decision.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", key_display="esc"),  # while reading, Escape: the list
        Binding("o", "close", "Close", show=False),  # one key each: a shared key_display named o "esc"
        Binding("k", "choose('keep')", "Keep"),
        Binding("d", "choose('delay')", "Delay"),
        Binding("b", "choose('break')", "Break"),
    ]

    def __init__(self, match: Owes, side: Side) -> None:
        super().__init__()
        self.match, self.side = match, side
        self.owed: list[tuple[str, Obligation]] = lt.owed(match.view(side))
        """(agreement id, obligation): a choice is made for one agreement's promise."""

    def compose(self) -> ComposeResult:
        with Vertical(id="obligations", classes="frame") as frame:
            frame.border_title = "Your promises"
            frame.border_subtitle = LIST_KEYS
            yield ChoiceList(*[Option(self._prompt(a, o)) for a, o in self.owed], id="obligations-list")
            with Reader(id="obligations-about-box"):
                yield Static(id="obligations-about")
        yield KeyBar()

    @while_open
    def on_mount(self) -> None:
        self.set_class(not self.owed, "-empty")  # no empty list above a rule: the page says why
        if self.owed:
            self.query_one(ChoiceList).highlighted = 0
        (self.query_one(ChoiceList) if self.owed else self.query_one(Reader)).focus()
        self._about()

    def choice(self, agreement: str, term: str) -> str:
        return lt.choice(dict(self.match.compliance.get(self.side, ())), agreement, term)

    def _prompt(self, agreement: str, o: Obligation) -> Content:
        s = self.match.scenario
        view = self.match.view(self.side)
        choice = self.choice(agreement, o.term)
        line = lt.obligation_line(s, o, self.side, view.date, names=view.term_names, choice=choice)
        # the agreement names the row where two agreements hold a promise of one term (G2)
        return Content.from_markup(f"{CHOICE[choice]}  [$text-muted]{escape(agreement)}[/] {line}")

    def _current(self) -> tuple[str, Obligation] | None:
        i = self.query_one(ChoiceList).highlighted
        return self.owed[i] if i is not None and 0 <= i < len(self.owed) else None

    def _about(self) -> None:
        s, current = self.match.scenario, self._current()
        if current is None:
            text = "[$text-muted]You owe nothing under any agreement now.[/]"
        else:
            agreement, o = current
            public = reads_public(o, self.match.view(self.side).term_names)
            cost = lt.breach_cost(s, o, self.side, public) or "trust"
            others = sum(1 for a, x in self.owed if x.term == o.term and a != agreement)
            each = (
                f" You promised it in {others + 1} agreements: this choice is agreement {agreement}'s only."
                if others
                else ""
            )
            text = (
                f"[b]{escape(lt.term_label(s, o.term))}[/b] [$text-muted](agreement {escape(agreement)})[/]\n"
                "[b $success]Keep[/]: it is carried out when its day comes (the default).\n"
                "[b $warning]Delay[/]: not this turn; past its date it is LATE, and the other side "
                "sees you stall.\n"
                f"[b $error]Break[/]: the promise is broken for good. Cost: {escape(cost)}"
                + ("" if public else ", and more if the secret gets out")
                + f".{each} The other side will trust your letters less."
            )
            if against := orders_that_break(s, self.match.view(self.side), o):  # J7
                text += (
                    f"\n[b $error]Whatever you choose here[/], giving {escape(against)} this turn breaks it."
                )
        self.query_one("#obligations-about", Static).update(Content.from_markup(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """k, d and b only while a promise is listed (none: the footer does not offer them)."""
        return action != "choose" or bool(self.owed)

    def on_option_list_option_highlighted(self, event: ChoiceList.OptionHighlighted) -> None:
        self._about()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The frame's line of keys, for the pane that has the focus."""
        reading = isinstance(self.focused, Reader)
        keys = LIST_KEYS if not reading else READ_KEYS if self.owed else ALONE_KEYS
        self.query_one("#obligations").border_subtitle = keys

    def action_choose(self, how: str) -> None:
        current = self._current()
        if current is None:
            return
        agreement, o = current
        key = promise_key(agreement, o.term)
        chosen = {t: h for t, h in self.match.compliance.get(self.side, ()) if t != key}
        if how != "keep":
            chosen[key] = Compliance(how)
        if chosen:
            self.match.compliance[self.side] = tuple(chosen.items())
        else:
            self.match.compliance.pop(self.side, None)
        rows = self.query_one(ChoiceList)
        if rows.highlighted is not None:
            rows.replace_option_prompt_at_index(rows.highlighted, self._prompt(agreement, o))
        if how == "break":
            said = f"Your promise under agreement {agreement} will be broken with your next decision."
            self.notify(said, title="A broken promise", severity="warning")

    def action_close(self) -> None:
        close(self, None)
