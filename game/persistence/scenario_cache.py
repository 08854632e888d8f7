"""The files of the scenario cache (game/scenario/cache.py): its folder, its entries and this user's key."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from game.persistence.files import APP, ENV_DIR, SaveError, write_atomic
from game.safe_read import Refused, read_regular
from game.scenario import cache

ENV_CACHE = "CRISIS_CACHE_DIR"
"""Overrides the cache folder; `off` turns the cache off."""
KEY = "scenario-cache.key"
"""In the data folder (not the cache folder, which may be shared or copied): the tags' key."""


def cache_dir() -> Path | None:
    """Where entries go: CRISIS_CACHE_DIR, else `cache/` in CRISIS_DATA_DIR when that is set (a
    sandbox keeps its cache), else the user's cache folder (platformdirs); None when turned off."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return None if env == "off" else Path(env)
    data = os.environ.get(ENV_DIR)
    if data:
        return Path(data) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def _key_dir() -> Path:
    from game.persistence.files import data_dir

    return data_dir()


class FileStore:
    """Entries as files in `folder`, written atomically; the key in the data folder, private to the user."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._secret: bytes | None = None

    def read(self, name: str) -> bytes | None:
        try:
            return read_regular(self.folder / name, cache.MAX_BYTES, "cache entry")
        except Refused:
            return None

    def write(self, name: str, data: bytes) -> None:
        with contextlib.suppress(SaveError, OSError):
            write_atomic(self.folder / name, data)

    def secret(self) -> bytes:
        if self._secret is None:
            path = _key_dir() / KEY
            try:
                key = read_regular(path, 1024, "key")
            except Refused:
                key = b""
            if len(key) < 32:  # none yet (or a damaged one): make it; new files are private (0600)
                key = secrets.token_bytes(32)
                write_atomic(path, key)
            self._secret = key
        return self._secret


def install() -> None:
    """Cache checked scenarios from now on (nothing when the cache is turned off)."""
    folder = cache_dir()
    cache.install(FileStore(folder) if folder is not None else None)
