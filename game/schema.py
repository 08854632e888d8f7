"""One converter between the game's frozen dataclasses and JSON-ready data (cattrs), strict on load.

Every value the game writes (a state, a move, a letter, an agreement, a save document) is a dataclass,
and this module is the only place that says how one becomes plain data and back: `dump` and `load`.
`load` checks types strictly (no "3" for 3, no text for a list) and its error names the path of the
bad field, e.g. `'lines[0].moves[3].move.letter.gives[0].term' should be text, not 3`.

A type whose JSON differs from its fields (a field left out when it holds its default, a mapping kept
as pairs) says so with `shape(cls, ...)` next to its definition, once.

The converter (and cattrs with it, ~30 ms of CPU and 40 modules) is built on the first `dump`, `load`
or `without` call, not at import: the engine's modules declare their shapes as they are imported, and
a cold start that reaches its first screen without saving or loading anything never pays for it. The
declarations are kept in order and applied in that order when the converter is built, so the hooks
are the ones an eager converter would have had.
"""

from __future__ import annotations

import dataclasses
import threading
import types
import typing
from collections.abc import Callable, Iterable
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from game.model import CrisisError

if TYPE_CHECKING:
    from cattrs import Converter

T = TypeVar("T")


class SchemaError(CrisisError):
    """Data that does not have the shape of the value asked for; the message names the bad field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "not the expected shape")
        self.problems = problems


def dump(value: Any, as_: Any = None) -> Any:
    """`value` as JSON-ready data: dicts, lists, text, numbers, booleans and None."""
    return (_converter or converter()).unstructure(value, unstructure_as=as_)


def load(data: Any, kind: type[T], path: str = "") -> T:
    """`data` (as `dump` makes it) as a value of `kind`, or a SchemaError naming the first bad field.

    `path` is put before each field's path (e.g. 'lines[0].moves[3].move').
    """
    conv = _converter or converter()
    from cattrs import ClassValidationError, IterableValidationError, transform_error

    try:
        return conv.structure(data, kind)
    except (ClassValidationError, IterableValidationError) as err:
        problems = transform_error(err, path="$", format_exception=_describe)
        raise SchemaError([_where(p, path) for p in problems]) from None
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise SchemaError([_where(f"{_describe(err, kind)} @ $", path)]) from None


def shape(
    cls: type,
    *,
    omit_default: tuple[str, ...] = (),
    omit: tuple[str, ...] = (),
    **fields: tuple[Callable, Callable],
) -> None:
    """Declare how `cls` differs from a plain dict of its fields.

    `omit_default` fields are left out of the dict while they hold their default (and take it when
    missing); `omit` fields never go in it (a cache); each of `fields` maps a field name to
    (to_data, from_data) for a field kept in another form, e.g. pairs kept as a JSON object.
    """

    def step(conv: Converter) -> None:
        _shape(conv, cls, omit_default, omit, fields)

    _declare(step)


def _shape(
    conv: Converter,
    cls: type,
    omit_default: tuple[str, ...],
    omit: tuple[str, ...],
    fields: dict[str, tuple[Callable, Callable]],
) -> None:
    from cattrs.gen import override

    un: dict[str, Any] = {name: override(omit_if_default=True) for name in omit_default}
    un.update({name: override(omit=True) for name in omit})
    st: dict[str, Any] = {}
    for name, (to_data, from_data) in fields.items():
        un[name] = override(unstruct_hook=to_data)
        st[name] = override(struct_hook=_ignoring_type(from_data))
    conv.register_unstructure_hook(cls, _unstructure_fn(cls, conv, **un))
    conv.register_structure_hook(cls, _object(_structure_fn(cls, conv, **st)))


def without(cls: type, *names: str) -> Callable[[Any], dict[str, Any]]:
    """A dumper of `cls` that leaves the fields `names` out (e.g. a digest without the log).

    Made where it is declared in the order of shapes (so with the hooks declared before it), on the
    converter's first use.
    """
    made: list[Callable[[Any], dict[str, Any]]] = []

    def step(conv: Converter) -> None:
        from cattrs.gen import override

        hook = conv.get_unstructure_hook(cls)
        keep = getattr(hook, "overrides", {})
        made.append(_unstructure_fn(cls, conv, **keep, **{n: override(omit=True) for n in names}))

    _declare(step)

    def dumper(value: Any) -> dict[str, Any]:
        if not made:
            converter()
        return made[0](value)

    return dumper


_converter: Converter | None = None
_pending: list[Callable[[Converter], None]] = []
"""The shapes (and `without` dumpers) declared before the converter was built, in order."""
_building = threading.Lock()


def _declare(step: Callable[[Converter], None]) -> None:
    """Apply `step` to the converter now if it is built, else when it is."""
    with _building:
        if _converter is None:
            _pending.append(step)
            return
    step(_converter)


def converter() -> Converter:
    """The one converter: dataclasses to dicts and back; tuples and frozensets become lists
    (frozensets sorted). Built on first use, with every shape declared so far."""
    global _converter
    with _building:  # a worker thread may ask at the same time as the event loop
        if _converter is None:
            conv = _base()
            for step in _pending:
                step(conv)
            _pending.clear()
            _converter = conv
    return _converter


def _object(fn: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """`fn`, refusing anything but a JSON object up front (not with an error per missing field)."""

    def hook(value: Any, t: Any) -> Any:
        if not isinstance(value, dict):
            raise _Wrong("an object", value)
        return fn(value, t)

    return hook


def _ignoring_type(fn: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda value, _: fn(value)


def _unstructure_fn(cls: type, conv: Converter, **overrides: Any) -> Any:
    from cattrs.gen import make_dict_unstructure_fn

    return make_dict_unstructure_fn(cls, conv, **overrides)  # its overrides are typed loosely


def _structure_fn(cls: type, conv: Converter, **overrides: Any) -> Any:
    from cattrs.gen import make_dict_structure_fn

    return make_dict_structure_fn(cls, conv, **overrides)


# ---- strict scalars and collections ------------------------------------------------------


class _Wrong(TypeError):
    def __init__(self, expected: str, value: Any) -> None:
        super().__init__(f"should be {expected}, not {_short(value)}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _scalar(kind: type, name: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if type(value) is kind:
            return value
        if kind is float and type(value) is int:
            return float(value)
        raise _Wrong(name, value)

    return hook


def _is_collection(t: Any) -> bool:
    return typing.get_origin(t) in (tuple, frozenset, list)


def _enum(value: Any, t: type[Enum]) -> Any:
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in t)
        raise _Wrong(f"one of {allowed}", value) from None


def _base() -> Converter:
    """A converter with the strict scalars, collections and enums, and no shapes yet."""
    from cattrs import Converter, IterableValidationError
    from cattrs.errors import IterableValidationNote

    conv = Converter(detailed_validation=True)
    conv.register_structure_hook_factory(dataclasses.is_dataclass, lambda t: _object(_structure_fn(t, conv)))
    for kind, name in ((str, "text"), (int, "a whole number"), (float, "a number"), (bool, "true or false")):
        conv.register_structure_hook(kind, _scalar(kind, name))

    def collection_hook(t: Any) -> Callable[[Any, Any], Any]:
        """A JSON list as a tuple, frozenset or list; a fixed tuple (e.g. (term, how)) as a list of
        that size. Unlike cattrs' own, it refuses text (which iterates) and names each bad item."""
        origin, args = typing.get_origin(t), typing.get_args(t)
        fixed = origin is tuple and not (len(args) == 2 and args[1] is Ellipsis)
        kinds = args if fixed else (args[0],)
        hooks = [conv.get_structure_hook(k) for k in kinds]
        made: Callable[[Any], Any] = origin

        def hook(value: Any, _: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise _Wrong("a list", value)
            if fixed and len(value) != len(kinds):
                raise _Wrong(f"a list of {len(kinds)}", value)
            out, errors = [], []
            for i, v in enumerate(value):
                k = i if fixed else 0
                try:
                    out.append(hooks[k](v, kinds[k]))
                except Exception as err:  # gathered as cattrs does, so the path names the item
                    err.__notes__ = [IterableValidationNote(f"Structuring {t!r} @ index {i}", i, kinds[k])]
                    errors.append(err)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return made(out)

        return hook

    conv.register_structure_hook_factory(_is_collection, collection_hook)
    conv.register_unstructure_hook_func(
        lambda t: typing.get_origin(t) is frozenset or t is frozenset, lambda v: sorted(v)
    )
    conv.register_unstructure_hook_func(
        lambda t: typing.get_origin(t) is tuple or t is tuple, lambda v: [conv.unstructure(x) for x in v]
    )
    # by class, as str's hook is: StrEnum comes before str in a StrEnum's MRO, so its hook wins
    conv.register_structure_hook(StrEnum, _enum)
    conv.register_structure_hook(Enum, _enum)
    conv.register_unstructure_hook(Enum, lambda v: v.value)
    conv.register_unstructure_hook(StrEnum, lambda v: v.value)
    return conv


def pairs(value: Any) -> tuple[tuple[str, int], ...]:
    """A JSON object of whole numbers as (name, number) pairs, in its order."""
    if not isinstance(value, dict):
        raise _Wrong("an object", value)
    for k, v in value.items():
        if type(v) is not int:
            raise _Wrong(f"a whole number for {k!r}", v)
    return tuple(value.items())


# ---- messages ----------------------------------------------------------------------------


def _describe(exc: BaseException, kind: Any) -> str:
    if isinstance(exc, _Wrong):
        return str(exc)
    if isinstance(exc, KeyError):
        return "is missing"
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        return f"has unknown fields {sorted(exc.extra_fields)}"
    if isinstance(exc, AttributeError) and "items" in str(exc):
        return "should be an object"
    if isinstance(exc, TypeError | ValueError):
        return f"should be {_type_name(kind)}"
    return f"cannot be read ({type(exc).__name__})"


def _type_name(kind: Any) -> str:
    if isinstance(kind, type) and not isinstance(kind, types.GenericAlias):
        names: dict[Any, str] = {dict: "an object", list: "a list"}
        return names.get(kind, f"a {kind.__name__}")
    return str(kind)


def _where(problem: str, prefix: str) -> str:
    """'should be text, not 5 @ $.a[1].b' as "'prefix.a[1].b' should be text, not 5"."""
    message, _, path = problem.rpartition(" @ ")
    path = path.removeprefix("$").removeprefix(".")
    full = f"{prefix}.{path}" if prefix and path and not path.startswith("[") else prefix + path
    return f"'{full}' {message}" if full else f"it {message}"


def view(value: Any, keys: Iterable[str], **given: Any) -> dict[str, Any]:
    """Fields of `value` as JSON-ready data, in the order of `keys`; `given` adds or replaces fields.

    Every JSON view of a turn (the save's record of it, a replay's row, a simulation's report) is
    this one call on the turn's record with its own keys.
    """
    return {k: given[k] if k in given else dump(getattr(value, k)) for k in keys}
