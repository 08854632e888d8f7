"""A deed that breaks a confidence or goes back on a side's word is news for the other side, is told
in the ending's account, and a term made public is not written in secret again (playtest N14)."""

import io
from contextlib import redirect_stdout
from itertools import product

from game import sim
from game.ai.policies import POLICIES
from game.analysis.account import account
from game.engine.match import Game
from game.model import Side
from game.scenario import catalog
from game.textplay import run

K, KH = Side("kennedy"), Side("khrushchev")
REPRO = ["2", "x", "2", "3", "x", "2", "2", "2", "2", "2", "2", "2", "2"]
"""Playtest N14: Kennedy against the hawk in il28-endgame, seed 4503."""


def _games(scenario: str, seeds: range):
    """(policies by side, game) for each pair of policies and seed."""
    s = catalog.get(scenario)
    for k, x in product(("hawk", "pragmatist", "dove", "random"), ("hawk", "pragmatist", "random")):
        for seed in seeds:
            yield {K: k, KH: x}, sim.play(s, {K: POLICIES[k], KH: POLICIES[x]}, seed)


def _seen(game: Game, side: Side, turn: int):
    return next(t for t in game.view(side).log if t.turn == turn)


def test_every_confidence_broken_is_news_for_the_other_side_and_no_one_writes_it_in_secret_again():
    s, reveals = catalog.get("il28-endgame"), 0
    for policies, game in _games("il28-endgame", range(1, 9)):
        for record in game.state.log:
            for move in record.moves:
                for term in s.decision(move.decision).reveals:
                    reveals += 1
                    told = [(n.kind, n.term, n.side) for n in _seen(game, move.side.other, record.turn).news]
                    assert ("revealed", term, move.side) in told, (policies, game, record.turn, told)
                    secret = [  # by either side (a random letter may say anything)
                        m.id
                        for m in game.state.mail
                        if policies[m.sender] != "random" and m.sent[:10] > record.date
                        for o in (*m.letter.gives, *m.letter.demands)
                        if o.term == term and not o.public
                    ]
                    assert not secret, (policies, game, secret)
    assert reveals >= 3, f"only {reveals} confidences broken: the check would prove little"


def test_a_word_gone_back_on_is_news_for_the_other_side_and_in_the_account():
    s, found = catalog.get("il28-endgame"), 0
    for _, game in _games("il28-endgame", range(1, 5)):
        said = "\n".join(account(s, game.state))
        for record in game.state.log:
            for n in _seen(game, K, record.turn).news:
                if n.kind == "reneged" and n.side is KH:
                    found += 1
                    assert any(n.kind == "reneged" for n in _seen(game, KH, record.turn).news)
                    assert f"Word gone back on ({record.date}" in said, said
    assert found, "no game went back on a word"


def test_the_playtest_game_tells_kennedy_of_the_secret_revealed_and_the_word_gone_back_on():
    answers = iter(REPRO)
    out = io.StringIO()
    with redirect_stdout(out):
        run("il28-endgame", "kennedy", "hawk", 4503, ask=lambda _: next(answers), objectives=True)
    text = " ".join(out.getvalue().split())
    turn = text.index("Khrushchev: Reveal the secret Turkey promise")
    news = text.index("CONFIDENCE BROKEN: Khrushchev made public Remove the Jupiters from Turkey")
    assert turn < news < text.index("1962-11-07 John F. Kennedy")
    cuba = text.index("Khrushchev: Say the bombers belong to Cuba")
    assert "WORD GONE BACK ON: Khrushchev went back on Remove the IL-28 bombers" in text[cuba:]
    ending = text[text.index("NO END IN SIGHT") :]
    assert "Confidence broken (1962-11-02" in ending
    # J6: Kennedy's tightening on Nov 7 broke the lift promised for later; the game moved on from there
    assert "Kennedy: Lift the quarantine: agreed, and broken on Nov 7, 1962" in ending
    assert 'Word gone back on (1962-11-20, "Say the bombers belong to Cuba")' in ending
    assert "Kennedy: Remove the Jupiters from Turkey: promised for later" in ending  # public now


def test_the_desks_feed_keeps_the_confidence_broken_beside_the_moves():
    from game.ui.text import feed

    for _, game in _games("il28-endgame", range(1, 5)):
        revealed = [t for t in game.view(K).log for n in t.news if n.kind == "revealed" and n.side is KH]
        if revealed:
            break
    assert revealed, "no game broke a confidence"
    shown = feed(game.scenario, game.view(K), spoilers=False)
    assert "Confidence broken[/]: Khrushchev made public Remove the Jupiters from Turkey" in shown


def _revealed_game():
    """A game in which Khrushchev (the hawk) made the secret Jupiters promise public, and the turn."""
    s = catalog.get("il28-endgame")
    for seed in range(1, 9):
        game = sim.play(s, {K: POLICIES["pragmatist"], KH: POLICIES["hawk"]}, seed)
        for record in game.state.log:
            if any("remove_jupiters" in s.decision(m.decision).reveals for m in record.moves):
                return game, record.turn
    raise AssertionError("the hawk never revealed the Jupiters promise")


def test_a_confidence_revealed_reads_as_public_from_then_on_in_conditions_and_the_account():
    from game.engine.match import cut

    game, turn = _revealed_game()
    s = game.scenario
    before, after = cut(game, turn).view(K).term_names, cut(game, turn + 1).view(K).term_names
    assert before.get("remove_jupiters_secret") and not before.get("remove_jupiters_public")
    assert after.get("remove_jupiters_public") and not after.get("remove_jupiters_secret")
    said = "\n".join(account(s, game.state))
    assert "Remove the Jupiters from Turkey" in said
    assert "Remove the Jupiters from Turkey (secret)" not in said, said
    assert "Confidence broken" in said  # told as broken, in the words of the agreement that held it
