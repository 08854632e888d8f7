"""A decision that goes against a promise its side owes breaks the promise (playtest B4: "Keep the
quarantine in place" was reported as "Promise kept: Lift the quarantine")."""

from __future__ import annotations

import asyncio

import pytest

from game.diplomacy import Answer, Tone, Verification
from game.engine.letters import Letter, Offer
from game.engine.match import Game
from game.engine.negotiation import defied_promises
from game.engine.state import Move
from game.errors import ScenarioError
from game.model import Side, Stance
from game.scenario.load import load

from .conftest import FIXTURES

K, S = Side.KENNEDY, Side.KHRUSHCHEV
RUN_IT = "requires: quarantine}"


def _talks(tmp_path, defies: str = "[missiles_out]"):
    """The talks fixture, with Khrushchev's 'Run the blockade' defying the given terms."""
    text = (FIXTURES / "talks.yaml").read_text()
    assert RUN_IT in text
    path = tmp_path / "talks.yaml"
    path.write_text(text.replace(RUN_IT, f"requires: quarantine, defies: {defies}}}"))
    return path


def _agreed(path, public=True):
    """Khrushchev promised the missiles out tomorrow, in exchange for a pledge; Kennedy accepted."""
    game = Game(load(path), seed=1)
    offer = Letter(
        "cable",
        Tone.CONCILIATORY,
        gives=(Offer("missiles_out", public=public),),
        demands=(Offer("no_invasion"),),
    )
    game.apply(Move(K, "blockade"))
    game.apply(Move(S, "turn_back", offer))
    game.apply(Move(K, "wait", Letter("cable", reply_to="L1h", answer=Answer.ACCEPT)))
    game.apply(Move(S, "turn_back"))
    assert game.state.agreements, "the bargain should be struck"
    return game


@pytest.mark.parametrize(("public", "cost"), [(True, 3), (False, 2)])
def test_a_decision_against_an_owed_term_breaks_it_with_its_costs(tmp_path, public, cost):
    kept, defied = _agreed(_talks(tmp_path), public), _agreed(_talks(tmp_path), public)
    prestige = defied.state.track("prestige")
    kept.apply(Move(K, "wait"))
    kept.apply(Move(S, "turn_back"))
    assert "A1:missiles_out:done" in kept.state.log[-1].kept
    assert defied_promises(defied.state.agreements, S, ["missiles_out"], defied.state.date)
    defied.apply(Move(K, "wait"))
    defied.apply(Move(S, "run_it"))  # the deed says the ships go on: the promise is not kept
    record = defied.state.log[-1]
    assert "A1:missiles_out:broken" in record.kept and "A1:missiles_out:done" not in record.kept
    # the breach cost, and the audience cost when public
    assert defied.state.track("prestige") == prestige - cost
    assert defied.view(K).term_names.get("missiles_out_broken")


def test_a_pledge_carried_out_is_broken_by_a_later_deed_against_it(tmp_path):
    game = _agreed(_talks(tmp_path))
    game.apply(Move(K, "wait"))
    game.apply(Move(S, "turn_back"))
    assert "A1:missiles_out:done" in game.state.log[-1].kept
    game.apply(Move(K, "wait"))
    game.apply(Move(S, "run_it"))
    assert "A1:missiles_out:broken" in game.state.log[-1].kept


def test_a_deed_breaks_nothing_the_side_does_not_owe(tmp_path):
    # the decision defies a term, but nobody promised it yet
    game = Game(load(_talks(tmp_path)), seed=1)
    game.apply(Move(K, "blockade"))
    game.apply(Move(S, "turn_back"))
    game.apply(Move(K, "wait"))
    game.apply(Move(S, "run_it"))
    assert game.state.log[-1].kept == ()
    assert defied_promises(game.state.agreements, S, ["missiles_out"], game.state.date) == ()


@pytest.mark.parametrize(
    ("defies", "message"),
    [
        ("[missile_out]", "defies 'missile_out', which is not a term"),
        ("[no_invasion]", "'no_invasion' is kennedy's to give"),
    ],
)
def test_validate_names_an_unknown_or_foreign_term_with_its_line(tmp_path, defies, message):
    path = _talks(tmp_path, defies)
    with pytest.raises(ScenarioError) as err:
        load(path)
    (p,) = [p for p in err.value.problems if "'run_it'" in p.message]
    assert message in p.message
    assert p.file == str(path)
    line = path.read_text().splitlines()[p.line - 1]
    assert "id: run_it" in line and "defies" in line


def test_the_real_scenarios_mark_keeping_the_quarantine_and_invading_as_defying_promises():
    s = load(FIXTURES.parent.parent / "scenarios" / "cuban-missile-crisis.yaml")
    assert "lift_quarantine" in s.decision("hold_quarantine").defies
    assert "no_invasion_pledge" in s.decision("saturday_invasion").defies
    assert not s.decision("strike_the_bombers").defies  # an air strike is no invasion


def test_the_desk_warns_before_an_order_that_breaks_a_promise(tmp_path, monkeypatch):
    from textual.widgets import Static

    from game.persistence.gallery import Gallery
    from game.ui.app import CrisisApp
    from game.ui.session import Setup

    from .test_ui_support import to_desk

    async def go():
        monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
        path = _talks(tmp_path)
        game = _agreed(path)
        setup = Setup(str(path), "khrushchev", "historical", 1)
        app = CrisisApp(setup, game, think_time=0, gallery=Gallery(tmp_path / "gallery"))
        async with app.run_test(size=(120, 40)) as pilot:
            desk = await to_desk(pilot)
            legal = [m.decision for m in app.match.game.legal_moves(S)]
            about = lambda: str(desk.query_one("#decision-about", Static).render())  # noqa: E731
            await pilot.press(str(legal.index("turn_back") + 1))
            assert "breaks your promise" not in about()
            await pilot.press(str(legal.index("run_it") + 1))
            assert "This breaks your promise to" in about() and "Remove the missiles" in about()

    asyncio.run(go())


def test_b4_keeping_the_quarantine_the_day_its_lift_is_due_is_reported_as_a_broken_promise():
    from game.ui import flow
    from game.ui.session import Match, Setup

    path = FIXTURES.parent.parent / "scenarios" / "il28-endgame.yaml"
    m = Match.start(Setup(str(path), "kennedy", "historical", 1036))
    flow.news(m, K)
    offer = Letter("private_letter", gives=(Offer("lift_quarantine"),), demands=(Offer("withdraw_il28"),))
    m.apply(Move(K, "hold_quarantine", offer))  # the lift is promised 'later' at the start: not broken
    m.apply(Move(S, "keep_word"))
    assert not any("lift_quarantine" in e for e in m.game.state.log[-1].kept)
    flow.news(m, K)
    mail = next(x for x in m.game.state.mail if x.sender is K)
    m.apply(Move(K, "hold_quarantine"))
    m.apply(Move(S, "keep_word", Letter("private_letter", reply_to=mail.id, answer=Answer.ACCEPT)))
    assert m.game.state.agreements[-1].id == "A2", "the lift should be bargained again, with a date"
    flow.news(m, K)
    m.apply(Move(K, "hold_quarantine"))
    m.apply(Move(S, "keep_word"))
    report = next(p.body for p in flow.news(m, K) if p.kind == "report")
    assert "A2:lift_quarantine:broken" in m.game.state.log[-1].kept
    assert "Promise broken" in report and "Lift the quarantine" in report
    assert "carried out Lift the quarantine" not in report


@pytest.mark.parametrize("kind", ["pragmatist", "dove"])
def test_a_side_that_keeps_its_word_gives_no_order_against_it(campaign, kind):
    """Once a deed could break a promise, the pragmatist Kennedy kept the quarantine on the day its
    lift fell due in 15 of 40 campaigns (7 of 200 ended in a war): a personality that complies orders
    no deed against a promise it owes."""
    from game.ai.policies import POLICIES
    from game.analysis.bargains import play

    for seed in range(16):
        game, _ = play(campaign, {K: POLICIES[kind], S: POLICIES["pragmatist"]}, seed)
        broken = [o for a in game.state.agreements for o in a.obligations if o.status == "broken"]
        assert broken == [], (seed, broken)


def test_the_text_game_says_which_order_breaks_a_promise(tmp_path, capsys):
    from game import textplay

    game = _agreed(_talks(tmp_path))
    game.apply(Move(K, "wait"))
    legal = [m.decision for m in game.view(S).legal]
    move = textplay._human_move(game, S, lambda prompt: str(legal.index("run_it") + 1))
    assert move.decision == "run_it"
    out = capsys.readouterr().out
    run_it = out[out.index(game.scenario.decision("run_it").label) :]
    assert "This breaks your promise to" in run_it.split("[")[0]  # under that order, before the next
    assert out.count("This breaks your promise") == 1


def test_n3_promise_nothing_breaks_a_jupiters_promise_owed():
    """Playtest N3 (seed 3007): after agreeing to the Jupiters (due the next day) and a pledge, "Promise
    nothing; set a deadline" ("No pledge, no Turkey") warns that it breaks the Jupiters promise, as the
    strike and the invasion warn of the pledge."""
    from game.engine.letters import Agreement, Obligation

    NONE = Verification.NONE
    s = load(FIXTURES.parent.parent / "scenarios" / "cuban-missile-crisis.yaml")
    assert s.negotiation is not None
    a1 = Agreement(
        "A1",
        "1962-10-22",
        "L1h",
        "L3e",
        (
            Obligation("withdraw_il28", S, False, NONE, None),
            Obligation("no_invasion_pledge", K, True, NONE, None),
            Obligation("remove_jupiters", K, True, NONE, "1962-10-23"),
        ),
    )
    d = s.decision("hard_ultimatum")
    assert [o.term for o in defied_promises([a1], K, d.defies, "1962-10-27")] == ["remove_jupiters"]
    assert not defied_promises([a1], K, d.defies, "1962-10-22")  # not due yet
    # but the ultimatum is hawkish: it goes back on both before their day, and that breaks them (J6)
    broken = defied_promises([a1], K, d.defies, "1962-10-22", repudiates=d.stance is Stance.HAWK)
    assert [o.term for o in broken] == ["no_invasion_pledge", "remove_jupiters"]
