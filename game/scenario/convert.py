"""Turn located YAML data into the frozen dataclasses of `game.model`, collecting every problem.

The dataclasses are the schema: their fields name the allowed keys, their type hints the allowed
values, and fields without defaults the required keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import types
import typing
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from game.conditions import ConditionError, Expr, parse
from game.model import Effect, Effects, Problem, Scenario, Source

IDENT = re.compile(r"[a-z][a-z0-9_]*\Z")
SLUG = re.compile(r"[a-z][a-z0-9_-]*\Z")
_SLUG_IDS = (Scenario, Source)
BAD: Any = object()
"""Returned for a value that could not be converted (a problem was recorded)."""

Loc = tuple[str, int, int]


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest of `choices`, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def at(obj: object, key: str = "") -> Loc:
    """Where `obj` (or its field `key`) was written: (file, line, col)."""
    locs: dict[str, Loc] = getattr(obj, "_at", {})
    return locs.get(key) or locs.get("", ("?", 1, 1))


class Converter:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(loc[0], loc[1], loc[2], message))

    def obj(self, data: Any, cls: type, loc: Loc, what: str) -> Any:
        """Build dataclass `cls` from mapping `data` found at `loc`."""
        if not isinstance(data, Mapping):
            self.error(loc, f"{what} should be a mapping of keys, not {_kind(data)}")
            return BAD
        fields, hints = _schema(cls)
        file = getattr(data, "file", loc[0])
        key_pos = getattr(data, "key_pos", {})
        val_pos = getattr(data, "val_pos", {})
        locs: dict[str, Loc] = {"": loc}
        if isinstance(data.get("id"), str):
            what = f"{_LABELS.get(cls.__name__, cls.__name__.lower())} {data['id']!r}"
        values: dict[str, Any] = {}
        broken = False
        for key, raw in data.items():
            kloc = (file, *key_pos.get(key, loc[1:]))
            if key not in fields or key in ("path", "citations", "retired"):
                hint = suggest(key, fields) or f" (allowed: {', '.join(sorted(fields))})"
                self.error(kloc, f"unknown key {key!r} in {what}{hint}")
                broken = True
                continue
            vloc = (file, *val_pos.get(key, loc[1:]))
            locs[key] = vloc
            value = self.value(raw, hints[key], vloc, f"{what}: {key!r}")
            if value is BAD:
                broken = True
            else:
                values[key] = value
        for name, f in fields.items():
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if required and name not in data:
                self.error(loc, f"{what} is missing the required key {name!r}")
                broken = True
        if "id" in values and isinstance(values["id"], str):
            pattern = SLUG if cls in _SLUG_IDS else IDENT
            if not pattern.match(values["id"]):
                rule = "letters, digits, - and _" if cls in _SLUG_IDS else "a-z, 0-9 and _"
                self.error(
                    locs["id"],
                    f"id {values['id']!r} should be lowercase {rule}, starting with a letter",
                )
                broken = True
        if broken:
            return BAD
        made = cls(**values)
        object.__setattr__(made, "_at", locs)
        return made

    def value(self, raw: Any, tp: Any, loc: Loc, what: str) -> Any:
        origin = typing.get_origin(tp)
        if tp is Effects or tp == Effects:
            return self.effects(raw, loc, what)
        if origin in (types.UnionType, typing.Union):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if raw is None:
                return None
            return self.value(raw, args[0], loc, what)
        if origin is tuple:
            item = typing.get_args(tp)[0]
            if isinstance(raw, str | int | float | dt.date) and item in (str, dt.date):
                raw = [raw]  # a single citation or date may stand alone
            if not isinstance(raw, list):
                self.error(loc, f"{what} should be a list, not {_kind(raw)}")
                return BAD
            out = []
            positions = getattr(raw, "item_pos", [])
            file = getattr(raw, "file", loc[0])
            for i, element in enumerate(raw):
                iloc = (file, *positions[i]) if i < len(positions) else loc
                out.append(self.value(element, item, iloc, f"{what}, item {i + 1}"))
            return BAD if any(v is BAD for v in out) else tuple(out)
        if origin in (Mapping, dict, typing.get_origin(Mapping[str, int])):
            ktype, vtype = typing.get_args(tp)
            if not isinstance(raw, Mapping):
                self.error(loc, f"{what} should be a mapping, not {_kind(raw)}")
                return BAD
            out_map: dict[Any, Any] = {}
            file = getattr(raw, "file", loc[0])
            for key, element in raw.items():
                kloc = (file, *getattr(raw, "key_pos", {}).get(key, loc[1:]))
                vloc = (file, *getattr(raw, "val_pos", {}).get(key, loc[1:]))
                k = self.value(key, ktype, kloc, f"key of {what}")
                v = self.value(element, vtype, vloc, f"{what}, {key!r}")
                if k is BAD or v is BAD:
                    return BAD
                out_map[k] = v
            return types.MappingProxyType(out_map)
        if tp is Expr:
            return self.expr(raw, loc, what)
        if dataclasses.is_dataclass(tp):
            return self.obj(raw, tp, loc, what)
        if isinstance(tp, type) and issubclass(tp, Enum):
            allowed = [m.value for m in tp]
            if raw not in allowed:
                word = str(raw)
                hint = suggest(word, allowed) or f" (one of: {', '.join(allowed)})"
                self.error(loc, f"{what}: {raw!r} is not allowed{hint}")
                return BAD
            return tp(raw)
        if tp is dt.date:
            if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
                return raw
            try:
                return dt.date.fromisoformat(str(raw))
            except ValueError:
                self.error(loc, f"{what} should be a date like 1962-10-22, not {raw!r}")
                return BAD
        if tp is bool:
            if isinstance(raw, bool):
                return raw
            self.error(loc, f"{what} should be true or false, not {raw!r}")
            return BAD
        if tp is int:
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            self.error(loc, f"{what} should be a whole number, not {raw!r}")
            return BAD
        if tp is float:
            if isinstance(raw, int | float) and not isinstance(raw, bool):
                return float(raw)
            self.error(loc, f"{what} should be a number, not {raw!r}")
            return BAD
        if tp is str:
            if isinstance(raw, str):
                return raw
            self.error(loc, f"{what} should be text, not {_kind(raw)} {raw!r}")
            return BAD
        raise TypeError(f"no conversion for {tp!r}")  # a bug in the model, not in a scenario

    def expr(self, raw: Any, loc: Loc, what: str) -> Any:
        if not isinstance(raw, str | int | float | bool):
            self.error(loc, f"{what} should be an expression, not {_kind(raw)}")
            return BAD
        try:
            made = parse(raw)
        except ConditionError as err:
            # a plain scalar starts at loc; a quoted one one column later
            self.error((loc[0], loc[1], loc[2] + err.col), f"{what}: {err}")
            return BAD
        object.__setattr__(made, "_at", {"": loc})
        return made

    def effects(self, raw: Any, loc: Loc, what: str) -> Any:
        if not isinstance(raw, Mapping):
            self.error(loc, f"{what} should be a mapping of track or flag to change")
            return BAD
        out: list[Effect] = []
        file = getattr(raw, "file", loc[0])
        for name, change in raw.items():
            vloc = (file, *getattr(raw, "val_pos", {}).get(name, loc[1:]))
            if isinstance(change, bool):
                effect = Effect(name, value=change)
            elif isinstance(change, int):
                effect = Effect(name, delta=change)
            elif isinstance(change, str) and re.fullmatch(r"=\s*-?\d+", change.strip()):
                effect = Effect(name, value=int(change.strip()[1:]))
            else:
                self.error(
                    vloc,
                    f"effect on {name!r} should be +N/-N (change a track), '=N' (set a track) "
                    f"or true/false (set a flag), not {change!r}",
                )
                return BAD
            object.__setattr__(effect, "_at", {"": (file, *getattr(raw, "key_pos", {}).get(name, loc[1:]))})
            out.append(effect)
        return tuple(out)


@functools.cache
def _schema(cls: type) -> tuple[dict[str, dataclasses.Field], dict[str, Any]]:
    """The keys a dataclass allows, and their types."""
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.name.startswith("_")}
    return fields, typing.get_type_hints(cls)


_LABELS = {"Scenario": "scenario", "Source": "source"}


def _kind(raw: Any) -> str:
    if isinstance(raw, Mapping):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    if raw is None:
        return "nothing"
    if isinstance(raw, bool):
        return "true/false"
    if isinstance(raw, int | float):
        return "a number"
    return "text"
