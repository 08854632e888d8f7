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
