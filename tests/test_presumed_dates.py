"""No order is offered before what its words take for granted has happened, and no news is told
before its day (play-test 7, G10): the continuity lint's dated words and datelines, over seeded games
of every pair of policies, with every order on offer (not only those chosen)."""

from collections.abc import Iterator
from itertools import product

import pytest

from game.ai.policies import QUIET
from game.engine.match import Game
from game.engine.rules import env_of
from game.model import SIDES, Fires, Scenario
from game.scenario import catalog
from game.scenario.lint_continuity import Sighting, check, dateline

SCENARIOS = ["cuban-missile-crisis", "thirteen-days", "il28-endgame"]


def _games(s: Scenario, per_pair: int, seed: int = 500) -> Iterator[Game]:
    """Seeded games of every pair of the five policies, played to their end (each yielded as it
    goes: between two yields the game has advanced one side's move)."""
    for k, (a, b) in enumerate(product(sorted(QUIET), repeat=2)):
        policies = dict(zip(SIDES, (QUIET[a], QUIET[b]), strict=True))
        for n in range(per_pair):
            game_seed = seed + k * per_pair + n
            game = Game(s, game_seed)
            while not game.is_over():
                yield game
                side = game.sides_to_act()[0]
                game.apply(policies[side](s, game.view(side), game_seed))
            yield game


def _offered_and_told(s: Scenario, per_pair: int) -> Iterator[Sighting]:
    """Every order on offer, as the desk lists it (its description), on the day it is offered, and
    every event of every report, on the day the report is of (a chapter's opening on its first day)."""
    reported: tuple[Game, int] | None = None  # the game and the length of its log last reported
    for game in _games(s, per_pair):
        st = game.state
        env = env_of(s, st)
        here = f"seed {st.seed}, turn {st.turn} ({st.date})"
        if st.log and reported != (game, len(st.log)):
            reported = (game, len(st.log))
            record = st.log[-1]
            for e in record.events:
                event = s.event(e)
                day = st.date if event.fires is Fires.ENTER else record.date
                yield Sighting(event, f"event {e!r}", event.text, env, f"{here}, report", day)
        for side in game.sides_to_act():
            for move in game.legal_moves(side):
                d = s.decision(move.decision)
                yield Sighting(d, f"decision {d.id!r}", d.description, env, here, st.date)


@pytest.mark.parametrize("sid", SCENARIOS)
def test_no_order_is_offered_and_no_news_told_before_what_it_presumes(sid):
    s = catalog.get(sid)
    assert check(s, _offered_and_told(s, per_pair=2)) == []


@pytest.mark.parametrize("sid", SCENARIOS)
def test_no_report_tells_news_dated_after_its_own_day(sid):
    """Checked directly, not through the lint: each report's events open with a day no later than
    the report's (an event that opens a chapter, no later than the chapter's first turn)."""
    s = catalog.get(sid)
    told = 0
    for game in _games(s, per_pair=2, seed=900):
        if not game.is_over():
            continue
        for i, record in enumerate(game.state.log):
            after = game.state.log[i + 1].date if i + 1 < len(game.state.log) else record.date
            for e in record.events:
                event = s.event(e)
                day = after if event.fires is Fires.ENTER else record.date
                said = dateline(event.text, day)
                if said is not None:
                    told += 1
                    assert said.isoformat() <= day, (e, record.date, said)
    if sid == "cuban-missile-crisis":
        assert told > 0  # the campaign's news carries dates: the check checked something


def test_the_deadline_is_not_let_lapse_before_the_wall_and_the_party_congress():
    """The play-test's case: Khrushchev's pragmatist let the deadline lapse on Jul 25, 1961, its text
    speaking of the wall, the Party Congress and the checkpoint; the order is offered on Oct 27 only."""
    s = catalog.get("cuban-missile-crisis")
    offered = {
        game.state.date
        for game in _games(s, per_pair=2)
        if game.state.phase == "berlin_summer" and not game.is_over()
        for side in game.sides_to_act()
        for m in game.legal_moves(side)
        if m.decision == "lapse_deadline"
    }
    assert offered == {"1961-10-27"}


def test_the_lint_finds_an_order_shown_before_its_day():
    """The finding the G10 case would have given: shown on Jul 25, 1961, before the wall."""
    s = catalog.get("cuban-missile-crisis")
    game = Game(s, 51011)
    d = s.decision("lapse_deadline")
    env = env_of(s, game.state)
    found = check(s, [Sighting(d, "decision 'lapse_deadline'", d.description, env, "a test", "1961-07-25")])
    messages = " ".join(p.message for p in found)
    assert "'Party Congress'" in messages and "is before 1961-10-17" in messages
    assert "'the wall'" in messages  # the wall not built in the opening state


def test_a_dateline_is_read_with_or_without_its_year():
    assert str(dateline("October 21, 1961. Gilpatric tells...", "1961-08-13")) == "1961-10-21"
    assert str(dateline("August 24. Two boats ...", "1962-07-15")) == "1962-08-24"
    assert dateline("The photo interpreters stop talking.", "1962-10-14") is None


def test_a_report_tells_the_next_chapters_opening_under_its_first_day():
    """Vienna opens on June 3, 1961: the report of May 12, whose turn led there, tells it after
    "Next: Vienna", under June 3, not among the news of May 12."""
    from game.ai.policies import POLICIES
    from game.ui import text

    s = catalog.get("cuban-missile-crisis")
    game = Game(s, 7)
    while game.state.phase == "aftermath":
        for side in game.sides_to_act():
            game.apply(POLICIES["historical"](s, game.view(side), 7))
    view = game.view(SIDES[0])
    index = len(view.log) - 1
    assert view.log[index].date == "1961-05-12" and "vienna_opens" in view.log[index].events
    told = text.report(s, view, index, dict(view.tracks), dict(view.tracks), spoilers=False)
    title = s.event("vienna_opens").title
    assert told.index("Next: Vienna") < told.index("June 3, 1961") < told.index(title)
