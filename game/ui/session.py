"""The game being played and who plays it: the one place the UI keeps game state."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from game.engine.letters import Letter
from game.engine.match import Game, SideView
from game.engine.state import Compliance, Move
from game.launch import Launch
from game.model import SIDES, Decision, Scenario, Side
from game.scenario import catalog
from game.ui.setup import Setup

CRISIS = Launch("crisis")
"""The installed command, on PATH."""


class Match:
    """A Game, the sides humans play, the opponent, and what each human has been shown.

    Every change to the game goes through `apply`, so that a later autosave hook has one place to sit.
    """

    def __init__(self, game: Game, setup: Setup, on_change: Callable[[Match], None] | None = None) -> None:
        self.game = game
        self.setup = setup
        self.humans = setup.humans
        self.on_change = on_change
        """Called after every applied move (the place for an autosave)."""
        self.seen: dict[Side, int] = dict.fromkeys(self.humans, -1)
        """Per human side, how many turn records it has been shown; -1: not even the opening."""
        past = replay(game)
        self.history: list[dict[str, int]] = past.tracks
        """Track values at the start and after each turn."""
        self.real: list[dict[Side, Decision | None]] = past.real
        """Per turn played, what each leader really did at that point (`Game.history`; None: history
        had left this road)."""
        self.recorded = False
        """Whether the ending has gone into the gallery."""
        self.drafts: dict[Side, Letter] = {}
        """Per human side, the letter to go with its next decision (written in the composer)."""
        self.compliance: dict[Side, tuple[tuple[str, Compliance], ...]] = {}
        """Per human side, the obligations it will delay or break with its next decision."""
        self.saved_to: Path | None = None
        """Where the game was last saved (every turn, automatically)."""
        self.saved_turns = -1
        """Turns completed in the last save that succeeded (-1: none yet)."""
        self.save_error: str | None = None
        """Why the last save failed; None once a save succeeds."""
        self.save_failed_now = False
        """The save just attempted failed, after one that did not (the screen offers another file)."""
        self.save_tried = False
        """The last move applied ended a turn, so the game was just saved (or failed to be)."""
        self.letters_known: dict[Side, set[str]] = {s: {m.id for m in game.state.mail} for s in self.humans}
        """Per human side, the letters it has been told of: a new arrival gets a notice."""

        self.read_only = False
        """Opened read only (its save was open in another game): nothing is saved."""
        self.opened_from: Path | None = None
        """The save the game was loaded from, read only or not (its tips go on from there: G12)."""

    @classmethod
    def start(
        cls, setup: Setup, game: Game | None = None, source: Path | None = None, *, read_only: bool = False
    ) -> Match:
        """A new game from `setup` (or `game`, e.g. one loaded from the save `source`: it is saved
        there up to where it stands, which quitting and the terminal then say). `read_only`: never
        saved (the save is open in another game, which writes it)."""
        if game is None:
            game = Game(catalog.get(setup.scenario), setup.seed, objectives=setup.objectives)
        match = cls(game, setup)
        match.read_only, match.opened_from = read_only, source
        if source is not None and game.state.log and not read_only:
            match.saved_to, match.saved_turns = source, len(game.state.log)
        match.recorded = game.is_over()  # a save opened after its ending: the gallery had it then
        return match

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def two_players(self) -> bool:
        return len(self.humans) > 1

    @property
    def in_progress(self) -> bool:
        return not self.game.is_over() and bool(self.game.state.log or self.game.state.pending)

    def next_human(self) -> Side | None:
        """The human side that owes a move now, if any."""
        return next((s for s in self.game.sides_to_act() if s in self.humans), None)

    def next_ai(self) -> Side | None:
        """The computer side that owes a move now, if any."""
        return next((s for s in self.game.sides_to_act() if s not in self.humans), None)

    def ai_move(self, side: Side) -> Move:
        """The opponent's move, from its own view only (safe to run in a thread: reads a clone)."""
        from game.ai.policies import POLICIES  # when the opponent first moves, not before the first screen

        game = self.game.clone()
        return POLICIES[self.setup.opponent](game.scenario, game.view(side), game.state.seed)

    def orders(self, move: Move) -> Move:
        """`move` with its side's drafted letter and its choices about its promises attached."""
        return replace(move, letter=self.drafts.get(move.side), compliance=self.compliance.get(move.side, ()))

    def apply(self, move: Move) -> None:
        """The only way the UI changes the game."""
        before = len(self.game.state.log)
        real = really_did(self.game)  # the turn's history, before the move that may end it
        self.save_tried = self.save_failed_now = False
        self.game.apply(move)
        self.drafts.pop(move.side, None)
        self.compliance.pop(move.side, None)
        if len(self.game.state.log) > before:
            self.history.append(dict(self.game.state.tracks))
            self.real.append(real)
            self.autosave()
        if self.on_change is not None:
            self.on_change(self)

    def history_share(self) -> float:
        """The share of the moves played that were the order given on the same date in history
        (`real`; the outcome's `history_share` counts the same, read from the log's dates)."""
        pairs = [
            (real.get(m.side), m.decision)
            for real, r in zip(self.real, self.game.state.log, strict=False)
            for m in r.moves
        ]
        return sum(d is not None and d.id == took for d, took in pairs) / len(pairs) if pairs else 0.0

    def _sides(self) -> dict[str, str]:
        return {s.value: "human" if s in self.humans else self.setup.opponent for s in Side}

    def autosave(self) -> bool:
        """Save after every turn, so that quitting (or a crash) loses at most the turn in progress.

        A failure (a full disk, a read-only or altered file) is kept in `save_error` for the screen
        to show at once; `save_failed_now` is true when this save failed and the one before did not.
        """
        from game.persistence import SaveError, autosave  # on the first turn, not at start-up

        if self.read_only:
            return False
        was_failing = self.save_error is not None
        self.save_tried = True
        try:
            self.saved_to = autosave(self.game, sides=self._sides())
        except (SaveError, OSError) as err:  # the game goes on; the screen says why
            self.save_error = str(err)
            self.save_failed_now = not was_failing
            return False
        self.saved_turns, self.save_error, self.save_failed_now = len(self.game.state.log), None, False
        _hold(self.saved_to)
        return True

    def save_to(self, path: str) -> Path:
        """Save the game to `path`, which becomes its file from now on; SaveError if that fails too."""
        from game.persistence import SaveError, save
        from game.persistence.files import user_target

        target = user_target(path)
        try:
            self.saved_to = save(self.game, target, sides=self._sides())
        except OSError as err:
            raise SaveError(f"cannot write {str(target)!r}: {err.strerror or err}") from None
        self.saved_turns, self.save_error, self.save_failed_now = len(self.game.state.log), None, False
        self.read_only = False
        _hold(self.saved_to)
        return self.saved_to

    def resume_spec(self, typed: bool = False) -> str | None:
        """What `crisis play --load` takes to open this game again: its file, with `#LINE` when the game
        is not on the file's main line (a branch: `--load FILE` opens the line saved last, F7); `typed`:
        a game in the saves folder by its name, as the player types it (no long path to wrap)."""
        from game.persistence.saves import load_spec

        return load_spec(self.game, self.saved_to, typed=typed) if self.saved_to is not None else None

    @property
    def unsaved_turns(self) -> int:
        """Turns played since the last save that succeeded."""
        return len(self.game.state.log) - max(self.saved_turns, 0)

    def farewell(self, launch: Launch = CRISIS) -> str | None:
        """What the terminal should say when the game closes: where it is, what was not saved, and the
        commands that open it again, as `launch` (how the game was started) can type them."""
        from game.persistence.files import typed_name

        run = launch.run
        if self.read_only:
            return "Opened read only: nothing of this game was saved (its save was open in another game)."
        spec, typed = self.resume_spec(), self.resume_spec(typed=True)  # the commands say the typed one
        if self.save_error is not None:
            lost = self.unsaved_turns
            if self.saved_to is None:
                return f"The game was NOT saved ({lost} turn(s) played): {self.save_error}"
            return (
                f"The last {lost} turn(s) were NOT saved: {self.save_error}\n"
                f"{self.saved_to} holds the game up to turn {self.saved_turns}.\n"
                f"Resume with: {run('play', '--load', typed or self.saved_to)}"
            )
        if self.saved_to is None:
            return None
        menu = launch.make and _in_saves_folder(self.saved_to)  # the new-game screen lists it
        if not self.game.is_over():
            branch = spec != str(self.saved_to)
            again = [f"{launch.make_play}, then c (Continue)"] if menu else []
            again.append(run("play", "--load", typed or self.saved_to))
            where = f"{self.saved_to}, line {spec.rpartition('#')[2]}" if branch and spec else self.saved_to
            return f"Saved to {where}\nResume with: " + "\n         or: ".join(again)
        again = [f"{launch.make_play}, then o (Saved games)"] if menu else []
        name = typed_name(self.saved_to)
        again.append(run("replay", name))
        debrief = run("report", name, "--format", "html", "-o", self.saved_to.with_suffix(".html").name)
        return (
            f"The game is over; it is saved in {self.saved_to}\nSee it again: "
            + "\n          or: ".join(again)
            + f"\nIts debrief: {debrief}"
        )

    def view(self, side: Side) -> SideView:
        return self.game.view(side)

    def unseen(self, side: Side) -> list[int]:
        """Indexes of turn records `side` has not been shown yet."""
        return list(range(max(self.seen.get(side, -1), 0), len(self.game.state.log)))

    def tracks_at(self, index: int) -> dict[str, int]:
        """Track values after `index` turns (0: at the start)."""
        return self.history[min(index, len(self.history) - 1)]


def _hold(save: Path) -> None:
    """Hold the lock of the save this game writes (game/persistence/lock.py), letting go of any other;
    a save another game holds (opened there since this one first wrote it) is left to the saving."""
    from game.persistence import lock

    lock.release_all(keep=save)
    with contextlib.suppress(lock.InUse):
        lock.hold(save)


def _in_saves_folder(path: Path) -> bool:
    from game.persistence import saves_dir

    return path.resolve().parent == saves_dir().resolve()


def really_did(game: Game) -> dict[Side, Decision | None]:
    """What each leader really did at this point of `game` (the engine's one account of history)."""
    return {side: game.history(side) for side in SIDES}


@dataclass(frozen=True)
class Past:
    """A game's turns replayed from its seed: what the desk and the reports show of them."""

    tracks: list[dict[str, int]]
    """Track values at the start and after each turn."""
    real: list[dict[Side, Decision | None]]
    """Per turn, what each leader really did at that point."""


def replay(game: Game) -> Past:
    """The tracks and the history of each turn, by replaying the log from the seed (a log that does
    not replay keeps today's tracks throughout, and no history)."""
    from game.engine.injects import moves_of_turn

    s, st = game.scenario, game.state
    try:
        g = Game(s, st.seed)
        tracks, real = [dict(g.state.tracks)], []
        for r in st.log:
            for m in moves_of_turn(st, r.turn):  # a class's injects of the turn, as they came (G3)
                g.apply(m)
            real.append(really_did(g))
            for m in r.moves:
                g.apply(m)
            tracks.append(dict(g.state.tracks))
        if tracks[-1] == dict(st.tracks):
            return Past(tracks, real)
    except ValueError:
        pass
    return Past([dict(st.tracks)] * (len(st.log) + 1), [dict.fromkeys(SIDES) for _ in st.log])


def leader(s: Scenario, side: Side) -> str:
    """The one-word name of a side: 'Kennedy'."""
    return s.leader(side)


def source_titles(s: Scenario, citations: tuple[str, ...]) -> list[str]:
    """The titles of the sources cited (a fact id cites its source)."""
    titles = {src.id: src.title for src in s.sources}
    out: list[str] = []
    for c in citations:
        title = titles.get(c.split(".")[0], c)
        if title not in out:
            out.append(title)
    return out
