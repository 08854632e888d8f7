"""The bundled scenarios, found by id or by path, each loaded once."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import CrisisError

if TYPE_CHECKING:
    from game.model import Scenario

DEFAULT = "cuban-missile-crisis"


def scenario_dir() -> Path:
    """Where the bundled scenarios live (CRISIS_SCENARIOS overrides)."""
    env = os.environ.get("CRISIS_SCENARIOS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "scenarios"


def bundled() -> list[Path]:
    """The bundled scenario files, campaign first."""
    files = sorted(scenario_dir().glob("*.yaml"))
    return sorted(files, key=lambda p: (p.stem != DEFAULT, p.stem))


def resolve(name: str) -> Path:
    """A scenario id of a bundled file, or a path to any scenario file."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or os.sep in name:
        if path.is_file():
            return path
        if path.exists():
            raise CrisisError(f"{name!r} is not a regular file; a scenario is a YAML file")
        raise CrisisError(f"no scenario file {name!r}")
    for candidate in bundled():
        if candidate.stem == name:
            return candidate
    from game.scenario.convert import suggest  # the converter pulls in the model: only for this error

    ids = [p.stem for p in bundled()]
    raise CrisisError(f"no scenario {name!r}{suggest(name, ids)}; bundled: {', '.join(ids)}")


@cache
def _load_cached(path: Path, mtime: float) -> Scenario:
    from game.scenario.load import load  # the loader (YAML, the model) waits for the first scenario read

    return load(path)


def get(name: str = DEFAULT) -> Scenario:
    """Load (once) the scenario named by id or path."""
    path = resolve(name).resolve()
    return _load_cached(path, path.stat().st_mtime)
