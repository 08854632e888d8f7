"""Saves, replays, branches, what-ifs and debriefs: the only package that reads or writes save files.

The API the game's screens and commands call (all errors are `SaveError`, a `CrisisError`):

- `save(game, path=None, *, sides, label="") -> Path`: write the game (atomically). `sides` maps
  each side to 'human' or a policy name. Without `path`: the file the game came from, else a new
  file, `<data dir>/saves/<scenario>-seed<seed>.json` (`-2`, `-3`, ... when that seed was played
  before: a new game is never a branch of another). A file keeps every line it holds: a game that plays
  on from a line extends it; one that leaves it becomes a new branch beside it.
- `autosave(game, *, sides) -> Path`: the same, to the game's own file; call it after every turn,
  so a crash (even `kill -9`) loses at most the turn in progress.
- `load(path, *, line=None, scenario=None) -> Loaded`: replay a save through the engine, checking
  each turn's state digest. `Loaded.game` is the game as far as it replays, `Loaded.meta` the
  `SaveMeta` (scenario, seed, sides, lines, what changed), `Loaded.stopped` None or a `Stop`
  (turn, date, move, reason) if the scenario or the rules changed since the save and the log no
  longer replays to its end.
- `branch(path, at, *, line=None) -> Loaded`: the game cut before turn `at`, to play differently;
  its first save adds a branch to the same file. `share_home(branch, parent)` does the same for a
  game cut from a live one (`game.engine.match.cut`).
- `lines(path)`: the tree of lines in a save; `list_saves()`: the saves in the data directory.
- `data_dir()`: the user data directory (platformdirs; `CRISIS_DATA_DIR` overrides).

The save format is the dataclasses of `format` (read and written by `game.schema`), its older
versions and their migration are in `migrate`; `tree` makes a game a line and keeps the tree of
lines, `fingerprint` finds a save's scenario, `replay` checks a line turn by turn, `gallery`
remembers the endings a player has reached, and `tips` how far each save's first-game tips went.
The names below load their module on first use, so importing this package (or `files`) costs
nothing until a save is touched.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real names, for type checkers; at run time they load on first use
    from game.persistence.files import SaveError, data_dir, saves_dir, write_atomic
    from game.persistence.replay import Stop
    from game.persistence.saves import (
        LineInfo,
        Loaded,
        SaveMeta,
        SaveSummary,
        autosave,
        branch,
        default_path,
        home,
        lines,
        list_saves,
        load,
        save,
        share_home,
    )

_SAVES = "LineInfo Loaded SaveMeta SaveSummary autosave branch default_path home lines list_saves load save"
_SAVES += " share_home"
_HOME = {
    **dict.fromkeys(["SaveError", "data_dir", "saves_dir", "write_atomic"], "files"),
    "Stop": "replay",
    **dict.fromkeys(_SAVES.split(), "saves"),
}

__all__ = [
    "LineInfo",
    "Loaded",
    "SaveError",
    "SaveMeta",
    "SaveSummary",
    "Stop",
    "autosave",
    "branch",
    "data_dir",
    "default_path",
    "home",
    "lines",
    "list_saves",
    "load",
    "save",
    "saves_dir",
    "share_home",
    "write_atomic",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'game.persistence' has no attribute {name!r}")
    return getattr(importlib.import_module(f"game.persistence.{module}"), name)
