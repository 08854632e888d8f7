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
"""The modules the build compiles: the turn's resolution and what it calls on every turn.

Tried and left out because they bought nothing measurable (docs/scaling.md, "The compiled engine"):
the rest of the engine a view reads (word, history, endings, war_orders) with the random policy, and
the negotiator's look-ahead and values (game/ai: planner, values, counterpart, story, tricks,
crossing, objectives, names, answers, together). Compiled code gains little where its time goes to
the attributes and calls of objects that are not compiled. Those cannot be: state.py and match.py
build values without __init__ (a compiled class has no __dict__); conditions.py and diplomacy.py
build on model.Record (it writes a class's __dict__); the state's letters are dataclasses cattrs
reads (it cannot read a compiled one's fields); transitions adds methods to machine.py's model; and
Negotiator inherits three classes (seat, bundles, writing, deeds), where a compiled class has one."""


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
