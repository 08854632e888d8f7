"""Accepting a proposal and, in the same order, doing what it forbids (playtest K1: il28 as
Khrushchev, seed 4, `y` on Kennedy's L1e, which asks the IL-28 bombers out, then "Say the bombers
belong to Cuba"): the agreement is made and its promise broken at once, at a broken promise's cost;
the desk says so before the order, and the ending tells one story of each term (K1, K2)."""

from __future__ import annotations

import pytest

from game.ai.policies import POLICIES, QUIET
from game.analysis.account import account, fates
from game.diplomacy import Answer
from game.engine.letters import Letter, awaiting_answer
from game.engine.match import Game
from game.engine.state import Move
from game.engine.word import word_record
from game.model import Side
from game.promises import order_breaks
from game.scenario import catalog
from game.sim import play

K, S = Side.KENNEDY, Side.KHRUSHCHEV
SEED = 4


def _at_l1e():
    """il28-endgame, seed 4, Nov 2: Kennedy (pragmatist) has proposed L1e, which asks the bombers out."""
    s = catalog.get("il28-endgame")
    game = Game(s, SEED)
    game.apply(Move(S, "keep_word"))
    game.apply(POLICIES["pragmatist"](s, game.view(K), SEED))
    proposal = awaiting_answer(game.view(S).letters, S)[-1]
    assert proposal.id == "L1e" and "withdraw_il28" in [o.term for o in proposal.letter.demands]
    yes = Letter(proposal.letter.channel, reply_to=proposal.id, answer=Answer.ACCEPT)
    return s, game, yes


def _answered(decision: str):
    s, game, yes = _at_l1e()
    game.apply(Move(S, decision, yes))
    game.apply(POLICIES["pragmatist"](s, game.view(K), SEED))
    return game


def test_accepting_and_defying_in_one_order_breaks_the_promise_at_once_at_its_cost():
    s, game, yes = _at_l1e()
    said = order_breaks(s, game.view(S), yes)
    warning = said["bombers_are_cubas"]
    assert "Accepting L1e promises Kennedy" in warning and "Remove the IL-28 bombers" in warning
    assert "It costs you" in warning
    assert "bombers_are_cubas" not in order_breaks(s, game.view(S))  # not without the acceptance
    assert "keep_word" not in said  # an order that defies nothing breaks nothing
    defied, control = _answered("bombers_are_cubas"), _answered("keep_word")
    assert defied.state.log[-1].agreed == ("A2",) == control.state.log[-1].agreed
    assert "A2:withdraw_il28:broken" in defied.state.log[-1].kept
    assert "A2:withdraw_il28:broken" not in control.state.log[-1].kept
    bombers = [o for a in defied.state.agreements for o in a.obligations if o.term == "withdraw_il28"]
    assert [o.status for o in bombers] == ["broken"]
    told = [(n.kind, n.agreement) for n in defied.view(S).log[-1].news if n.term == "withdraw_il28"]
    assert told == [("broken", "A2")]  # one piece of news, not "word gone back on" besides
    lines = [x for x in account(s, defied.state) if "Remove the IL-28 bombers" in x]
    assert len(lines) == 1 and "agreed, and broken on Nov 2, 1962" in lines[0], lines


def test_the_text_game_warns_after_the_acceptance(capsys):
    from game import textplay

    s, game, _ = _at_l1e()
    legal = [m.decision for m in game.view(S).legal]
    typed = iter(["y L1e", str(legal.index("bombers_are_cubas") + 1)])
    move = textplay._human_move(game, S, lambda prompt: next(typed))
    assert move.decision == "bombers_are_cubas" and move.letter is not None
    out = capsys.readouterr().out
    after = out[out.index("You will accept letter L1e") :]
    assert "Say the bombers belong to Cuba: Accepting L1e promises Kennedy" in " ".join(after.split())


PAIRS = [("random", "pragmatist"), ("pragmatist", "random"), ("hawk", "random"), ("random", "hawk")]


@pytest.mark.parametrize("scenario", ["il28-endgame", "thirteen-days", "cuban-missile-crisis"])
def test_every_ending_tells_a_term_gone_back_on_as_broken(scenario):
    """The play-tester's sweep (K1: "carried out" beside "gone back on" in 8 of 378 games; K2:
    "promised for later" beside it in 7): where the word record says a side went back on a term of an
    agreement, the ending's account has that promise broken. Seeds 0 and 6 of il28 hit K1."""
    s = catalog.get(scenario)
    wrong = []
    for kennedy, khrushchev in PAIRS:
        for seed in range(8):
            game = play(s, {K: QUIET[kennedy], S: QUIET[khrushchev]}, seed)
            fate = {(f.agreement, f.term): f.status for f in fates(s, game.state)}
            wrong += [
                (kennedy, khrushchev, seed, w.agreement, w.term, fate.get((w.agreement, w.term)))
                for _, w in word_record(s, game.state)
                if w.kind == "reneged" and w.agreement and fate.get((w.agreement, w.term)) != "broken"
            ]
    assert wrong == []


def test_the_desk_warns_under_the_order_once_the_proposal_is_accepted(tmp_path):
    import asyncio

    from game.ui.widgets.decisions import DecisionPanel

    from .test_ui_support import make_app, press, screen_text, to_desk

    async def go():
        app = make_app(tmp_path, "il28-endgame", "khrushchev", opponent="pragmatist", seed=SEED)
        app.loaded, app.skip_menu = _at_l1e()[1], True
        async with app.run_test(size=(160, 60)) as pilot:
            await to_desk(pilot)
            defy = str([m.decision for m in app.match.game.view(S).legal].index("bombers_are_cubas") + 1)
            await press(pilot, defy)  # highlighted, not yet given
            assert "Accepting L1e" not in " ".join(screen_text(app).split())
            await press(pilot, "m", "y", "escape")  # accept L1e; the order stays highlighted
            text = " ".join(screen_text(app).split())
            assert app.match.drafts.get(S) is not None  # the acceptance goes with the next order
            assert "Accepting L1e p" in text  # under the highlighted order (the columns cut the line)
            said = app.screen.query_one(DecisionPanel).breaks["bombers_are_cubas"]
            assert said.startswith("Accepting L1e promises Kennedy: Remove the IL-28 bombers; this order")
            assert app.match.game.view(S).my_move is None  # warned, not given

    asyncio.run(go())
