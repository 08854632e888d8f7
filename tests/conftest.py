"""Shared fixtures: the test scenario and the bundled ones."""

from pathlib import Path

import pytest

from game.scenario import catalog
from game.scenario.load import load

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mini():
    return load(FIXTURES / "mini.yaml")


@pytest.fixture(scope="session")
def campaign():
    return catalog.get("cuban-missile-crisis")


@pytest.fixture(autouse=True)
def _data_dir(tmp_path_factory, monkeypatch):
    """Saves, autosaves and the gallery go to a temporary folder, never the user's own."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path_factory.mktemp("data")))
