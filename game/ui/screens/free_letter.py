"""A letter in the player's own words: the terms read beside the text, each linked to its words."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Document, Selection

from game.diplomacy import Answer, Tone
from game.engine.letters import Letter, Mail
from game.engine.match import SideView
from game.model import Scenario
from game.reader import Found, Reading, reader_for
from game.ui import letter_text as lt
from game.ui.screens import sending
from game.ui.screens.closing import close
from game.ui.screens.page import TYPING_HELP_KEYS, ModalPage, while_open
from game.ui.session import leader
from game.ui.widgets.keybar import KeyBar


class FreeLetterScreen(ModalPage[Letter | None]):
    """Dismisses with the letter: the player's words, and only the terms they left ticked."""

    PAGE_HELP = """
        ## A letter in your own words

        Write the letter as you would say it. Beside the text, the terms the game reads in your words:
        what you give and what you ask. **space** drops a term the words name but you do not mean (or
        keeps it again); a term your words give to the wrong side ("we will" on what only the other
        leader can do) is shown with a note and left unticked until you keep it; **ctrl+e** opens the
        form filled with what was read, to correct it there; **ctrl+s** seals the letter, and it goes
        with your next decision. **F1** opens this help (**?** is a character in a letter).
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send", key_display="^s", priority=True),
        Binding("ctrl+e", "correct", "Correct in the form", key_display="^e", priority=True),
        Binding("escape", "cancel", "Back", key_display="esc"),
        Binding("space", "toggle_term", "Keep/drop"),
        TYPING_HELP_KEYS,
    ]

    def __init__(
        self,
        s: Scenario,
        view: SideView,
        check: Callable[[Letter], str | None],
        *,
        seed: int = 0,
        reply: Mail | None = None,
        channel: str = "",
        text: str = "",
    ) -> None:
        super().__init__()
        assert s.negotiation is not None
        self.s, self.view, self.check, self.seed, self.reply = s, view, check, seed, reply
        self.reader = reader_for(s)
        private = [c for c in view.channels if not s.negotiation.channel(c).public]
        self.channel = channel if channel in view.channels else (private or list(view.channels) or [""])[0]
        self.channel_chosen = False
        """The player chose the channel; until then the one the words name, if they name one."""
        self._auto_channel = ""
        self.tone: Tone | None = None
        """Set when the player chooses a tone; until then the tone read from the words."""
        self.text = text
        self.flipped: set[tuple[str, bool]] = set()
        """(term, give) the player ticked or unticked against the reading: they stay so while the words
        still name them (a term read with a doubt starts unticked)."""
        self.reading = Reading()
        self._shown: list[Content] = []
        self._notes = ""

    # ---- the letter ---------------------------------------------------------------------------

    def read(self) -> Reading:
        self.reading = self.reader.read(self.text, self.view.side, self.view.terms)
        return self.reading

    def ticked(self, f: Found) -> bool:
        return not f.refused and (not f.doubt) is ((f.term, f.give) not in self.flipped)

    def kept(self) -> list[Found]:
        return [f for f in self.reading.found if self.ticked(f)]

    def answer(self) -> Answer | None:
        if self.reply is None:
            return None
        if self.reading.answer is not None:
            return self.reading.answer
        return Answer.COUNTER if self.kept() else None

    def letter(self) -> Letter:
        """What goes: the confirmed terms and the player's own words (an acceptance or a refusal
        carries no terms of its own: it takes or leaves the letter it answers)."""
        answer = self.answer()
        kept = [] if answer in (Answer.ACCEPT, Answer.REJECT) else self.kept()
        gives = tuple(f.offer for f in kept if f.give)
        demands = tuple(f.offer for f in kept if not f.give)
        tone = self.tone or self.reading.tone
        reply_to = self.reply.id if self.reply is not None and answer is not None else None
        return Letter(self.channel, tone, gives, demands, self.text.strip(), reply_to, answer)

    # ---- the form -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        to = leader(self.s, self.view.side.other)
        with Vertical(id="free-letter", classes="frame") as frame:
            frame.border_title = f"A letter to {to}, in your own words"
            if self.reply is not None:
                frame.border_title += f" · answering {self.reply.id}"
            frame.border_subtitle = "^s send · ^e correct in the form · esc back"
            with Horizontal(id="free-head"):
                yield Label("Channel", classes="composer-label")
                yield Select(
                    [(lt.channel_label(self.s, c), c) for c in self.view.channels],
                    value=self.channel if self.channel else Select.NULL,
                    allow_blank=not self.view.channels,
                    compact=True,
                    id="free-channel",
                )
                yield Label("Tone", classes="composer-label")
                yield Select(
                    [("as written", "read"), *[(t.value, t.value) for t in Tone]],
                    value="read",
                    allow_blank=False,
                    compact=True,
                    id="free-tone",
                )
            with Horizontal(id="free-main"):
                yield TextArea(self.text, id="free-text", soft_wrap=True, tab_behavior="focus")
                with VerticalScroll(id="free-read-box") as box:
                    box.border_title = "What the game reads"
                    yield OptionList(id="free-terms")
                    yield Static(id="free-notes")
        yield KeyBar()

    @while_open
    def on_mount(self) -> None:
        self.query_one("#free-text", TextArea).focus()
        self.refresh_reading()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.text = event.text_area.text
        self.refresh_reading()

    def _take_box(self) -> None:
        """What is in the box now: keys typed just before ctrl+s or ctrl+e are in it before their
        Changed is handled, so sending reads the box, not the last copy (J2)."""
        text = self.query_one("#free-text", TextArea).text
        if text != self.text:
            self.text = text
            self.refresh_reading()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "free-channel" and isinstance(event.value, str):
            self.channel_chosen |= event.value not in (self.channel, self._auto_channel)
            self.channel = event.value
        elif event.select.id == "free-tone" and isinstance(event.value, str):
            self.tone = None if event.value == "read" else Tone(event.value)
        self.refresh_reading()

    def _prompt(self, f: Found) -> Content:
        label = escape(lt.term_label(self.s, f.term))
        if f.refused:
            head = f"[$text-muted]refused[/] [s]{label}[/s]"
        else:
            on = self.ticked(f)
            box = "[b $success]\\[x][/]" if on else "[$text-muted]\\[ ][/]"
            role = "[$success]give[/]" if f.give else "[$error]ask [/]"
            marks = lt.modifiers(self.s, f.offer)
            extra = f" [$text-muted]·[/] {' · '.join(marks)}" if marks else ""
            head = f"{box} {role} {f'[b]{label}[/b]' if on else label}{extra}"
        words = " … ".join(f"“{escape(self.text[a:b])}”" for a, b in f.spans)
        said = [f"{m.cue.value} “{escape(self.text[m.start : m.end])}”" for m in f.marks]
        tail = f"\n    [$text-muted]from {words}{'; ' + '; '.join(said) if said else ''}[/]"
        if f.doubt and not f.refused:
            tail += f"\n    [$warning]{escape(f.doubt)}[/]"
        return Content.from_markup(head + tail)

    def refresh_reading(self) -> None:
        reading = self.read()
        named = reading.channel
        if named and not self.channel_chosen and named in self.view.channels and named != self.channel:
            self.channel = self._auto_channel = named  # "through your ambassador"
            self.query_one("#free-channel", Select).value = named
        options = self.query_one("#free-terms", OptionList)
        prompts = [self._prompt(f) for f in reading.found]
        if prompts != self._shown:  # most keys change no term: the list is left as it is
            self._shown = prompts
            highlighted = options.highlighted
            options.clear_options()
            options.add_options(
                [Option(p, id=f"{f.term}:{f.give}") for p, f in zip(prompts, reading.found, strict=True)]
            )
            if reading.found:
                options.highlighted = min(highlighted or 0, len(reading.found) - 1)
        letter = self.letter()
        lines = []
        if not reading.found:
            lines.append("[$text-muted]No terms read yet: write what you give and what you ask.[/]")
        if letter.answer is not None and self.reply is not None:
            lines.append(f"[b]{escape(lt.answer_text(letter))}[/b]")
        lines.append(f"[$text-muted]Tone:[/] {letter.tone.value}")
        if reading.channel and reading.channel == letter.channel:
            words = escape(self.text[slice(*reading.channel_at)])
            lines.append(
                f"[$text-muted]Channel:[/] {escape(lt.channel_label(self.s, reading.channel))} “{words}”"
            )
        doubts = {f"{lt.term_label(self.s, f.term)}: {f.doubt}" for f in reading.found}
        lines += [f"[$warning]{escape(n)}[/]" for n in reading.notes if n not in doubts]
        problem = sending.problem(self.check, letter)
        if problem:
            lines.insert(0, f"[b $error]Cannot be sent:[/] {escape(problem)}")
        notes = "\n".join(lines)
        if notes != self._notes:
            self._notes = notes
            self.query_one("#free-notes", Static).update(Content.from_markup(notes))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Select the words a term was read from, so the player sees where it came from."""
        index = event.option_index
        if not event.option_list.has_focus or not 0 <= index < len(self.reading.found):
            return  # while the player types, the cursor stays where they write
        a, b = self.reading.found[index].spans[0]
        area = self.query_one("#free-text", TextArea)
        doc = area.document
        assert isinstance(doc, Document)  # a plain TextArea's, which maps offsets to places
        area.selection = Selection(doc.get_location_from_index(a), doc.get_location_from_index(b))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_toggle_term()

    # ---- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_term" and isinstance(self.focused, TextArea | Select):
            return None
        return True

    def action_toggle_term(self) -> None:
        index = self.query_one("#free-terms", OptionList).highlighted
        if index is None or not 0 <= index < len(self.reading.found):
            return
        f = self.reading.found[index]
        if f.refused:
            self.notify("Your words refuse this term; change the words to offer it.", title="Refused")
            return
        self.flipped ^= {(f.term, f.give)}
        self.refresh_reading()

    def action_correct(self) -> None:
        sending.after_keys(self, self._correct)

    def _correct(self) -> None:
        """The structured composer, filled with what was read and kept; what it sends, goes."""
        from game.ui.screens.composer import ComposerScreen

        def done(letter: Letter | None) -> None:
            if letter is not None:
                close(self, letter)

        self._take_box()
        draft = self.letter()
        self.app.push_screen(
            ComposerScreen(self.s, self.view, self.check, seed=self.seed, draft=draft, reply=self.reply), done
        )

    def action_cancel(self) -> None:
        close(self, None)

    def action_send(self) -> None:
        sending.after_keys(self, self._send)

    def _send(self) -> None:
        self._take_box()
        sending.send(self, self.letter(), self.check, words_needed=True)
