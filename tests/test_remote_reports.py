"""The network desk's report pages (game/ui/remote_pages.py), built from each side's views as a seat
receives them: a letter is announced once, and only a proposal is offered for an answer (G8)."""

from __future__ import annotations

from textual.content import Content

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import SIDES
from game.scenario import catalog
from game.ui.remote_pages import READ, Reports


def test_reports_announce_each_letter_once_and_offer_answers_only_to_proposals() -> None:
    s = catalog.get("thirteen-days")
    answered = proposals = 0
    for seed in range(1, 9):
        game, reports = Game(s, seed), {side: Reports() for side in SIDES}
        bodies: dict = {side: [] for side in SIDES}
        for side in SIDES:
            reports[side].pages(s, game.view(side), True)  # the seat joins
        while not game.is_over():
            for side in game.sides_to_act():
                game.apply(POLICIES["pragmatist"](s, game.view(side), seed))
            for side in SIDES:
                bodies[side] += [
                    Content.from_markup(b).plain for _, b in reports[side].pages(s, game.view(side), True)
                ]
        for side in SIDES:
            told = [line for body in bodies[side] for line in body.splitlines() if "A letter from" in line]
            came = [m for m in game.view(side).letters if m.sender is not side and m.delivered]
            assert len(told) == len(came)  # each letter announced once
            for line in told:
                answer_only = ("ACCEPTS letter" in line or "rejects letter" in line) and "offers" not in line
                answered += answer_only
                proposals += READ in line
                assert not (answer_only and READ in line), line
    assert answered and proposals  # both kinds were seen


def test_a_report_names_the_other_sides_order_without_words_meant_for_its_leader() -> None:
    """Play-test 7, G21: an order's description speaks to the leader who gives it ('on your border'),
    so the other side's report names the order and leaves its description out."""
    from game.ui import text

    s = catalog.get("thirteen-days")
    game = Game(s, 2)
    while True:  # to Kennedy's first open order (the ExComm's secret week is not told to Moscow)
        for side in game.sides_to_act():
            game.apply(POLICIES["historical"](s, game.view(side), 2))
        theirs = next(m for m in game.state.log[-1].moves if m.side is SIDES[0])
        if not s.decision(theirs.decision).covert:
            break
    view = game.view(SIDES[1])  # Khrushchev's report of Kennedy's order (an open one)
    d = s.decision(theirs.decision)
    assert not d.covert and d.description
    body = Content.from_markup(text.report(s, view, len(game.state.log) - 1, {}, {}, False)).plain
    assert d.label in body and text.flat(d.description)[:40] not in body
