"""Saves: round-trips at every turn, branches that keep the original line, damaged files left alone."""

import json
import random
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import persistence as P
from game.ai.policies import POLICIES
from game.engine.match import Game, cut
from game.engine.state import Move
from game.model import SIDES, CrisisError, Side
from game.persistence.format import VERSION
from game.scenario import catalog
from game.scenario.load import load as load_scenario

from .conftest import FIXTURES

BOTS = {"kennedy": "random", "khrushchev": "random"}
ONE_HUMAN = {"kennedy": "human", "khrushchev": "historical"}


def play(s, seed, policies=("random", "random"), upto=None):
    """A game played by policies, to its end or until `upto` moves were made."""
    game, made = Game(s, seed), 0
    while not game.is_over() and (upto is None or made < upto):
        for side, name in zip(SIDES, policies, strict=True):
            if side in game.sides_to_act() and (upto is None or made < upto):
                game.apply(POLICIES[name](s, game.view(side), seed))
                made += 1
    return game


def test_a_save_loads_to_the_same_game(mini, tmp_path):
    game = play(mini, 4)
    path = P.save(game, tmp_path / "g.json", sides=BOTS)
    loaded = P.load(path)
    assert loaded.game.state == game.state
    assert loaded.stopped is None
    assert loaded.meta.checked == len(game.state.log)
    assert loaded.meta.sides == BOTS and loaded.meta.seed == 4 and loaded.meta.scenario == "mini"
    doc = json.loads(path.read_text())
    assert doc["version"] == VERSION and doc["scenario"]["hash"] and doc["checksum"]
    assert [e["turn"] for e in doc["lines"][0]["moves"]] == [r.turn for r in game.state.log for _ in r.moves]


@pytest.mark.parametrize("name", ["mini", pytest.param("cuban-missile-crisis", marks=pytest.mark.slow)])
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**31), policies=st.sampled_from([("random", "random"), ("hawk", "dove")]))
def test_every_turn_of_a_random_game_round_trips(name, seed, policies, tmp_path_factory):
    s = load_scenario(FIXTURES / "mini.yaml") if name == "mini" else catalog.get(name)
    path = tmp_path_factory.mktemp("rt") / "g.json"
    game = Game(s, seed)
    while not game.is_over():
        for side, policy in zip(SIDES, policies, strict=True):
            game.apply(POLICIES[policy](s, game.view(side), seed))
            P.save(game, path, sides=BOTS)  # after every move: mid-turn and at its end
            assert P.load(path).game.state == game.state
    assert len(P.lines(path)) == 1  # one game, saved as it grew: one line


def test_autosave_writes_to_the_data_dir_then_to_the_games_own_file(mini, data_dir, tmp_path):
    game = play(mini, 2, upto=1)
    first = P.autosave(game, sides=ONE_HUMAN)
    assert first.parent == data_dir / "saves" and first.name == "mini-seed2.json"
    elsewhere = P.save(game, tmp_path / "mine.json", sides=ONE_HUMAN)
    game.apply(game.legal_moves(Side.KHRUSHCHEV)[0])
    assert P.autosave(game, sides=ONE_HUMAN) == elsewhere  # the file it was last saved to
    assert P.load(elsewhere).game.state == game.state
    assert [x.path for x in P.list_saves()] == [first]


def test_a_branch_keeps_the_original_line(mini, tmp_path):
    original = play(mini, 5, ("historical", "historical"))
    path = P.save(original, tmp_path / "g.json", sides=BOTS)
    before = json.loads(path.read_text())["lines"][0]["moves"]
    branched = P.branch(path, 2)
    game = branched.game
    assert game.state.turn == 2 and game.state.log == original.state.log[:1]
    other = next(m for m in game.legal_moves(Side.KENNEDY) if m != original.state.log[1].moves[0])
    game.apply(other)
    P.autosave(game, sides=ONE_HUMAN)  # back to the file it came from, as a new line
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["random"](mini, game.view(side), 5))
        P.autosave(game, sides=ONE_HUMAN)
    tree = {x.id: x for x in P.lines(path)}
    assert set(tree) == {"main", "b1"}
    assert tree["b1"].parent == "main" and tree["b1"].branch_at == 2
    assert json.loads(path.read_text())["lines"][0]["moves"] == before
    assert P.load(path, line="main").game.state == original.state
    assert P.load(path).game.state == game.state  # the line last played opens by default
    again = P.save(original, path, sides=BOTS)  # saving the original again changes nothing
    assert {x.id for x in P.lines(again)} == {"main", "b1"}


def test_a_game_that_plays_on_extends_its_line(mini, tmp_path):
    path = tmp_path / "g.json"
    game = play(mini, 8, upto=2)
    P.save(game, path, sides=BOTS)
    resumed = P.load(path).game
    resumed.apply(resumed.legal_moves(Side.KENNEDY)[0])
    P.save(resumed, path, sides=BOTS)
    assert [x.id for x in P.lines(path)] == ["main"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 1000), cuts=st.lists(st.integers(1, 6), min_size=1, max_size=4))
def test_saving_branches_never_changes_a_line_it_already_holds(mini, tmp_path_factory, seed, cuts):
    """However games are branched and saved, each line only grows, and every game saved loads back."""
    path = tmp_path_factory.mktemp("tree") / "g.json"
    rng = random.Random(seed)
    game = play(mini, seed)
    P.save(game, path, sides=BOTS)
    saved = [game]
    for at in cuts:
        lines = P.lines(path)
        pick = rng.choice(lines)
        source = P.load(path, line=pick.id).game
        g = cut(source, min(at, source.state.turn))
        while not g.is_over() and rng.random() < 0.9:
            for side in g.sides_to_act():
                g.apply(rng.choice(g.legal_moves(side)))
        before = {x.id: x.moves for x in lines}
        P.save(g, path, sides=BOTS)
        saved.append(g)
        after = {x.id: x.moves for x in P.lines(path)}
        for line_id, moves in before.items():
            if line_id in after:  # a branch that holds nothing of its own may be dropped
                assert after[line_id][: len(moves)] == moves
    states = [P.load(path, line=x.id).game.state for x in P.lines(path)]
    for g in saved:
        assert any(
            s.log[: len(g.state.log)] == g.state.log
            and (s.pending == g.state.pending or len(s.log) > len(g.state.log))
            for s in states
        )


# ---- a changed scenario ------------------------------------------------------------------


@pytest.fixture
def own_mini(tmp_path):
    """A copy of the mini scenario that a test may change."""
    path = tmp_path / "scen" / "mini.yaml"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "mini.yaml", path)
    return path


def _saved_game(scenario_path, tmp_path, moves):
    s = load_scenario(scenario_path)
    game = Game(s, 3)
    for k, h in moves:
        game.apply(Move(Side.KENNEDY, k))
        game.apply(Move(Side.KHRUSHCHEV, h))
    return P.save(game, tmp_path / "g.json", sides=BOTS), game


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_renamed_decision_stops_the_replay_there(own_mini, tmp_path):
    path, game = _saved_game(own_mini, tmp_path, [("wait", "turn_back"), ("blockade", "turn_back")])
    _edit(own_mini, "id: blockade,", "id: blockade_ordered,")
    _edit(own_mini, "recommends: blockade,", "recommends: blockade_ordered,")
    loaded = P.load(path)
    stop = loaded.stopped
    assert stop is not None and stop.turn == 2 and stop.date == "1962-10-23"
    assert stop.side == "kennedy" and stop.decision == "blockade"
    assert "no decision 'blockade'" in stop.reason
    assert loaded.game.state.turn == 2 and loaded.game.state.log == game.state.log[:1]
    assert loaded.meta.scenario_changed and loaded.meta.changed_files == ("mini.yaml",)
    assert "turn 2 (1962-10-23), kennedy's move 'blockade': the scenario has no decision" in str(stop)


def test_a_changed_effect_stops_the_replay_at_that_turn(own_mini, tmp_path):
    path, _ = _saved_game(own_mini, tmp_path, [("wait", "turn_back"), ("blockade", "turn_back")])
    _edit(own_mini, "effects: {quarantine: true, risk: +1}", "effects: {quarantine: true, risk: +2}")
    stop = P.load(path).stopped
    assert stop is not None and stop.turn == 2 and stop.side is None
    assert "risk is now 3, was 2" in stop.reason


def test_a_changed_chance_is_named(own_mini, tmp_path):
    path, _ = _saved_game(own_mini, tmp_path, [("wait", "turn_back")])
    _edit(own_mini, "chance: 0.1 * (risk - 3)", "chance: 0.2 * (risk - 1)")
    stop = P.load(path).stopped
    assert (
        stop is not None
        and stop.turn == 1
        and "chance of event 'incident' is now 0.2, was 0.0" in stop.reason
    )


def test_a_changed_start_stops_before_the_first_turn(own_mini, tmp_path):
    path, _ = _saved_game(own_mini, tmp_path, [("wait", "turn_back")])
    _edit(own_mini, "min: 0, max: 10, start: 3, higher_is: bad", "min: 0, max: 10, start: 4, higher_is: bad")
    loaded = P.load(path)
    assert loaded.stopped is not None and loaded.stopped.turn == 0 and loaded.game.state.turn == 1
    assert str(loaded.stopped).startswith("the opening: ")


def test_a_changed_text_still_replays_in_full(own_mini, tmp_path):
    path, game = _saved_game(own_mini, tmp_path, [("wait", "turn_back"), ("blockade", "turn_back")])
    _edit(own_mini, "epilogue: They agreed.", "epilogue: They agreed, at last.")
    loaded = P.load(path)
    assert loaded.stopped is None and loaded.game.state == game.state and loaded.meta.scenario_changed


# ---- damaged and foreign files -----------------------------------------------------------


def _damaged(tmp_path, campaign, change):
    game = play(campaign, 9, ("historical", "historical"))
    path = P.save(game, tmp_path / "g.json", sides=BOTS)
    data = change(path.read_bytes())
    path.write_bytes(data)
    return path, data


def _hand_edit_move(raw):
    doc = json.loads(raw)
    entry = doc["lines"][0]["moves"][2]
    entry["move"]["decision"] = "order_air_strike"
    return json.dumps(doc, indent=1).encode()


def _swap_move(raw):
    doc = json.loads(raw)
    moves = doc["lines"][0]["moves"]
    s = catalog.get("cuban-missile-crisis")
    phase = s.phase(doc["lines"][0]["turns"][0]["phase"])
    taken = moves[0]["move"]["decision"]
    moves[0]["move"]["decision"] = next(d.id for d in phase.decisions[Side.KENNEDY] if d.id != taken)
    return json.dumps(doc).encode()


def _another_scenario(raw):
    doc = json.loads(raw)
    doc["scenario"]["id"] = "thirteen-days"
    return json.dumps(doc).encode()


def _retag(key, value):
    def change(raw):
        doc = json.loads(raw)
        doc[key] = value
        return json.dumps(doc).encode()

    return change


DAMAGE = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "cut short"),
    "empty": (lambda raw: b"", "empty"),
    "random bytes": (lambda raw: bytes(random.Random(1).randrange(256) for _ in range(300)), "not a save"),
    "not JSON": (lambda raw: b"[game]\nseed = 3\n", "not valid JSON"),
    "a JSON list": (lambda raw: b"[1, 2, 3]", "not a missile-crisis save"),
    "another program's JSON": (lambda raw: b'{"format": "mp3-playlist"}', "its format is 'mp3-playlist'"),
    "a newer version": (_retag("version", 99), "format 99 by a newer version"),
    "a nonsense version": (_retag("version", "one"), "format version 'one' is not a version"),
    "a hand-edited move": (_hand_edit_move, "altered or damaged .* turn 2"),
    "another legal move": (_swap_move, "altered or damaged .* no longer replays: turn 1"),
    "another scenario": (_another_scenario, "altered or damaged"),
    "an unknown scenario": (
        _retag("scenario", {"id": "bay-of-pigs", "hash": "x"}),
        "'bay-of-pigs', which is not",
    ),
    "a missing key": (_retag("lines", "none"), "'lines' should be a list"),
}


@pytest.mark.parametrize("kind", DAMAGE, ids=str)
def test_a_damaged_save_is_a_clear_error_and_stays_as_it_was(kind, campaign, tmp_path):
    change, message = DAMAGE[kind]
    path, data = _damaged(tmp_path, campaign, change)
    with pytest.raises(P.SaveError, match=message) as err:
        P.load(path)
    assert isinstance(err.value, CrisisError) and str(path) in str(err.value)
    assert path.read_bytes() == data
    game = play(campaign, 9, ("historical", "historical"))
    with pytest.raises(P.SaveError, match="left as it is"):  # nor will a save write over it
        P.save(game, path, sides=BOTS)
    assert path.read_bytes() == data


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cut=st.floats(0.0, 0.999))
def test_any_truncation_is_an_error_and_leaves_the_file(mini, tmp_path, cut):
    path = tmp_path / "t.json"
    full = P.save(play(mini, 6), tmp_path / "full.json", sides=BOTS).read_bytes()
    data = full[: int(len(full) * cut)]
    path.write_bytes(data)
    with pytest.raises(P.SaveError):
        P.load(path)
    assert path.read_bytes() == data


def test_loading_into_the_wrong_scenario_says_so(mini, campaign, tmp_path):
    path = P.save(play(mini, 1), tmp_path / "g.json", sides=BOTS)
    with pytest.raises(P.SaveError, match="a game of 'mini', not of 'cuban-missile-crisis'"):
        P.load(path, scenario=campaign)


def test_saving_another_game_over_a_save_is_refused(mini, tmp_path):
    path = P.save(play(mini, 1), tmp_path / "g.json", sides=BOTS)
    data = path.read_bytes()
    with pytest.raises(P.SaveError, match="holds another game"):
        P.save(play(mini, 2), path, sides=BOTS)
    assert path.read_bytes() == data


def test_a_reformatted_save_still_loads(mini, tmp_path):
    path = P.save(play(mini, 1), tmp_path / "g.json", sides=BOTS)
    path.write_text(json.dumps(json.loads(path.read_text()), indent=4, sort_keys=True))
    loaded = P.load(path)
    assert loaded.stopped is None and not loaded.meta.warnings


def test_sides_must_be_human_or_a_policy(mini, tmp_path):
    with pytest.raises(P.SaveError, match="kennedy is 'robot'"):
        P.save(play(mini, 1), tmp_path / "g.json", sides={"kennedy": "robot", "khrushchev": "dove"})


def test_a_version_0_save_is_migrated(campaign, tmp_path):
    # format 0 kept decisions only: a game in which nobody wrote a letter
    games = (play(catalog.get("thirteen-days"), seed) for seed in range(7, 60))
    game = next(g for g in games if not any(m.letter for r in g.state.log for m in r.moves))
    old = {
        "game": "missile-crisis",
        "save_version": 0,
        "scenario": "thirteen-days",
        "seed": game.state.seed,
        "players": BOTS,
        "moves": [[m.side.value, m.decision] for r in game.state.log for m in r.moves],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    data = path.read_bytes()
    loaded = P.load(path)
    assert loaded.game.state == game.state and loaded.stopped is None
    assert loaded.meta.version == 0 and loaded.meta.checked == 0
    assert any("format 0" in w for w in loaded.meta.warnings)
    assert path.read_bytes() == data  # loading never writes
    P.save(loaded.game, path, sides=BOTS)  # saving writes the current format, one line
    assert json.loads(path.read_text())["version"] == VERSION and P.load(path).meta.checked > 0


def test_moves_with_letters_round_trip(tmp_path):
    s = load_scenario(FIXTURES / "talks.yaml")
    for seed in range(4):
        game = play(s, seed, ("pragmatist", "pragmatist"))
        assert any(m.letter for r in game.state.log for m in r.moves)
        path = P.save(
            game, tmp_path / f"talks{seed}.json", sides={"kennedy": "pragmatist", "khrushchev": "human"}
        )
        loaded = P.load(path)
        assert loaded.game.state == game.state and loaded.stopped is None


def test_a_zeroed_line_digest_names_the_last_turn_and_the_list_marks_the_file(mini, tmp_path):
    """Play-test 8, H18: 'turn 4 (1962-10-20)' for a game of three turns, and Saved games listed the
    file like a good one."""
    from game.ui.screens.saves import describe

    game = play(mini, 6, upto=6)
    turns = len(game.state.log)
    path = P.save(game, tmp_path / "g.json", sides=BOTS)
    doc = json.loads(path.read_bytes())
    doc["lines"][0]["digest"] = "0" * len(doc["lines"][0]["digest"])
    data = json.dumps(doc).encode()
    path.write_bytes(data)
    with pytest.raises(P.SaveError, match=f"the end of the game's last turn, turn {turns} \\(") as err:
        P.load(path)
    assert game.state.log[-1].date in str(err.value) and path.read_bytes() == data
    (listed,) = P.list_saves(tmp_path)
    assert listed.edited and "changed after it was saved: checked when opened" in describe(listed)[-1]
    fine = P.save(play(mini, 7, upto=4), tmp_path / "h.json", sides=BOTS)
    assert not next(x for x in P.list_saves(tmp_path) if x.path == fine).edited
