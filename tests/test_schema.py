"""One schema for saves and turns: files read and written back byte for byte, errors that name the field."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import schema
from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.state import Compliance, GameState, Move
from game.model import CrisisError
from game.persistence import files
from game.persistence.format import checksum, encode, from_data, to_data
from game.scenario import catalog

from .conftest import GOLDEN

SAVE = GOLDEN / "save-thirteen-days-hawk.json"
"""A save written before the schema (format 1, two lines, letters and delayed promises)."""


def test_a_saved_file_reads_and_writes_back_byte_for_byte():
    raw = SAVE.read_bytes()
    data = json.loads(raw)
    assert checksum(data) == data["checksum"]
    doc = from_data(data)
    assert len(doc.lines) == 2 and any(e.move.compliance for e in doc.lines[0].moves)
    assert encode(to_data(doc)) == raw


def _first(doc, test):
    return next(i for i, e in enumerate(doc["lines"][0]["moves"]) if test(e["move"]))


def _gives(doc):
    i = _first(doc, lambda m: m.get("letter", {}).get("gives"))
    offer = doc["lines"][0]["moves"][i]["move"]["letter"]["gives"][0]
    return offer, f"lines[0].moves[{i}].move.letter.gives[0]"


def _compliance(doc):
    i = _first(doc, lambda m: m.get("compliance"))
    return doc["lines"][0]["moves"][i]["move"]["compliance"][0], f"lines[0].moves[{i}].move.compliance[0]"


def _term(doc):
    offer, where = _gives(doc)
    offer["term"] = 5
    return f"'{where}.term' should be text, not 5"


def _how(doc):
    pair, where = _compliance(doc)
    pair[1] = "ignore"
    return f"'{where}[1]' should be one of 'delay', 'break', not 'ignore'"


def _timing(doc):
    offer, where = _gives(doc)
    offer["timing"] = ["now"]
    return f"'{where}.timing' should be one of 'now', 'days', 'later', not ['now']"


def _roll(doc):
    turn = next(i for i, t in enumerate(doc["lines"][0]["turns"]) if t["rolls"])
    doc["lines"][0]["turns"][turn]["rolls"][0]["p"] = "high"
    return f"'lines[0].turns[{turn}].rolls[0].p' should be a number, not 'high'"


def _missing(doc):
    del doc["lines"][1]["opening"]
    return "'lines[1].opening' is missing"


def _flags(doc):
    doc["lines"][0]["turns"][0]["events"] = "fired"
    return "'lines[0].turns[0].events' should be a list, not 'fired'"


@pytest.mark.parametrize("damage", [_term, _how, _timing, _roll, _missing, _flags], ids=lambda f: f.__name__)
def test_a_bad_field_is_named_by_its_path(damage, tmp_path):
    from game import persistence as P

    doc = json.loads(SAVE.read_bytes())
    message = damage(doc)
    doc["checksum"] = checksum(doc)
    path = tmp_path / "damaged.json"
    files.write_atomic(path, encode(doc))
    with pytest.raises(P.SaveError) as err:
        P.load(path)
    assert message in str(err.value) and str(path) in str(err.value)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
MOVE_KEYS = ("side", "decision", "letter", "compliance")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(MOVE_KEYS), JSON) | JSON)
def test_any_json_is_a_move_or_a_schema_error_naming_a_field(data):
    try:
        move = schema.load(data, Move, "move")
    except schema.SchemaError as err:
        assert isinstance(err, CrisisError) and str(err).startswith("'move")
        return
    assert schema.load(json.loads(json.dumps(schema.dump(move))), Move) == move


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["random", "pragmatist", "hawk"]))
def test_every_state_round_trips_and_keeps_its_digest(seed, policy):
    s = catalog.get("thirteen-days")
    game = Game(s, seed)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES[policy](s, game.view(side), seed))
        data = json.loads(json.dumps(game.state.to_dict()))
        again = GameState.from_dict(data)
        assert again == game.state and again.digest() == game.state.digest()
        assert "_implied" not in data  # a cache, not part of the value


def test_compliance_reads_as_its_enum_and_writes_as_its_string():
    move = schema.load({"side": "kennedy", "decision": "wait", "compliance": [["x", "delay"]]}, Move)
    assert move.compliance == (("x", Compliance.DELAY),)
    assert json.dumps(schema.dump(move)) == (
        '{"side": "kennedy", "decision": "wait", "compliance": [["x", "delay"]]}'
    )
