"""`Record`: the ==, hash and repr of the scenario's frozen dataclasses, written once instead of per class.

`@dataclass(frozen=True)` compiles six methods per class from generated source as its module is
imported (~1 ms a class on this machine, most of it in Python's parser; the scenario's 30 classes,
all imported before a game's first page, were ~3% of that page's cold start). A class declared
`@dataclass(frozen=True, eq=False, repr=False)` on `Record` compiles three (its __init__ and the
frozen __setattr__ and __delattr__) and takes the others from here, which do what the generated
ones do: == compares the fields marked `compare` as a tuple, for the same class only; the hash is
that of the fields marked `hash` (or `compare`); the repr names every field marked `repr`, with
`...` for a value that contains itself. They are slower per call than the generated ones, so a
class whose == or hash is hot in a game (`Offer`, the engine's state) keeps its own.
"""

from __future__ import annotations

import reprlib
from dataclasses import fields

_NAMES: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _names(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields of `cls` that == compares, that the hash reads and that the repr shows."""
    try:
        return _NAMES[cls]
    except KeyError:
        every = fields(cls)
        names = (
            tuple(f.name for f in every if f.compare),
            tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)),
            tuple(f.name for f in every if f.repr),
        )
        _NAMES[cls] = names
        return names


class Record:
    """Equality, hash and repr by the dataclass's fields, as `@dataclass(frozen=True)` makes them."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            names = _names(self.__class__)[0]
            return tuple([getattr(self, n) for n in names]) == tuple([getattr(other, n) for n in names])
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple([getattr(self, n) for n in _names(self.__class__)[1]]))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in _names(self.__class__)[2])
        return f"{self.__class__.__qualname__}({shown})"
