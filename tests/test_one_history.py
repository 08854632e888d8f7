"""One history per date (playtest 6, F4 and F6): what really happened on a date is one answer,
whatever came before, and the historical policy, the replay's star, the simulation's star, the
timeline, the debrief, the turn's report and explore's [history] tag all give it."""

import datetime as dt
from itertools import product
from pathlib import Path

import pytest

from game import sim
from game.ai.policies import POLICIES, Policy
from game.analysis.debrief import debrief
from game.analysis.explore import alternatives
from game.analysis.history import history_share, steps
from game.cli.render import game_text
from game.cli.render_saves import LEGEND, _step_lines
from game.engine.history import what_happened
from game.engine.match import Game
from game.errors import ScenarioError
from game.model import SIDES, Scenario, Side
from game.scenario import catalog
from game.scenario.load import load
from game.ui.session import replay
from game.ui.text import in_history

K, KH = Side.KENNEDY, Side.KHRUSHCHEV
SCENARIOS = ("cuban-missile-crisis", "thirteen-days", "il28-endgame")


def _play(s: Scenario, seed: int, turns: dict[tuple[int, Side], str]) -> Game:
    """Both sides historical, except the given (turn, side) -> decision."""
    game = Game(s, seed)
    while not game.is_over():
        for side in game.sides_to_act():
            chosen = turns.get((game.state.turn, side))
            view = game.view(side)
            move = next((m for m in view.legal if m.decision == chosen), None)
            game.apply(move or POLICIES["historical"](s, view, seed))
    return game


def _history_at(s: Scenario, game: Game, turn: int, side: Side) -> str | None:
    """What history did at the start of `turn` of a finished game (the engine's account, replayed)."""
    return steps(game)[turn - 1].history[side]


def test_may_12_1961_is_the_acceptance_unless_it_was_given_in_april():
    s = catalog.get("cuban-missile-crisis")
    game = _play(s, 1, {(1, KH): "bandit_message"})  # the 'bandit actions' of April, as history
    assert game.state.log[1].date == "1961-05-12"
    assert _history_at(s, game, 2, KH) == "accept_summit"
    assert game.state.log[1].moves[1].decision == "accept_summit"  # the historical policy agrees
    early = _play(s, 1, {(1, KH): "accept_summit"})  # the invitation taken up on April 19 already
    assert early.state.log[1].date == "1961-05-12"
    assert _history_at(s, early, 2, KH) is None  # an acceptance is given once: history has left
    assert early.state.log[2].phase == "vienna"  # and the meeting is held all the same


def test_october_18_is_silence_before_gromyko_not_the_quarantine():
    s = catalog.get("thirteen-days")
    excomm = s.phase("excomm").decisions
    told = set()
    for mine, theirs in product((d.id for d in excomm[K]), (d.id for d in excomm[KH])):
        game = _play(s, 1, {(1, K): mine, (1, KH): theirs})  # whatever October 16 brought
        record = game.state.log[1] if len(game.state.log) > 1 else None
        if record is None or record.date != "1962-10-18":
            continue  # (an order that ended the ExComm's week early)
        real = _history_at(s, game, 2, K)
        assert real in ("keep_counsel_gromyko", None), (mine, theirs, real)
        assert real is None or record.moves[0].decision == real
        told.add(real)
    assert told == {"keep_counsel_gromyko", None}  # on the road and off it (Gromyko's visit shut)


def test_mikoyan_reaches_havana_on_november_2_and_not_on_november_7():
    s = catalog.get("il28-endgame")
    game = _play(s, 1, {(1, KH): "keep_word"})  # the sites not yet dismantled on October 30
    assert [r.date for r in game.state.log[:3]] == ["1962-10-30", "1962-11-02", "1962-11-07"]
    assert _history_at(s, game, 2, KH) == "send_mikoyan"
    late = _play(s, 1, {(2, KH): "keep_word"})  # Mikoyan kept at home on November 2
    assert _history_at(s, late, 3, KH) == "count_at_sea"


def _games(s: Scenario) -> list[Game]:
    """The historical line, and lines that leave it on either side."""
    both: dict[Side, Policy] = {K: POLICIES["historical"], KH: POLICIES["historical"]}
    out = [sim.play(s, both, 1)]
    for seed, (k, kh) in enumerate((("random", "historical"), ("historical", "random"), ("hawk", "dove")), 2):
        out.append(sim.play(s, {K: POLICIES[k], KH: POLICIES[kh]}, seed))
    return out


@pytest.mark.parametrize("sid", SCENARIOS)
def test_every_screen_gives_the_same_history_on_every_date(sid):
    s = catalog.get(sid)
    for game in _games(s):
        rows, real_ui, report = steps(game), replay(game).real, debrief(game)
        rows_of = {(d.turn, d.side): d for d in report.decisions}
        sim_lines = game_text(game).splitlines()
        walk = Game(s, game.state.seed)
        for i, (r, record) in enumerate(zip(rows, game.state.log, strict=True)):
            text = _step_lines(s, r, [])
            for j, side in enumerate(SIDES):
                real = what_happened(s, walk.state, side)
                move = r.moves[side]
                same = real is not None and real.id == move.decision
                where = (sid, game.state.seed, r.turn, r.date, side.value)
                if real is not None:  # one answer per date: the order dated there
                    assert dt.date.fromisoformat(r.date) in real.taken_on, where
                    played = POLICIES["historical"](s, walk.view(side), 1)
                    assert played.decision == real.id, where
                assert r.history[side] == (real.id if real else None), where
                assert real_ui[i][side] == real, where  # the timeline's column and its ✓
                alts = alternatives(walk, dict.fromkeys(SIDES), sides=(side,))
                tagged = [a.moves[0].decision for a in alts if a.historical]
                assert tagged == ([real.id] if real else []), where  # explore's [history]
                order = text[1 + j].split("    (")[0]  # the order played, before any (history: ...)
                assert order.endswith(" *") == same, (where, text[1 + j])  # the replay's star
                assert rows_of[(r.turn, side)].as_history == same, where  # the debrief
                told = in_history(s, s.decision(move.decision), real, side)
                assert ("did the same" in told) == same, where  # the turn's report
                if real is not None and not same:
                    assert f"really did: [b]{real.label}" in told, where
            for move in record.moves:
                walk.apply(move)
        starred = sum(line.rstrip().endswith(" *") for line in sim_lines)
        assert starred == sum(not r.left_history(side) for r in rows for side in SIDES)
        out = game.outcome()
        assert out is not None and out.history_share == round(history_share(rows), 3)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_the_historical_line_is_history_on_every_date(sid):
    s = catalog.get(sid)
    game = _games(s)[0]
    rows = steps(game)
    assert all(r.history[side] == r.moves[side].decision for r in rows for side in SIDES)
    out = game.outcome()
    assert out is not None and out.historical and out.history_share == 1.0


def test_the_replay_stars_what_the_front_page_counts():
    """F6: a game whose every order history gave on another day: no star, and 0% on every page."""
    s = catalog.get("il28-endgame")
    game = _play(s, 3, {(t, K): "hold_quarantine" for t in range(1, 4)})
    rows = steps(game)[:3]
    assert all(s.decision(r.moves[K].decision).historical for r in rows)  # history's order, other days
    lines = [_step_lines(s, r, [])[1] for r in rows]
    assert not any(" * " in line or line.endswith(" *") for line in lines)
    assert all(line.endswith("[history gave it on 1962-11-12, 1962-11-14, 1962-11-15]") for line in lines)
    assert "an order given on the same date in history" in LEGEND


def test_the_lint_keeps_one_order_a_side_a_date_on_the_phase_calendar(tmp_path):
    text = (Path(__file__).parent / "fixtures" / "mini.yaml").read_text()
    bad = (
        text.replace(  # a second Kennedy order on October 22
            "historical: false, stance: hawk, effects: {risk: +5}}",
            "historical: true, source: test-source, stance: hawk, effects: {risk: +5}, taken_on: 1962-10-22}",
        )
        .replace(  # a day the crisis does not have
            "effects: {risk: -1}, taken_on: [1962-10-22, 1962-10-23, 1962-10-24]}",
            "effects: {risk: -1}, taken_on: [1962-10-22, 1962-11-01]}",
        )
        .replace(  # dates on an order history never gave
            "effects: {risk: +2}, requires: quarantine}",
            "effects: {risk: +2}, requires: quarantine, taken_on: 1962-10-23}",
        )
    )
    path = tmp_path / "bad.yaml"
    path.write_text(bad)
    with pytest.raises(ScenarioError) as err:
        load(path)
    said = str(err.value)
    assert "kennedy has two orders in history on 1962-10-22: 'blockade' and 'strike'" in said
    assert "1962-11-01 (decision 'turn_back') is not a date of phase 'crisis'" in said
    assert "decision 'run_it' has dates in history but is not historical" in said
