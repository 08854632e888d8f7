"""The layers import only downwards; nothing outside game/ui imports Textual."""

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).parent.parent / "game"

# module path prefix -> top-level packages it must not import
FORBIDDEN = {
    "game/record.py": {"yaml", "transitions", "textual", "game"},
    "game/sides.py": {"yaml", "transitions", "textual", "game"},
    "game/dates.py": {"yaml", "transitions", "textual", "game"},
    "game/diplomacy.py": {"yaml", "transitions", "textual", "game.scenario", "game.engine", "game.ai"},
    "game/model.py": {"yaml", "transitions", "textual", "game.scenario", "game.engine", "game.ai"},
    "game/errors.py": {"yaml", "transitions", "textual", "game"},
    "game/launch.py": {"yaml", "transitions", "textual", "game"},
    **{
        f"game/{name}.py": {"yaml", "transitions", "textual", "game.model", "game.scenario", "game.engine"}
        | {"game.ai"}
        for name in ("tracks", "aims", "injects")
    },
    "game/conditions.py": {"yaml", "transitions", "textual", "game"},
    "game/scenario/": {"transitions", "textual", "game.engine", "game.ai"},
    "game/engine/": {"yaml", "textual", "game.scenario", "game.ai", "game.cli"},
    "game/ai/": {"yaml", "transitions", "textual", "game.scenario", "game.cli"},
    "game/reader/": {"yaml", "transitions", "textual", "game.engine", "game.ai", "game.ui", "game.cli"},
    "game/persistence/": {"textual", "game.ui", "game.cli", "game.cli.saves"},
}
BOTTOM = {"game.record"}
"""Below every layer (the standard library only): any module may import it."""
BELOW_PERSISTENCE = ("game/model.py", "game/conditions.py", "game/scenario/", "game/engine/", "game/ai/")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules():
    return sorted(p for p in GAME.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(GAME.parent)))
def test_layers_import_downwards(path):
    rel = str(path.relative_to(GAME.parent))
    imported = _imports(path)
    for prefix, banned in FORBIDDEN.items():
        if rel.startswith(prefix):
            bad = {i for i in imported - BOTTOM for b in banned if i == b or i.startswith(b + ".")}
            assert not bad, f"{rel} imports {sorted(bad)}"
    if not rel.startswith("game/ui/"):
        assert not {i for i in imported if i.split(".")[0] == "textual"}, f"{rel} imports Textual"


def test_only_the_machine_module_imports_transitions():
    users = [p for p in _modules() if any(i.split(".")[0] == "transitions" for i in _imports(p))]
    assert [str(p.relative_to(GAME.parent)) for p in users] == ["game/engine/machine.py"]


def test_the_engine_does_no_io():
    for path in (GAME / "engine").rglob("*.py"):
        text = path.read_text()
        for word in ("open(", "print(", "read_text", "write_text", "input("):
            assert word not in text, f"{path.name} uses {word}"


def test_nothing_below_persistence_imports_it():
    for path in _modules():
        rel = str(path.relative_to(GAME.parent))
        if rel.startswith(BELOW_PERSISTENCE):
            assert not {i for i in _imports(path) if i.startswith("game.persistence")}, rel


def test_only_persistence_writes_files():
    for path in _modules():
        rel = str(path.relative_to(GAME.parent))
        if rel.startswith("game/persistence/"):
            continue
        text = path.read_text()
        for word in ("write_text(", "write_bytes(", "os.replace(", "mkstemp(", '"w")', '"wb")'):
            assert word not in text, f"{path.name} uses {word}: files are written in game/persistence only"
