"""A save's scenario: its fingerprint when the game is saved, and finding it again when it is loaded."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from game.model import Scenario
from game.persistence import files
from game.persistence.files import SaveError
from game.persistence.format import FileHash, ScenarioRef, hash_bytes
from game.scenario import catalog

SCENARIO_PATH = "CRISIS_SCENARIO_PATH"
"""Folders (separated as in PATH) where a save may find a scenario that is not bundled."""


def fingerprint(s: Scenario) -> ScenarioRef:
    """The scenario's id, title, file, and content hashes (its own file and those it extends).

    The files are the ones the scenario loader read (`Scenario.files`): `extends` is resolved there.
    """
    hashes = tuple(FileHash(Path(p).name, hash_bytes(Path(p).read_bytes())) for p in s.files)
    path = str(Path(s.path).resolve()) if s.path else ""
    return ScenarioRef(id=s.id, title=s.title, path=path, hash=whole(hashes), files=hashes)


def whole(hashes: Iterable[FileHash]) -> str:
    """The hash of a scenario's files together, from each file's hash."""
    return hash_bytes("".join(f"{f.name}:{f.hash}\n" for f in hashes).encode())


def scenario_for(ref: ScenarioRef, override: Scenario | None, search: Iterable[str | Path]) -> Scenario:
    """The scenario a save was played in: by content hash, else by id; never from the recorded path."""
    sid = ref.id
    if override is not None:
        if override.id != sid:
            raise SaveError(f"this save is a game of {sid!r}, not of {override.id!r}")
        return override
    folders = _folders(search)
    bundled = catalog.bundled()
    mine = [p for folder in folders for p in _yaml_in(folder)]
    own = ref.files[0].hash if ref.files else None
    for candidate in [*bundled, *mine]:  # its own file unchanged: load it and compare the whole
        if own is not None and _own_hash(candidate) == own:
            found = catalog.get(str(candidate))
            if found.id == sid and fingerprint(found).hash == ref.hash:
                return found
    for candidate in bundled:  # changed since the save: replayed as far as it still holds
        if candidate.stem == sid:
            return catalog.get(str(candidate))
    for candidate in mine:
        if candidate.stem == sid or _declares(candidate, sid):
            found = catalog.get(str(candidate))
            if found.id == sid:
                return found
    named = f", saved from {Path(ref.path).name!r}" if isinstance(ref.path, str) and ref.path else ""
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


def _own_hash(path: Path) -> str | None:
    """The hash of one scenario file's bytes, as `fingerprint` keeps it."""
    try:
        return hash_bytes(files.read_bytes(path))
    except (SaveError, OSError):
        return None


def _declares(path: Path, sid: str) -> bool:
    try:
        head = files.read_bytes(path)[:4096].decode("utf-8", errors="replace")
    except SaveError:
        return False
    return re.search(rf"^id:\s*['\"]?{re.escape(sid)}['\"]?\s*$", head, re.MULTILINE) is not None


def played_in(ref: ScenarioRef, search: Iterable[str | Path] = ()) -> str | None:
    """The id of the scenario whose own file has the hash `ref` recorded, when that is not `ref.id`:
    the save's id was changed after it was saved (G24). None if no such file is found."""
    own = ref.files[0].hash if ref.files else None
    if own is None:
        return None
    for candidate in [*catalog.bundled(), *(p for folder in _folders(search) for p in _yaml_in(folder))]:
        if _own_hash(candidate) == own:
            found = catalog.get(str(candidate))
            return found.id if found.id != ref.id else None
    return None
