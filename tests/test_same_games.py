"""The engine's speed work changes no game: random games hash as they did before it began.

The hashes were recorded on main at ed3429c, before the work of this stop (bench/perf_bench.py
--fingerprint checks 1,000 seeds a scenario and 200 pragmatist games the same way). A rule change that
is meant to change games regenerates them on purpose, as a golden file is.
"""

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.engine import native
from game.model import SIDES
from game.scenario import catalog

RANDOM = {side: POLICIES["random"] for side in SIDES}


@pytest.mark.parametrize(
    ("scenario", "seeds", "objectives", "recorded"),
    [
        ("cuban-missile-crisis", 120, False, "9de78f345029d063"),  # H9, K3, L1 (Castro hears of a deal)
        ("thirteen-days", 120, False, "1ec8c3b6dbf2649b"),  # J8 (UN checks barred), L1
        ("il28-endgame", 120, False, "15615757139bef2f"),  # J8, J6, K1, L1
        ("cuban-missile-crisis", 40, True, "91c9128b0fac2ff4"),  # H9, K3, K8, K1, L1
    ],
)
def test_random_games_are_the_games_recorded_before_the_speed_work(scenario, seeds, objectives, recorded):
    s = catalog.get(scenario)
    digest, ends = sim.fingerprint(s, RANDOM, range(seeds), objectives=objectives)
    assert sum(ends.values()) == seeds
    assert digest == recorded


def test_the_fingerprint_tells_one_changed_game_apart():
    s = catalog.get("thirteen-days")
    base = sim.fingerprint(s, RANDOM, range(5))[0]
    assert sim.fingerprint(s, RANDOM, range(5))[0] == base
    assert sim.fingerprint(s, RANDOM, [0, 1, 2, 3, 5])[0] != base
    assert sim.fingerprint(s, RANDOM, range(5), objectives=True)[0] != base


def test_no_compiled_engine_module_is_older_than_its_source():
    """Python loads a compiled module (bench/native.py's optional build) before its source: one built
    before the source last changed would play other rules. Rebuild it or remove it (make native-clean)."""
    assert not native.stale(), f"stale compiled modules: {native.stale()}; run `make native-clean`"
    assert set(native.compiled()) <= set(native.HOT)
