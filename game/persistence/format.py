"""The save document: what a game becomes on disk, its checksum, and the check of its shape.

A save (format version 1) is one JSON object:

    {
      "format": "missile-crisis-save",     # what the file is
      "version": 1,                        # the save format (see migrate.py for older ones)
      "game_version": "0.1.0",             # game.__version__ that wrote it
      "saved": "2025-01-01T12:00:00Z",
      "scenario": {"id", "title", "path", "hash", "files": [{"name", "hash"}, ...]},
      "seed": 1,
      "current": "main",                   # the line a plain load opens
      "lines": [line, ...],                # the game's tree: the first line, then its branches
      "checksum": "..."                    # over everything else, to tell a damaged file
    }

A line is one road through the game, complete in itself (a branch repeats the moves it shares with
its parent, so every line replays on its own):

    {
      "id": "main",  "parent": null,  "branch_at": null,   # a branch: its parent and first own turn
      "label": "",   "saved": "...",
      "sides": {"kennedy": "human", "khrushchev": "historical"},   # "human" or a policy name
      "opening": {"events": [...], "rolls": [...], "digest": "..."},
      "moves": [{"turn": 1, "move": {...move_to_dict...}}, ...],   # in the order they were made
      "turns": [{"turn", "date", "phase", "events", "rolls", "to", "tracks", "digest"}, ...],
      "digest": "...",                     # the state after the last move (pending moves included)
      "ending": null
    }

`scenario.hash` covers the bytes of the scenario file and of every file it extends; each file's own
hash is kept so a changed scenario can be named. `digest` is `GameState.digest()` after each turn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import weakref
from pathlib import Path
from typing import Any

from game import __version__, schema
from game.engine import rules
from game.engine.game import Game
from game.engine.state import GameState, Move, TurnRecord
from game.model import SIDES, Scenario
from game.persistence.files import SaveError

MAGIC = "missile-crisis-save"
VERSION = 1
HUMAN = "human"
MAIN = "main"

_EXTENDS = re.compile(r"^extends:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


# ---- the scenario's fingerprint ----------------------------------------------------------


def scenario_files(path: Path) -> list[Path]:
    """The scenario file and every file it extends, in that order."""
    files: list[Path] = []
    current: Path | None = path
    while current is not None and current.is_file() and current.resolve() not in files:
        files.append(current.resolve())
        found = _EXTENDS.search(current.read_text(encoding="utf-8", errors="replace"))
        current = None
        if found:
            for candidate in (files[-1].parent / found[1], files[-1].parent / f"{found[1]}.yaml"):
                if candidate.is_file():
                    current = candidate
                    break
    return files


def fingerprint(s: Scenario) -> dict[str, Any]:
    """The scenario's id, title, file, and content hashes (its own file and those it extends)."""
    files = [{"name": p.name, "hash": _hash(p.read_bytes())} for p in scenario_files(Path(s.path))]
    whole = _hash("".join(f"{f['name']}:{f['hash']}\n" for f in files).encode())
    path = str(Path(s.path).resolve()) if s.path else ""
    return {"id": s.id, "title": s.title, "path": path, "hash": whole, "files": files}


def _hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# ---- a game as a line --------------------------------------------------------------------


def move_log(state: GameState) -> list[tuple[int, Move]]:
    """Every move of the game with its turn, in an order that replays it: each turn's, then pending."""
    out = [(r.turn, m) for r in state.log for m in r.moves]
    out += [(state.turn, m) for m in state.pending]
    return out


TURN = ("turn", "date", "phase", "events", "rolls", "to", "tracks", "digest")
"""A save's record of a turn: the turn's own fields, the tracks after it and the state's digest."""


def turn_dict(record: TurnRecord, after: GameState, digest: str) -> dict[str, Any]:
    return schema.view(record, TURN, tracks=dict(after.tracks), digest=digest)


_memo: weakref.WeakKeyDictionary[Scenario, dict[str, str]] = weakref.WeakKeyDictionary()
"""Per scenario: the digest after each turn, keyed by a hash of the seed and the moves up to it.

The engine is deterministic, so a game saved after every turn need only digest its new turns:
`GameState.digest()` hashes the whole log, and digesting every turn of a long game again on each
autosave would cost time quadratic in its length."""


class Digests:
    """The state digest after each turn of one game, remembered in `_memo` across saves and loads."""

    def __init__(self, s: Scenario, seed: int) -> None:
        self.memo = _memo.setdefault(s, {})
        if len(self.memo) > 200_000:
            self.memo.clear()
        self.key = hashlib.blake2b(f"{seed}".encode(), digest_size=16)

    def move(self, move: Move) -> dict[str, Any]:
        """Note a move made; return it as a dict."""
        entry = schema.dump(move)
        self.key.update(json.dumps(entry, sort_keys=True).encode())
        return entry

    def of(self, state: GameState) -> str:
        """The digest of `state`, reached by the moves noted so far."""
        done = self.key.hexdigest()
        if done not in self.memo:
            self.memo[done] = state.digest()
        return self.memo[done]


def line_of(game: Game, sides: dict[str, str], line_id: str = MAIN) -> dict[str, Any]:
    """The game as a line: replayed from its start to record the state's digest after every turn.

    Raises SaveError if the game cannot be replayed from its own moves (a state made by hand).
    """
    s, target = game.scenario, game.state
    digests = Digests(s, target.seed)
    state = rules.new_game(s, target.seed)
    opening = {
        "events": list(state.opening),
        "rolls": schema.dump(state.opening_rolls),
        "digest": state.digest(),
    }
    moves, turns = [], []
    for turn, move in move_log(target):
        moves.append({"turn": turn, "move": digests.move(move)})
        try:
            state = rules.apply(s, state, move)
        except ValueError as err:
            raise SaveError(f"this game cannot be saved: its moves do not replay ({err})") from None
        if len(state.log) == turn and not state.pending:
            turns.append(turn_dict(state.log[-1], state, digests.of(state)))
    if state != target:
        raise SaveError("this game cannot be saved: replaying its moves gives another state")
    return {
        "id": line_id,
        "parent": None,
        "branch_at": None,
        "label": "",
        "saved": now(),
        "sides": dict(sides),
        "opening": opening,
        "moves": moves,
        "turns": turns,
        "digest": target.digest(),
        "ending": target.ending,
    }


def check_sides(sides: dict[str, str], policies: set[str]) -> dict[str, str]:
    """`sides` with every side named, each 'human' or a policy; a SaveError otherwise."""
    if not isinstance(sides, dict):
        raise SaveError(f"sides should map each side to 'human' or a policy, not {sides!r}")
    out = {}
    for side in SIDES:
        who = sides.get(side.value, sides.get(side))  # type: ignore[call-overload]
        if who != HUMAN and who not in policies:
            allowed = ", ".join([HUMAN, *sorted(policies)])
            raise SaveError(f"sides: {side.value} is {who!r}; use one of {allowed}")
        out[side.value] = who
    extra = set(map(str, sides)) - {side.value for side in SIDES}
    if extra:
        raise SaveError(f"sides: {sorted(extra)!r} are not sides (kennedy, khrushchev)")
    return out


def document(s: Scenario, seed: int, lines: list[dict[str, Any]], current: str) -> dict[str, Any]:
    doc = {
        "format": MAGIC,
        "version": VERSION,
        "game_version": __version__,
        "saved": now(),
        "scenario": fingerprint(s),
        "seed": seed,
        "current": current,
        "lines": lines,
    }
    doc["checksum"] = checksum(doc)
    return doc


def encode(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def checksum(doc: dict[str, Any]) -> str:
    """A hash of the document's data (not its layout), leaving out the checksum itself."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    return _hash(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- the shape of a version-1 document ---------------------------------------------------


def check_shape(doc: dict[str, Any]) -> None:
    """Raise SaveError naming the first part of `doc` that is not a version-1 save."""
    _need(doc, "game_version", str, "")
    _need(doc, "seed", int, "")
    _need(doc, "current", str, "")
    scen = _need(doc, "scenario", dict, "")
    for key in ("id", "hash"):
        _need(scen, key, str, "scenario.")
    lines = _need(doc, "lines", list, "")
    if not lines:
        raise SaveError("'lines' is empty: the save holds no game")
    ids = set()
    for i, line in enumerate(lines):
        where = f"lines[{i}]."
        if not isinstance(line, dict):
            raise SaveError(f"{where[:-1]} should be an object")
        ids.add(_need(line, "id", str, where))
        _need(line, "sides", dict, where)
        opening = _need(line, "opening", dict, where)
        _need(opening, "digest", (str, type(None)), f"{where}opening.")
        for j, entry in enumerate(_need(line, "moves", list, where)):
            w = f"{where}moves[{j}]"
            if not isinstance(entry, dict):
                raise SaveError(f"{w} should be an object")
            turn = entry.get("turn")
            if not isinstance(turn, int) or isinstance(turn, bool) or turn < 1:
                raise SaveError(f"{w}.turn should be a turn number (1, 2, ...), not {turn!r}")
            if not isinstance(entry.get("move"), dict):
                raise SaveError(f"{w}.move should be an object, not {entry.get('move')!r}")
        for j, turn in enumerate(_need(line, "turns", list, where)):
            w = f"{where}turns[{j}]."
            if not isinstance(turn, dict):
                raise SaveError(f"{w[:-1]} should be an object")
            _need(turn, "turn", int, w)
            _need(turn, "digest", (str, type(None)), w)
            _need(turn, "date", str, w)
    if doc["current"] not in ids:
        raise SaveError(f"'current' names no line {doc['current']!r}")


def _need(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise SaveError(f"'{where}{key}' is missing")
    value = obj[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise SaveError(f"'{where}{key}' should be {_kind_name(kind)}, not {value!r:.60}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", list: "a list", dict: "an object", type(None): "null"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)
