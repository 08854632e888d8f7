"""Each promise carried out, late or broken is recorded with its agreement, so the news and the
ending's account name the right one when a term is promised in two agreements (review of session
11: both guessed, by replaying the earlier turns' records, and the first agreement holding the term
took the first break)."""

from dataclasses import replace

from game.analysis.account import fates
from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.match import Game
from game.engine.state import Compliance, Move, promise_key, split_kept
from game.model import Side
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _two_lifts():
    """il28-endgame (A1: the quarantine lifted 'later') with A2 holding the same term, due today."""
    s = catalog.get("il28-endgame")
    start = Game(s, 5).state
    lift = Obligation("lift_quarantine", K, True, Verification.NONE, start.date)
    state = replace(start, agreements=(*start.agreements, Agreement("A2", start.date, "", "", (lift,))))
    return s, Game(s, state=state)


def _break(game: Game, agreement: str, order: str) -> None:
    key = promise_key(agreement, "lift_quarantine")
    game.apply(Move(K, order, compliance=((key, Compliance.BREAK),)))
    game.apply(Move(S, "keep_word"))


def test_the_second_agreement_broken_first_is_told_as_its_own():
    s, game = _two_lifts()
    _break(game, "A2", "count_from_alongside")
    first = game.state.log[-1]
    _break(game, "A1", "stevenson_list")
    second = game.state.log[-1]
    lifts = [[e for e in r.kept if split_kept(e)[1] == "lift_quarantine"] for r in (first, second)]
    assert lifts == [["A2:lift_quarantine:broken"], ["A1:lift_quarantine:broken"]]
    for side in (K, S):
        seen = {t.turn: t for t in game.view(side).log}
        told = [(n.kind, n.agreement) for n in seen[first.turn].news if n.term == "lift_quarantine"]
        assert told == [("broken", "A2")]
        told = [(n.kind, n.agreement) for n in seen[second.turn].news if n.term == "lift_quarantine"]
        assert told == [("broken", "A1")]
    broken_on = {t.agreement: t.broken_on for t in fates(s, game.state) if t.term == "lift_quarantine"}
    assert broken_on == {"A1": second.date, "A2": first.date}


def test_an_entry_of_an_older_record_reads_without_its_agreement():
    assert split_kept("missiles_out:done") == ("", "missiles_out", "done")
    assert split_kept("A3:missiles_out:late") == ("A3", "missiles_out", "late")
