"""The new-game screen: side, scenario, opponent, seed and spoilers, each also a `crisis play` flag."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, Switch

from game.ai.names import POLICY_NAMES
from game.errors import CrisisError
from game.scenario import catalog
from game.ui.rules_text import about_policy
from game.ui.screens.page import Page
from game.ui.screens.saves import open_saved, saved_games, to_continue
from game.ui.setup import Setup, new_seed
from game.ui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from game.persistence import SaveSummary
    from game.ui.app import CrisisApp

WORD_PAUSE = 1.0
"""Seconds without a key that end a word typed outside a text field (G14): a page key after it is a key."""
clock = time.monotonic
"""The clock of that pause (a test sets its own)."""

SIDE_CHOICES = (("kennedy", "Kennedy"), ("khrushchev", "Khrushchev"), ("both", "Both: two players"))


class ChoiceSet(RadioSet):
    """A radio group that chooses as the arrows move, as radio groups do elsewhere (Enter is not needed).

    The arrows get actions of their own: RadioSet itself calls `action_next_button` on mount (to put its
    cursor on the first button), so choosing there would throw away the preset choice.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "choose(1)", "Choose the next in this group", show=False),
        Binding("up,left", "choose(-1)", "Choose the one before", show=False),
    ]

    def on_mount(self) -> None:
        # handlers run subclass first: RadioSet's own mount (which moves to the first button) comes after
        self.call_later(self._cursor_on_choice)

    def _cursor_on_choice(self) -> None:
        """The cursor starts on the preset choice, not on the first button."""
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def action_choose(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


class NewGameScreen(Page[None]):
    """Every choice preset from the command line's flags; s (or the Start button) begins."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    FIRST_CSS_ONLY = True
    """Styled by crisis.tcss alone: the other screens' rules are read after this page's first paint."""

    PAGE_HELP = """
        ## New game

        Choose whom you play (or both, two players taking turns at this keyboard), the scenario, and the
        opponent: the computer's personality for the other side. The arrows choose within a group, Tab
        moves between groups. The seed makes a game repeatable; with spoilers on, each report tells what
        really happened; **tips** guide a first game on the desk; with **aims** on, each leader draws a
        hidden objective per chapter, scored and revealed at the end (off: the plain history). **s** (or
        the Start button) begins. **c** continues the game you played last (it saves itself every turn;
        the top line names its file), and asks first when a game was cut off without quitting (killed,
        or crashed) while another was played since; **o** lists every saved game to open one. A digit
        typed anywhere starts a new seed in the Seed field; letters typed outside a text field are not
        taken for these keys (stop a moment, then press the key).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start", "Start"),
        Binding("c", "continue", "Continue"),
        Binding("o", "saves", "Saved games"),
        Binding("r", "reseed", "New seed"),
        Binding("g", "app.gallery", "Gallery"),
        Binding("escape", "leave", "Quit", show=False),
    ]

    def __init__(self, setup: Setup) -> None:
        super().__init__()
        self.setup = setup
        self.scenarios = [p.stem for p in catalog.bundled()]
        self.summaries: dict[str, str] = {}
        self.characters: dict[str, dict[str, str]] = {}
        """Per scenario, each opponent's personality in a few words (read with the scenario)."""
        self.saves: list[SaveSummary] | None = None
        """The saved games, once looked for (after the first paint)."""
        self.offer: list[SaveSummary] = []
        """What Continue opens (one save), or asks between (a game cut off first: G13)."""
        self.painted = False
        """The page has been on the terminal: the files it shows may be read."""

    def compose(self) -> ComposeResult:
        st = self.setup
        custom = st.scenario not in self.scenarios
        with Vertical(id="new-game"):
            yield Static(
                Content.from_markup(
                    "[b]MISSILE CRISIS[/b]  "
                    "[$text-muted]Negotiate the Cuban Missile Crisis as Kennedy or Khrushchev[/]"
                ),
                id="title",
            )
            with Grid(id="choices"):
                with ChoiceSet(id="side") as rs:
                    rs.border_title = "Play as"
                    for value, label in SIDE_CHOICES:
                        yield RadioButton(label, value=value == st.side, name=value)
                with Vertical(id="scenario-box") as box:
                    box.border_title = "Scenario"
                    with ChoiceSet(id="scenario"):
                        for stem in self.scenarios:
                            yield RadioButton(stem, value=(stem == st.scenario) and not custom, name=stem)
                    yield Input(
                        st.scenario if custom else "", placeholder="or a scenario file (.yaml)", id="file"
                    )
                with Vertical(id="opponent-box") as box:
                    box.border_title = "Opponent"
                    with ChoiceSet(id="opponent"):
                        for name in POLICY_NAMES:
                            yield RadioButton(name, value=name == st.opponent, name=name)
                    yield Static(id="opponent-about")
                with VerticalScroll(id="about-box") as box:
                    box.border_title = "About"
                    yield Static(id="about")
            with Horizontal(id="options"):
                yield Label("Seed", classes="option-label")
                yield Input(str(st.seed), restrict=r"[0-9]*", max_length=9, id="seed")
                yield Label("Spoilers", classes="option-label")
                yield Switch(st.spoilers, id="spoilers")
                yield Static(id="spoilers-hint")
                yield Label("Tips", classes="option-label")
                yield Switch(st.tips, id="tips", tooltip="tips on the desk for a first game")
                yield Label("Aims", classes="option-label")
                yield Switch(
                    st.objectives,
                    id="objectives",
                    tooltip="hidden aims: each side draws a secret objective per chapter, scored at the end",
                )
                yield Button("Continue", id="continue", disabled=True)
                yield Button("Start", id="start", variant="primary")
        yield KeyBar()

    AUTO_FOCUS = "#side"

    def on_mount(self) -> None:
        self._hint()
        self._about()
        # the files (saves, the scenario's summary) wait for the page to be on the terminal: reading
        # them takes more CPU than the page itself (~0.15 s for a scenario); a timer started here
        # brought them before the first paint whenever the start was slow (a busy machine)
        self.call_after_refresh(self.set_timer, 0.25, self._painted)

    def _painted(self) -> None:
        """The page has been on the terminal a moment: now its files are read, and the other screens'
        rules."""
        self.painted = True
        app: CrisisApp = self.app  # type: ignore[assignment]
        app.read_pages_css()
        self.find_saves()
        self._about()

    @work(thread=True, exclusive=True, group="summary")
    def load_summary(self, name: str) -> None:
        """One scenario's title and summary, loaded off the event loop (a scenario takes ~0.15 s)."""
        try:
            s = catalog.get(name)
        except (CrisisError, OSError) as err:
            self.summaries[name] = f"[b]{escape(name)}[/b]\n[$error]{escape(str(err).splitlines()[0])}[/]"
        else:
            from game.ui.rules_text import personality  # with the scenario: the personalities are its data

            self.summaries[name] = f"[b]{escape(s.title)}[/b]\n{escape(' '.join(s.summary.split()))}"
            self.characters[name] = {policy: personality(s, policy) for policy in POLICY_NAMES}
        self.app.call_from_thread(self._about)

    def _chosen(self, set_id: str) -> str:
        pressed = self.query_one(f"#{set_id}", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else ""

    def _about(self) -> None:
        if not self.is_attached or not self.query("#about"):
            return  # a summary loaded as the screen was going
        file = self.query_one("#file", Input).value.strip()
        scenario = file or self._chosen("scenario")
        opponent = self._chosen("opponent")
        loadable = scenario in self.scenarios or scenario.endswith((".yaml", ".yml"))
        if loadable and scenario not in self.summaries and self.painted:
            self.summaries[scenario] = f"[b]{escape(scenario)}[/b]"
            self.load_summary(scenario)
        about = self.summaries.get(scenario, f"[b]{escape(scenario)}[/b]")
        self.query_one("#about", Static).update(Content.from_markup(about))
        both = self._chosen("side") == "both"
        self.query_one("#opponent", RadioSet).disabled = both  # no computer plays: nothing to choose
        if both:
            words = "Two players take turns at this keyboard: no computer opponent."
        else:
            words = self.characters.get(scenario, {}).get(opponent) or about_policy(opponent)
        self.query_one("#opponent-about", Static).update(
            Content.from_markup(f"[$text-muted]{escape(words)}[/]")
        )

    @work(thread=True, exclusive=True, group="saves")
    def find_saves(self) -> None:
        """The saved games, read off the event loop, and those of them whose game was cut off."""
        from game.persistence import lock

        found = saved_games()
        cut_off = {x.path for x in found if x.ending is None and lock.left_open(x.path) is not None}
        self.app.call_from_thread(self._saves_found, found, cut_off)

    def _saves_found(self, found: list[SaveSummary], cut_off: set[Path] | None = None) -> None:
        self.saves = found
        self.offer = to_continue(found, cut_off or set())
        if not self.is_attached or not self.query("#continue"):
            return
        last = self.offer[0] if self.offer else None
        button = self.query_one("#continue", Button)
        button.disabled = last is None
        self.set_class(last is not None, "-resumable")  # a second line for the turn (crisis.tcss)
        if last is not None:
            button.label = f"Continue\nturn {last.turns + 1}" if len(self.offer) == 1 else "Continue\nwhich?"
            button.tooltip = (
                f"{last.path.name}: {last.title or last.scenario}, saved {last.saved[:16].replace('T', ' ')}"
            )
        self._title()
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        """The title fits the new width, once laid out (Page's own handler runs after this one)."""
        if self._composed():
            self.call_after_refresh(self._title)

    def _title(self) -> None:
        """The top line names the file Continue opens, or the game cut off it will ask about (G13),
        in the first form that fits the width."""
        found = self.query("#title").results(Static)
        line = next(found, None)
        if line is None or not self.is_attached:
            return  # the page is going (its widgets are taken down one by one)
        intro = "[b]MISSILE CRISIS[/b]  "
        forms = [intro + "[$text-muted]Negotiate the Cuban Missile Crisis as Kennedy or Khrushchev[/]"]
        if self.offer:
            first = self.offer[0]
            name, turn = escape(first.path.name), f"turn {first.turns + 1}"
            if len(self.offer) == 1:
                said = [f"[$text-muted]c continues[/] [b]{name}[/b] [$text-muted]at {turn}[/]"]
            else:
                others = ", ".join(escape(x.path.name) for x in self.offer[1:])
                said = [
                    f"[$text-muted]c asks which:[/] [b]{name}[/b] [$text-muted]was cut off at {turn};[/] "
                    f"{others} [$text-muted]played since[/]",
                    f"[$text-muted]c asks which: a game was cut off,[/] [b]{name}[/b]",
                ]
            forms = [intro + x for x in said] + said
        room = line.size.width or self.size.width - 2  # its width once laid out (the page's, less padding)
        title = next((f for f in forms if Content.from_markup(f).cell_length <= room), forms[-1])
        line.update(Content.from_markup(title))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue":  # once the saves are read: with none, c says so (G15)
            return self.saves is not None or None
        if action == "saves":
            return bool(self.saves) or None
        return True

    def action_continue(self) -> None:
        from game.ui.screens.saves import SavesScreen

        if len(self.offer) > 1 and self.is_active:  # a game was cut off: the player chooses (G13)
            note = (
                f"[b]{escape(self.offer[0].path.name)}[/b] was cut off without quitting (its game was "
                "killed or crashed); the other was played since. Which do you continue?"
            )
            page = SavesScreen(self.offer, title="Continue which game?", note=note)
            self.app.push_screen(page, lambda path: self._open(path) if path else None)
        elif self.offer and self.is_active:
            self._open(str(self.offer[0].path))
        elif self.is_active:
            ended = " (the games saved here have all ended: o lists them)" if self.saves else ""
            self.notify(f"No game to continue{ended}. s starts a new one.", title="Continue", timeout=5)

    def action_saves(self) -> None:
        from game.ui.screens.saves import SavesScreen

        if self.saves and self.is_active:
            self.app.push_screen(SavesScreen(self.saves), lambda path: self._open(path) if path else None)

    def _open(self, path: str) -> None:
        """Resume a saved game where it stands; a save that cannot be read is said so, nothing lost. A
        save open in another game asks first: a copy, read only, or not (F7)."""
        from game.persistence import lock
        from game.persistence.saves import copy_path

        if not self._composed():
            return
        try:
            lock.hold(path)
        except lock.InUse as busy:
            from game.ui.screens.in_use import InUseScreen

            page = InUseScreen(Path(path), str(busy.holder), copy_path(path))
            self.app.push_screen(page, lambda how: self._open_shared(path, how))
            return
        self._open_as(path)

    def _open_shared(self, path: str, how: str | None) -> None:
        """A save another game has open: played on in a copy (`copy`), read only (`read`), or left."""
        if how == "read":
            self._open_as(path, read_only=True)
        elif how == "copy":
            self._open_as(path, copy=True)

    def _open_as(self, path: str, *, read_only: bool = False, copy: bool = False) -> None:
        from game.model import Side
        from game.persistence import lock
        from game.persistence.saves import save_copy

        if not self._composed():
            return
        said: list[str] = []
        try:
            setup, game = open_saved(
                path, self.query_one("#spoilers", Switch).value, self.query_one("#tips", Switch).value, said
            )
        except CrisisError as err:
            lock.release(path)
            self.notify(escape(str(err)), title="Cannot open this save", severity="error", timeout=10)
            return
        source = Path(path)
        if copy:  # written before the desk: the desk names it, and its tips go on from the original's
            sides = {s.value: "human" if s in setup.humans else setup.opponent for s in Side}
            try:
                source = save_copy(game, path, sides=sides)
            except CrisisError as err:
                self.notify(escape(str(err)), title="The copy could not be saved", severity="error")
                return
            lock.hold(source)
        app: CrisisApp = self.app  # type: ignore[assignment]
        if not app.start(setup, game, source, read_only=read_only):
            if copy:
                lock.release(source)
            return
        for warning in said:  # e.g. edited by hand (G24): named with its file
            self.app.notify(
                f"{escape(path)}: {escape(warning)}", title="This save", severity="warning", timeout=10
            )
        if read_only:
            self.app.notify(
                "Nothing of this game will be saved: its save is open in another game.", title="Read only"
            )
        elif copy:
            self.app.notify(f"Playing on in {escape(str(source))}; the other game keeps {escape(path)}.")

    def _composed(self) -> bool:
        """The page still holds its form (a change message can arrive as the page is taken down)."""
        return self.is_attached and bool(self.query("#spoilers"))

    def _hint(self) -> None:
        if not self._composed():
            return
        on = self.query_one("#spoilers", Switch).value
        hint = "history after each decision" if on else "history only at the end"
        self.query_one("#spoilers-hint", Static).update(hint)

    to_seed = False
    """The last key was a digit sent to the Seed field, which may not have the focus yet."""
    word_at: float | None = None
    """When the last key of a word typed outside a text field came (None: no word in progress). The
    player thinks they are in a text field: a shortcut letter within the word is a letter of it, not a
    key (F10, G14: the second s of "/etc/passwd" started a game)."""
    word_told = False
    """The word in progress has had its "Not typed" notice."""

    def on_key(self, event: events.Key) -> None:
        """Typing outside a text field (F10, G14): a digit starts a new seed in the Seed field; a letter
        of this page's keys typed as part of a word (the word's letters less than `WORD_PAUSE` apart)
        is taken for a letter of it, not a key. A pause, or a key that is no typing (Tab, an arrow,
        Enter, space, a digit), ends the word: the next letter is a key again."""
        if isinstance(self.focused, Input) or not event.is_printable or not event.character:
            self.to_seed = False
            self._end_word()
            return
        if event.character.isdigit():
            event.stop()
            seed = self.query_one("#seed", Input)
            seed.select_on_focus = False  # the digit typed stays; the next ones follow it
            seed.value = (seed.value if self.to_seed else "") + event.character  # a key before the focus
            self.to_seed = True
            seed.focus()
            seed.cursor_position = len(seed.value)
            seed.call_after_refresh(setattr, seed, "select_on_focus", True)
            self._end_word()
            return
        self.to_seed = False
        bound = self.active_bindings.get(event.key)
        now = clock()
        in_word = self.word_at is not None and now - self.word_at < WORD_PAUSE
        if bound is None:  # typed into nothing: a word begins, or goes on
            self.word_at = now
            self.word_told = self.word_told and in_word
            return
        if bound.node is not self:  # the focused group's own key (space) or the app's (?)
            self._end_word()
            return
        if not in_word:  # a key pressed on its own
            self._end_word()
            return
        event.stop()
        event.prevent_default()
        self.word_at = now
        if self.word_told:
            return
        self.word_told = True
        boxes = [self.focused, *self.focused.ancestors] if self.focused is not None else []
        where = next((str(t) for w in boxes if (t := getattr(w, "border_title", None))), "")
        self.notify(
            f"You are on {escape(where or 'a choice')}, not a text field: the letters went nowhere. "
            f"Stop a moment, then press [b]{escape(event.character)}[/b] for its key; a digit types a seed.",
            title="Not typed",
            severity="warning",
        )

    def _end_word(self) -> None:
        self.word_at, self.word_told = None, False

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if not self._composed():
            return
        if event.radio_set.id == "scenario":
            self.query_one("#file", Input).value = ""
        self._about()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "file":
            self._about()

    def on_switch_changed(self) -> None:
        self._hint()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "continue":
            self.action_continue()

    def on_input_submitted(self) -> None:
        self.action_start()

    def action_leave(self) -> None:
        """Escape asks first: it is also the key that closes every page, and is easily pressed twice."""
        from game.ui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.exit(0)

        if self.is_active and self.app.return_code is None:  # not again once quitting has begun
            self.app.push_screen(ConfirmScreen("Quit Missile Crisis?", "Quit", "Stay"), answer)

    def action_reseed(self) -> None:
        if self._composed():
            self.query_one("#seed", Input).value = str(new_seed())

    def action_start(self) -> None:
        if not self.is_active:
            return
        seed_text = self.query_one("#seed", Input).value.strip()
        file = self.query_one("#file", Input).value.strip()
        from game.persistence.files import is_save

        if file and is_save(file):  # read as a scenario it would be "format ... not supported" (F9)
            self.notify(
                f"{escape(file)} is a saved game, not a scenario: open it with [b]o[/b] (Saved games), "
                f"or from the terminal with crisis play --load {escape(file)}",
                title="This is a saved game",
                severity="warning",
                timeout=10,
            )
            return
        setup = Setup(
            scenario=file or self._chosen("scenario") or catalog.DEFAULT,
            side=self._chosen("side") or "kennedy",
            opponent=self._chosen("opponent") or "pragmatist",
            seed=int(seed_text) if seed_text else new_seed(),
            spoilers=self.query_one("#spoilers", Switch).value,
            tips=self.query_one("#tips", Switch).value,
            objectives=self.query_one("#objectives", Switch).value,
        )
        app: CrisisApp = self.app  # type: ignore[assignment]
        app.start(setup)
