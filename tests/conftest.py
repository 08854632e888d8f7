"""Shared fixtures: the test scenario and the bundled ones; the golden-file check."""

import os
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, settings

from game.scenario import catalog
from game.scenario.load import load

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
UPDATE_ENV = "UPDATE_GOLDEN"

# Hypothesis on a busy machine: no deadline and no complaint that drawing examples is slow (both measure
# wall time, which a loaded machine stretches; a test that sets its own health checks names too_slow too).
# CI (`HYPOTHESIS_PROFILE=ci`, set by .ci/run) draws the same examples every run, so that a red CI is about
# the change; a developer's run draws new ones each time and keeps a failing example in .hypothesis/.
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", settings.get_profile("dev"), derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help=f"write the golden files under tests/golden/ from this run (or set {UPDATE_ENV}=1)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked slow) first, the rest in their order after them. xdist hands each worker
    a run of tests and a worker that runs dry takes the end of the other's queue: long tests started
    first leave short ones to share out last, where a long one last kept one worker busy alone (the
    longest-first rule). Every test still runs; only the order changes."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """`golden(name, text)`: text must equal tests/golden/<name>; a missing file fails, never passes.

    After an intended change, write the files again with `pytest --update-goldens` (or `UPDATE_GOLDEN=1`)
    and read the diff before committing it.
    """
    update = request.config.getoption("--update-goldens") or bool(os.environ.get(UPDATE_ENV))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"no golden file {path}: write it with `pytest --update-goldens` and check it")
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from {path}; after an intended change run `pytest --update-goldens`"
        )

    check.update = update  # type: ignore[attr-defined]
    return check


@pytest.fixture(scope="session")
def mini():
    return load(FIXTURES / "mini.yaml")


@pytest.fixture(scope="session")
def campaign():
    return catalog.get("cuban-missile-crisis")


@pytest.fixture(scope="session")
def thirteen():
    return catalog.get("thirteen-days")


@pytest.fixture(scope="session")
def il28():
    return catalog.get("il28-endgame")


@pytest.fixture(autouse=True)
def _notices_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notification an app raises, kept on it as raised (`tests/test_ui_support.told`): a toast
    expires on the wall clock, which a loaded machine can run past between the key and the look. The
    app's own notifications are untouched (they show and expire as ever)."""
    from textual.app import App

    notify = App.notify

    def kept(self, message, *, title="", severity="information", timeout=None, markup=True):  # noqa: ANN001, ANN202
        self.__dict__.setdefault("_told", []).append(Notice(str(title), str(message), str(severity)))
        return notify(self, message, title=title, severity=severity, timeout=timeout, markup=markup)

    monkeypatch.setattr(App, "notify", kept)


class Notice(NamedTuple):
    """A notification as it was raised."""

    title: str
    message: str
    severity: str


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """Saves, autosaves, the gallery and the scenario cache go to a temporary folder of each test's own,
    never the user's; the folder, for a test that looks inside it."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CRISIS_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _home(tmp_path_factory, monkeypatch) -> None:
    """The user's home is an empty temporary folder as well: a path the game offers under ~ (the
    save-elsewhere page), platformdirs' folders, and a library's own settings there (Dask reads
    ~/.config/dask) never come from or reach the real one, whoever runs the suite."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
