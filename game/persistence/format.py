"""The save document: its types (the one description of the format), its checksum, and its checks.

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
      "names": {"kennedy": "ann"},         # only in a network game's export: the name each student gave
      "objectives": true,                  # only in a game played with hidden objectives (absent: off)
      "opening": {"events": [...], "rolls": [...], "digest": "..."},
      "moves": [{"turn": 1, "move": {side, decision, letter?, ...}}, ...],   # in the order they were made
      "turns": [{"turn", "date", "phase", "events", "rolls", "to", "tracks", "digest", "letters"?}, ...],
      "digest": "...",                     # the state after the last move (pending moves included)
      "ending": null
    }

`scenario.hash` covers the bytes of the scenario file and of every file it extends; each file's own
hash is kept so a changed scenario can be named. `digest` is `GameState.digest()` after each turn;
`letters` (only in a turn that sent one) a short hash of each letter's words and of the rest of it,
by letter id, so that a hand edit is named without replaying (`letter_hashes`).

The dataclasses below are that description: `game.schema` writes them and reads them back, checking
every field's type on the way in (an error names the field: 'lines[0].moves[3].move.side' should
be ...). A field added here (with a default, so older files still read) is a field of the format.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from game import __version__, schema
from game.engine.letters import Letter
from game.engine.state import Move, Roll
from game.model import SIDES
from game.persistence.files import SaveError

MAGIC = "missile-crisis-save"
VERSION = 1
HUMAN = "human"
MAX_NAME = 40
"""The longest name a player gives at a network table (game/net/teams.py reads it from here)."""
MAIN = "main"
MAX_TURN = 10_000
"""No line of a save is longer (the campaign is about a hundred turns)."""


# Each dataclass lists its fields in the file's order (kw_only lets a field with a default come first).


@dataclass(frozen=True)
class FileHash:
    name: str
    hash: str


@dataclass(frozen=True, kw_only=True)
class ScenarioRef:
    """The scenario a game was played in: its id, and what its files were (see `fingerprint`)."""

    id: str
    title: str = ""
    path: Any = ""
    """Where it was when saved, for messages only: never read again, so never checked (a save finds
    its scenario by hash and id)."""
    hash: str
    files: tuple[FileHash, ...] = ()
    """The scenario's file, then each file it extends."""


@dataclass(frozen=True, kw_only=True)
class Opening:
    events: tuple[str, ...] = ()
    rolls: tuple[Roll, ...] = ()
    digest: str | None
    """None in a file migrated from a format that kept no digests."""


@dataclass(frozen=True)
class MoveEntry:
    turn: int
    move: Move


@dataclass(frozen=True, kw_only=True)
class TurnEntry:
    """A turn as saved: the record's own fields, the tracks after it, and the state's digest."""

    turn: int
    date: str
    phase: str
    events: tuple[str, ...]
    rolls: tuple[Roll, ...]
    to: str | None
    tracks: dict[str, int]
    digest: str | None
    letters: dict[str, str] = field(default_factory=dict)
    """Each letter sent this turn, by id: `letter_hash` of it (absent in older saves)."""


schema.shape(TurnEntry, omit_default=("letters",))


@dataclass(frozen=True, kw_only=True)
class Line:
    """One road through the game, complete in itself: it replays on its own."""

    id: str
    parent: str | None = None
    branch_at: int | None = None
    """For a branch: the first turn it played differently from its parent."""
    label: str = ""
    saved: str = ""
    sides: dict[str, str]
    """Each side: 'human' or the policy that played it."""
    names: dict[str, str] = field(default_factory=dict)
    """Side -> the name its player gave at a network table (K13; absent from other saves)."""
    objectives: bool = False
    """Played with hidden objectives (game/engine/objectives.py); left out of the file while false, so
    a save made before them reads as a game without them."""
    opening: Opening
    moves: tuple[MoveEntry, ...]
    """In the order they were made."""
    turns: tuple[TurnEntry, ...]
    digest: str | None = None
    """The state after the last move (pending moves included)."""
    ending: str | None = None


schema.shape(Line, omit_default=("names", "objectives"))


@functools.lru_cache(maxsize=4096)  # every autosave hashes the game's letters again: the same values
def letter_hash(letter: Letter) -> str:
    """A letter as two short hashes: of its words, then of the rest (channel, tone, terms, answer)."""
    words = hashlib.blake2b(letter.text.encode(), digest_size=4).hexdigest()
    rest = hashlib.blake2b(repr(replace(letter, text="")).encode(), digest_size=4).hexdigest()
    return f"{words}:{rest}"


def letter_hashes(line: Line) -> dict[tuple[int, str], str]:
    """(turn, letter id) -> `letter_hash` of each letter in `line`'s moves, as the engine names
    letters (L, the turn, the sender's second letter: L1e is Kennedy's of turn 1)."""
    return {
        (e.turn, f"L{e.turn}{e.move.side.value[1]}"): letter_hash(e.move.letter)
        for e in line.moves
        if e.move.letter is not None
    }


def edited_letter(line: Line, turn_no: int | None = None) -> str:
    """What a hand edit changed in `line`'s letters (of turn `turn_no`, or of any turn), read against
    the hashes each turn recorded: "letter L1h's text differs from what was sent", or '' (none
    differs, or none was recorded). No replay: cheap enough for every row of the saves list."""
    now = letter_hashes(line)
    for turn in line.turns if turn_no is None else [t for t in line.turns if t.turn == turn_no]:
        for letter_id, saved in turn.letters.items():
            found = now.get((turn.turn, letter_id))
            if found is None:
                return f"letter {letter_id} was sent on turn {turn.turn} but is not in the moves"
            if found != saved:
                part = "text" if found.split(":")[0] != saved.split(":")[0] else "terms, channel or tone"
                return f"letter {letter_id}'s {part} differs from what was sent"
    return ""


@dataclass(frozen=True, kw_only=True)
class Save:
    """A whole save file (see the module's docstring)."""

    format: str = MAGIC
    version: int = VERSION
    game_version: str
    saved: str = ""
    scenario: ScenarioRef
    seed: int
    current: str
    """The line a plain load opens."""
    lines: tuple[Line, ...]
    checksum: str = ""
    """Over everything else, to tell a damaged file (see `checksum`)."""

    def line(self, line_id: str) -> Line | None:
        return next((x for x in self.lines if x.id == line_id), None)


def to_data(doc: Save) -> dict[str, Any]:
    """The document as JSON-ready data, with a fresh checksum, its fields in the file's order."""
    data: dict[str, Any] = schema.dump(doc)
    del data["checksum"]
    data["checksum"] = checksum(data)
    return data


def from_data(data: Any) -> Save:
    """A version-1 document as a `Save`, or a SaveError naming the first field that is not right."""
    try:
        doc = schema.load(data, Save)
    except schema.SchemaError as err:
        raise SaveError(str(err)) from None
    _check(doc)
    return doc


def _check(doc: Save) -> None:
    """What the types do not say: a game in it, a scenario id, sides that exist, turns in order."""
    if not doc.lines:
        raise SaveError("'lines' is empty: the save holds no game")
    _check_tree(doc.lines)
    if doc.line(doc.current) is None:
        raise SaveError(f"'current' names no line {doc.current!r}")
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,99}", doc.scenario.id):
        raise SaveError(f"'scenario.id' is not a scenario id: {doc.scenario.id[:60]!r}")
    from game.ai.policies import POLICIES

    for i, line in enumerate(doc.lines):
        where = f"lines[{i}]"
        try:
            check_sides(line.sides, set(POLICIES))
        except SaveError as err:
            raise SaveError(f"{where}.{err}") from None
        for side, name in line.names.items():
            if side not in {s.value for s in SIDES}:
                raise SaveError(f"{where}.names: {side[:20]!r} is not a side (kennedy, khrushchev)")
            if not name.isprintable() or len(name) > MAX_NAME:
                raise SaveError(f"{where}.names.{side}: not a name a player gave: {name[:MAX_NAME]!r}")
        last = 1
        for j, entry in enumerate(line.moves):
            if entry.turn > min(j + 1, MAX_TURN) or entry.turn < last:
                raise SaveError(
                    f"{where}.moves[{j}].turn is {str(entry.turn)[:20]}: a line's turns run 1, 2, ... "
                    "with no gap"
                )
            last = entry.turn


def _check_tree(lines: tuple[Line, ...]) -> None:
    """The lines make a tree (K13): ids unique, each parent a line, no line its own ancestor."""
    parents: dict[str, str | None] = {}
    for i, line in enumerate(lines):
        if line.id in parents:
            raise SaveError(f"lines[{i}]: two lines are named {line.id[:60]!r}")
        parents[line.id] = line.parent
    for i, line in enumerate(lines):  # every parent a line first: the walk below reads them all
        if line.parent is not None and line.parent not in parents:
            raise SaveError(f"lines[{i}].parent names no line {line.parent[:60]!r}")
        if line.parent == line.id:
            raise SaveError(f"lines[{i}]: the line {line.id[:60]!r} is its own parent")
    for i, line in enumerate(lines):
        seen, up = {line.id}, line.parent
        while up is not None:
            if up in seen:
                raise SaveError(f"lines[{i}]: the parents of line {line.id[:60]!r} run in a circle")
            seen.add(up)
            up = parents[up]


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


def encode(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def checksum(data: dict[str, Any]) -> str:
    """A hash of the document's data (not its layout), leaving out the checksum itself."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    return hash_bytes(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())


def hash_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_document(scenario: ScenarioRef, seed: int, lines: tuple[Line, ...], current: str) -> Save:
    return Save(
        game_version=__version__, saved=now(), scenario=scenario, seed=seed, current=current, lines=lines
    )
