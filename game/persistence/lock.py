"""One game at a time on a save: a lock file beside it, held with an advisory lock while a game plays.

The lock file (`.NAME.lock` beside `NAME`) says who holds it (process id, host, since when); the
operating system's advisory lock on it (flock, or msvcrt on Windows) is what counts, and the system
lets it go when the process ends in any way, `kill -9` included. So a lock file left by a crash
blocks nothing: the next game takes it over. A clean quit removes the file (`release_all`).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.persistence.files import SaveError


@dataclass(frozen=True)
class Holder:
    """Who holds a save's lock, as its lock file says."""

    pid: int
    host: str
    since: str
    """UTC, 'YYYY-MM-DD HH:MM'."""

    def __str__(self) -> str:
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"process {self.pid}{where}, since {self.since} UTC"


class InUse(SaveError):
    """The save is open in another game; `holder` says which."""

    def __init__(self, save: Path, holder: Holder) -> None:
        super().__init__(f"{save} is open in another game ({holder})")
        self.save, self.holder = save, holder


def lock_file(save: Path) -> Path:
    return save.with_name(f".{save.name}.lock")


_held: dict[Path, int] = {}
"""The saves this process holds, by absolute path: the lock file's descriptor."""


def _key(save: str | Path) -> Path:
    return Path(os.path.abspath(Path(save).expanduser()))


def holds(save: str | Path) -> bool:
    """This process holds `save`'s lock."""
    return _key(save) in _held


def hold(save: str | Path) -> None:
    """Hold `save`'s lock until `release` (or the process ends); InUse if another process holds it.
    Holding it already is not an error. A folder that cannot take a lock file (read-only) holds none:
    the save itself will then say why it cannot be written."""
    key = _key(save)
    if key in _held:
        return
    path = lock_file(key)
    for _ in range(5):  # the file may be removed by its holder between open and lock: open it again
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return
        if not _lock(fd):
            holder = _read(fd)
            os.close(fd)
            raise InUse(key, holder)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if not same:
            os.close(fd)
            continue
        since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
        text = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since})
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text.encode())
        _held[key] = fd
        return


def left_open(save: str | Path) -> Holder | None:
    """Who had `save` open when its game ended without quitting (killed, crashed, the machine off): its
    lock file is there and no process holds it. None when there is no lock file, or a game (this one
    too) holds it. Nothing is changed: the next game to open the save takes the file over."""
    key = _key(save)
    if key in _held:
        return None
    try:
        fd = os.open(lock_file(key), os.O_RDWR)
    except OSError:
        return None
    try:
        return _read(fd) if _lock(fd) else None
    finally:
        os.close(fd)  # and with it the lock just taken


def release(save: str | Path) -> None:
    """Let `save` go: its lock file removed, then its lock (a no-op if this process does not hold it)."""
    fd = _held.pop(_key(save), None)
    if fd is None:
        return
    with contextlib.suppress(OSError):
        os.unlink(lock_file(_key(save)))
    with contextlib.suppress(OSError):
        os.close(fd)


def release_all(keep: str | Path | None = None) -> None:
    """Let every save go but `keep` (the one the game now in play writes)."""
    kept = _key(keep) if keep is not None else None
    for key in [k for k in _held if k != kept]:
        release(key)


atexit.register(release_all)


def _lock(fd: int) -> bool:
    """Take the advisory lock on `fd` without waiting; False if another process has it."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks: trust the file's process id, if it is this host's
        holder = _read(fd)
        return not (holder.host == socket.gethostname() and holder.pid != os.getpid() and _alive(holder.pid))
    return True


def _read(fd: int) -> Holder:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Holder(0, "an unknown host", "an unknown time")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
