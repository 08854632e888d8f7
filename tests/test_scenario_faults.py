"""Hostile scenario files: each refused with file:line:col and a short message, no traceback, no hang."""

import os
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.conditions import ConditionError, parse
from game.model import ScenarioError
from game.scenario.load import MAX_BYTES, load, problems_in

from .conftest import FIXTURES

HOSTILE = FIXTURES / "bad" / "hostile"
MINI = FIXTURES / "mini.yaml"
LONGEST_MESSAGE = 400
"""No problem quotes more than about a line of what it found."""

CASES = {
    "impossible_day": (27, "'start' should be a date like 1962-10-22, not '1962-10-32'"),
    "impossible_month": (6, "'start' should be a date like 1962-10-22, not '1962-13-45'"),
    "alias_bomb": (8, "aliases (*name) expand this to more than 200,000 values"),
    "alias_loop": (2, "an alias (*name) refers to the value it is part of"),
    "nested_deep": (2, "values are nested more than 64 deep"),
    "deep_sum": (45, "the expression is 4,007 characters long; at most 2,000"),
    "deep_not": (45, "the expression is 6,010 characters long; at most 2,000"),
    "nested_not": (45, "is nested 51 deep; at most 50"),
    "negative_chance": (43, "'chance' should be from 0 to 1, not -5"),
    "infinite_chance": (43, "'chance': '1e400' is not a number a scenario can use"),
    "nan_chance": (43, "'chance': nan is not a number a scenario can use"),
    "reversed_dates": (6, "'dates' ends (1962-10-22) before it starts (1962-10-30)"),
    "far_date": (6, "0001-01-01 is not between 1900 and 2100"),
    "long_span": (50, "'dates' spans 50,409 days; at most 3,660"),
    "step_zero": (51, "'step' should be from 1 to 366, not 0"),
    "step_negative": (51, "'step' should be from 1 to 366, not -3"),
    "step_huge": (51, "'step': 100000000000 is too large"),
    "extends_absolute": (2, "extends '/etc/passwd': name a scenario beside this file or a bundled one"),
    "extends_parent": (2, "extends '../mini': name a scenario beside this file or a bundled one"),
    "notes_outside": (11, "notes '/etc/passwd' should be a file in the scenario's folder"),
    "notes_parent": (11, "should be a file in the scenario's folder or in the bundled seeds/"),
}


def test_every_hostile_fixture_has_a_case():
    assert {p.stem for p in HOSTILE.glob("*.yaml")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_file_is_one_clear_problem(name):
    line, message = CASES[name]
    path = HOSTILE / f"{name}.yaml"
    rendered = [str(p) for p in problems_in(path)]
    assert any(r.startswith(f"{path}:{line}:") and message in r for r in rendered), rendered
    assert all(len(r) < LONGEST_MESSAGE + len(str(path)) for r in rendered), rendered


@pytest.mark.parametrize("command", ["validate", "simulate", "graph"])
@pytest.mark.parametrize("name", ["impossible_day", "alias_bomb", "deep_not", "extends_absolute"])
def test_commands_report_a_hostile_file_without_a_traceback(capsys, command, name):
    path = str(HOSTILE / f"{name}.yaml")
    args = [command, path] if command == "validate" else [command, "--scenario", path]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    assert f"{path}:{CASES[name][0]}:" in out + err


def test_an_extended_file_beside_it_or_bundled_still_loads(tmp_path):
    (tmp_path / "base.yaml").write_text(MINI.read_text())
    (tmp_path / "child.yaml").write_text("extends: base\ntitle: Another crisis\n")
    assert load(tmp_path / "child.yaml").title == "Another crisis"
    (tmp_path / "bundled.yaml").write_text("extends: cuban-missile-crisis\ntitle: Mine\n")
    assert load(tmp_path / "bundled.yaml").title == "Mine"


def test_a_problem_in_a_scenario_built_on_another_names_the_file_it_is_in(tmp_path):
    """Playtest E2: a key of the child (here a cut-off `endings:`) was reported at the child's line in
    the base's file; an ending kept from the base, at the base's line in the child's file."""
    base = MINI.read_text().replace(
        "    epilogue: The worst.\n", "    epilogue: The worst.\n    colour: red\n"
    )
    (tmp_path / "base.yaml").write_text(base)
    (tmp_path / "child.yaml").write_text("extends: base\ntitle: Another crisis\n\nendings:\n")
    rendered = [str(p) for p in problems_in(tmp_path / "child.yaml")]
    assert any(
        r.startswith(f"{tmp_path / 'child.yaml'}:4:") and "'endings' should be a list" in r for r in rendered
    )
    (tmp_path / "child.yaml").write_text(
        "extends: base\nendings:\n  - id: calm\n    headline: CALM\n    when: risk < 0\n"
        "    epilogue: Calm.\n    kind: settlement\n    historical: false\n    scores:\n"
        "      kennedy: {survival: 1, security: 1, prestige: 1, history: 1}\n"
        "      khrushchev: {survival: 1, security: 1, prestige: 1, history: 1}\n"
    )
    line = base.splitlines().index("    colour: red") + 1
    rendered = [str(p) for p in problems_in(tmp_path / "child.yaml")]
    assert any(
        r.startswith(f"{tmp_path / 'base.yaml'}:{line}:") and "unknown key 'colour'" in r for r in rendered
    ), rendered


def test_notes_beside_the_scenario_are_read(tmp_path):
    (tmp_path / "notes.yaml").write_text("facts:\n  - {id: one, text: A fact.}\n")
    text = MINI.read_text().replace(
        "- {id: test-source, title: A test source}",
        "- {id: test-source, title: A test source, notes: notes.yaml}",
    )
    (tmp_path / "s.yaml").write_text(text)
    assert "test-source.one" in load(tmp_path / "s.yaml").citations


# ---- what is not a scenario file at all -------------------------------------------------------


def _only_problem(path):
    problems = problems_in(path)
    assert len(problems) == 1, problems
    return problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "is a pipe, not a regular scenario file" in _only_problem(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(tmp_path, device):
    assert "is a device" in _only_problem(Path(device))
    link = tmp_path / "innocent.yaml"
    link.symlink_to(device)
    assert "is a device" in _only_problem(link)


def test_a_folder_is_refused(tmp_path):
    assert "is a folder" in _only_problem(tmp_path)


def test_an_oversized_file_is_refused_whole(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    big.write_text(MINI.read_text() + "# padding\n" * (MAX_BYTES // 10))
    assert "is larger than a scenario file can be (2 MB)" in _only_problem(big)
    assert main(["validate", str(big)]) == 1
    assert "larger than a scenario file" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_play_refuses_a_scenario_that_is_not_a_file(tmp_path, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert main(["play", "--text", "--scenario", str(fifo)]) == 2
    assert "is not a regular file" in capsys.readouterr().err


# ---- conditions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "risk >= " + "+".join(["1"] * 2000),
        "not " * 1500 + "x",
        "not " * 60 + "x",
        "-" * 1999 + "1",
        "(" * 250 + "1" + ")" * 250,
        "min(" * 60 + "1" + ", 2)" * 60,
        "a\x00b",
    ],
)
def test_a_monstrous_condition_is_a_condition_error(source):
    with pytest.raises(ConditionError) as err:
        parse(source)
    assert len(str(err.value)) < LONGEST_MESSAGE


# ---- Hypothesis: whatever the document, a result or a list of short problems ----------------

_KEYS = st.sampled_from(
    [
        "format",
        "id",
        "title",
        "summary",
        "dates",
        "start",
        "end",
        "phases",
        "endings",
        "tracks",
        "sides",
        "sources",
        "step",
        "chance",
        "when",
        "extends",
        "notes",
        "kennedy",
        "decisions",
        "transitions",
        "x",
    ]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(["1962-10-32", "1962-13-45", "risk >= 1", "not not x", "../x", "/etc/passwd", ".nan"]),
)
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=30,
)
_NOISE = st.text(alphabet=string.printable + "&*[]{}:-|>!%@`'\"#\t", max_size=40)


def _check(path):
    try:
        load(path)
    except ScenarioError as err:
        assert err.problems
        assert all(len(p.message) < LONGEST_MESSAGE for p in err.problems), err.problems
        assert len(err.problems) < 1000


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=_DOCS)
def test_any_yaml_document_loads_or_is_problems(tmp_path, doc):
    path = tmp_path / "gen.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    _check(path)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(at=st.floats(min_value=0, max_value=1), cut=st.integers(0, 60), noise=_NOISE)
def test_any_damage_to_a_sound_file_loads_or_is_problems(tmp_path, at, cut, noise):
    text = MINI.read_text()
    i = int(at * len(text))
    path = tmp_path / "damaged.yaml"
    path.write_text(text[:i] + noise + text[i + cut :], encoding="utf-8")
    _check(path)


def test_a_misspelt_scenario_to_extend_is_named_with_the_nearest(tmp_path):
    """Play-test 10, K13: `extends: cuban-missle-crisis` said 'which is not found' and no more."""
    (tmp_path / "base.yaml").write_text(MINI.read_text())
    (tmp_path / "typo.yaml").write_text("extends: cuban-missle-crisis\ntitle: Mine\n")
    (tmp_path / "near.yaml").write_text("extends: bsae\ntitle: Mine\n")
    (typo,) = [str(p) for p in problems_in(tmp_path / "typo.yaml")]
    assert "which is not found (did you mean 'cuban-missile-crisis'?)" in typo, typo
    (near,) = [str(p) for p in problems_in(tmp_path / "near.yaml")]
    assert "(did you mean 'base'?)" in near, near
