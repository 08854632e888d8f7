"""`Record` gives the scenario's classes the ==, hash and repr a frozen dataclass would have compiled."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Any

import pytest

from game.model import Decision, Phase, Scenario, Source
from game.record import Record
from game.scenario import catalog


@dataclass(frozen=True)
class Compiled:
    a: int
    b: Any = ()
    quiet: str = field(default="", repr=False)
    ignored: int = field(default=0, compare=False)
    unhashed: int = field(default=0, hash=False)


@dataclass(frozen=True, eq=False, repr=False)
class Shared(Record):
    a: int
    b: Any = ()
    quiet: str = field(default="", repr=False)
    ignored: int = field(default=0, compare=False)
    unhashed: int = field(default=0, hash=False)


VALUES = list(itertools.product((0, 1), ((), (1, "x")), ("", "q"), (0, 5), (0, 7)))


@pytest.mark.parametrize("left", VALUES)
def test_equality_and_hash_are_the_dataclass_s(left):
    for right in VALUES:
        assert (Shared(*left) == Shared(*right)) == (Compiled(*left) == Compiled(*right))
        assert (Shared(*left) != Shared(*right)) == (Compiled(*left) != Compiled(*right))
    assert hash(Shared(*left)) == hash(Compiled(*left))


def test_the_repr_is_the_dataclass_s_and_survives_a_value_that_holds_itself():
    assert repr(Shared(1, (2, "x"), "q", 3, 4)) == repr(Compiled(1, (2, "x"), "q", 3, 4)).replace(
        "Compiled", "Shared"
    )
    loop: list[Any] = []
    shared, compiled = Shared(1, loop), Compiled(1, loop)
    loop.append(shared)
    assert repr(shared) == "Shared(a=1, b=[...], ignored=0, unhashed=0)"
    loop[0] = compiled
    assert repr(compiled) == "Compiled(a=1, b=[...], ignored=0, unhashed=0)"


def test_another_class_with_the_same_fields_is_not_equal():
    assert Shared(1) != Compiled(1)
    assert Compiled(1) != Shared(1)
    assert len({Shared(1), Shared(1), Shared(2)}) == 2


def test_it_stays_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Shared(1).a = 2  # type: ignore[misc]


def _values(o: Any, out: list[Any]) -> list[Any]:
    if isinstance(o, Record):
        out.append(o)
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        for f in dataclasses.fields(o):
            _values(getattr(o, f.name), out)
    elif isinstance(o, (tuple, list)):
        for x in o:
            _values(x, out)
    elif hasattr(o, "items"):
        for x in o.values():
            _values(x, out)
    return out


def _hash(v: Any) -> int | str:
    try:
        return hash(v)
    except TypeError as err:
        return str(err)


def test_the_campaign_s_values_equal_their_copies_and_differ_from_their_siblings():
    s = catalog.get()
    values = _values(s, [])
    assert {type(v) for v in values} >= {Decision, Phase, Source}
    for v in values:
        copy = dataclasses.replace(v)
        assert copy == v and repr(copy) == repr(v)
        assert _hash(copy) == _hash(v)  # a value holding a mapping is unhashable, as it was
    decisions = [d for p in s.phases for ds in p.decisions.values() for d in ds]
    first, second = decisions[:2]
    assert first != second and dataclasses.replace(first, label=first.label + "!") != first


def test_the_scenario_itself_keeps_identity_equality():
    s = catalog.get()
    assert not isinstance(s, Record)
    assert dataclasses.replace(s) != s and isinstance(Scenario.__hash__(s), int)
