"""Where saves live, and the only code that writes them: atomic writes (temporary file, fsync, rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from game.model import CrisisError

APP = "missile-crisis"
ENV_DIR = "CRISIS_DATA_DIR"
_STALE = 3600.0
"""Seconds after which a leftover temporary file (from a process killed mid-write) is removed."""


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


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a SaveError saying why they cannot be had."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"no save file {str(path)!r}") from None
    except IsADirectoryError:
        raise SaveError(f"{str(path)!r} is a directory, not a save file") from None
    except OSError as err:
        raise SaveError(f"cannot read {str(path)!r}: {err.strerror or err}") from None


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that a crash leaves either the old file or the new one, whole.

    The bytes go to a temporary file in the same directory, are flushed and fsynced, and the file is
    renamed over `path` (atomic on POSIX and Windows); then the directory is fsynced so the rename
    itself survives a power cut.
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _sweep(parent, path.name)
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise SaveError(f"cannot write in {str(parent)!r}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"cannot write {str(path)!r}: {err.strerror or err}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(parent)
    return path


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
    """Remove temporary files of `name` left by a writer killed long ago (not a live one)."""
    now = time.time()
    for leftover in directory.glob(f".{name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _STALE:
                leftover.unlink()
