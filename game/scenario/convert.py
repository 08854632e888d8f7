"""Turn located YAML data into the frozen dataclasses of `game.model`, collecting every problem.

The dataclasses are the schema: their fields name the allowed keys, their type hints the allowed
values, and fields without defaults the required keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import math
import re
import reprlib
import types
import typing
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

from game.conditions import ConditionError, Expr, parse
from game.model import DateRange, Effect, Effects, Event, Phase, Problem, Scenario, Source

if typing.TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")
D = TypeVar("D", bound="DataclassInstance")

IDENT = re.compile(r"[a-z][a-z0-9_]*\Z")
SLUG = re.compile(r"[a-z][a-z0-9_-]*\Z")
_SLUG_IDS = (Scenario, Source)
BAD: Any = object()
"""Returned for a value that could not be converted (a problem was recorded)."""

Loc = tuple[str, int, int]

BIGGEST = 10**9
"""No whole number in a scenario is larger (a larger one is a slip of the keyboard)."""
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
"""Every date of a scenario falls in these years."""
LONGEST = 3660
"""Days a span of dates may cover (ten years): a phase's turns are laid out over it."""
_RANGES: dict[tuple[type, str], tuple[float, float]] = {
    (Phase, "step"): (1, 366),
    (Event, "chance"): (0, 1),
}
"""Fields with a narrower range than their type; for an expression, its value when it is a number."""

_quoter = reprlib.Repr()
_quoter.maxstring, _quoter.maxother, _quoter.maxlevel = 80, 80, 3
_quoter.maxlist = _quoter.maxtuple = _quoter.maxdict = _quoter.maxset = 6


def quote(value: Any) -> str:
    """`repr(value)`, cut short: an error message quotes at most about a line of the bad input."""
    return _quoter.repr(value)


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest of `choices`, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def at(obj: object, key: str = "") -> Loc:
    """Where `obj` (or its field `key`) was written: (file, line, col)."""
    locs = locations(obj)
    return locs.get(key) or locs.get("", ("?", 1, 1))


# Where each value was written rides on the value itself, outside its fields (it is not part of the
# value, compares equal across files, and every kind of value the converter builds has it): these
# three functions are the only ones that touch it.


def locations(obj: object) -> dict[str, Loc]:
    """Where `obj` and its fields were written ({'': the value's own place, field: its place})."""
    found: dict[str, Loc] = getattr(obj, "_at", {})
    return found


def locate(obj: T, locs: dict[str, Loc]) -> T:
    """`obj`, noted as written at `locs` (see `locations`)."""
    object.__setattr__(obj, "_at", locs)
    return obj


def replaced(obj: D, **changes: Any) -> D:
    """`dataclasses.replace(obj, **changes)`, still noted as written where `obj` was."""
    return locate(dataclasses.replace(obj, **changes), locations(obj))


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
            what = f"{_LABELS.get(cls.__name__, cls.__name__.lower())} {quote(data['id'])}"
        values: dict[str, Any] = {}
        broken = False
        file_of = getattr(data, "file_of", lambda _: file)
        for key, raw in data.items():
            kloc = (file_of(key), *key_pos.get(key, loc[1:]))
            if key not in fields or key in ("path", "files", "citations", "retired"):
                hint = suggest(key, fields) or f" (allowed: {', '.join(sorted(fields))})"
                self.error(kloc, f"unknown key {quote(key)} in {what}{hint}")
                broken = True
                continue
            vloc = (file_of(key), *val_pos.get(key, loc[1:]))
            locs[key] = vloc
            value = self.value(raw, hints[key], vloc, f"{what}: {quote(key)}")
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
                    f"id {quote(values['id'])} should be lowercase {rule}, starting with a letter",
                )
                broken = True
        for key, value in values.items():
            bounds = _RANGES.get((cls, key))
            number = _constant(value) if bounds else None
            if bounds and number is not None and not bounds[0] <= number <= bounds[1]:
                low, high = (f"{b:g}" for b in bounds)
                self.error(locs[key], f"{what}: {key!r} should be from {low} to {high}, not {number:g}")
                broken = True
        if cls is DateRange and not broken:
            start, end = values["start"], values["end"]
            if end < start:
                self.error(locs["end"], f"{what} ends ({end}) before it starts ({start})")
                broken = True
            elif (end - start).days > LONGEST:
                self.error(locs["end"], f"{what} spans {(end - start).days:,} days; at most {LONGEST:,}")
                broken = True
        if broken:
            return BAD
        return locate(cls(**values), locs)

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
            file_of = getattr(raw, "file_of", lambda _: loc[0])
            for i, element in enumerate(raw):
                iloc = (file_of(i), *positions[i]) if i < len(positions) else loc
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
                v = self.value(element, vtype, vloc, f"{what}, {quote(key)}")
                if k is BAD or v is BAD:
                    return BAD
                out_map[k] = v
            return types.MappingProxyType(out_map)
        if tp is Expr:
            return self.expr(raw, loc, what)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return self.obj(raw, tp, loc, what)
        if isinstance(tp, type) and issubclass(tp, Enum):
            allowed = [m.value for m in tp]
            if not isinstance(raw, str) or raw not in allowed:
                word = raw if isinstance(raw, str) else ""
                hint = suggest(word[:100], allowed) or f" (one of: {', '.join(allowed)})"
                self.error(loc, f"{what}: {quote(raw)} is not allowed{hint}")
                return BAD
            return tp(raw)
        if tp is dt.date:
            day = _date(raw)
            if day is None:
                self.error(loc, f"{what} should be a date like 1962-10-22, not {quote(raw)}")
                return BAD
            if not FIRST_DAY <= day <= LAST_DAY:
                self.error(loc, f"{what}: {day} is not between {FIRST_DAY.year} and {LAST_DAY.year}")
                return BAD
            return day
        if tp is bool:
            if isinstance(raw, bool):
                return raw
            self.error(loc, f"{what} should be true or false, not {quote(raw)}")
            return BAD
        if tp is int:
            if not isinstance(raw, int) or isinstance(raw, bool):
                self.error(loc, f"{what} should be a whole number, not {quote(raw)}")
                return BAD
            if abs(raw) > BIGGEST:
                self.error(loc, f"{what}: {quote(raw)} is too large (at most {BIGGEST:,})")
                return BAD
            return raw
        if tp is float:
            if not isinstance(raw, int | float) or isinstance(raw, bool):
                self.error(loc, f"{what} should be a number, not {quote(raw)}")
                return BAD
            if isinstance(raw, int) and abs(raw) > BIGGEST or not math.isfinite(raw):
                self.error(loc, f"{what}: {quote(raw)} is not a number a scenario can use")
                return BAD
            return float(raw)
        if tp is str:
            if isinstance(raw, str):
                return raw
            self.error(loc, f"{what} should be text, not {_kind(raw)} {quote(raw)}")
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
        number = _constant(made)
        if number is not None and not math.isfinite(number):
            self.error(loc, f"{what}: {quote(raw)} is not a number a scenario can use")
            return BAD
        return locate(made, {"": loc})

    def effects(self, raw: Any, loc: Loc, what: str) -> Any:
        if not isinstance(raw, Mapping):
            self.error(loc, f"{what} should be a mapping of track or flag to change")
            return BAD
        out: list[Effect] = []
        file = getattr(raw, "file", loc[0])
        for name, change in raw.items():
            vloc = (file, *getattr(raw, "val_pos", {}).get(name, loc[1:]))
            if not isinstance(name, str):
                self.error(vloc, f"{what}: an effect names a track or flag, not {quote(name)}")
                return BAD
            if isinstance(change, bool):
                effect = Effect(name, value=change)
            elif isinstance(change, int) and abs(change) <= BIGGEST:
                effect = Effect(name, delta=change)
            elif isinstance(change, str) and re.fullmatch(r"=\s*-?\d+", change.strip()):
                effect = Effect(name, value=int(change.strip()[1:]))
            else:
                self.error(
                    vloc,
                    f"effect on {name!r} should be +N/-N (change a track), '=N' (set a track) "
                    f"or true/false (set a flag), not {quote(change)}",
                )
                return BAD
            out.append(locate(effect, {"": (file, *getattr(raw, "key_pos", {}).get(name, loc[1:]))}))
        return tuple(out)


def _date(raw: Any) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return None
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str) and len(raw) <= 10:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return None
    return None


def _constant(value: Any) -> float | None:
    """The number `value` is: itself, or an expression that reads nothing; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, Expr) and not value.names:
        try:
            result = value({})
        except (ArithmeticError, TypeError, ValueError):
            return None
        return None if isinstance(result, bool) else float(result)
    return None


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
