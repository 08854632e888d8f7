"""The scenario cache: a second load comes from it, and anything wrong with an entry means a rebuild."""

import io
import pickle
import shutil
from pathlib import Path

import pytest

from game import conditions, sim
from game.ai.policies import POLICIES
from game.cli import main
from game.conditions import ConditionError, deferred, parse
from game.model import SIDES, ScenarioError
from game.persistence import scenario_cache
from game.scenario import cache
from game.scenario.load import load

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


class Store(scenario_cache.FileStore):
    """The file store, counting what it is asked."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.reads: list[str] = []
        self.writes: list[str] = []

    def read(self, name):
        self.reads.append(name)
        return super().read(name)

    def write(self, name, data):
        self.writes.append(name)
        super().write(name, data)


@pytest.fixture
def store(tmp_path):
    made = Store(tmp_path / "cache")
    cache.install(made)
    yield made
    cache.install(None)


@pytest.fixture
def mini(tmp_path) -> Path:
    path = tmp_path / "mini.yaml"
    shutil.copy(FIXTURES / "mini.yaml", path)
    return path


def _entry(store: Store) -> Path:
    (entry,) = store.folder.iterdir()
    return entry


def _digests(scenario, seeds=range(12)) -> list[str]:
    return [sim.play(scenario, {s: POLICIES["random"] for s in SIDES}, seed).state.digest() for seed in seeds]


def test_a_second_load_comes_from_the_cache_and_plays_the_same_games(store):
    path = ROOT / "scenarios" / "thirteen-days.yaml"  # extends the campaign, cites seeds notes
    cache.install(None)
    fresh = load(path)
    cache.install(store)
    first = load(path)
    assert len(store.writes) == 1
    again = load(path)
    assert len(store.writes) == 1 and len(store.reads) == 2  # read, found nothing; read, found it
    assert again is not first and again.path == str(path)
    assert repr(again.phases) == repr(fresh.phases) and again.endings == fresh.endings
    assert again.citations == fresh.citations and again.retired == fresh.retired
    assert _digests(again) == _digests(fresh)


def test_an_edited_scenario_is_read_again(store, mini):
    load(mini)
    mini.write_text(mini.read_text().replace("title: A small crisis", "title: A smaller crisis"))
    assert load(mini).title == "A smaller crisis"
    assert len(store.writes) == 2


def test_a_file_it_extends_or_a_file_that_would_shadow_its_base_invalidates_it(store, tmp_path):
    child = tmp_path / "child.yaml"
    base = tmp_path / "base.yaml"
    shutil.copy(FIXTURES / "mini.yaml", base)
    child.write_text("format: 1\nid: child\nextends: base\ntitle: The child\n")
    assert load(child).title == "The child"
    base.write_text(base.read_text().replace("summary: Two phases", "summary: Still two phases"))
    assert load(child).summary.startswith("Still two phases")
    # `extends: base` looks for `base` before `base.yaml`: a file made there now is the base
    shutil.copy(base, tmp_path / "base")
    (tmp_path / "base").write_text(base.read_text().replace("Still two", "Three"))
    assert load(child).summary.startswith("Three phases")
    assert len(store.writes) == 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b"",
        lambda b: b"\0" * 1000,
        lambda b: b[:-10] + bytes(10),  # the body changed: the tag no longer matches
        lambda b: b[:40] + bytes([b[40] ^ 1]) + b[41:],  # the tag changed
        lambda b: b.replace(f"\n{cache.FORMAT}\n".encode(), b"\n999\n", 1),  # another format
    ],
    ids=["truncated", "empty", "zeros", "body", "tag", "format"],
)
def test_a_damaged_entry_is_rebuilt_silently(store, mini, damage):
    want = load(mini)
    entry = _entry(store)
    entry.write_bytes(damage(entry.read_bytes()))
    got = load(mini)
    assert got.id == want.id and len(store.writes) == 2
    assert cache.unpack(entry.read_bytes(), store.secret(), mini) is not None  # rewritten, sound


def test_an_entry_of_another_version_of_the_game_is_never_trusted(store, mini, monkeypatch):
    load(mini)
    blob = _entry(store).read_bytes()
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    assert cache.unpack(blob, store.secret(), mini) is None
    load(mini)
    assert len(store.writes) == 2


def test_a_planted_entry_is_never_unpickled(store, mini, tmp_path):
    """A pickle dropped where an entry would be, without this user's key, runs nothing."""
    load(mini)
    entry, marker = _entry(store), tmp_path / "planted"

    class Evil:
        def __reduce__(self):
            return (shutil.copy, (str(mini), str(marker)))

    head = cache.MAGIC + f"{cache.FORMAT}\n".encode()
    entry.write_bytes(head + bytes(32) + pickle.dumps(Evil()))
    assert load(mini).id == "mini" and not marker.exists()
    # even signed with the right key, the unpickler builds only the game's own values
    body = pickle.dumps((cache.code_version(), (), Evil()))
    entry.write_bytes(head + cache._tag(store.secret(), body) + body)
    assert load(mini).id == "mini" and not marker.exists()
    with pytest.raises(pickle.UnpicklingError):
        cache._Unpickler(io.BytesIO(body)).load()


def test_another_users_key_means_a_rebuild(store, mini, tmp_path):
    load(mini)
    other = Store(store.folder)
    other._secret = b"k" * 32
    cache.install(other)
    assert load(mini).id == "mini"
    assert other.writes  # not trusted: loaded the slow way and kept under this key


def test_a_scenario_with_problems_is_never_cached(store, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (FIXTURES / "mini.yaml").read_text()
    bad.write_text(text.replace("start: {phase: crisis}", "start: {phase: nowhere}"))
    for _ in range(2):
        with pytest.raises(ScenarioError):
            load(bad)
    assert not store.writes


def test_an_unwritable_cache_folder_only_means_a_slow_start(tmp_path, mini):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache.install(scenario_cache.FileStore(blocker / "cache"))
    try:
        assert load(mini).id == load(mini).id == "mini"
    finally:
        cache.install(None)


def test_a_condition_from_the_cache_is_checked_and_compiled_on_first_use():
    expr = deferred("risk >= 4 and not quarantine", frozenset({"risk", "quarantine"}))
    assert expr == parse("risk >= 4 and not quarantine")
    assert expr({"risk": 5, "quarantine": False}) is True
    assert not isinstance(expr.fn, conditions._Deferred)  # compiled once, then called directly
    assert expr.fn({"risk": 1, "quarantine": False}) is False
    with pytest.raises(ConditionError):
        deferred("__import__('os')", frozenset())({})
    with pytest.raises(ConditionError):
        deferred("risk > 1", frozenset({"defcon"}))({"risk": 2})


def test_the_command_line_caches_in_its_data_folder_and_can_be_turned_off(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CRISIS_CACHE_DIR", raising=False)
    try:
        assert main(["validate", str(FIXTURES / "mini.yaml")]) == 0
        assert main(["validate", str(FIXTURES / "mini.yaml")]) == 0
        assert len(list((tmp_path / "data" / "cache").iterdir())) == 1
        monkeypatch.setenv("CRISIS_CACHE_DIR", "off")
        assert main(["validate", str(FIXTURES / "mini.yaml")]) == 0
        assert cache.installed() is None
    finally:
        cache.install(None)
    assert capsys.readouterr().out.count("ok") == 3
