"""The endings gallery: which endings this player has reached, remembered across games in a JSON file."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.persistence.files import SaveError, data_dir, write_atomic

FILE = "gallery.json"


@dataclass(frozen=True)
class Reached:
    """One ending as the gallery remembers it."""

    ending: str
    times: int
    first: str
    """ISO date (of the real world) when first reached."""
    sides: tuple[str, ...]
    """The sides played when it was reached."""


class Gallery:
    """Reads and writes the gallery; a directory that cannot be written only means nothing is kept."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or data_dir()) / FILE
        self.error: str | None = None
        """Why the last read or write failed, if it did."""

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            self.error = f"could not read {self.path}: {err}"
            return {}
        return data if isinstance(data, dict) else {}

    def reached(self, scenario: str) -> dict[str, Reached]:
        """The endings of `scenario` reached so far, by id."""
        out = {}
        entries = self._load().get(scenario, {})
        if not isinstance(entries, dict):
            return {}
        for ending, e in entries.items():
            try:
                out[ending] = Reached(ending, int(e["times"]), str(e["first"]), tuple(e.get("sides", ())))
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def record(self, scenario: str, ending: str, sides: list[str], today: dt.date | None = None) -> bool:
        """Remember that `ending` was reached; False (and `error` set) if it could not be written."""
        data = self._load()
        entries = data.setdefault(scenario, {})
        if not isinstance(entries, dict):
            entries = data[scenario] = {}
        e = entries.get(ending)
        if not isinstance(e, dict):
            e = {"times": 0, "first": (today or dt.date.today()).isoformat(), "sides": []}
        e["times"] = int(e.get("times", 0)) + 1
        e["sides"] = sorted(set(e.get("sides", [])) | set(sides))
        entries[ending] = e
        try:
            write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode())
        except SaveError as err:
            self.error = f"could not save the endings gallery: {err}"
            return False
        self.error = None
        return True
