"""The condition language: what it computes, what it refuses."""

import pytest

from game.conditions import ConditionError, check_names, parse


@pytest.mark.parametrize(
    ("source", "env", "expected"),
    [
        ("risk >= 4 and not quarantine", {"risk": 5, "quarantine": False}, True),
        ("risk >= 4 and not quarantine", {"risk": 5, "quarantine": True}, False),
        ("3 <= risk < 6", {"risk": 6}, False),
        ("0.02 * (risk - 3)", {"risk": 8}, pytest.approx(0.1)),
        ("max(0, 5 - defcon) / 10", {"defcon": 2}, pytest.approx(0.3)),
        ("a or b", {"a": False, "b": True}, True),
        ("-risk + 10", {"risk": 3}, 7),
        ("true", {}, True),
        (0.25, {}, 0.25),
        (True, {}, True),
        ("risk / 0", {"risk": 3}, 0.0),
    ],
)
def test_evaluates(source, env, expected):
    assert parse(source)(env) == expected


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('true')",
        "risk.real",
        "open('x')",
        "[1, 2]",
        "'text'",
        "risk ** 2",
        "lambda: 1",
        "risk if a else b",
        "x[0]",
        "risk in (1, 2)",
    ],
)
def test_refuses_anything_but_the_language(source):
    with pytest.raises(ConditionError):
        parse(source)


def test_syntax_error_has_a_column():
    with pytest.raises(ConditionError) as err:
        parse("risk >= ")
    assert "cannot parse" in str(err.value)


def test_names_are_collected_and_checked():
    expr = parse("risk >= 4 and not quarantine or min(defcon, 3) < 2")
    assert expr.names == {"risk", "quarantine", "defcon"}
    assert check_names(expr, {"risk", "defcon"}) == [("quarantine", 18)]


def test_repr_pastes_back():
    assert repr(parse("risk > 2")) == "parse('risk > 2')"
