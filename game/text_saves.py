"""The text game's saving: after every turn, to another file when one fails, and one game at a time
on a file (the lock the screen game takes too: game/persistence/lock.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from game.engine.match import Game
from game.fold import fold

Ask = Callable[[str], str]


class Quit(Exception):
    """The player typed q."""


class Saver:
    """Saves the game after every turn; when a save fails, says so at once and offers another file.
    It holds the lock of the file it writes, so that no other game opens it meanwhile; a file open
    in another game is never written: the player plays on in a copy, or stops."""

    def __init__(self, game: Game, sides: dict[str, str], ask: Ask) -> None:
        self.game, self.sides, self.ask = game, sides, ask
        self.path: Path | None = None
        self.turns = -1
        """Turns completed in the last good save (-1: none yet)."""
        self.error: str | None = None
        self.source: Path | None = None
        """The file a resumed game came from, as it was before this session."""

    def __call__(self) -> None:
        from game.persistence import SaveError, autosave, home

        was_failing = self.error is not None
        target = home(self.game)  # None for a new game's first save: a file no one has yet
        try:
            if target is not None and not self.claim(target):
                return  # open in another game: saved in a copy instead (or the player stopped)
            self.path = autosave(self.game, sides=self.sides)
        except SaveError as err:
            self.error = str(err)
            print(f"\n  !! The game could not be saved: {err}")
            if not was_failing:  # offered once; the player who plays on unsaved is told every turn
                self.elsewhere()
            return
        self.turns, self.error = len(self.game.state.log), None
        self.hold(self.path)

    def claim(self, target: Path, *, stop: bool = True) -> bool:
        """Whether this game may write `target`: True once it holds its lock. When another game has
        it open, False: the player chose `c`, and the game is saved in a copy beside it from now
        on, or else nothing is written (with `stop` the player quits; without, chooses again). A
        copy that cannot be written raises SaveError, as a save does."""
        from game.persistence import lock
        from game.persistence.saves import copy_path, save_copy

        if lock.holds(target):
            return True
        try:
            lock.hold(target)
        except lock.InUse as busy:
            copy = copy_path(target)
            print(
                fold(
                    f"\n  {target} is open in another game ({busy.holder}). Writing it here as well "
                    "would fork it: both games would write their turns into one file."
                )
            )
            other = "save nothing more and quit" if stop else "choose another file"
            answer = self.ask(fold(f"  c to play on in a copy ({copy}), anything else to {other}: ") + " ")
            if answer.strip().lower() != "c":
                if stop:
                    self.error = f"{target} is open in another game"
                    raise Quit from None
                return False
            self.path = save_copy(self.game, target, sides=self.sides)  # (`copy`, the original's lines kept)
            self.turns, self.error = len(self.game.state.log), None
            self.hold(self.path)
            print(fold(f"  Playing on in {self.path}; {target} is left to the other game."))
            return False
        lock.release_all(keep=target)
        return True

    @staticmethod
    def hold(path: Path) -> None:
        """Hold the lock of the file this game writes, letting go of any other (a new game's first
        file, just written, is no other game's)."""
        from game.persistence import lock

        lock.release_all(keep=path)
        with contextlib.suppress(lock.InUse):
            lock.hold(path)

    def elsewhere(self) -> None:
        """Ask for another file until one takes the save, or the player chooses to play on unsaved."""
        from game.persistence import SaveError, save
        from game.persistence.files import save_target, user_target

        while self.error is not None:
            answer = self.ask(
                fold("  Save to another file (type its path), press Enter to play on unsaved, or q to quit:")
                + " "
            )
            if not answer.strip():
                return
            if answer.strip().lower() == "q":
                raise Quit
            try:
                target = user_target(save_target(answer))  # a bare name: in the saves folder (H2)
                if not self.claim(target, stop=False):
                    continue  # open in another game: saved in a copy of it (no error left), or not
                self.path = save(self.game, target, sides=self.sides)
            except SaveError as err:
                print(f"  Not saved there either: {err}")
                continue
            self.turns, self.error = len(self.game.state.log), None
            print(f"  Saved to {self.path}; the game is saved there from now on.")

    def farewell(self) -> str:
        """What the player should know on leaving: where the game is, and what was not saved."""
        from game.launch import this_launch  # how the player started the game: the command to type again
        from game.persistence.saves import load_spec  # a branch: FILE#LINE (a plain load: the last saved)

        played = len(self.game.state.log)
        run = this_launch().run
        spec = load_spec(self.game, self.path, typed=True) if self.path is not None else ""
        again = run("play", "--load", spec, "--text")  # the text game again, not the screen
        if self.path is None and self.error is None and self.source is not None:
            from game.persistence.files import typed_name

            source = typed_name(Path(self.source))  # a game in the saves folder: its name (fits 80 columns)
            return f"Nothing was played; {source} is as it was. Resume it with: " + run(
                "play", "--load", source, "--text"
            )
        if self.path is None and self.error is None:
            return "Game abandoned: no turn was played, so there is nothing to save."
        if self.error is None:
            return f"Game saved to {self.path}; resume it with: {again}"
        lost = played - max(self.turns, 0)
        if self.path is None:
            return f"The game was NOT saved ({lost} turn(s) played): {self.error}"
        return (
            f"The last {lost} turn(s) were NOT saved: {self.error}. {self.path} holds the game up to "
            f"turn {self.turns}; resume it with: {again}"
        )
