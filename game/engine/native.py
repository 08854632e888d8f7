"""Which of the engine's hot modules run compiled (the optional mypyc build), and whether any is stale.

The build is never needed: without it every module is the pure-Python one. `bench/native.py` builds
it (into a copy to measure it, or in place with `make native`) and removes it (`make native-clean`).
"""

from __future__ import annotations

import importlib
import os

HOT = (
    "game.engine.chance",
    "game.engine.gates",
    "game.engine.work",
    "game.engine.rules",
    "game.engine.negotiation",
    "game.engine.trail",
)
"""The modules the build compiles: the turn's resolution and what it calls on every turn. Not
state.py or match.py, whose values are built without __init__ (a compiled class has no __dict__)."""


def compiled() -> tuple[str, ...]:
    """The modules of HOT that were loaded from a compiled extension, not from their source."""
    return tuple(name for name in HOT if not (importlib.import_module(name).__file__ or "").endswith(".py"))


def stale() -> tuple[str, ...]:
    """The compiled modules older than their source: Python would load them in its place."""
    out = []
    for name in compiled():
        built = importlib.import_module(name).__file__ or ""
        source = os.path.join(os.path.dirname(built), name.rsplit(".", 1)[1] + ".py")
        if os.path.exists(source) and os.path.getmtime(source) > os.path.getmtime(built):
            out.append(name)
    return tuple(out)
