"""How far each save's first-game tips went, so a resumed game goes on from there (play-test F11).

A small JSON file in the data directory maps a save's absolute path to the tip its game reached
(the coach's index: `game/ui/tutorial.py`). A folder that cannot be written keeps nothing: the
game then starts its tips again, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from game.persistence.files import SaveError, data_dir, write_atomic

FILE = "tips.json"
KEPT = 50
"""Saves remembered: the most recently written ones."""


def _key(save: Path) -> str:
    return os.path.abspath(save.expanduser())


def _load(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int) and v >= 0}


def reached(save: Path, directory: Path | None = None) -> int:
    """The tip the game in `save` reached (0: none kept, the first tip)."""
    return _load((directory or data_dir()) / FILE).get(_key(save), 0)


def keep(save: Path, index: int, directory: Path | None = None) -> None:
    """Remember that the game in `save` reached tip `index`; a failure to write is not an error."""
    path = (directory or data_dir()) / FILE
    data = _load(path)
    key = _key(save)
    if data.get(key) == index:
        return
    data.pop(key, None)
    data[key] = index  # the newest last: the oldest go first
    kept = dict(list(data.items())[-KEPT:])
    with contextlib.suppress(SaveError):
        write_atomic(path, json.dumps(kept, indent=1).encode("utf-8"))


def carry(save: Path, copy: Path, directory: Path | None = None) -> None:
    """A copy of `save` goes on from the tip its game reached (G12: it started again at tip 1)."""
    index = reached(save, directory)
    if index:
        keep(copy, index, directory)
