"""The composer: channel, tone, terms given and asked with their modifiers, free text, a preview, send."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from game.ai.answers import answer_channel
from game.ai.negotiator import Negotiator
from game.diplomacy import Answer, Offer, Timing, Tone, Verification
from game.engine.letters import Letter, Mail, longest_deadline
from game.engine.match import SideView
from game.model import Scenario
from game.ui import letter_text as lt
from game.ui.screens import sending
from game.ui.screens.closing import close
from game.ui.screens.page import TYPING_HELP_KEYS, ModalPage, while_open
from game.ui.session import leader
from game.ui.widgets.keybar import KeyBar

TIMINGS = (Timing.NOW, Timing.DAYS, Timing.LATER)
MOST_DAYS = 90
"""The days + reaches at least, whatever the scenario's letters use."""
CHECKS = (Verification.NONE, Verification.AERIAL, Verification.UN)


@dataclass
class Row:
    """One term in the composer: whether it is in the letter, and its modifiers."""

    term: str
    give: bool
    """True: the writer offers it; False: the writer asks it of the other side."""
    on: bool = False
    public: bool = True
    timing: Timing = Timing.NOW
    days: int = 0
    verification: Verification = Verification.NONE

    def offer(self) -> Offer:
        days = self.days if self.timing is Timing.DAYS else 0
        return Offer(self.term, self.public, self.timing, days, self.verification)


def step_days(days: int, step: int, most: int) -> int:
    """`days` one `step` on, from 1 to `most`; + never shortens a deadline read longer than `most`
    (play-test F15: "within six months" then + gave 90), - never lengthens one."""
    if step < 0:
        return max(days + step, 1)
    return days if days >= most else min(days + step, most)


class ComposerScreen(ModalPage[Letter | None]):
    """Dismisses with the letter to attach to the next decision (checked by the engine), or None."""

    PAGE_HELP = """
        ## Writing a letter

        Choose the **channel** (a public broadcast is heard at once and holds you to every word; a private
        letter or a back channel takes hours to arrive) and the **tone**. Then tick the **terms**: what you
        **give** and what you **ask**. For the highlighted term, **p** makes it secret or public, **t** cycles
        its timing (now, within so many days, later), **+**/**-** change the days, **v** asks for
        verification (aerial or by the UN). Your own words are optional: without them the letter is
        written from your terms. The preview shows the letter; **ctrl+s** seals it, and it goes with your
        next decision. A counter-proposal opens here with the other side's terms swapped.
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send", key_display="^s", priority=True),
        Binding("escape", "cancel", "Cancel", key_display="esc"),
        Binding("space", "toggle_term", "In/out", key_display="spc"),
        Binding("p", "public", "Secret"),
        Binding("t", "timing", "Timing"),
        Binding("plus,equals_sign", "days(1)", "Days", key_display="+/-"),
        Binding("minus", "days(-1)", "Days", show=False),
        Binding("v", "verify", "Check"),
        Binding("ctrl+o", "own_words", "Own words", key_display="^o", priority=True),
        TYPING_HELP_KEYS,
    ]

    def __init__(
        self,
        s: Scenario,
        view: SideView,
        check: Callable[[Letter], str | None],
        *,
        seed: int = 0,
        draft: Letter | None = None,
        reply: Mail | None = None,
    ) -> None:
        super().__init__()
        self.s, self.view, self.check, self.seed = s, view, check, seed
        n = s.negotiation
        assert n is not None
        self.reply = reply
        me = view.side
        self.rows = [Row(t, n.term(t).giver is me) for t in view.terms]
        self.longest = max(longest_deadline(n), MOST_DAYS)
        """The most days + reaches: every deadline the scenario's letters use."""
        self.rows.sort(key=lambda r: not r.give)
        private = [c for c in view.channels if not n.channel(c).public]
        self.channel = (private or list(view.channels) or [""])[0]
        self.tone = Tone.FIRM
        self.text = ""
        self.answer: Answer | None = None
        if draft is not None:
            self._load(draft)
        elif reply is not None:
            self._counter(reply)

    # ---- building the letter ----------------------------------------------------------------

    def _load(self, letter: Letter) -> None:
        """Fill the form from a letter (a draft being changed)."""
        if letter.channel in self.view.channels:
            self.channel = letter.channel
        self.tone, self.text, self.answer = letter.tone, letter.text, letter.answer
        if letter.reply_to:
            self.reply = next((m for m in self.view.letters if m.id == letter.reply_to), self.reply)
        for offers, give in ((letter.gives, True), (letter.demands, False)):
            for o in offers:
                self._set(o, give)

    def _counter(self, mail: Mail) -> None:
        """The received letter's terms, swapped: what it offered I ask, what it asked I offer."""
        self.answer = Answer.COUNTER
        self.channel = answer_channel(self.s, self.view, mail)
        for o in mail.letter.gives:
            self._set(o, False)
        for o in mail.letter.demands:
            self._set(o, True)

    def _set(self, o: Offer, give: bool) -> None:
        row = next((r for r in self.rows if r.term == o.term and r.give is give), None)
        if row is not None:
            row.on, row.public, row.timing, row.days, row.verification = (
                True,
                o.public,
                o.timing,
                o.days,
                o.verification,
            )

    def letter(self) -> Letter:
        gives = tuple(r.offer() for r in self.rows if r.on and r.give)
        demands = tuple(r.offer() for r in self.rows if r.on and not r.give)
        words = self.text.strip() or self.prose(gives, demands)
        reply_to = self.reply.id if self.reply is not None and self.answer is not None else None
        return Letter(
            self.channel, self.tone, gives, demands, words, reply_to, self.answer if reply_to else None
        )

    def intent(self, has_terms: bool) -> str:
        if self.answer is not None and self.reply is not None:
            return self.answer.value
        if self.tone is Tone.THREATENING:
            return "threaten"
        return "propose"

    def prose(self, gives: tuple[Offer, ...], demands: tuple[Offer, ...]) -> str:
        """The letter in the scenario's words, as the computer's leaders write theirs."""
        try:
            return Negotiator(self.s, self.view, self.seed, "pragmatist").write(
                self.intent(bool(gives or demands)), gives, demands
            )
        except (KeyError, ValueError, AssertionError):
            return ""

    # ---- the form ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        n = self.s.negotiation
        assert n is not None
        to = leader(self.s, self.view.side.other)
        with Vertical(id="composer", classes="frame") as frame:
            frame.border_title = f"A letter to {to}"
            if self.reply is not None:
                frame.border_title += f" · answering {self.reply.id}"
            frame.border_subtitle = "^s send with your next decision · esc cancel"
            with Horizontal(id="composer-head"):
                yield Label("Channel", classes="composer-label")
                yield Select(
                    [(self._channel_option(c), c) for c in self.view.channels],
                    value=self.channel if self.channel else Select.NULL,
                    allow_blank=not self.view.channels,
                    compact=True,
                    id="composer-channel",
                )
                yield Label("Tone", classes="composer-label")
                yield Select(
                    [(t.value, t) for t in Tone],
                    value=self.tone,
                    allow_blank=False,
                    compact=True,
                    id="composer-tone",
                )
            with Horizontal(id="composer-main"):
                with Vertical(id="composer-left"):
                    yield OptionList(*[Option(self._row_prompt(r)) for r in self.rows], id="composer-terms")
                    yield Static(id="composer-about")
                    yield Input(
                        self.text,
                        placeholder="Your own words (else the letter is written from your terms)",
                        compact=True,
                        id="composer-text",
                    )
                with VerticalScroll(id="composer-preview-box") as box:
                    box.border_title = "Preview"
                    yield Static(id="composer-preview")
        yield KeyBar()

    @while_open
    def on_mount(self) -> None:
        self.query_one("#composer-terms", OptionList).focus()
        if self.rows:
            self.query_one("#composer-terms", OptionList).highlighted = 0
        self.refresh_preview()

    def _channel_option(self, channel_id: str) -> str:
        assert self.s.negotiation is not None
        c = self.s.negotiation.channel(channel_id)
        how = "public, heard at once" if c.public else f"private, {c.delay_hours} h"
        return f"{c.label} · {how}"

    def _row_prompt(self, r: Row) -> Content:
        assert self.s.negotiation is not None
        term = self.s.negotiation.term(r.term)
        box = "[b $success]\\[x][/]" if r.on else "[$text-muted]\\[ ][/]"
        role = "[$success]give[/]" if r.give else "[$error]ask [/]"
        label = f"[b]{escape(term.label)}[/b]" if r.on else escape(term.label)
        marks = lt.modifiers(self.s, r.offer()) if r.on else []
        extra = f" [$text-muted]·[/] {' · '.join(marks)}" if marks else ""
        return Content.from_markup(f"{box} {role} {label}{extra}")

    def _current(self) -> Row | None:
        index = self.query_one("#composer-terms", OptionList).highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def _redraw(self, row: Row) -> None:
        options = self.query_one("#composer-terms", OptionList)
        options.replace_option_prompt_at_index(self.rows.index(row), self._row_prompt(row))
        self.refresh_preview()

    def _about(self) -> str:
        row = self._current()
        if row is None:
            return "[$text-muted]No terms are on the table now.[/]"
        assert self.s.negotiation is not None
        term = self.s.negotiation.term(row.term)
        giver = "You" if row.give else leader(self.s, term.giver)
        limits = []
        if term.public_only:
            limits.append("cannot be secret")
        if not term.verifiable:
            limits.append("cannot be verified")
        note = f" [$warning]({', '.join(limits)})[/]" if limits else ""
        about = escape(" ".join(term.description.split()))
        return f"[$text-muted]{escape(giver)} would carry it out.{note} {about}[/]"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#composer-about", Static).update(Content.from_markup(self._about()))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_toggle_term()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "composer-channel" and isinstance(event.value, str):
            self.channel = event.value
        elif event.select.id == "composer-tone" and isinstance(event.value, Tone):
            self.tone = event.value
        self.refresh_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.text = event.value
        self.refresh_preview()

    def _take_box(self) -> None:
        """The words in the box now, not the last Changed handled: keys typed just before ctrl+s or
        ctrl+o are in the box first (J2)."""
        self.text = self.query_one("#composer-text", Input).value

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#composer-terms", OptionList).focus()

    def refresh_preview(self) -> None:
        letter = self.letter()
        n = self.s.negotiation
        assert n is not None
        lines = []
        if letter.channel:
            c = n.channel(letter.channel)
            reach = "the world hears it at once" if c.public else f"read {c.delay_hours} hours after sending"
            lines.append(f"[$accent]{escape(c.label)}[/] · {letter.tone.value} · [$text-muted]{reach}[/]")
            if c.public:
                lines.append("[$warning]Public: you are held to every word you give.[/]")
        if letter.answer is not None:
            text = lt.answer_text(letter)
            lines.append(f"[b]{text[:1].upper()}{text[1:]}[/b]")
        terms = lt.terms_block(self.s, letter, "You", leader(self.s, self.view.side.other), indent="")
        lines.append(terms or "[$text-muted]No terms: a letter of words only.[/]")
        if letter.text:
            lines.append(f"\n[i]{escape(letter.text)}[/i]")
        problem = sending.problem(self.check, letter)
        if problem:
            lines.insert(0, f"[b $error]Cannot be sent:[/] {escape(problem)}")
        self.query_one("#composer-preview", Static).update(Content.from_markup("\n".join(lines)))

    # ---- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_term", "public", "timing", "days", "verify"):
            focused = self.focused
            if isinstance(focused, Input | Select):
                return None if action == "toggle_term" else False
        return True

    def action_toggle_term(self) -> None:
        row = self._current()
        if row is not None:
            row.on = not row.on
            self._redraw(row)

    def _modify(self, change: Callable[[Row], str | None]) -> None:
        row = self._current()
        if row is None:
            return
        why = change(row)
        if why:
            self.notify(escape(why), title="Not for this term", severity="warning")
            return
        row.on = True
        self._redraw(row)

    def action_public(self) -> None:
        assert self.s.negotiation is not None

        def change(row: Row) -> str | None:
            term = self.s.negotiation.term(row.term)  # type: ignore[union-attr]
            if term.public_only and row.public:
                return f"{term.label}: this cannot be done in secret."
            row.public = not row.public
            return None

        self._modify(change)

    def action_timing(self) -> None:
        def change(row: Row) -> str | None:
            row.timing = TIMINGS[(TIMINGS.index(row.timing) + 1) % len(TIMINGS)]
            return None

        self._modify(change)

    def action_days(self, step: int) -> None:
        assert self.s.negotiation is not None

        def change(row: Row) -> str | None:
            base = row.days or self.s.negotiation.term(row.term).days  # type: ignore[union-attr]
            row.timing = Timing.DAYS
            row.days = step_days(base, step, self.longest)
            return None

        self._modify(change)

    def action_verify(self) -> None:
        assert self.s.negotiation is not None

        def change(row: Row) -> str | None:
            term = self.s.negotiation.term(row.term)  # type: ignore[union-attr]
            if not term.verifiable:
                return f"{term.label}: this cannot be verified."
            row.verification = CHECKS[(CHECKS.index(row.verification) + 1) % len(CHECKS)]
            return None

        self._modify(change)

    def action_own_words(self) -> None:
        sending.after_keys(self, self._own_words)

    def _own_words(self) -> None:
        """Write the letter in your own words instead (game/ui/screens/free_letter.py)."""
        from game.ui.screens.free_letter import FreeLetterScreen

        def done(letter: Letter | None) -> None:
            if letter is not None and self.is_attached:
                close(self, letter)

        self._take_box()
        own = FreeLetterScreen(self.s, self.view, self.check, seed=self.seed, reply=self.reply)
        own.channel, own.text = self.channel or own.channel, self.text
        self.app.push_screen(own, done)

    def action_cancel(self) -> None:
        close(self, None)

    def action_send(self) -> None:
        sending.after_keys(self, self._send)

    def _send(self) -> None:
        self._take_box()
        if not sending.send(self, self.letter(), self.check):
            self.refresh_preview()
