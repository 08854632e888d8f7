"""Older save formats, brought up to the current one step by step: 0 -> 1 -> ... -> VERSION.

Each step is a pure function from a document of version N to one of version N+1; `upgrade` runs the
steps in order, so a file from any past version reads, and a new format needs only its one step.
Loading never writes: the file stays as it was until the game is saved again, in the new format.

Format history
- 0: the first prototype's save (no longer written; kept so its files still load). One game, no
  branches, no checksum, no hashes:
      {"game": "missile-crisis", "save_version": 0, "scenario": "thirteen-days", "seed": 3,
       "players": {"kennedy": "human", "khrushchev": "historical"},
       "moves": [["kennedy", "convene_excomm"], ["khrushchev", "press_on"], ...]}
  Moves were listed in play order, each turn one move per side.
- 1: the current format, described in format.py: lines (a tree of branches), turns with their state
  digests and chance outcomes, the scenario's content hash, a checksum.
  From 0: moves are grouped into turns (a turn closes when both sides have moved); the digests and
  the scenario hash, which version 0 never recorded, are left empty, so the replay checks legality
  only and reports the scenario as possibly changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.model import SIDES
from game.persistence.files import SaveError
from game.persistence.format import MAGIC, MAIN, VERSION

Doc = dict[str, Any]


def version_of(doc: Any) -> int:
    """The format version of a parsed save, or a SaveError if it is not a save at all."""
    if not isinstance(doc, dict):
        raise SaveError(f"not a missile-crisis save: the file holds {_what(doc)}, not a save object")
    if doc.get("format") == MAGIC:
        version = doc.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SaveError(f"the save's format version {version!r} is not a version this game knows")
        return version
    if doc.get("game") == "missile-crisis" and doc.get("save_version") == 0:
        return 0
    if "format" in doc:
        raise SaveError(f"not a missile-crisis save: its format is {doc['format']!r}")
    raise SaveError("not a missile-crisis save: the JSON has no 'format' of a save")


def upgrade(doc: Doc) -> tuple[Doc, int]:
    """The document in the current format, and the version it was read in."""
    start = version_of(doc)
    if start > VERSION:
        raise SaveError(
            f"the save was written in format {start} by a newer version of the game "
            f"({doc.get('game_version', '?')}); this one reads formats up to {VERSION}: update the game"
        )
    version = start
    while version < VERSION:
        doc = STEPS[version](doc)
        version += 1
    return doc, start


def _v0_to_v1(doc: Doc) -> Doc:
    for key, kind in (("scenario", str), ("seed", int), ("moves", list)):
        if not isinstance(doc.get(key), kind):
            raise SaveError(f"version-0 save: '{key}' is missing or not {kind.__name__}")
    sides = {side.value for side in SIDES}
    moves, turn, moved = [], 1, set()
    for i, entry in enumerate(doc["moves"]):
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise SaveError(f"version-0 save: moves[{i}] should be [side, decision], not {entry!r}")
        side, decision = entry
        if side not in sides:
            raise SaveError(f"version-0 save: moves[{i}] names no side {side!r}")
        if side in moved:
            raise SaveError(f"version-0 save: moves[{i}]: {side} moves twice in turn {turn}")
        moves.append({"turn": turn, "move": {"side": side, "decision": decision}})
        moved.add(side)
        if moved == sides:
            turn, moved = turn + 1, set()
    line: dict[str, Any] = {
        "id": MAIN,
        "parent": None,
        "branch_at": None,
        "label": "",
        "saved": "",
        "sides": dict(doc.get("players") or {}),
        "opening": {"events": [], "rolls": [], "digest": None},
        "moves": moves,
        "turns": [],
        "digest": None,
        "ending": None,
    }
    return {
        "format": MAGIC,
        "version": 1,
        "game_version": "0",
        "saved": "",
        "scenario": {"id": doc["scenario"], "title": "", "path": "", "hash": "", "files": []},
        "seed": doc["seed"],
        "current": MAIN,
        "lines": [line],
    }


STEPS: dict[int, Callable[[Doc], Doc]] = {0: _v0_to_v1}
"""version N -> the step that turns a version-N document into version N+1."""


def _what(doc: Any) -> str:
    if isinstance(doc, list):
        return "a list"
    if doc is None:
        return "null"
    return f"a {type(doc).__name__}"
