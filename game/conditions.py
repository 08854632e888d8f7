"""The condition language: small, safe expressions over a game's tracks and flags.

`risk >= 4 and not quarantine`, `0.02 * (risk - 3)`, `max(0, 5 - defcon) / 10`.
Parsed once at load time; names are checked against what the scenario declares. A checked
expression is rewritten into a Python function of one argument, `env`, built from AST nodes of the
allowed kinds only: every name of the expression becomes `env["name"]` (never a Python name), the
only callables are min, max, abs and a safe division, and the function's globals hold nothing else
(no builtins). No text is ever passed to `eval`: the tree compiled is the one built here.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field

from game.record import Record

Env = Mapping[str, "int | float | bool"]
Value = int | float | bool
First = Callable[[Env, Container[str], int], int]
"""`first_holding`'s function: (env, done, start) -> the index of an item, or -1."""

_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_ARITH = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: lambda a, b: a / b if b else 0.0,
}
_FUNCS: dict[str, Callable[..., Value]] = {"min": min, "max": max, "abs": abs}
_WORDS = {"true": True, "false": False, "True": True, "False": False}
MAX_LENGTH = 2000
"""Characters in one expression (the campaign's longest has under 400)."""
MAX_DEPTH = 50
"""Nesting of one expression's parts (the campaign's deepest is 15)."""


class ConditionError(ValueError):
    """An expression that does not parse or names something undeclared."""

    def __init__(self, message: str, col: int = 0) -> None:
        super().__init__(message)
        self.col = col


@dataclass(frozen=True, eq=False, repr=False)
class Expr(Record):
    """A parsed expression: its source text, the names it reads, and its compiled form."""

    source: str
    names: frozenset[str]
    fn: Callable[[Env], Value] = field(compare=False, repr=False)

    def __call__(self, env: Env) -> Value:
        return self.fn(env)

    def __repr__(self) -> str:
        return f"parse({self.source!r})"


class _Deferred:
    """An expression's function, compiled from its source by `parse` on its first call."""

    __slots__ = ("expr", "fn")

    def __init__(self, expr: Expr) -> None:
        self.expr = expr
        self.fn: Callable[[Env], Value] | None = None

    def __call__(self, env: Env) -> Value:
        return ready(self.expr)(env)


def deferred(source: str, names: frozenset[str]) -> Expr:
    """The expression `source` (whose names are `names`), checked and compiled when first used:
    how a cached scenario brings back its conditions without compiling hundreds it may not need."""
    expr = Expr(source, frozenset(names), _constant(False))
    object.__setattr__(expr, "fn", _Deferred(expr))
    return expr


def ready(expr: Expr) -> Callable[[Env], Value]:
    """`expr`'s compiled function, compiling a deferred one now (for callers that keep the function)."""
    fn = expr.fn
    if isinstance(fn, _Deferred):
        if fn.fn is None:
            made = parse(expr.source)
            if made.names != expr.names:
                raise ConditionError(f"{_short(expr.source)} does not read the names it was kept with")
            fn.fn = made.fn
            object.__setattr__(expr, "fn", made.fn)
        return fn.fn
    return fn


def parse(source: str | int | float | bool, *, closures: bool = False) -> Expr:
    """Parse `source` into an `Expr`; raise `ConditionError` with the column of the problem.

    `closures=True` keeps the reference form, nested closures, in place of the compiled function
    (the same values, a few times slower; the tests compare the two)."""
    if isinstance(source, bool):
        return Expr(str(source).lower(), frozenset(), _constant(source))
    if isinstance(source, int | float):
        return Expr(str(source), frozenset(), _constant(source))
    text, body, names, fn = _checked(source)
    return Expr(text, frozenset(names), fn if closures else _lowered(body))


def _checked(source: str) -> tuple[str, ast.expr, set[str], Callable[[Env], Value]]:
    """`source` stripped, its tree, the names it reads and its closures, every part checked; raise
    `ConditionError` with the column of the problem."""
    text = source.strip()
    if not text:
        raise ConditionError("empty expression")
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"the expression is {len(text):,} characters long; at most {MAX_LENGTH:,}")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as err:
        col = max((err.offset or 1) - 1, 0)
        raise ConditionError(f"cannot parse {_short(text)}: {err.msg}", col) from None
    except (RecursionError, MemoryError, ValueError) as err:
        raise ConditionError(f"cannot parse {_short(text)}: {type(err).__name__}") from None
    deepest = _depth(tree)
    if deepest > MAX_DEPTH:
        raise ConditionError(f"{_short(text)} is nested {deepest} deep; at most {MAX_DEPTH}")
    names: set[str] = set()
    fn = _compile(tree.body, text, names)  # checks every part; raises on anything outside the language
    return text, tree.body, names, fn


def first_holding(items: Sequence[tuple[Sequence[Expr], str | None]]) -> First:
    """One function for items tried in order, each with the conditions that must all hold for it:
    `(env, done, start)` -> the index of the first item at or after `start` whose name (if it has
    one) is not in `done` and each of whose conditions (in order) holds in `env`; -1 when none
    does. The answers of trying each item, and each of its conditions, in turn, in one call.

    Built as `_lowered` builds one condition, from trees checked here: a chain of
    `if start <= i and name not in done and (condition) and ...: return i`."""
    body: list[ast.stmt] = []
    for i, (exprs, name) in enumerate(items):
        tests: list[ast.expr] = [ast.Compare(ast.Name("start", ast.Load()), [ast.LtE()], [ast.Constant(i)])]
        if name is not None:
            tests.append(ast.Compare(ast.Constant(name), [ast.NotIn()], [ast.Name("done", ast.Load())]))
        for expr in exprs:
            text, tree, names, _ = _checked(expr.source)
            if text != expr.source or frozenset(names) != expr.names:
                raise ConditionError(f"{_short(expr.source)} does not read the names it was kept with")
            tests.append(_lower(tree))
        test = ast.BoolOp(ast.And(), tests) if len(tests) > 1 else tests[0]
        body.append(ast.If(test, [ast.Return(ast.Constant(i))], []))
    body.append(ast.Return(ast.Constant(-1)))
    params = [ast.arg(n) for n in ("env", "done", "start")]
    args = ast.arguments(posonlyargs=[], args=params, kwonlyargs=[], kw_defaults=[], defaults=[])
    module = ast.fix_missing_locations(ast.Module([ast.FunctionDef("first", args, body, [], None, None)], []))
    space = dict(_GLOBALS)
    exec(compile(module, "<conditions>", "exec"), space)  # noqa: S102 - a tree built here
    made: First = space["first"]  # type: ignore[assignment]
    return made


def _short(text: str) -> str:
    return repr(text) if len(text) <= 80 else repr(text[:60] + "...")


def _depth(tree: ast.AST) -> int:
    """How deep the parts of `tree` nest (iteratively: a deep tree is what it guards against)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:
            stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def check_names(expr: Expr, known: set[str] | frozenset[str]) -> list[tuple[str, int]]:
    """Return (unknown name, column) pairs for every name in `expr` not in `known`."""
    missing = sorted(expr.names - known - _FUNCS.keys())
    return [(name, _column_of(expr.source, name)) for name in missing]


def _column_of(text: str, name: str) -> int:
    for node in ast.walk(ast.parse(text, mode="eval")):
        if isinstance(node, ast.Name) and node.id == name:
            return node.col_offset
    return 0


def _constant(value: Value) -> Callable[[Env], Value]:
    return lambda env: value


def _safe_div(a: Value, b: Value) -> Value:
    return a / b if b else 0.0


_GLOBALS: dict[str, object] = {"__builtins__": {}, "min": min, "max": max, "abs": abs, "_div": _safe_div}
"""Everything a compiled expression can reach besides `env`."""


def _lowered(body: ast.expr) -> Callable[[Env], Value]:
    """`lambda env: ...` for an expression `_compile` has checked, compiled from a tree built here."""
    fn = ast.Lambda(
        args=ast.arguments(posonlyargs=[], args=[ast.arg("env")], kwonlyargs=[], kw_defaults=[], defaults=[]),
        body=_lower(body),
    )
    tree = ast.fix_missing_locations(ast.Expression(fn))
    made = eval(compile(tree, "<condition>", "eval"), dict(_GLOBALS))  # noqa: S307 - a tree built here
    return made  # type: ignore[no-any-return]


def _lower(node: ast.AST) -> ast.expr:
    """The checked expression `node` as a Python expression over `env` (the same value, in one call)."""
    if isinstance(node, ast.Constant):
        return ast.Constant(node.value)
    if isinstance(node, ast.Name):
        if node.id in _WORDS:
            return ast.Constant(_WORDS[node.id])
        return ast.Subscript(ast.Name("env", ast.Load()), ast.Constant(node.id), ast.Load())
    if isinstance(node, ast.BoolOp):
        return ast.BoolOp(type(node.op)(), [_lower(v) for v in node.values])
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.UAdd):
            return _lower(node.operand)  # as the closures do: `+x` is x itself, even for a bool
        return ast.UnaryOp(type(node.op)(), _lower(node.operand))
    if isinstance(node, ast.BinOp):
        left, right = _lower(node.left), _lower(node.right)
        if isinstance(node.op, ast.Div):
            return ast.Call(ast.Name("_div", ast.Load()), [left, right], [])
        return ast.BinOp(left, type(node.op)(), right)
    if isinstance(node, ast.Compare):
        return ast.Compare(
            _lower(node.left), [type(o)() for o in node.ops], [_lower(c) for c in node.comparators]
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCS:
        return ast.Call(ast.Name(node.func.id, ast.Load()), [_lower(a) for a in node.args], [])
    raise ConditionError(f"cannot compile {type(node).__name__}")  # _compile refused it already


def _compile(node: ast.AST, text: str, names: set[str]) -> Callable[[Env], Value]:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | bool):
        return _constant(node.value)
    if isinstance(node, ast.Name):
        if node.id in _WORDS:
            word = _WORDS[node.id]
            return lambda env: word
        name = node.id
        names.add(name)
        return lambda env: env[name]
    if isinstance(node, ast.BoolOp):
        parts = [_compile(v, text, names) for v in node.values]
        fn = parts[-1]
        for part in reversed(parts[:-1]):  # nest closures: no generator per call
            if isinstance(node.op, ast.And):
                fn = (lambda a, b: lambda env: a(env) and b(env))(part, fn)
            else:
                fn = (lambda a, b: lambda env: a(env) or b(env))(part, fn)
        return fn
    if isinstance(node, ast.UnaryOp):
        inner = _compile(node.operand, text, names)
        if isinstance(node.op, ast.Not):
            return lambda env: not inner(env)
        if isinstance(node.op, ast.USub):
            return lambda env: -inner(env)
        if isinstance(node.op, ast.UAdd):
            return inner
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        op = _ARITH[type(node.op)]
        left, right = _compile(node.left, text, names), _compile(node.right, text, names)
        return lambda env: op(left(env), right(env))
    if isinstance(node, ast.Compare) and all(type(o) in _COMPARE for o in node.ops):
        first = _compile(node.left, text, names)
        if len(node.ops) == 1:
            op, right_fn = _COMPARE[type(node.ops[0])], _compile(node.comparators[0], text, names)
            return lambda env: op(first(env), right_fn(env))
        rest = [
            (_COMPARE[type(o)], _compile(c, text, names))
            for o, c in zip(node.ops, node.comparators, strict=True)
        ]

        def compare(env: Env) -> bool:
            left = first(env)
            for op, right_fn in rest:
                right = right_fn(env)
                if not op(left, right):
                    return False
                left = right
            return True

        return compare
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCS
        and not node.keywords
        and node.args
    ):
        func = _FUNCS[node.func.id]
        args = [_compile(a, text, names) for a in node.args]
        return lambda env: func(*(a(env) for a in args))
    piece = ast.get_source_segment(text, node) or type(node).__name__
    raise ConditionError(
        f"{_short(piece)} is not allowed in {_short(text)}: use names, numbers, true/false, "
        "and/or/not, comparisons, + - * /, min/max/abs",
        getattr(node, "col_offset", 0),
    )
