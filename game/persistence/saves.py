"""Save, load, autosave and branch games: the save file as a tree of lines that only ever grows."""

from __future__ import annotations

import hashlib
import json
import os
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game import __version__
from game.ai.policies import POLICIES
from game.engine.game import Game, cut
from game.model import CrisisError, Scenario
from game.persistence import files
from game.persistence.files import SaveError
from game.persistence.format import (
    check_shape,
    check_sides,
    checksum,
    document,
    encode,
    fingerprint,
    line_of,
    scenario_files,
)
from game.persistence.migrate import upgrade, version_of
from game.persistence.replay import Stop, replay
from game.scenario import catalog

SCENARIO_PATH = "CRISIS_SCENARIO_PATH"
"""Folders (separated as in PATH) where a save may find a scenario that is not bundled."""
MAX_TURN = 10_000
"""No line of a save is longer (the campaign is about a hundred turns)."""

_homes: weakref.WeakKeyDictionary[Game, Path] = weakref.WeakKeyDictionary()
"""The file each live game was loaded from or last saved to: where `autosave` writes it."""


@dataclass(frozen=True)
class LineInfo:
    """One line of a save's tree, without replaying it."""

    id: str
    parent: str | None
    branch_at: int | None
    """The first turn this line played differently from its parent."""
    label: str
    sides: dict[str, str]
    turns: int
    """Turns completed."""
    ending: str | None
    saved: str
    moves: tuple[dict[str, Any], ...] = field(repr=False, default=())


@dataclass(frozen=True)
class SaveMeta:
    """What a save says about its game, and what loading it found."""

    path: Path
    version: int
    """The format version the file was written in (before any migration)."""
    game_version: str
    scenario: str
    scenario_hash: str
    scenario_changed: bool
    """The scenario's files are not byte for byte what they were when the game was saved."""
    changed_files: tuple[str, ...]
    seed: int
    line: str
    """The line loaded."""
    sides: dict[str, str]
    lines: tuple[LineInfo, ...]
    saved: str
    checked: int
    """Turns whose recorded state digest was checked against the replay, and matched."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Loaded:
    """A loaded game: `game` as far as it replays, `meta`, and `stopped` (None, or where and why the
    replay stopped before the end of the saved line)."""

    game: Game
    meta: SaveMeta
    stopped: Stop | None = None


# ---- where ------------------------------------------------------------------------------


def default_path(game: Game) -> Path:
    """The save file of a game in the data directory: one per scenario and seed."""
    return files.saves_dir() / f"{game.scenario.id}-seed{game.state.seed}.json"


def home(game: Game) -> Path | None:
    """The file this game was loaded from or saved to, if any."""
    return _homes.get(game)


# ---- save --------------------------------------------------------------------------------


def save(game: Game, path: str | Path | None = None, *, sides: dict[str, str], label: str = "") -> Path:
    """Save `game` and return the file written.

    `path` defaults to the file the game came from, else `default_path(game)`. `sides` says who
    played each side: 'human' or a policy name. A file that already holds this game (same scenario
    and seed) keeps all its lines: the game extends the line it continues, or becomes a new branch
    beside the line it leaves, so no line is ever overwritten. `label` names a new branch.
    """
    target = Path(path) if path is not None else _homes.get(game) or default_path(game)
    new = line_of(game, check_sides(sides, set(POLICIES)))
    lines: list[dict[str, Any]] = []
    if target.exists():
        lines = _lines_to_keep(target, game)
    written = place(lines, new, game.state.turn, label)
    doc = document(game.scenario, game.state.seed, lines, written)
    files.write_atomic(target, encode(doc))
    _homes[game] = target
    _remember(game.scenario)
    return target


def _remember(s: Scenario) -> None:
    """Note the folder of a scenario that is not bundled, so that its saves find it again."""
    if not s.path:
        return
    folder = Path(s.path).resolve().parent
    if folder != catalog.scenario_dir().resolve():
        files.remember_folder(folder)


def autosave(game: Game, *, sides: dict[str, str]) -> Path:
    """Save after a turn, to the game's own file (see `save`); a crash then loses at most one turn."""
    return save(game, None, sides=sides)


def _lines_to_keep(path: Path, game: Game) -> list[dict[str, Any]]:
    try:
        doc, _, intact = read(path)
    except SaveError as err:
        raise SaveError(
            f"{path} exists and is not a save this game can add to ({err}); it was left as it is: "
            "save to another file"
        ) from None
    if intact is False:
        raise SaveError(f"{path} was altered since it was saved; it was left as it is: save to another file")
    sid, seed = doc["scenario"]["id"], doc["seed"]
    if sid != game.scenario.id or seed != game.state.seed:
        raise SaveError(
            f"{path} holds another game ({sid}, seed {seed}); it was left as it is: save to another file"
        )
    return list(doc["lines"])


def place(lines: list[dict[str, Any]], new: dict[str, Any], turn: int, label: str = "") -> str:
    """Put `new` into the tree `lines` (in place) and return its id.

    The same moves as a line: that line, refreshed. Extends a line: that line, grown (the longest
    one). Otherwise a new branch, whose parent is the line it shares most turns with.
    """
    mine = _turns(new)
    for line in lines:
        if _turns(line) == mine:
            return _refresh(line, new)
    extended = [line for line in lines if _prefix(_turns(line), mine)]
    if extended:
        return _refresh(max(extended, key=lambda line: len(line["moves"])), new)
    if lines:
        shared = {line["id"]: _shared(_turns(line), mine) for line in lines}
        parent = max(lines, key=lambda line: shared[line["id"]])
        new["parent"], new["branch_at"] = parent["id"], shared[parent["id"]] + 1
        new["id"] = _next_id(lines)
    new["label"] = label
    lines.append(new)
    _tidy(lines, keep=new["id"])
    return str(new["id"])


def _refresh(line: dict[str, Any], new: dict[str, Any]) -> str:
    for key in ("saved", "sides", "opening", "moves", "turns", "digest", "ending"):
        line[key] = new[key]
    return str(line["id"])


def _turns(line: dict[str, Any]) -> list[dict[str, str]]:
    """The line's moves as one {side: move} per turn, in order; the last may be partial."""
    out: list[dict[str, str]] = []
    for entry in line["moves"]:
        while len(out) < entry["turn"]:
            out.append({})
        move = entry["move"]
        out[entry["turn"] - 1][str(move.get("side"))] = json.dumps(move, sort_keys=True)
    return out


def _prefix(a: list[dict[str, str]], b: list[dict[str, str]]) -> bool:
    """Whether `b` plays on from `a`: every move of `a` is in `b` at the same turn."""
    return len(a) <= len(b) and all(x.items() <= y.items() for x, y in zip(a, b, strict=False))


def _shared(a: list[dict[str, str]], b: list[dict[str, str]]) -> int:
    """Turns played alike from the start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _next_id(lines: list[dict[str, Any]]) -> str:
    numbers = [int(str(line["id"])[1:]) for line in lines if str(line["id"])[1:].isdigit()]
    return f"b{max(numbers, default=0) + 1}"


def _tidy(lines: list[dict[str, Any]], keep: str) -> None:
    """Drop branches that hold nothing of their own (all their moves are in another line)."""
    parents = {line.get("parent") for line in lines}
    for line in list(lines[1:]):
        if line["id"] == keep or line["id"] in parents:
            continue
        mine = _turns(line)
        if any(other is not line and _prefix(mine, _turns(other)) for other in lines):
            lines.remove(line)


# ---- load --------------------------------------------------------------------------------


def read(path: str | Path) -> tuple[dict[str, Any], int, bool | None]:
    """A save's document in the current format, the version it was written in, and whether its
    checksum matched (None for formats without one). Never writes."""
    path = Path(path)
    raw = files.read_bytes(path)
    if not raw.strip():
        raise SaveError("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SaveError(
            f"not a save: the file is not text (a byte {raw[err.start]:#04x} at {err.start})"
        ) from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise SaveError("not a save: its JSON is nested far deeper than a save's") from None
    except json.JSONDecodeError as err:
        body = text.strip()
        if body.startswith("{") and not body.endswith("}"):
            raise SaveError(
                f"the save is cut short: its JSON stops at line {body.count(chr(10)) + 1}"
            ) from None
        raise SaveError(
            f"not a save: not valid JSON ({err.msg}, line {err.lineno} column {err.colno})"
        ) from None
    except ValueError:  # Python refuses numbers of thousands of digits
        raise SaveError("not a save: it holds a number thousands of digits long") from None
    version = version_of(doc)
    intact = doc.get("checksum") == checksum(doc) if version >= 1 else None
    doc, version = upgrade(doc)
    check_shape(doc)
    _check_lines(doc)
    return doc, version, intact


def _check_lines(doc: dict[str, Any]) -> None:
    """What the shape does not say: turns in order and in range, sides that exist, a scenario id."""
    sid = doc["scenario"]["id"]
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,99}", sid):
        raise SaveError(f"'scenario.id' is not a scenario id: {sid[:60]!r}")
    for i, line in enumerate(doc["lines"]):
        where = f"lines[{i}]"
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in line["sides"].items()):
            raise SaveError(f"{where}.sides should name 'human' or a policy for each side")
        try:
            check_sides(line["sides"], set(POLICIES))
        except SaveError as err:
            raise SaveError(f"{where}.{err}") from None
        last = 1
        for j, entry in enumerate(line["moves"]):
            turn = entry["turn"]
            if turn > min(j + 1, MAX_TURN) or turn < last:
                raise SaveError(
                    f"{where}.moves[{j}].turn is {str(turn)[:20]}: a line's turns run 1, 2, ... with no gap"
                )
            last = turn


def load(
    path: str | Path,
    *,
    line: str | None = None,
    scenario: Scenario | None = None,
    search: Iterable[str | Path] = (),
) -> Loaded:
    """Load a save: replay its line (default: the current one) and check every turn.

    The scenario is found by its id and content hash among the bundled scenarios and the folders in
    `search` and CRISIS_SCENARIO_PATH; the path the save recorded is never read. If the scenario or
    the game changed since the save, the game is replayed as far as its log still holds and
    `stopped` says where and why it stopped. A damaged or foreign file raises SaveError (a
    CrisisError) and is left as it was.
    """
    path = Path(path)
    try:
        doc, version, intact = read(path)
        s = _scenario_for(doc, scenario, search)
    except SaveError as err:
        raise SaveError(f"cannot load {path}: {err}") from None
    chosen = line or doc["current"]
    lines = {str(x["id"]): x for x in doc["lines"]}
    if chosen not in lines:
        raise SaveError(f"cannot load {path}: no line {chosen!r} in it (lines: {', '.join(lines)})")
    now = fingerprint(s)
    recorded = doc["scenario"].get("files")
    saved_files = {
        f.get("name"): f.get("hash")
        for f in (recorded if isinstance(recorded, list) else [])
        if isinstance(f, dict) and isinstance(f.get("name"), str)
    }
    changed = tuple(f["name"] for f in now["files"] if saved_files.get(f["name"]) != f["hash"])
    done = replay(s, lines[chosen], doc["seed"])
    warnings = []
    if done.stop is not None and intact is False:
        raise SaveError(
            f"cannot load {path}: the file was altered or damaged after it was saved (its checksum does "
            f"not match) and no longer replays: {done.stop}. It was left as it is"
        )
    if intact is False:
        warnings.append("the file was edited after it was saved, but every move still replays")
    if done.stop is not None and not changed and doc["game_version"] == __version__:
        warnings.append(
            "the file was altered after it was saved: the scenario and the game are what they were, "
            "yet its moves no longer replay (and its checksum was made to match)"
        )
    elif done.stop is not None and not changed:
        warnings.append(
            f"the game's rules changed since the save (saved by version {str(doc['game_version'])[:20]}, "
            f"this is {__version__})"
        )
    if version < doc["version"]:
        warnings.append(f"read from save format {version}; it will be saved in format {doc['version']}")
    meta = SaveMeta(
        path=path,
        version=version,
        game_version=doc["game_version"],
        scenario=s.id,
        scenario_hash=doc["scenario"]["hash"],
        scenario_changed=now["hash"] != doc["scenario"]["hash"],
        changed_files=changed,
        seed=doc["seed"],
        line=chosen,
        sides=dict(lines[chosen]["sides"]),
        lines=tuple(_info(x) for x in doc["lines"]),
        saved=str(doc.get("saved", "")),
        checked=done.checked,
        warnings=tuple(warnings),
    )
    _homes[done.game] = path
    return Loaded(done.game, meta, done.stop)


def branch(
    path: str | Path, at: int, *, line: str | None = None, search: Iterable[str | Path] = ()
) -> Loaded:
    """The saved game cut before turn `at`, ready to be played differently.

    Nothing is written: the first save of the returned game adds it to the file as a new line beside
    the one it left (see `save`).
    """
    loaded = load(path, line=line, search=search)
    game = loaded.game
    if loaded.stopped is not None and at > game.state.turn:
        raise SaveError(f"cannot branch at turn {at}: the save replays only to turn {game.state.turn}")
    try:
        cut_game = cut(game, at)
    except CrisisError as err:
        raise SaveError(f"cannot branch at turn {at}: {err}") from None
    _homes[cut_game] = Path(path)
    return Loaded(cut_game, loaded.meta, loaded.stopped)


def lines(path: str | Path) -> tuple[LineInfo, ...]:
    """The tree of a save, read without replaying."""
    try:
        doc, _, _ = read(path)
    except SaveError as err:
        raise SaveError(f"cannot read {path}: {err}") from None
    return tuple(_info(x) for x in doc["lines"])


@dataclass(frozen=True)
class SaveSummary:
    """A save file found in the data directory, as a menu would list it."""

    path: Path
    scenario: str
    title: str
    seed: int
    saved: str
    lines: int
    turns: int
    """Turns completed in the current line."""
    ending: str | None


def list_saves(directory: str | Path | None = None) -> list[SaveSummary]:
    """The readable saves in `directory` (default: the data directory's), newest first."""
    folder = Path(directory) if directory is not None else files.saves_dir()
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            doc, _, _ = read(path)
        except SaveError:
            continue
        current = next(x for x in doc["lines"] if x["id"] == doc["current"])
        found.append(
            SaveSummary(
                path=path,
                scenario=doc["scenario"]["id"],
                title=str(doc["scenario"].get("title", "")),
                seed=doc["seed"],
                saved=str(doc.get("saved", "")),
                lines=len(doc["lines"]),
                turns=len(current["turns"]),
                ending=current.get("ending"),
            )
        )
    return sorted(found, key=lambda x: (x.saved, str(x.path)), reverse=True)


def _info(line: dict[str, Any]) -> LineInfo:
    return LineInfo(
        id=str(line["id"]),
        parent=line.get("parent"),
        branch_at=line.get("branch_at"),
        label=str(line.get("label") or ""),
        sides=dict(line["sides"]),
        turns=len(line["turns"]) or max((e["turn"] for e in line["moves"]), default=1) - 1,
        ending=line.get("ending"),
        saved=str(line.get("saved", "")),
        moves=tuple(line["moves"]),
    )


def _scenario_for(doc: dict[str, Any], override: Scenario | None, search: Iterable[str | Path]) -> Scenario:
    """The scenario a save was played in: by content hash, else by id; never from the recorded path."""
    sid, want = doc["scenario"]["id"], doc["scenario"]["hash"]
    if override is not None:
        if override.id != sid:
            raise SaveError(f"this save is a game of {sid!r}, not of {override.id!r}")
        return override
    folders = _folders(search)
    bundled = catalog.bundled()
    mine = [p for folder in folders for p in _yaml_in(folder)]
    for candidate in [*bundled, *mine]:
        if _content_hash(candidate) == want:
            found = catalog.get(str(candidate))
            if found.id == sid:
                return found
    for candidate in bundled:  # changed since the save: replayed as far as it still holds
        if candidate.stem == sid:
            return catalog.get(str(candidate))
    for candidate in mine:
        if candidate.stem == sid or _declares(candidate, sid):
            found = catalog.get(str(candidate))
            if found.id == sid:
                return found
    recorded = doc["scenario"].get("path")
    named = f", saved from {Path(recorded).name!r}" if isinstance(recorded, str) and recorded else ""
    looked = "the bundled scenarios" + (f" and {', '.join(map(str, folders))}" if folders else "")
    raise SaveError(
        f"this save is a game of scenario {sid!r}{named}, which is not among {looked}; name the folder "
        f"that holds it with --scenarios FOLDER (or {SCENARIO_PATH})"
    )


def _folders(search: Iterable[str | Path]) -> list[Path]:
    named = [Path(f) for f in search if str(f)]
    named += [Path(f) for f in os.environ.get(SCENARIO_PATH, "").split(os.pathsep) if f]
    named += files.known_folders()
    return [f for f in dict.fromkeys(named) if f.is_dir()]


def _yaml_in(folder: Path) -> list[Path]:
    """The scenario files of a folder (regular files only, at most 500)."""
    found = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern))
    return [p for p in found if p.is_file()][:500]


def _content_hash(path: Path) -> str | None:
    """The hash a save keeps of its scenario (see `format.fingerprint`), computed from the files."""
    try:
        parts = [f"{p.name}:{_digest(files.read_bytes(p))}\n" for p in scenario_files(path)]
    except (SaveError, OSError, UnicodeError):
        return None
    return _digest("".join(parts).encode())


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _declares(path: Path, sid: str) -> bool:
    try:
        head = files.read_bytes(path)[:4096].decode("utf-8", errors="replace")
    except SaveError:
        return False
    return re.search(rf"^id:\s*['\"]?{re.escape(sid)}['\"]?\s*$", head, re.MULTILINE) is not None
