"""Where saves live, and the only code that writes them: atomic writes (temporary file, fsync, rename)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

from game.errors import CrisisError
from game.safe_read import Refused, read_regular

APP = "missile-crisis"
ENV_DIR = "CRISIS_DATA_DIR"
_STALE = 600.0
"""Seconds after which a leftover temporary file is removed even if a process of its writer's id
lives (ids are reused); one whose writer is gone is removed at once."""
MAX_BYTES = 64 << 20
"""The largest save read (a 200-turn game is about 200 KB a line)."""


class SaveError(CrisisError):
    """A save that cannot be read or written; the message says which file and why."""


def data_dir() -> Path:
    """The user's data directory for the game (CRISIS_DATA_DIR overrides platformdirs)."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def saves_dir() -> Path:
    """Where saves go when no path is given."""
    return data_dir() / "saves"


FOLDERS = "scenario-folders.txt"
"""In the data directory: the folders of scenarios the player chose (not bundled), one a line."""


def known_folders() -> list[Path]:
    """The folders of the scenarios this player has saved games of: where a save looks for its own."""
    try:
        text = read_regular(data_dir() / FOLDERS, 64 << 10, "list of folders").decode("utf-8", "replace")
    except Refused:
        return []
    return [Path(line) for line in text.splitlines() if line.strip()]


def remember_folder(folder: Path) -> None:
    """Add `folder` to the known folders (the 50 most recent are kept); a failure is not an error."""
    known = known_folders()
    if folder in known:
        return
    text = "".join(f"{f}\n" for f in [*known, folder][-50:])
    with contextlib.suppress(SaveError):
        write_atomic(data_dir() / FOLDERS, text.encode("utf-8"))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a SaveError saying why they cannot be had: only a regular file is read
    (a FIFO or a link to /dev/zero is refused without waiting or reading), at most MAX_BYTES."""
    try:
        return read_regular(path, MAX_BYTES, "save file")
    except Refused as err:
        raise SaveError(str(err)) from None


def is_save(path: str | Path) -> bool:
    """Whether the file at `path` opens as a save (its first bytes name the save format), read without
    parsing it: a save typed where a scenario is asked for is then named for what it is."""
    from game.persistence.format import MAGIC

    try:
        head = read_regular(Path(path).expanduser(), MAX_BYTES, "save file")[:200]
    except Refused:
        return False
    return f'"format": "{MAGIC}"'.encode() in head or f'"format":"{MAGIC}"'.encode() in head


def user_target(name: str | Path) -> Path:
    """A file a player named to write to: its folder must exist (none is made unasked), and it is
    not a folder itself; a SaveError says what is wrong."""
    text = str(name).strip()
    if not text:
        raise SaveError("needs a file name, not an empty one")
    path = Path(text).expanduser()
    if path.parent != Path() and not path.parent.is_dir():
        raise SaveError(f"{path.parent} is not a folder; make it first, or write somewhere else")
    if path.is_dir():
        raise SaveError(f"{path} is a folder; name a file in it")
    return path


def save_target(typed: str) -> Path:
    """Where a player's game saves when they type a name for it: a bare name (no folder) in the saves
    folder, `.json` added (play-test 8, H2: "11" was written to the current folder); a path with a
    folder as typed. SaveError if the saves folder cannot be made."""
    text = typed.strip()
    if not text or "/" in text or text.startswith("~") or text in (".", ".."):
        return Path(text)
    folder = saves_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SaveError(f"cannot make the saves folder {str(folder)!r}: {err.strerror or err}") from None
    return folder / (text if text.endswith(".json") else f"{text}.json")


def writable(path: Path) -> Path:
    """The file a save to `path` really writes: a symlink's target (the link is kept). A SaveError
    if that file exists and may not be written (read-only, or not a regular file)."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as err:
        raise SaveError(f"cannot write {str(path)!r}: {err.strerror or err}") from None
    if stat.S_ISDIR(mode):
        raise SaveError(f"{str(path)!r} is a folder; name a file in it")
    if not stat.S_ISREG(mode):
        raise SaveError(f"{str(path)!r} is not a regular file; it was left as it is: save to another file")
    if not os.access(target, os.W_OK) or not mode & stat.S_IWUSR:
        raise SaveError(f"{str(path)!r} is read-only; it was left as it is: save to another file")
    return target


def database_file(path: Path) -> Path:
    """The file a game server's store may open at `path` (SQLite creates it there): in the data folder,
    its folders are made; elsewhere the folder the user named must exist. A SaveError if the path is a
    folder, a read-only file, or not a regular file."""
    path = Path(path).expanduser()
    home = data_dir().resolve()
    if path.resolve().is_relative_to(home):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise SaveError(f"cannot make the folder {str(path.parent)!r}: {err.strerror or err}") from None
    return writable(user_target(path))


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that a crash leaves either the old file or the new one, whole.

    The bytes go to a temporary file in the same directory, are flushed and fsynced, and the file is
    renamed over `path` (atomic on POSIX and Windows); then the directory is fsynced so the rename
    itself survives a power cut.
    """
    named = Path(path)
    path = writable(named)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        old_mode = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _sweep(parent, path.name)
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    except OSError as err:
        raise SaveError(f"cannot write in {str(parent)!r}: {err.strerror or err}") from None
    try:
        if old_mode is not None:  # the file keeps its permissions; a new one is private to its owner
            os.chmod(tmp, old_mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"cannot write {str(named)!r}: {err.strerror or err}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(parent)
    return named


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a directory
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sweep(directory: Path, name: str) -> None:
    """Remove temporary files of `name` left by a killed writer: at once when no process has its id,
    else once they are _STALE old (a live writer's file lasts as long as one write)."""
    now = time.time()
    for leftover in directory.glob(f".{name}.*.tmp"):
        pid = leftover.name[len(name) + 2 :].split(".", 1)[0]
        with contextlib.suppress(OSError):
            gone = pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid))
            if gone or now - leftover.stat().st_mtime > _STALE:
                leftover.unlink()


def _alive(pid: int) -> bool:
    if os.name != "posix":  # pragma: no cover - on Windows os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # a process of another user, or a platform that cannot tell
    return True


def saved_game(spec: str) -> str:
    """The save a player named to open (`crisis play --load`, `replay`, `report`): `spec` as given if
    that file is here; a bare name (no folder) not here, that game in the saves folder (`NAME` or
    `NAME.json`), so the name the game says on quitting opens it from any folder. `#LINE` is kept."""
    file, hash_, line = spec.partition("#") if "#" in spec and not Path(spec).exists() else (spec, "", "")
    if not file or Path(file).exists() or "/" in file or os.sep in file or file.startswith("~"):
        return spec
    for name in (file, f"{file}.json"):
        if (saves_dir() / name).is_file():
            return f"{saves_dir() / name}{hash_}{line}"
    return spec


def typed_name(path: Path) -> str:
    """How a player types the save `path` to open it again: its name alone for a game in the saves
    folder (no folder is typed, so a long data folder does not wrap the command at 80 columns), unless a
    file of that name here would be opened instead; else the path."""
    path = Path(path)
    with contextlib.suppress(OSError):
        if path.resolve().parent == saves_dir().resolve() and not Path(path.name).exists():
            return path.name
    return str(path)
