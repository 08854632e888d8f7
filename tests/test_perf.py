"""Speed work that must change nothing: the same digests, the same games, the same saves."""

import dataclasses
import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game import sim
from game.ai.policies import POLICIES
from game.conditions import parse
from game.engine import rules, work
from game.engine.gates import Gate
from game.engine.machine import machine_for
from game.engine.match import Game
from game.engine.state import GameState, TurnRecord, kept_as_hashed
from game.engine.state import extend_trail as state_extend_trail
from game.engine.trail import extend_trail, record_repr
from game.model import SIDES
from game.scenario import catalog


def _old_digest(state) -> str:
    """The digest as every save so far recorded it: the state's JSON without its log."""
    data = state.to_dict()
    del data["log"]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def test_the_digest_is_the_one_saves_recorded_at_every_turn():
    s = catalog.get("cuban-missile-crisis")
    for seed, kind in ((3, "random"), (5, "pragmatist")):
        game = sim.play(s, {side: POLICIES[kind] for side in SIDES}, seed)
        assert game.state.mail or kind == "random"
        for turn in range(1, len(game.state.log) + 1):
            state = dataclasses.replace(game.state, log=game.state.log[:turn])
            assert state.digest() == _old_digest(state)


def test_the_digest_reads_the_log_only_through_its_trail():
    s = catalog.get("cuban-missile-crisis")
    state = sim.play(s, {side: POLICIES["random"] for side in SIDES}, 11).state
    shorter = dataclasses.replace(state, log=state.log[:1])
    assert shorter.digest() == state.digest()
    assert dataclasses.replace(state, trail="0" * 24).digest() != state.digest()
    assert state.to_dict()["log"] and list(state.to_dict()) == list(_keys_in_order())


def _keys_in_order() -> tuple[str, ...]:
    return (
        "scenario", "seed", "phase", "date", "calendar", "phase_turn", "tracks", "flags", "taken",
        "fired", "pending", "log", "opening", "opening_rolls", "ending", "mail", "agreements",
        "blocked", "leaked", "trail",
    )  # fmt: skip


# ---- compiled conditions: the same value as the reference closures, for every expression ------

_NAMES = ("risk", "defcon", "quarantine", "talks")
_atoms = st.sampled_from([*_NAMES, "true", "false", "0", "1", "3", "0.5", "10"])


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map(lambda p: f"({''.join(p)})")


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        _joined(inner, st.sampled_from([" and ", " or "]), inner),
        st.tuples(st.sampled_from(["not ", "-", "+"]), inner).map(lambda p: f"({p[0]}({p[1]}))"),
        _joined(inner, st.sampled_from([" + ", " - ", " * ", " / "]), inner),
        _joined(inner, st.sampled_from([" < ", " <= ", " == ", " != ", " > ", " >= "]), inner),
        _joined(inner, st.sampled_from([" < ", " >= "]), inner, st.sampled_from([" <= ", " != "]), inner),
        st.tuples(st.sampled_from(["min", "max", "abs"]), inner, inner).map(
            lambda p: f"{p[0]}({p[1]})" if p[0] == "abs" else f"{p[0]}({p[1]}, {p[2]})"
        ),
        inner.map("({})".format),
    )


_expressions = st.recursive(_atoms, _combine, max_leaves=12)
_values = st.one_of(st.integers(-3, 12), st.booleans(), st.sampled_from([0.0, 0.25, 2.5]))


@settings(max_examples=400, deadline=None)
@given(_expressions, st.fixed_dictionaries({n: _values for n in _NAMES}))
def test_a_compiled_condition_equals_its_closures(source, env):
    fast, slow = parse(source), parse(source, closures=True)
    assert fast.names == slow.names
    want, got = slow(env), fast(env)
    assert got == want and type(got) is type(want), (source, env, want, got)


def test_a_compiled_condition_reads_names_only_from_its_env():
    """A name is a key of `env`, never a Python name: the builtins and globals are out of reach."""
    expr = parse("min(risk, 3) + abs(-defcon) / 2")
    assert expr({"risk": 5, "defcon": 4}) == 5
    for name in ("_div", "env", "min"):
        with pytest.raises(KeyError):
            parse(f"{name} > 0")({})
    assert parse("env")({"env": 7}) == 7
    assert expr.fn.__globals__["__builtins__"] == {}


# ---- the engine's short cuts: the states they make are the states __init__ would make -------


def test_a_resolved_state_is_the_value_its_init_would_make():
    s = catalog.get("cuban-missile-crisis")
    for seed in range(5):
        game = sim.play(s, {side: POLICIES["random"] for side in SIDES}, seed)
        state = game.state
        fields = {f.name: getattr(state, f.name) for f in dataclasses.fields(state) if f.init}
        again = GameState(**fields)
        assert again == state and hash(again.log) == hash(state.log)
        assert {t: again.track(t) for t, _ in state.tracks} == {t: state.track(t) for t, _ in state.tracks}
        for record in state.log:
            same = TurnRecord(**{f.name: getattr(record, f.name) for f in dataclasses.fields(record)})
            assert same == record and repr(same) == repr(record)


def test_the_phase_machine_agrees_with_every_edge_the_engine_takes(monkeypatch):
    """Play skips the transitions trigger once `next` has chosen an edge; with the check on, the
    machine fires every time and must land where `next` said."""
    s = catalog.get("cuban-missile-crisis")
    plain = [sim.play(s, {side: POLICIES["random"] for side in SIDES}, seed).state for seed in range(40)]
    machine = machine_for(s)
    monkeypatch.setattr(machine, "check", True)
    woken = []
    set_state = machine.machine.set_state
    monkeypatch.setattr(machine.machine, "set_state", lambda *a, **k: woken.append(a) or set_state(*a, **k))
    moved = 0
    for seed, want in enumerate(plain):
        got = sim.play(s, {side: POLICIES["random"] for side in SIDES}, seed).state
        assert got == want
        moved += sum(r.to is not None for r in got.log)
    assert moved > 40 and len(woken) >= 2 * moved  # ours before each trigger, the machine's as it moves


def test_the_fast_trail_is_the_trail():
    s = catalog.get("cuban-missile-crisis")
    records = [
        r
        for kind, seeds in (("random", range(20)), ("pragmatist", range(3)), ("historical", range(1)))
        for seed in seeds
        for r in sim.play(s, {side: POLICIES[kind] for side in SIDES}, seed).state.log
    ]
    assert any(len(r.rolls) == 1 for r in records) and any(len(r.rolls) > 1 for r in records)
    assert any(m.letter for r in records for m in r.moves)
    assert any(r.kept for r in records)
    trail = ""
    for r in records:
        assert record_repr(r) == repr(dataclasses.replace(r, kept=kept_as_hashed(r.kept)))
        assert extend_trail(trail, r) == state_extend_trail(trail, r)
        trail = extend_trail(trail, r)


def test_the_env_kept_beside_a_state_is_the_env_the_rules_would_work_out():
    """read_env's short cut (from what the state implies) gives what Work gives, at every turn."""
    s = catalog.get("cuban-missile-crisis")
    for kind, seed in (("random", 2), ("pragmatist", 4)):
        game = sim.play(s, {side: POLICIES[kind] for side in SIDES}, seed)
        state = rules.new_game(s, seed)
        for record in game.state.log:
            for move in record.moves:
                state = rules.apply(s, state, move)
                if state.pending or state.ending:
                    continue
                assert state._implied is not None
                slow = work.Work(s, state).env
                assert work.read_env(s, state) == slow and work.env_of(s, state) == slow


def test_each_command_loads_its_own_group_and_the_table_names_every_command():
    import argparse
    import importlib

    from game import cli

    for group in cli.GROUPS:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"game.cli.{group}").register(sub)
        for command in sub.choices:
            assert cli.COMMANDS.get(command) == group, f"add {command!r}: {group!r} to cli.COMMANDS"
    assert set(cli.COMMANDS.values()) <= set(cli.GROUPS)
    every = cli.parser().commands
    assert set(cli.COMMANDS) == set(every)
    assert cli.parser(["replay", "x.json"], every=False).commands == ("replay", "compare")
    assert cli.parser([], every=False).commands == ("play",)
    for unknown in (["--help"], ["plya"], ["--version"]):
        assert cli.parser(unknown, every=False).commands == every


# ---- gates: what is open now, remembered by the values the conditions read -------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.one_of(st.none(), _expressions), st.sampled_from([None, *_NAMES])), max_size=6),
    st.lists(st.fixed_dictionaries({n: _values for n in _NAMES}), min_size=1, max_size=6),
)
def test_a_gate_opens_exactly_the_items_whose_conditions_hold(items, envs):
    """Asked again and again with envs old and new, a gate answers as the conditions themselves."""
    exprs = [(i, None if text is None else parse(text), unless) for i, (text, unless) in enumerate(items)]
    gate = Gate(exprs)
    for env in [*envs, *reversed(envs)]:
        want = tuple(i for i, e, unless in exprs if not (unless and env[unless]) and (e is None or e(env)))
        assert gate(env) == want


def test_legal_moves_channels_terms_and_flags_are_what_the_conditions_say():
    """The gated answers of the rules and the view, against the scenario's conditions read directly,
    at every turn of some random games."""
    s = catalog.get("cuban-missile-crisis")
    n = s.negotiation
    assert n is not None
    checked = 0
    for seed in range(6):
        game = Game(s, seed)
        while not game.is_over():
            env = work.env_of(s, game.state)
            for side in game.sides_to_act():
                legal = [
                    d.id
                    for d in s.phase(game.state.phase).decisions.get(side, ())
                    if not (d.once and d.id in game.state.taken) and (d.requires is None or d.requires(env))
                ]
                view = game.view(side)
                assert [m.decision for m in view.legal] == legal
                assert view.channels == tuple(
                    c.id for c in n.channels if side in c.sides and (c.available is None or c.available(env))
                )
                assert view.terms == tuple(t.id for t in n.terms if t.available is None or t.available(env))
                assert view.flags == {
                    f.id
                    for f in s.flags
                    if f.id in game.state.flags
                    and (side in f.known_to or (f.revealed_when is not None and f.revealed_when(env)))
                }
                checked += 1
                game.apply(POLICIES["random"](s, view, seed))
    assert checked > 50
