"""Broken scenario files: every one names its file, line and column, and what is wrong."""

from pathlib import Path

import pytest

from game.scenario.load import problems_in

BAD = Path(__file__).parent / "fixtures" / "bad"

CASES = {
    "tab_indent": (25, "a tab is used for indentation"),
    "duplicate_key": (26, "duplicate key 'title' (first on line 25)"),
    "wrong_type": (12, "'start' should be a whole number, not 'high'"),
    "unknown_key": (27, "unknown key 'calender' in phase 'crisis' (did you mean 'calendar'?)"),
    "truncated": (47, "phase 'talks' is missing the required key 'dates'"),
    "misspelt_transition": (45, "no such phase or ending (did you mean 'talks'?)"),
    "unknown_name": (44, "reads 'rsik', which is not declared (did you mean 'risk'?)"),
    "bad_expression": (44, "is not allowed"),
    "unknown_effect": (
        34,
        "changes 'rusk', which is neither a track nor a flag (did you mean 'risk'?)",
    ),
    "no_legal_move": (55, "may leave khrushchev without a legal move"),
    "unreachable_phase": (46, "phase 'talks' cannot be reached from the start"),
    "bad_citation": (
        28,
        "cites 'tset-source', which is not a known source or fact (did you mean 'test-source'?)",
    ),
    "uncited_history": (28, "is marked historical but cites no source"),
    "bad_enum": (35, "'hwak' is not allowed (did you mean 'hawk'?)"),
    "missing_key": (24, "phase 'crisis' is missing the required key 'title'"),
    "loop": (44, "the phases form a loop (crisis -> talks -> crisis)"),
    "bad_advisor": (
        31,
        "recommends 'blokade', not a kennedy decision in phase 'crisis' (did you mean 'blockade'?)",
    ),
    "empty": (1, "the file is empty"),
    "not_a_mapping": (1, "a scenario file should be a mapping of keys at the top"),
}


def test_every_fixture_has_a_case():
    assert {p.stem for p in BAD.glob("*.yaml")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_reports_file_line_and_message(name):
    line, message = CASES[name]
    path = BAD / f"{name}.yaml"
    problems = problems_in(path)
    rendered = [str(p) for p in problems]
    assert any(r.startswith(f"{path}:{line}:") and message in r for r in rendered), rendered


def test_all_problems_are_reported_at_once(tmp_path):
    text = (BAD.parent / "mini.yaml").read_text()
    text = text.replace("start: 3, higher_is", "start: high, higher_is")
    text = text.replace("{to: talks, when: secret_offer}", "{to: tlaks, when: secret_offer}")
    text = text.replace("stance: hawk, effects: {risk: +5}", "stance: hwak, effects: {risk: +5}")
    path = tmp_path / "many.yaml"
    path.write_text(text)
    messages = " | ".join(str(p) for p in problems_in(path))
    assert "'high'" in messages and "'hwak'" in messages


def test_sound_fixture_has_no_problems():
    assert problems_in(BAD.parent / "mini.yaml") == []


def test_missing_file_is_a_problem_not_a_traceback(tmp_path):
    problems = problems_in(tmp_path / "nowhere.yaml")
    assert [p.message for p in problems] == ["no such file"]


def test_binary_garbage_is_a_problem(tmp_path):
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)))
    assert problems_in(path)


@pytest.mark.parametrize("trigger", ["to_crisis", "trigger", "may_advance", "os.system", "Advance"])
def test_trigger_names_that_could_reach_the_machine_as_callbacks_are_refused(tmp_path, trigger):
    text = (BAD.parent / "mini.yaml").read_text().replace("trigger: escalate", f"trigger: '{trigger}'")
    path = tmp_path / "trigger.yaml"
    path.write_text(text)
    assert any(f"trigger {trigger!r} is not allowed" in p.message for p in problems_in(path))


def test_a_dotted_id_never_reaches_the_machine(tmp_path):
    text = (BAD.parent / "mini.yaml").read_text().replace("id: talks", "id: os.system")
    path = tmp_path / "dotted.yaml"
    path.write_text(text)
    assert any("id 'os.system' should be lowercase" in p.message for p in problems_in(path))


@pytest.mark.parametrize("dates, ok", [(2, True), (3, False)])
def test_a_fixed_calendar_with_enough_once_orders_leaves_a_legal_move(tmp_path, dates, ok):
    """Two orders taken once each last a chapter of two fixed turns, not one of three (the campaign's
    April and May 1961, where every Soviet order is taken once)."""
    text = (BAD.parent / "mini.yaml").read_text()
    calendar = ", ".join(f"1962-10-{25 + i}" for i in range(dates))
    text = text.replace("    step: 2\n", f"    calendar: [{calendar}]\n", 1)
    hold = "        - {id: hold, label: Hold, description: Wait., historical: true, source: test-source}"
    assert hold in text
    once = hold.replace("}", ", once: true}")
    wait = once.replace("id: hold, label: Hold", "id: stall, label: Stall")
    text = text.replace(hold, f"{once}\n{wait}")
    path = tmp_path / "calendar.yaml"
    path.write_text(text)
    messages = [str(p) for p in problems_in(path)]
    assert ok == (not any("without a legal move" in m for m in messages)), messages
