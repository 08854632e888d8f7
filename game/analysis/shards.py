"""Shards of one explore study merged into its table: counts added, exactly as one run would give.

A shard (`explore(..., shard=(I, N))`, `crisis explore --shard I/N -o part.json`) plays a slice of
the runs; run seeds depend only on the study's seed and the run's number, so the N tables add up to
the table of the whole study, whichever machines played them and in whatever order.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from game.model import CrisisError

_SAME = ("scenario", "turn", "date", "phase", "seed", "policies", "played", "runs_total")
"""What every shard of one study has in common."""
_ROW_SAME = ("side", "moves", "letters", "played", "historical")


def merge(parts: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """The whole study's table from its shards, given as (name, `Exploration.to_dict()`) pairs.

    Raises CrisisError naming the part when one is not a shard, belongs to another study, is given
    twice, or when a shard is missing.
    """
    if not parts:
        raise CrisisError("no shards to merge")
    first_name, first = parts[0]
    for name, doc in parts:
        _check_shard(name, doc)
    of = first["shard"][1]
    seen: dict[int, str] = {}
    for name, doc in parts:
        for key in _SAME:
            if doc[key] != first[key]:
                raise CrisisError(
                    f"{name}: another study than {first_name} ({key} {doc[key]!r}, not {first[key]!r})"
                )
        index, n = doc["shard"]
        if n != of:
            raise CrisisError(f"{name}: shard {index}/{n}, but {first_name} is one of {of}")
        if index in seen:
            raise CrisisError(f"{name}: shard {index}/{of} is given twice (also {seen[index]})")
        seen[index] = name
        rows = doc["alternatives"]
        if len(rows) != len(first["alternatives"]) or any(
            r[k] != f[k] for r, f in zip(rows, first["alternatives"], strict=True) for k in _ROW_SAME
        ):
            raise CrisisError(f"{name}: its alternatives differ from {first_name}'s")
    missing = sorted(set(range(1, of + 1)) - seen.keys())
    if missing:
        names = ", ".join(f"{i}/{of}" for i in missing)
        raise CrisisError(f"shard(s) {names} missing: every shard is needed")
    runs = sum(doc["runs"] for _, doc in parts)
    if runs != first["runs_total"]:
        want = first["runs_total"]
        raise CrisisError(f"the shards hold {runs} runs per alternative, not the study's {want}")
    out = {k: v for k, v in first.items() if k not in ("shard", "runs_total", "alternatives")}
    out["runs"] = runs
    out["alternatives"] = []
    for i, row in enumerate(first["alternatives"]):
        endings: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for _, doc in parts:
            endings.update(doc["alternatives"][i]["endings"])
            kinds.update(doc["alternatives"][i]["kinds"])
        merged = {k: row[k] for k in _ROW_SAME}
        merged["endings"] = _ordered(endings)
        merged["kinds"] = _ordered(kinds)
        out["alternatives"].append(merged)
    return out


def _ordered(counts: Counter[str]) -> dict[str, int]:
    """Most frequent first, then by name: the order `explore` gives its rows."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _check_shard(name: str, doc: Any) -> None:
    if not isinstance(doc, dict) or "shard" not in doc:
        raise CrisisError(f"{name}: not an explore shard (made by crisis explore --shard I/N -o FILE)")
    try:
        index, of = doc["shard"]
        ok = isinstance(index, int) and isinstance(of, int) and isinstance(doc["runs"], int)
        ok = ok and all(k in doc for k in _SAME) and isinstance(doc["alternatives"], list)
        ok = ok and all(
            isinstance(r, dict) and all(k in r for k in (*_ROW_SAME, "endings", "kinds"))
            for r in doc["alternatives"]
        )
    except (TypeError, ValueError, KeyError):
        ok = False
    if not ok:
        raise CrisisError(f"{name}: a damaged explore shard")
