"""Read a file a user named, safely: only a regular file, never blocking, never more than a limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Refused(OSError):
    """A file that is not read: missing, not a regular file, too large, or unreadable; `str` says why."""


def read_regular(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.

    A FIFO, a device (`/dev/zero`), a socket or a directory is refused without reading from it or
    waiting on it: the file is opened non-blocking and checked with fstat before any read. A file
    larger than `limit` is refused whole, having read at most `limit + 1` bytes.
    """
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise Refused(f"no {what} {name!r}") from None
    except IsADirectoryError:
        raise Refused(f"{name!r} is a folder, not a {what}") from None
    except OSError as err:
        raise Refused(f"cannot read {name!r}: {err.strerror or err}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise Refused(f"{name!r} is a folder, not a {what}")
        if not stat.S_ISREG(mode):
            kind = "a pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) else "not a file"
            raise Refused(f"{name!r} is {kind}, not a regular {what}; it was not read")
        if os.fstat(fd).st_size > limit:
            raise Refused(f"{name!r} is larger than a {what} can be ({_size(limit)}); it was not read")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise Refused(f"{name!r} is larger than a {what} can be ({_size(limit)}); it was not read")
        return b"".join(chunks)
    except Refused:
        raise
    except OSError as err:
        raise Refused(f"cannot read {name!r}: {err.strerror or err}") from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n / (1 << 20):g} MB" if n >= 1 << 20 else f"{n / 1024:g} KB"
