"""How the player started the game, so that what the terminal says on leaving can be typed as it is."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Launch:
    """The command that runs the game again from the current folder, and whether `make play` started it."""

    command: str
    """`crisis` when the shell finds this very script by that name; else its path (`.venv/bin/crisis`),
    or the interpreter and `-m game`."""
    make: bool = False
    """Started by make (`make play`): `make play` then Continue works from here too."""
    folder: str = ""
    """The checkout make was pointed at (`make -C FOLDER play`), as typed from the player's folder;
    empty when make ran in the player's own folder."""

    @property
    def make_play(self) -> str:
        """`make play` as the player types it again from where they are."""
        return f"make -C {shlex.quote(self.folder)} play" if self.folder else "make play"

    def run(self, *args: str | Path) -> str:
        """A command line that runs the game with `args` (paths quoted for the shell)."""
        return " ".join([self.command, *(shlex.quote(str(a)) for a in args)])


def this_launch() -> Launch:
    """How this process was started (sys.argv[0], PATH, and make's MAKELEVEL): `make play` runs the
    `crisis` script; a game run otherwise under make (`python -m game` in `make test`) was not it.
    Paths are given from the player's folder, which under `make -C DIR` is not the process's."""
    by_make = "MAKELEVEL" in os.environ and Path(sys.argv[0]).stem.startswith("crisis")
    here = Path.cwd()
    player = _player_folder(here) if by_make else here
    folder = "" if _same(player, here) else _near(here, player).removeprefix("./")
    return Launch(_command(sys.argv[0], player), make=by_make, folder=folder)


def _player_folder(here: Path) -> Path:
    """The folder the player typed make in. `make -C DIR` moves the process into DIR but runs the
    recipe (a bare command, no shell to reset it) with the shell's PWD, the player's folder."""
    pwd = os.environ.get("PWD", "")
    return Path(pwd) if os.path.isabs(pwd) and os.path.isdir(pwd) else here


def _command(argv0: str, here: Path) -> str:
    """The command that runs `argv0` (relative to the process's folder) typed from `here`."""
    script = Path(argv0)
    if script.name == "__main__.py" and script.parent.name == "game":  # python -m game
        return f"{shlex.quote(_near(Path(sys.executable), here))} -m game"
    if not script.stem.startswith("crisis"):  # embedded, or a test runner: the installed name
        return "crisis"
    found = shutil.which(script.name)
    if found is not None and _same(Path(found), script):
        return script.stem
    return shlex.quote(_near(script, here))


def _near(path: Path, here: Path) -> str:
    """`path` as short as it can be typed from `here`: relative inside it, else absolute. Not resolved: a
    virtual environment's python is a link, and its target does not know the game."""
    full = Path(os.path.abspath(path))
    try:
        near = full.relative_to(here)
    except ValueError:
        return str(full)
    return str(near) if near.parent != Path() else f"./{near}"  # a bare name would be looked up in PATH


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
