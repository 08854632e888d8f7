"""The decisions open now: a numbered list, what the highlighted one means, and who advises it."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.engine.state import Move
from game.model import Scenario, Side

KEYS = "1234567890"
"""The key that picks each decision, in list order."""


LIST_MOST = 11
"""Rows the list of decisions takes at most; more scroll."""

PICK_FIRST = "Pick a decision first: its number, or the arrows, then Enter."


class DecisionList(OptionList):
    """An OptionList where a click highlights, and a click on the highlighted option chooses it.

    Enter orders the highlighted decision only once the player has picked it (a number, an arrow,
    a click) since the list was shown: the first decision is highlighted by default, and an Enter
    meant for the page before the desk (a double Enter on a chapter card) must not order it unseen.
    """

    picked = False
    """The player has moved to, or clicked, the highlighted decision since the desk came back."""

    async def _on_click(self, event: events.Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        if clicked == self.highlighted and self.picked:
            self.action_select()
        else:
            self.highlighted = clicked
            self.picked = True
            self.focus()

    def action_select(self) -> None:
        if not self.picked:
            self.notify(PICK_FIRST, timeout=3)
            return
        panel = self.parent
        if isinstance(panel, DecisionPanel) and self.highlighted is not None:
            panel.choose(self.highlighted)  # at once, not by a message: see DecisionPanel.chosen

    def action_cursor_up(self) -> None:
        self.picked = True
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        self.picked = True
        super().action_cursor_down()

    def action_first(self) -> None:
        self.picked = True
        super().action_first()

    def action_last(self) -> None:
        self.picked = True
        super().action_last()

    def action_page_up(self) -> None:
        self.picked = True
        super().action_page_up()

    def action_page_down(self) -> None:
        self.picked = True
        super().action_page_down()


class DecisionPanel(Vertical):
    """Numbered decisions; Enter (or the same number twice, or a click) posts `Chosen`."""

    class Chosen(Message):
        """A decision was taken."""

        def __init__(self, move: Move) -> None:
            self.move = move
            super().__init__()

    def __init__(self, scenario: Scenario, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scenario = scenario
        self.moves: tuple[Move, ...] = ()
        self.advised: dict[str, list[str]] = {}
        self.armed: int | None = None
        """The decision whose number was just pressed: pressing it again orders it."""
        self.breaks: dict[str, str] = {}
        """Decision id -> the warning that ordering it breaks a promise the side owes."""
        self.wars: dict[str, str] = {}
        """Decision id -> the warning that ordering it may start a war (the screen asks before it goes)."""
        self.chosen: Move | None = None
        """The decision sent up in `Chosen` and not yet taken by the screen. Set as the key is handled:
        a key right behind it (m, l) finds the desk deciding, not idle over the turn before."""

    def compose(self) -> ComposeResult:
        yield DecisionList(id="decision-list")
        with VerticalScroll(id="decision-about-box"):  # scrolls when the desk leaves it few rows (`fit`)
            yield Static(id="decision-about")
        with VerticalScroll(id="counsel-box"):  # shown on wide screens only (see crisis.tcss)
            yield Static(id="decision-counsel")

    @property
    def options(self) -> DecisionList:
        return self.query_one("#decision-list", DecisionList)

    def unpick(self) -> None:
        """The desk is back (a page was shown over it): Enter waits for a new pick (see DecisionList)."""
        self.armed = None
        self.options.picked = False

    def fit(self, rows: int | None) -> None:
        """Keep the panel within `rows` (None: what the stylesheet allows): the list keeps what leaves
        the highlighted decision's description two rows, and that description scrolls in the rest."""
        options, about = self.options, self.query_one("#decision-about-box")
        if rows is None:
            self.styles.max_height = options.styles.max_height = about.styles.max_height = None
            return
        inside = max(rows - 2, 2)  # within the border
        most = max(1, min(LIST_MOST, inside - 2))
        self.styles.max_height = inside + 2
        options.styles.max_height = most
        about.styles.max_height = max(1, inside - min(options.virtual_size.height, most))

    def highlight(self, index: int) -> None:
        """Highlight decision `index` as the player's pick (e.g. from the advisors' page)."""
        self.options.highlighted = index
        self.options.picked = True
        self.options.focus()

    def show(
        self, moves: tuple[Move, ...], advised: dict[str, list[str]], waiting: str = "", counsel: str = ""
    ) -> None:
        """List `moves`; with none, show `waiting` (the orders already given) instead. The same moves
        again (a remote seat's new frame) keep the player's highlight and pick."""
        options = self.options
        keep = options.highlighted if moves and moves == self.moves else None
        picked, armed = (options.picked, self.armed) if keep is not None else (False, None)
        self.moves, self.advised, self.armed, self.chosen = moves, advised, armed, None
        heading = "[b]Your advisors[/b]\n" if counsel and moves else ""
        self.query_one("#decision-counsel", Static).update(
            Content.from_markup(heading + counsel if moves else "")
        )
        options.clear_options()
        for n, move in enumerate(moves):
            d = self.scenario.decision(move.decision)
            key = KEYS[n] if n < len(KEYS) else " "
            options.add_option(
                Option(Content.from_markup(f"[b]{key}[/b] {escape(d.label)}"), id=move.decision)
            )
        options.display = bool(moves)
        options.picked = picked
        if moves:
            options.highlighted = keep or 0
            self._about(keep or 0)
        else:
            self.query_one("#decision-about", Static).update(Content.from_markup(waiting))

    def warn(self, breaks: dict[str, str], wars: dict[str, str] | None = None) -> None:
        """Say, under each decision in `breaks`, which promise ordering it would break, and under each
        in `wars`, that it may start a war."""
        wars = wars or {}
        if breaks == self.breaks and wars == self.wars:
            return
        self.breaks, self.wars = breaks, wars
        if self.moves and self.options.highlighted is not None:
            self._about(self.options.highlighted)

    def pick(self, index: int) -> None:
        """Highlight decision `index`; the same number pressed again takes it."""
        if not 0 <= index < len(self.moves):
            return
        if self.armed == index and self.options.highlighted == index:
            self.choose(index)
            return
        self.highlight(index)
        self.armed = index
        self._about(index)

    def take_highlighted(self) -> None:
        index = self.options.highlighted
        if not self.options.picked:
            self.notify(PICK_FIRST, timeout=3)
        elif index is not None:
            self.choose(index)

    def choose(self, index: int) -> None:
        """Send decision `index` up to the screen."""
        if 0 <= index < len(self.moves):
            self.armed = None
            self.chosen = self.moves[index]
            self.post_message(self.Chosen(self.moves[index]))

    def _about(self, index: int) -> None:
        if not 0 <= index < len(self.moves):
            return
        d = self.scenario.decision(self.moves[index].decision)
        text = escape(" ".join(d.description.split()))
        who = self.advised.get(d.id)
        if who:
            text += f" [$text-muted]Advised by {escape(', '.join(who))}.[/]"
        for warning in (self.wars.get(d.id), self.breaks.get(d.id)):
            if warning:
                text += f"\n[b $error]{escape(warning)}[/]"
        self.query_one("#decision-about", Static).update(Content.from_markup(text))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index != self.armed:
            self.armed = None
        self._about(event.option_index)


def advised_by(scenario: Scenario, phase: str, side: Side) -> dict[str, list[str]]:
    """Decision id -> the names of the advisors who recommend it, in this phase, for this side."""
    names = {a.id: a.name for a in scenario.advisors if a.side is side}
    out: dict[str, list[str]] = {}
    for c in scenario.phase(phase).counsel:
        if c.advisor in names:
            out.setdefault(c.recommends, []).append(names[c.advisor])
    return out
