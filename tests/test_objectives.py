"""Hidden objectives: drawn by the seed as each chapter opens, kept in the state, seen only by their own
side, scored at the end, revealed in the debrief and on the front page, checked by `crisis validate`."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ai import objectives as lean
from game.ai.policies import POLICIES
from game.analysis.debrief import debrief
from game.analysis.report import markdown
from game.cli import main
from game.engine import objectives as aims
from game.engine.match import Game, cut
from game.engine.rules import Env
from game.model import SIDES, Side
from game.persistence import load, save
from game.scenario import catalog
from game.scenario.load import load as load_scenario
from game.scenario.load import problems_in
from game.ui.screens.ending import EndingScreen
from game.ui.screens.phase_card import PhaseCard

from .conftest import FIXTURES
from .test_ui_support import make_app, play_to_end, screen_text, settle, to_desk

AIMS = """
objectives:
  - chapter: crisis
    kennedy:
      - {id: k_calm, title: Keep the peace in view, text: End with the risk low., when: risk <= 3, points: 2}
    khrushchev:
      - {id: s_secret, title: Whisper a bargain, text: Make your offer in secret., when: offer}
  - chapter: talks
    kennedy:
      - {id: k_deal, title: Close the bargain, text: Reach a settlement., when: settlement}
    khrushchev:
      - {id: s_hold, title: Hold your ground, text: Wait them out., when: hold, points: 3}
"""


@pytest.fixture
def mini_aims(tmp_path) -> Path:
    """The engine's small test scenario, with one objective per side in each of its two chapters."""
    path = tmp_path / "mini_aims.yaml"
    path.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8") + AIMS, encoding="utf-8")
    return path


def play(s, seed: int, *, objectives: bool = True, policy: str = "random") -> Game:  # type: ignore[no-untyped-def]
    game = Game(s, seed, objectives=objectives)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES[policy](s, game.view(side), seed))
    return game


# ---- the draw ---------------------------------------------------------------------------------


def test_the_draw_is_fixed_by_the_seed_and_varies_with_it():
    s = catalog.get("cuban-missile-crisis")
    first = [Game(s, seed, objectives=True).state.objectives for seed in range(12)]
    again = [Game(s, seed, objectives=True).state.objectives for seed in range(12)]
    assert first == again
    assert len(set(first)) > 3  # three aims a side in the opening chapter: seeds draw different ones
    for drawn in first:
        assert [side for side, _ in drawn] == list(SIDES)  # one each
        assert all(aims.by_id(s)[key].chapter == "aftermath" for key in drawn)


def test_each_chapter_entered_adds_one_aim_a_side_and_a_replay_draws_the_same():
    s = catalog.get("thirteen-days")
    game = play(s, 4, policy="historical")
    chapters = [aims.by_id(s)[key].chapter for key in game.state.objectives]
    entered = ["excomm", *(r.to for r in game.state.log if r.to and not s.is_ending(r.to))]
    assert chapters == [c for c in entered for _ in SIDES]
    assert cut(game, 1).state.objectives == game.state.objectives[:2]
    assert cut(game, game.state.turn).state == game.state


def test_off_is_the_game_as_before_and_serialises_without_the_field():
    s = catalog.get("thirteen-days")
    off, on = Game(s, 9), Game(s, 9, objectives=True)
    assert off.state.objectives == () and not off.state.objectives_on
    assert "objectives" not in off.state.to_dict() and "objectives_on" not in off.state.to_dict()
    assert on.state.digest() != off.state.digest()  # the draw is part of what a replay checks
    assert dataclasses.replace(on.state, objectives_on=False, objectives=()).digest() == off.state.digest()
    assert Game.from_dict(s, on.state.to_dict()).state == on.state


# ---- what each side sees -----------------------------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), turns=st.integers(0, 12))
def test_a_view_never_shows_the_other_sides_aims(seed, turns):
    s = catalog.get("thirteen-days")
    game = Game(s, seed, objectives=True)
    for _ in range(turns):
        if game.is_over():
            break
        for side in game.sides_to_act():
            game.apply(POLICIES["random"](s, game.view(side), seed))
    for side in SIDES:
        view = game.view(side)
        assert view.objectives == aims.aims(s, game.state.objectives, side)
        assert view.objectives and all(a.side is side for a in view.objectives)
        seen = repr(view)
        for other in aims.aims(s, game.state.objectives, side.other):
            for secret in (other.objective.id, other.objective.title, other.objective.text):
                assert secret not in seen


# ---- the score ---------------------------------------------------------------------------------


def test_the_score_is_the_share_of_drawn_points_met():
    s = catalog.get("thirteen-days")
    game = play(s, 2, objectives=False, policy="historical")
    assert "objectives" not in game.outcome().scores[Side.KENNEDY]  # type: ignore[union-attr]
    st_ = game.state
    assert "missiles_withdrawn" in st_.flags and "turkey_secret" in st_.flags  # the historical bargain

    def scored(*drawn: str) -> tuple[int, tuple[bool, ...]]:
        state = dataclasses.replace(
            st_,
            objectives_on=True,
            objectives=tuple(next(k for k in aims.by_id(s) if k[1] == d) for d in drawn),
        )
        out = Game(s, state=state).outcome()
        assert out is not None
        return out.scores[Side.KENNEDY]["objectives"], tuple(j.met for j in out.objectives)

    assert scored("k_missiles_out") == (10, (True,))  # met: 1 of 1
    assert scored("k_nothing_for_turkey") == (0, (False,))  # the Jupiters were promised
    assert scored("k_missiles_out", "k_nothing_for_turkey") == (2, (True, False))  # 1 of 4 points: 2.5
    assert scored("k_missiles_out", "s_trade_in_the_open")[1] == (True, False)
    out = Game(s, state=dataclasses.replace(st_, objectives_on=True, objectives=())).outcome()
    assert out is not None and "objectives" not in out.scores[Side.KENNEDY]  # nothing drawn: no axis


def test_aims_read_the_ending_and_its_kind(mini_aims):
    s = load_scenario(mini_aims)
    game = Game(s, 1, objectives=True)
    game.apply(game.legal_moves(Side.KENNEDY)[0])  # blockade
    game.apply(next(m for m in game.legal_moves(Side.KHRUSHCHEV) if m.decision == "offer"))
    assert game.state.phase == "talks"
    game.apply(next(m for m in game.legal_moves(Side.KENNEDY) if m.decision == "accept"))
    game.apply(game.legal_moves(Side.KHRUSHCHEV)[0])  # hold
    out = game.outcome()
    assert out is not None and out.ending == "deal"
    met = {j.aim.objective.id: j.met for j in out.objectives}
    assert met == {"k_calm": True, "s_secret": True, "k_deal": True, "s_hold": True}
    assert out.scores[Side.KENNEDY]["objectives"] == out.scores[Side.KHRUSHCHEV]["objectives"] == 10


# ---- saves, the debrief, the command line -------------------------------------------------------


def test_a_save_keeps_the_switch_and_an_old_one_loads_with_it_off(tmp_path):
    s = catalog.get("il28-endgame")
    sides = {"kennedy": "historical", "khrushchev": "historical"}
    on = play(s, 3, policy="historical")
    path = save(on, tmp_path / "on.json", sides=sides)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["lines"][0]["objectives"] is True
    loaded = load(path)
    assert loaded.stopped is None and loaded.game.state == on.state
    off = play(s, 3, objectives=False, policy="historical")
    old = save(off, tmp_path / "off.json", sides=sides)
    line = json.loads(old.read_text(encoding="utf-8"))["lines"][0]
    assert "objectives" not in line  # the format of a save made before them
    again = load(old)
    assert (
        again.stopped is None and not again.game.state.objectives_on and not again.game.outcome().objectives
    )  # type: ignore[union-attr]


def test_the_debrief_reveals_both_sides_aims(tmp_path):
    s = catalog.get("thirteen-days")
    game = play(s, 6, policy="historical")
    d = debrief(game)
    assert [r.side for r in d.objectives] == [Side.KENNEDY] * 3 + [Side.KHRUSHCHEV] * 3
    text = markdown(d)
    assert "## Hidden aims" in text and "Hidden aims |" in text
    for judged in game.outcome().objectives:  # type: ignore[union-attr]
        line = next(x for x in text.splitlines() if judged.aim.objective.title in x)
        assert ("not met" in line) is not judged.met
    assert "## Hidden aims" not in markdown(debrief(play(s, 6, objectives=False, policy="historical")))


def test_crisis_play_no_objectives_reaches_the_game(monkeypatch, capsys):
    seen = {}

    def fake(scenario, side, opponent, seed, ask=None, *, objectives=True):  # type: ignore[no-untyped-def]
        seen["objectives"] = objectives
        return 0

    monkeypatch.setattr("game.textplay.run", fake)
    assert main(["play", "--text", "--as", "kennedy", "--no-objectives"]) == 0
    assert seen == {"objectives": False}
    assert main(["play", "--text", "--as", "kennedy"]) == 0
    assert seen == {"objectives": True}


# ---- validation --------------------------------------------------------------------------------


def test_validate_names_every_fault_in_the_objectives(tmp_path):
    bad = AIMS.replace("chapter: talks", "chapter: tlaks").replace("when: hold", "when: hodl")
    bad = bad.replace("id: k_deal", "id: k_calm").replace("points: 3", "points: 7")
    path = tmp_path / "bad.yaml"
    path.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8") + bad, encoding="utf-8")
    found = "\n".join(p.message for p in problems_in(path))
    assert "objectives for 'tlaks', which is no chapter (did you mean 'talks'?)" in found
    assert "objective 'k_calm' is used twice" in found
    assert "objective 's_hold' reads 'hodl', which is not declared (did you mean 'hold'?)" in found
    assert "objective 's_hold' is worth 7; give 1 to 3 points" in found


def test_every_bundled_scenario_has_three_aims_a_side_in_each_main_chapter():
    for sid, chapters in {
        "thirteen-days": {"excomm", "quarantine", "black_saturday"},
        "il28-endgame": {"il28_dispute"},
    }.items():
        s = catalog.get(sid)
        assert {c.chapter for c in s.objectives} == chapters
        assert all(3 <= len(c.of(side)) <= 5 for c in s.objectives for side in SIDES)
    campaign = catalog.get("cuban-missile-crisis")
    assert len(campaign.objectives) == 10


# ---- the AI ------------------------------------------------------------------------------------


def test_the_negotiator_leans_toward_its_own_aim_only():
    s = catalog.get("thirteen-days")
    game = Game(s, 0, objectives=True)
    view = dataclasses.replace(
        game.view(Side.KENNEDY), objectives=(aims.by_id(s)[(Side.KENNEDY, "k_quarantine_first")],)
    )
    env = Env()
    assert lean.deed(s, view, env, s.decision("choose_blockade")) == lean.LEAN * 2
    assert lean.deed(s, view, Env(choose_blockade=True), s.decision("order_air_strike")) == -lean.LEAN * 2
    assert lean.deed(s, view, env, s.decision("convene_excomm")) == 0
    blind = dataclasses.replace(view, objectives=())
    assert lean.deed(s, blind, env, s.decision("choose_blockade")) == 0


# ---- the screens -------------------------------------------------------------------------------


def test_the_desk_shows_my_aim_only_and_the_front_page_reveals_both(tmp_path, mini_aims):
    async def go():
        app = make_app(tmp_path, str(mini_aims), "kennedy", opponent="historical")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PhaseCard)  # the opening card names the aim just drawn
            assert "YOUR HIDDEN AIM" in app.screen.markup and "Keep the peace in view" in app.screen.markup
            assert "Whisper a bargain" not in app.screen.markup
            await to_desk(pilot)
            desk = screen_text(app)
            assert "Your hidden aim" in desk and "Keep the peace in view" in desk
            assert "Whisper a bargain" not in desk
            await play_to_end(pilot)
            assert isinstance(app.screen, EndingScreen)
            page = screen_text(app)
            assert "HIDDEN AIMS REVEALED" in page and "Hidden aims" in page
            for title in ("Keep the peace in view", "Whisper a bargain"):
                assert title in page

    asyncio.run(go())


def test_the_aims_switch_on_the_new_game_screen_starts_a_game_without_them(tmp_path, mini_aims):
    async def go():
        app = make_app(tmp_path, str(mini_aims), "kennedy", skip_menu=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            start = app.screen.query_one("#start")
            assert start.region.right <= 80  # four switches and Start still fit in 80 columns
            await pilot.click("#objectives")
            await pilot.press("s")
            await to_desk(pilot)
            assert app.match is not None and not app.match.setup.objectives
            assert not app.match.game.state.objectives_on
            assert "Your hidden aim" not in screen_text(app)

    asyncio.run(go())


def test_a_network_frame_carries_my_aims_only_and_reads_back_equal():
    from game.net.protocol import view_from_dict, view_to_dict

    s = catalog.get("thirteen-days")
    game = play(s, 8, policy="historical")
    for side in SIDES:
        view = game.view(side)
        data = json.loads(json.dumps(view_to_dict(view)))
        assert view_from_dict(data) == view
        assert {a["side"] for a in data["objectives"]} == {side.value}
        theirs = aims.aims(s, game.state.objectives, side.other)
        assert not any(a.objective.title in json.dumps(data) for a in theirs)


def test_simulate_with_objectives_reports_them_and_without_leaves_its_output_as_before(capsys):
    args = ["simulate", "--scenario", "il28-endgame", "--seed", "2", "--json"]
    assert main([*args, "--objectives"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["side"] for a in data["objectives"]] == ["kennedy", "khrushchev"]
    assert all("objectives" in data["scores"][side] for side in ("kennedy", "khrushchev"))
    assert main(args) == 0
    plain = json.loads(capsys.readouterr().out)
    assert "objectives" not in plain and "objectives" not in plain["scores"]["kennedy"]


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_aims_change_scores_never_the_course_of_the_game(seed):
    """Played by policies blind to aims, a game runs the same with them as without: the same turns,
    the same ending, the same scores on the scenario's own axes."""
    s = catalog.get("cuban-missile-crisis")
    on, off = play(s, seed), play(s, seed, objectives=False)
    assert on.state.log == off.state.log and on.state.ending == off.state.ending
    out_on, out_off = on.outcome(), off.outcome()
    assert out_on is not None and out_off is not None
    for side in SIDES:
        assert {a: v for a, v in out_on.scores[side].items() if a != "objectives"} == out_off.scores[side]
    played = {r.phase for r in on.state.log} | {s.start.phase}
    assert len(out_on.objectives) == 2 * len(played & set(aims.by_chapter(s)))  # war chapters have none
