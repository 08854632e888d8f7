"""Read YAML (safe, libyaml where present) into dicts and lists that remember where each value stood."""

from __future__ import annotations

from typing import Any

import yaml

from game.model import Problem

try:  # libyaml's parser is several times faster; the constructor stays safe either way
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Base = yaml.SafeLoader

Pos = tuple[int, int]  # 1-based line and column

MAX_VALUES = 200_000
"""Values a document may hold once every alias is expanded (the campaign holds about 10,000):
an alias bomb (`&a [*b, *b, ...]`) is refused before anything walks it."""
MAX_DEPTH = 64
"""Mappings and lists nested in one another (the campaign nests 9 deep)."""


class YMap(dict):
    """A mapping that knows its own position and those of its keys and values."""

    file: str = ""
    pos: Pos = (1, 1)
    key_pos: dict[str, Pos]
    val_pos: dict[str, Pos]
    key_file: dict[str, str] = {}
    """Keys written in another file than the mapping's (a scenario's keys laid over the one it extends)."""

    def file_of(self, key: str) -> str:
        return self.key_file.get(key, self.file)


class YList(list):
    """A list that knows its own position and those of its items."""

    file: str = ""
    pos: Pos = (1, 1)
    item_pos: list[Pos]
    item_file: list[str] = []
    """Each item's file, when they come from more than one (the endings of a scenario and its base)."""

    def file_of(self, i: int) -> str:
        return self.item_file[i] if i < len(self.item_file) else self.file


def _pos(node: yaml.Node) -> Pos:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self.file = file
        self.problems: list[Problem] = []

    def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
        data = YMap()
        data.file = self.file
        data.pos, data.key_pos, data.val_pos = _pos(node), {}, {}
        yield data
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in data:
                line, col = _pos(key_node)
                first = data.key_pos[key][0]
                self.problems.append(
                    Problem(self.file, line, col, f"duplicate key {key!r} (first on line {first})")
                )
                continue
            data[key] = self.construct_object(value_node, deep=True)
            data.key_pos[key] = _pos(key_node)
            data.val_pos[key] = _pos(value_node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        """A date that is not one (`1962-10-32`) stays text, for the converter to report."""
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def construct_yaml_seq(self, node: yaml.SequenceNode):  # type: ignore[override]
        data = YList()
        data.file = self.file
        data.pos, data.item_pos = _pos(node), [_pos(n) for n in node.value]
        yield data
        data.extend(self.construct_object(n, deep=True) for n in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _too_big(root: yaml.Node, file: str) -> Problem | None:
    """A problem when the document, aliases expanded, is too large, too deep, or refers to itself.

    Iterative, and each node is counted once however often aliases repeat it: linear in the text.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            if size[key] > MAX_VALUES:
                return Problem(
                    file,
                    *_pos(node),
                    f"aliases (*name) expand this to more than {MAX_VALUES:,} values; "
                    "is an alias repeated by mistake?",
                )
            continue
        if key in size:
            continue
        if key in on_path:
            return Problem(file, *_pos(node), "an alias (*name) refers to the value it is part of")
        if depth > MAX_DEPTH:
            return Problem(file, *_pos(node), f"values are nested more than {MAX_DEPTH} deep")
        on_path.add(key)
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in size)
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def read_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; return (data, problems). Never raises on bad input."""
    if "\t" in text:
        for n, line in enumerate(text.splitlines(), 1):
            indent = len(line) - len(line.lstrip(" \t"))
            if "\t" in line[:indent]:
                col = line.index("\t") + 1
                msg = "a tab is used for indentation; YAML allows only spaces"
                return None, [Problem(file, n, col, msg)]
    loader = _Loader(text, file)
    try:
        node = loader.get_single_node()
        too_big = _too_big(node, file) if node is not None else None
        if too_big is not None:
            return None, [too_big]
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        row, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [err.context, err.problem]))
        return None, [Problem(file, row, col, f"not valid YAML: {what}")]
    except yaml.YAMLError as err:
        return None, [Problem(file, 1, 1, f"not valid YAML: {err}")]
    except RecursionError:
        return None, [Problem(file, 1, 1, f"not valid YAML: values are nested more than {MAX_DEPTH} deep")]
    finally:
        loader.dispose()
    if data is None:
        return None, [Problem(file, 1, 1, "the file is empty")]
    return data, loader.problems
