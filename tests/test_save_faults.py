"""Damaged and crafted saves: each refused quickly with a message; no traceback, no hang, no foreign file."""

import contextlib
import io
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import persistence as P
from game import sim
from game.ai.policies import POLICIES
from game.cli import main
from game.model import SIDES, CrisisError
from game.persistence import files
from game.persistence.format import checksum
from game.scenario.load import load as load_scenario

from .conftest import FIXTURES

MINI = FIXTURES / "mini.yaml"


def _game(s, seed=6):
    return sim.play(s, {side: POLICIES["random"] for side in SIDES}, seed)


@pytest.fixture
def saved(mini, tmp_path):
    """A finished game of the mini scenario, saved; its document."""
    path = tmp_path / "game.json"
    P.save(_game(mini), path, sides={"kennedy": "human", "khrushchev": "random"})
    return path, json.loads(path.read_text())


def _forge(path, doc, change, fix=True):
    doc = json.loads(json.dumps(doc))
    change(doc)
    if fix:
        doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc))
    return path


def _refused(path, *words):
    with pytest.raises(CrisisError) as err:
        P.load(path)
    message = str(err.value)
    assert all(w in message for w in words), message
    assert len(message) < 600
    return message


def test_a_move_a_billion_turns_on_is_refused(saved):
    path, doc = saved
    _forge(path, doc, lambda d: d["lines"][0]["moves"][-1].__setitem__("turn", 1_000_000_000))
    _refused(path, "moves[", "turn is 1000000000", "no gap")


def test_turns_that_go_backwards_are_refused(saved):
    path, doc = saved
    moves = doc["lines"][0]["moves"]
    if len(moves) < 3:
        pytest.skip("the game ended too soon to reorder")
    _forge(path, doc, lambda d: d["lines"][0]["moves"][-1].__setitem__("turn", 1))
    _refused(path, "no gap")


@pytest.mark.parametrize("value", [5, [1, 2], {"a": 1}, None, "/etc/passwd", "../../../etc/passwd"])
def test_the_recorded_scenario_path_is_never_read(saved, value, monkeypatch):
    path, doc = saved
    _forge(path, doc, lambda d: d["scenario"].__setitem__("path", value))
    opened = []
    real = files.read_bytes
    monkeypatch.setattr(files, "read_bytes", lambda p: opened.append(str(p)) or real(p))
    loaded = P.load(path)
    assert loaded.game.scenario.id == "mini"
    assert not any("passwd" in p for p in opened)


def test_a_save_finds_its_scenario_by_content_not_by_the_path_it_names(mini, tmp_path, monkeypatch):
    # another scenario with the same id, in the folder the save names, is not played
    impostor = tmp_path / "impostor"
    impostor.mkdir()
    (impostor / "mini.yaml").write_text(MINI.read_text().replace("title: A small crisis", "title: Impostor"))
    path = tmp_path / "g.json"
    P.save(_game(mini), path, sides={"kennedy": "random", "khrushchev": "random"})
    doc = json.loads(path.read_text())
    _forge(path, doc, lambda d: d["scenario"].__setitem__("path", str(impostor / "mini.yaml")))
    assert P.load(path).game.scenario.title == "A small crisis"


def test_a_save_whose_scenario_is_nowhere_named_says_so(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    s = load_scenario(folder / "mini.yaml")
    path = tmp_path / "g.json"
    P.save(_game(s), path, sides={"kennedy": "random", "khrushchev": "random"})
    assert P.load(path).game.scenario.id == "mini"  # the folder was remembered when the game was saved
    (Path(os.environ["CRISIS_DATA_DIR"]) / files.FOLDERS).unlink()
    message = _refused(path, "scenario 'mini'", "saved from 'mini.yaml'", "--scenarios FOLDER")
    assert str(folder) not in message or "among" in message
    assert P.load(path, search=[folder]).game.scenario.id == "mini"
    monkeypatch.setenv("CRISIS_SCENARIO_PATH", str(folder))
    assert P.load(path).game.scenario.id == "mini"


def test_an_unknown_policy_is_refused(saved):
    path, doc = saved
    _forge(path, doc, lambda d: d["lines"][0]["sides"].__setitem__("khrushchev", "skynet"))
    _refused(path, "khrushchev is 'skynet'", "pragmatist")


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.__setitem__("seed", "x"), ["'seed' should be a whole number"]),
        (lambda d: d["scenario"].__setitem__("id", "../../etc/passwd"), ["is not a scenario id"]),
        (lambda d: d["lines"][0].__setitem__("sides", []), ["should be an object"]),
        (lambda d: d["lines"][0]["moves"][0].__setitem__("move", 7), ["should be an object"]),
        (lambda d: d.__setitem__("lines", []), ["holds no game"]),
    ],
)
def test_wrong_types_are_refused(saved, change, words):
    path, doc = saved
    _forge(path, doc, change)
    _refused(path, *words)


def test_json_nested_200000_deep_is_refused(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(
        '{"format": "missile-crisis-save", "version": 1, "x": ' + "[" * 200_000 + "]" * 200_000 + "}"
    )
    _refused(path, "nested far deeper")


def test_a_number_of_5000_digits_is_refused(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"format": "missile-crisis-save", "version": 1, "seed": ' + "9" * 5000 + "}")
    _refused(path, "thousands of digits")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_save_that_links_to_dev_zero_is_not_read(tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    _refused(link, "is a device", "not read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_save_is_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    _refused(fifo, "is a pipe")


def test_an_oversized_save_is_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text(" " * 2000)
    _refused(path, "larger than a save file can be")


def test_a_forged_save_is_called_altered(saved, capsys):
    path, doc = saved
    first = doc["lines"][0]["moves"][0]["move"]
    options = {"kennedy": ["blockade", "strike", "wait"], "khrushchev": ["turn_back", "offer"]}[first["side"]]
    other = next(d for d in options if d != first["decision"])
    _forge(path, doc, lambda d: d["lines"][0]["moves"][0]["move"].__setitem__("decision", other))
    loaded = P.load(path)
    assert loaded.stopped is not None
    assert any("the file was altered after it was saved" in w for w in loaded.meta.warnings)
    assert not any("rules must have changed" in w for w in loaded.meta.warnings)


# ---- writing: read-only files, symlinks, temporary files --------------------------------------


def test_autosave_refuses_a_read_only_save_and_leaves_it(mini, saved):
    path, _ = saved
    loaded = P.load(path)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        if os.access(path, os.W_OK) and os.geteuid() == 0:
            pass  # root may write anyway; the mode bits still say no
        game = loaded.game
        with pytest.raises(CrisisError) as err:
            P.save(game, sides={"kennedy": "human", "khrushchev": "random"})
        assert "is read-only" in str(err.value) and "save to another file" in str(err.value)
        assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    finally:
        path.chmod(0o644)


def test_autosave_writes_through_a_symlink(mini, tmp_path):
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    game = _game(mini)
    P.save(game, real, sides={"kennedy": "random", "khrushchev": "random"})
    link.symlink_to(real)
    real.chmod(0o640)
    loaded = P.load(link)
    P.save(loaded.game, sides={"kennedy": "random", "khrushchev": "random"})
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the file keeps its permissions


def test_temporary_files_of_a_dead_writer_are_swept_at_once(mini, tmp_path):
    dead = 2**22 + 12345  # no such process
    while True:
        try:
            os.kill(dead, 0)
        except ProcessLookupError:
            break
        except PermissionError:
            pass
        dead += 1
    leftover = tmp_path / f".game.json.{dead}.abc123.tmp"
    live = tmp_path / f".game.json.{os.getppid()}.def456.tmp"
    leftover.write_text("half a save")
    live.write_text("a save being written")
    P.save(_game(mini), tmp_path / "game.json", sides={"kennedy": "random", "khrushchev": "random"})
    assert not leftover.exists() and live.exists()


def test_the_command_line_reports_crafted_saves_without_a_traceback(saved, capsys):
    path, doc = saved
    _forge(path, doc, lambda d: d["lines"][0]["sides"].__setitem__("kennedy", "skynet"))
    for command in (["replay", str(path)], ["report", str(path)], ["play", "--text", "--load", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "skynet" in err and "Traceback" not in err


# ---- Hypothesis: any change to a save loads or is a SaveError ----------------------------------

_JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False),
        st.text(max_size=12),
        st.sampled_from(["human", "skynet", "main", "mini", "/etc/passwd", "1962-10-22"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


def _paths(doc, prefix=()):
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*prefix, i))


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), value=_JSON, fix=st.booleans())
def test_any_damage_to_a_save_loads_or_is_a_message(saved, data, value, fix):
    path, doc = saved
    paths = [p for p in _paths(doc) if p]
    where = data.draw(st.sampled_from(paths))

    def change(d):
        target = d
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = value

    _forge(path, doc, change, fix=fix)
    try:
        loaded = P.load(path)
    except CrisisError as err:
        assert len(str(err)) < 2000
        return
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["replay", str(path)]) in (0, 2)
        assert main(["replay", str(path), "--json"]) in (0, 2)
    assert loaded.game.scenario.id == "mini"


# ---- the Markdown debrief shows what a scenario says, and runs none of it -------------------------


def test_the_markdown_debrief_escapes_a_scenarios_markup(tmp_path):
    from game.analysis.debrief import debrief
    from game.analysis.report import markdown

    text = MINI.read_text()
    text = text.replace("title: A small crisis", 'title: "<script>alert(1)</script> [click](javascript:x) *"')
    text = text.replace("headline: DEAL", 'headline: "<img src=x onerror=alert(1)>"')
    text = text.replace(
        "- {id: test-source, title: A test source}",
        '- {id: test-source, title: "<b>bold</b>", url: "javascript:alert(1)"}',
    )
    path = tmp_path / "evil.yaml"
    path.write_text(text)
    s = load_scenario(path)
    game = sim.play(s, {side: POLICIES["historical"] for side in SIDES}, 2)
    md = markdown(debrief(game))
    assert "<script>" not in md and "<img" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](javascript:x) \\*" in md
    assert "<javascript:" not in md and "(javascript:alert(1))" in md


# ---- the lines' tree: every parent a line, no line its own ancestor (play-test 10, K13) -----------

BRANCHED = Path(__file__).parent / "golden" / "save-thirteen-days-hawk.json"


def _broken_ancestor(lines: list) -> None:
    """b2 (listed first) branches from b1, whose own parent is no line: the walk up from b2 meets it
    before b1's row is checked (a KeyError, not a refusal, in the session's review)."""
    lines.insert(1, {**lines[1], "id": "b2", "parent": "b1"})
    lines[2]["parent"] = "b7"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda lines: lines[1].__setitem__("parent", lines[1]["id"]), "is its own parent"),
        (lambda lines: lines[1].__setitem__("parent", "b9"), "names no line 'b9'"),
        (lambda lines: lines[0].__setitem__("parent", lines[1]["id"]), "run in a circle"),
        # an ancestor's parent missing: refused, not a KeyError on the walk (the session's review)
        (_broken_ancestor, "no line 'b7'"),
        (lambda lines: lines[1].__setitem__("id", lines[0]["id"]), "two lines are named 'main'"),
    ],
)
def test_a_save_whose_lines_do_not_make_a_tree_is_refused_and_left_as_it_was(tmp_path, capsys, change, words):
    path = tmp_path / "crafted.json"
    doc = json.loads(BRANCHED.read_text())
    assert [x["id"] for x in doc["lines"]][:2] == ["main", "b1"]
    before = _forge(path, doc, lambda d: change(d["lines"])).read_bytes()
    _refused(path, words)
    for command in (["replay", str(path)], ["replay", str(path), "--json"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert str(path) in err and words in err and "Traceback" not in err, err
    assert path.read_bytes() == before
