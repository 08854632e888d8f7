"""Which of a fixed list of items are open now, remembered by the values their conditions read.

A condition is a pure function of the values of the names it reads (`Expr.names`): the channels, the
terms, the decisions and the flags a side sees are asked for every view of every turn, and most turns
ask with the same few values, so the answer is remembered per distinct tuple of those values.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

from game.conditions import Env, Expr, ready

_T = TypeVar("_T")
LIMIT = 4096
"""Answers kept per gate before it starts again (a long game meets a few dozen)."""


class Gate(Generic[_T]):
    """The items (in order) whose condition holds in an env; None as a condition always holds. An
    item may also name a flag, decision or event (`unless`) that closes it once true (a decision
    taken once)."""

    __slots__ = ("items", "names", "memo", "_key")

    def __init__(self, items: Iterable[tuple[_T, Expr | None, str | None]]) -> None:
        given = tuple(items)
        self.items = tuple((item, None if e is None else ready(e), unless) for item, e, unless in given)
        names = {n for _, expr, _ in given if expr is not None for n in expr.names}
        self.names = tuple(sorted(names | {unless for _, _, unless in given if unless is not None}))
        self.memo: dict[tuple[object, ...], tuple[_T, ...]] = {}
        self._key = _key_of(self.names)

    def __call__(self, env: Env) -> tuple[_T, ...]:
        key = self._key(env)
        known = self.memo.get(key)
        if known is None:
            if len(self.memo) >= LIMIT:
                self.memo.clear()
            known = self.memo[key] = tuple(
                item
                for item, fn, unless in self.items
                if (unless is None or not env[unless]) and (fn is None or fn(env))
            )
        return known


def _key_of(names: tuple[str, ...]) -> Callable[[Env], tuple[object, ...]]:
    """A function from an env to the tuple of its values of `names` (operator.itemgetter's speed)."""
    if not names:
        return lambda env: ()
    if len(names) == 1:
        name = names[0]
        return lambda env: (env[name],)
    return operator.itemgetter(*names)


_GATES: dict[tuple[int, Hashable], tuple[object, Gate]] = {}


def gate(
    owner: object, key: Hashable, items: Callable[[], Iterable[tuple[_T, Expr | None, str | None]]]
) -> Gate[_T]:
    """The gate of `owner` (a scenario or its negotiation) for `key`, built from `items()` once; kept
    beside the owner itself, so an id reused by another object is never taken for it."""
    known = _GATES.get((id(owner), key))
    if known is None or known[0] is not owner:
        known = _GATES[(id(owner), key)] = (owner, Gate(items()))
    return known[1]
