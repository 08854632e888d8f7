"""The optional compiled engine (bench/native.py, mypyc) plays the very games pure Python plays.

Slow (a C build of the modules of native.HOT, and the games: about 35 s of CPU, minutes of wall on a
busy machine), so it runs only when asked: `make native-test` (or CRISIS_TEST_NATIVE=1); skipped where
mypyc or a C compiler is missing. Random games on three scenarios, and negotiated ones (the
compiled negotiation rules), must be the games pure Python plays.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import native

ROOT = Path(__file__).resolve().parents[1]
CHECK = """
import json
from game import sim
from game.ai.policies import POLICIES
from game.engine import native
from game.model import SIDES
from game.scenario import catalog

random = {side: POLICIES["random"] for side in SIDES}
pragmatist = {side: POLICIES["pragmatist"] for side in SIDES}
print(json.dumps({
    "compiled": list(native.compiled()),
    "hashes": [sim.fingerprint(catalog.get(name), random, range(60))[0] for name in %r],
    "negotiated": sim.fingerprint(catalog.get("cuban-missile-crisis"), pragmatist, range(12))[0],
}))
"""
SCENARIOS = ("cuban-missile-crisis", "thirteen-days", "il28-endgame")


def _bench_native():
    spec = importlib.util.spec_from_file_location("bench_native", ROOT / "bench" / "native.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _play(root: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHECK % (SCENARIOS,)], cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("CRISIS_TEST_NATIVE"), reason="runs when CRISIS_TEST_NATIVE=1")
@pytest.mark.skipif(shutil.which("cc") is None and shutil.which("gcc") is None, reason="no C compiler")
@pytest.mark.skipif(importlib.util.find_spec("mypyc") is None, reason="mypyc is not installed")
def test_the_compiled_engine_plays_the_games_pure_python_plays(tmp_path):
    bench = _bench_native()
    tree = bench.copy(tmp_path / "native")
    pure = _play(tree)
    bench.build(tree)
    assert len(bench.built(tree)) == len(native.HOT) + 1  # each module, and their shared library
    compiled = _play(tree)
    assert pure["compiled"] == [] and compiled["compiled"] == list(native.HOT)
    assert compiled["hashes"] == pure["hashes"]
    assert compiled["negotiated"] == pure["negotiated"]  # letters and agreements through the compiled rules
    assert bench.clean(tree) and _play(tree) == pure  # removed: pure Python again
