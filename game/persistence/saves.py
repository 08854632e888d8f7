"""Save, load, autosave and branch games: the save file as a tree of lines that only ever grows."""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from game import __version__
from game.ai.policies import POLICIES
from game.engine.match import Game, cut
from game.model import CrisisError, Scenario
from game.persistence import files, tips
from game.persistence.files import SaveError
from game.persistence.fingerprint import fingerprint, played_in, scenario_for
from game.persistence.format import (
    MAIN,
    Line,
    MoveEntry,
    Save,
    check_sides,
    checksum,
    edited_letter,
    encode,
    from_data,
    new_document,
    to_data,
)
from game.persistence.migrate import upgrade, version_of
from game.persistence.players import doubt
from game.persistence.replay import Stop, replay
from game.persistence.tree import line_of, place
from game.scenario import catalog

_homes: weakref.WeakKeyDictionary[Game, Path] = weakref.WeakKeyDictionary()
"""The file each live game was loaded from or last saved to: where `autosave` writes it."""
_lines: weakref.WeakKeyDictionary[Game, str] = weakref.WeakKeyDictionary()
"""The line of its file each live game was loaded from or last saved as."""


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
    moves: tuple[MoveEntry, ...] = field(repr=False, default=())


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
    names: dict[str, str] = field(default_factory=dict)
    """Side -> the name its player gave at a network table (an export's; else empty)."""


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


def load_spec(game: Game, path: str | Path, *, typed: bool = False) -> str:
    """What `crisis play --load` takes to open `game` (saved in `path`) again: the file, with `#LINE`
    when the game is not on the file's main line (a plain load opens the line saved last); `typed`:
    the file as the player types it (a game in the saves folder by its name, `files.typed_name`)."""
    from game.persistence.files import typed_name

    line, name = _lines.get(game), typed_name(Path(path)) if typed else str(path)
    return name if line in (None, MAIN) else f"{name}#{line}"


def copy_path(path: str | Path) -> Path:
    """A free name beside the save `path` for a copy of it: `NAME-copy.json`, then `-copy-2`, ..."""
    path = Path(path)
    first = path.with_name(f"{path.stem}-copy{path.suffix}")
    found, n = first, 1
    while found.exists():
        n += 1
        found = path.with_name(f"{path.stem}-copy-{n}{path.suffix}")
    return found


def save_copy(game: Game, original: str | Path, *, sides: dict[str, str]) -> Path:
    """Save `game` in a copy beside `original` (`copy_path`), its file from now on (the original is
    open in another game, F7); the copy goes on from the original's first-game tip (G12). The copy
    holds the original's lines too, `game`'s among them as a save into the original would place it
    (K13: a copy of a branch held only the branch)."""
    try:
        kept = _lines_to_keep(Path(original), game)
    except SaveError:  # unreadable, altered or another game's now: the copy holds the game alone
        kept = []
    copy = save(game, copy_path(original), sides=sides, lines=kept)
    tips.carry(Path(original), copy)
    return copy


def share_home(branch: Game, parent: Game) -> None:
    """Save `branch` (cut from `parent`, e.g. `cut(parent, turn)`) into the parent's file, as a new
    line beside the one it leaves. Without this a branch is a new game, saved in a file of its own."""
    if parent in _homes:
        _homes[branch] = _homes[parent]


def _new_home(game: Game) -> Path:
    """A file for a game new to the saves: `default_path`, or, when another game already holds that
    name (the same scenario and seed played again), the first free `-2`, `-3`, ... beside it.

    A new game is never a branch of another one: it would share its file only by its seed."""
    first = default_path(game)
    found, n = first, 1
    while found.exists():
        n += 1
        found = first.with_name(f"{first.stem}-{n}{first.suffix}")
    return found


# ---- save --------------------------------------------------------------------------------


def save(
    game: Game,
    path: str | Path | None = None,
    *,
    sides: dict[str, str],
    label: str = "",
    lines: list[Line] | None = None,
    names: dict[str, str] | None = None,
) -> Path:
    """Save `game` and return the file written.

    `path` defaults to the file the game came from (loaded, saved or branched from: see `branch` and
    `share_home`), else a new file (`default_path(game)`, or a free name beside it). `sides` says who
    played each side: 'human' or a policy name. A file that already holds this game (same scenario
    and seed) keeps all its lines: the game extends the line it continues, or becomes a new branch
    beside the line it leaves, so no line is ever overwritten. `label` names a new branch; `lines`,
    the lines a new file starts from (a copy's: its original's); `names`, the seats' players' names
    (a network game's export).
    """
    target = Path(path) if path is not None else _homes.get(game) or _new_home(game)
    new = line_of(game, check_sides(sides, set(POLICIES)), names=names)
    tree = _lines_to_keep(target, game) if target.exists() else list(lines or ())
    written = place(tree, new, label)
    doc = new_document(fingerprint(game.scenario), game.state.seed, tuple(tree), written)
    files.write_atomic(target, encode(to_data(doc)))
    _homes[game], _lines[game] = target, written
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


def _lines_to_keep(path: Path, game: Game) -> list[Line]:
    try:
        doc, _, intact = read(path)
    except SaveError as err:
        raise SaveError(
            f"{path} exists and is not a save this game can add to ({err}); it was left as it is: "
            "save to another file"
        ) from None
    if intact is False:
        raise SaveError(f"{path} was altered since it was saved; it was left as it is: save to another file")
    sid, seed = doc.scenario.id, doc.seed
    if sid != game.scenario.id or seed != game.state.seed:
        raise SaveError(
            f"{path} holds another game ({sid}, seed {seed}); it was left as it is: save to another file"
        )
    return list(doc.lines)


# ---- load --------------------------------------------------------------------------------


def read(path: str | Path) -> tuple[Save, int, bool | None]:
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
    return from_data(doc), version, intact


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
        s = scenario_for(doc.scenario, scenario, search)
    except SaveError as err:
        raise SaveError(f"cannot load {path}: {err}") from None
    chosen = line or doc.current
    lines = {x.id: x for x in doc.lines}
    if chosen not in lines:
        raise SaveError(f"cannot load {path}: no line {chosen!r} in it (lines: {', '.join(lines)})")
    now = fingerprint(s)
    saved_files = {f.name: f.hash for f in doc.scenario.files}
    changed = tuple(f.name for f in now.files if saved_files.get(f.name) != f.hash)
    done = replay(s, lines[chosen], doc.seed)
    warnings = []
    if done.stop is not None and intact is False:
        raise SaveError(
            f"cannot load {path}: the file was altered or damaged after it was saved (its checksum does "
            f"not match) and no longer replays: {_edited(doc, done.stop, changed, search)}. It was left "
            "as it is"
        )
    if intact is False:
        wrong = doubt(s, lines[chosen], doc.seed)  # who played: the one edit every move survives (G24)
        warnings.append(
            f"the file was edited after it was saved: every move still replays, but {wrong}"
            if wrong
            else "the file was edited after it was saved, but every move still replays"
        )
    if done.stop is not None and not changed and doc.game_version == __version__:
        warnings.append(
            "the file was altered after it was saved: the scenario and the game are what they were, "
            "yet its moves no longer replay (and its checksum was made to match)"
        )
    elif done.stop is not None and not changed:
        warnings.append(
            f"the game's rules changed since the save (saved by version {doc.game_version[:20]}, "
            f"this is {__version__})"
        )
    if version < doc.version:
        warnings.append(f"read from save format {version}; it will be saved in format {doc.version}")
    meta = SaveMeta(
        path=path,
        version=version,
        game_version=doc.game_version,
        scenario=s.id,
        scenario_hash=doc.scenario.hash,
        scenario_changed=now.hash != doc.scenario.hash,
        changed_files=changed,
        seed=doc.seed,
        line=chosen,
        sides=dict(lines[chosen].sides),
        names=dict(lines[chosen].names),
        lines=tuple(_info(x) for x in doc.lines),
        saved=doc.saved,
        checked=done.checked,
        warnings=tuple(warnings),
    )
    _homes[done.game], _lines[done.game] = path, chosen
    return Loaded(done.game, meta, done.stop)


def _edited(doc: Save, stop: Stop, changed: tuple[str, ...], search: Iterable[str | Path]) -> str:
    """Why a save edited by hand no longer replays, named where the edit can be told (G24): a scenario
    id changed (the save's file hash names the scenario its moves belong to), or the seed (the
    scenario is as it was, yet the game opens differently)."""
    if stop.turn != 0:
        return str(stop)
    owner = played_in(doc.scenario, search)
    if owner is not None:
        return (
            f"this save's moves belong to the scenario {owner!r}, but its scenario id was changed to "
            f"{doc.scenario.id!r}"
        )
    if not changed:
        return (
            f"the game opens differently from the save: the scenario is as it was, so its seed "
            f"({doc.seed}) was most likely changed"
        )
    return str(stop)


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
    return tuple(_info(x) for x in doc.lines)


@dataclass(frozen=True)
class SaveSummary:
    """A save file found in the data directory, as a menu would list it (a damaged one too)."""

    path: Path
    scenario: str
    title: str
    seed: int
    saved: str
    lines: int
    turns: int
    """Turns completed in the current line."""
    ending: str | None
    sides: dict[str, str] = field(default_factory=dict)
    """Who played each side of the current line: 'human' or a policy."""
    problem: str | None = None
    """Why the file cannot be read (then the fields above are empty; `saved` is its modification time)."""
    edited: bool = False
    """Its checksum does not match: changed after it was saved (its moves are checked when it is opened)."""


def list_saves(directory: str | Path | None = None) -> list[SaveSummary]:
    """The saves in `directory` (default: the data directory's), newest first; a file that cannot be
    read is listed with its `problem`, and left as it is."""
    folder = Path(directory) if directory is not None else files.saves_dir()
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            doc, _, intact = read(path)
        except SaveError as err:
            found.append(_unreadable(path, str(err)))
            continue
        current = doc.line(doc.current)
        assert current is not None  # `read` checked it
        # a file whose checksum fails (edited) has its letters checked against their hashes: no replay,
        # and none at all for an intact file (F8)
        edited = edited_letter(current) if intact is False else ""
        if edited:
            found.append(_unreadable(path, f"edited by hand, it no longer replays: {edited}"))
            continue
        found.append(
            SaveSummary(
                path=path,
                scenario=doc.scenario.id,
                title=doc.scenario.title,
                seed=doc.seed,
                saved=doc.saved,
                lines=len(doc.lines),
                turns=len(current.turns),
                ending=current.ending,
                sides=dict(current.sides),
                edited=intact is False,
            )
        )
    return sorted(found, key=lambda x: (x.saved, str(x.path)), reverse=True)


def _unreadable(path: Path, problem: str) -> SaveSummary:
    """A file in the saves folder that is not a save this game can read: when it was last changed, and why."""
    try:
        when = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except OSError:
        when = ""
    return SaveSummary(path, "", "", 0, when, 0, 0, None, problem=problem)


def _info(line: Line) -> LineInfo:
    return LineInfo(
        id=line.id,
        parent=line.parent,
        branch_at=line.branch_at,
        label=line.label,
        sides=dict(line.sides),
        turns=len(line.turns) or max((e.turn for e in line.moves), default=1) - 1,
        ending=line.ending,
        saved=line.saved,
        moves=line.moves,
    )
