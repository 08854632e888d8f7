"""The checked scenario kept between runs, so that a second start skips reading, converting and linting.

An entry is trusted only when all of these hold, and is otherwise ignored (and rebuilt by the
loader), never an error:

- it starts with `MAGIC` and this module's `FORMAT`;
- its HMAC-SHA256, keyed with a secret the store keeps for this user (see `Store.secret`), matches:
  a file someone else planted or copied into the cache folder has no valid tag, so it is never
  unpickled;
- it was written by this very code: `code_version()` hashes the game's version and the source of
  every module that shapes a Scenario (a change to the model, the converter or the lint makes every
  old entry a stranger);
- every file the loader read (the scenario, what it `extends`, the seeds notes it cites) still has
  the same bytes, and every file it looked for and did not find is still absent.

Even then the body is unpickled by an unpickler that builds only the game's own value classes, dates,
read-only mappings and conditions, and a condition's code is compiled from its source again by
`conditions.parse` when it is first used, never taken from the file.

The files themselves are read and written by a `Store` (game/persistence/scenario_cache.py), which
the command line installs; without one, nothing is cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import pickle
import types
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from game import __version__
from game.conditions import Expr, deferred
from game.safe_read import Refused, read_regular

if TYPE_CHECKING:
    from game.model import Scenario

MAGIC = b"missile-crisis scenario cache\n"
FORMAT = 1
MAX_BYTES = 32 << 20
"""The largest entry read back (the campaign's is about 400 KB)."""
_SOURCES = (
    *("model.py", "tracks.py", "aims.py", "injects.py", "diplomacy.py", "sides.py", "conditions.py"),
    "record.py",
    "scenario/*.py",
)
"""The game's modules whose code decides what a loaded Scenario is."""
_CLASSES = {
    "game.model": None,
    "game.tracks": None,
    "game.aims": None,
    "game.injects": None,
    "game.diplomacy": None,
    "game.sides": None,
    "datetime": {"date"},
    __name__: {"_proxy", "_expr"},
}
"""What an entry may ask the unpickler to build: None stands for every class the module defines."""


class Store(Protocol):
    """Where entries live: the command line installs one from game.persistence."""

    def read(self, name: str) -> bytes | None:
        """The entry's bytes, or None (absent or unreadable)."""

    def write(self, name: str, data: bytes) -> None:
        """Keep the entry; a failure is not an error (the next start loads the slow way)."""

    def secret(self) -> bytes:
        """This user's key for the entries' tags (made once, kept private)."""


_store: Store | None = None
_reads: ContextVar[list[tuple[str, str | None]] | None] = ContextVar("_reads", default=None)


def install(store: Store | None) -> None:
    """Cache scenarios in `store` from now on (None: stop caching)."""
    global _store
    _store = store


def installed() -> Store | None:
    return _store


@cache
def code_version() -> str:
    """A hash of the game's version, this format, and the source of every module that makes a Scenario."""
    h = hashlib.sha256(f"{__version__}\n{FORMAT}\n".encode())
    root = Path(__file__).resolve().parents[1]
    for pattern in _SOURCES:
        for path in sorted(root.glob(pattern)):
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _read(path: str) -> bytes | None:
    try:
        return read_regular(path, MAX_BYTES, "file")
    except Refused:
        return None


# ---- what the loader read ---------------------------------------------------------------------


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[str, str | None]]]:
    """Collect (path, digest of its bytes or None when absent) for every file the loader touches."""
    reads: list[tuple[str, str | None]] = []
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def note(path: str | Path, data: bytes | None) -> None:
    """The loader read `data` from `path` (None: looked for it and found none)."""
    reads = _reads.get()
    if reads is not None:
        reads.append((str(path), _digest(data)))


# ---- entries ----------------------------------------------------------------------------------


def entry_name(path: Path) -> str:
    """The entry for the scenario at `path` (as named, and where it resolves) under this code."""
    key = f"{code_version()}\n{path}\n{path.resolve()}".encode()
    return hashlib.sha256(key).hexdigest()[:32] + ".scenario"


def fetch(path: Path) -> Scenario | None:
    """The cached scenario for `path` if a sound, current entry holds it, else None."""
    store = _store
    if store is None:
        return None
    try:
        blob = store.read(entry_name(path))
        return None if blob is None else unpack(blob, store.secret(), path)
    except Exception:  # noqa: BLE001 - a damaged entry is only a slower start
        return None


def keep(path: Path, reads: list[tuple[str, str | None]], scenario: Scenario) -> None:
    """Store `scenario`, loaded from `path` after `reads`; a failure only means a slower next start."""
    store = _store
    if store is None:
        return
    with contextlib.suppress(Exception):
        store.write(entry_name(path), pack(scenario, reads, store.secret()))


def _tag(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, code_version().encode() + b"\0" + body, hashlib.sha256).digest()


def pack(scenario: Scenario, reads: list[tuple[str, str | None]], secret: bytes) -> bytes:
    """The entry's bytes: magic and format, the tag, then the pickled (code version, reads, scenario)."""
    out = io.BytesIO()
    _Pickler(out, protocol=5).dump((code_version(), tuple(reads), scenario))
    body = out.getvalue()
    return MAGIC + f"{FORMAT}\n".encode() + _tag(secret, body) + body


def unpack(blob: bytes, secret: bytes, path: Path) -> Scenario | None:
    """The scenario in `blob`, or None if the entry is not sound, not this code's, or stale."""
    head = MAGIC + f"{FORMAT}\n".encode()
    if not blob.startswith(head):
        return None
    tag, body = blob[len(head) : len(head) + 32], blob[len(head) + 32 :]
    if not hmac.compare_digest(tag, _tag(secret, body)):
        return None
    version, reads, scenario = _Unpickler(io.BytesIO(body)).load()
    from game.model import Scenario  # loaded by now if the entry holds one; kept off the import path

    if version != code_version() or not isinstance(scenario, Scenario):
        return None
    for name, digest in reads:
        if _digest(_read(name)) != digest:
            return None  # a file it was read from changed, appeared or went away
    object.__setattr__(scenario, "path", str(path))
    return scenario


def _proxy(data: dict) -> types.MappingProxyType:
    return types.MappingProxyType(data)


def _expr(source: str, names: frozenset[str]) -> Expr:
    return deferred(source, names)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.MappingProxyType):
            return _proxy, (dict(obj),)
        if isinstance(obj, Expr):
            return _expr, (obj.source, obj.names)  # the source, never the compiled code
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in _CLASSES:
            allowed = _CLASSES[module]
            if (allowed is None and not name.startswith("_")) or (allowed is not None and name in allowed):
                found = super().find_class(module, name)
                if allowed is not None or (isinstance(found, type) and found.__module__ == module):
                    return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a scenario cache")
