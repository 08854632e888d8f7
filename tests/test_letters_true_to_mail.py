"""What the game says of the letters is true to the letters written (play-test G17): an ending quotes
no words the other side never wrote, no computer letter quotes or answers words that were never
written, no offer to take the missiles out comes before Washington has raised them, and the debrief
shows a letter's timing, checks and refused terms."""

import re

import pytest

from game.ai.policies import POLICIES
from game.analysis.debrief import debrief, letters_of
from game.analysis.report import markdown
from game.engine.letters import Letter
from game.engine.match import Game
from game.engine.state import Move
from game.reader import reader_for
from game.scenario import catalog
from game.sides import Side
from game.sim import play

K, S = Side.KENNEDY, Side.KHRUSHCHEV
THIRTEEN = catalog.get("thirteen-days")
P2 = (
    "We will remove the missiles within two weeks under UN inspection if you pledge not to invade Cuba. "
    "We will not remove the bombers."
)
QUOTE = re.compile(r'"([^"]{3,})"|“([^”]{3,})”|‘([^’]{3,})’')
ANSWERS = re.compile(
    r"\byour (letter|message|proposal|terms|offer)\b|\bwhich you\b|\byou (describe|call)\b", re.I
)
KNOWN = ("ultimatum_given", "quarantine_on", "deployment_announced")
"""Flags that tell Moscow that Washington knows of the missiles (a private deadline, the quarantine,
or Moscow's own announcement)."""


def _p2() -> Game:
    """P2 (seed 41636): Khrushchev offers the bargain in his own words on Oct 16; the pragmatist takes it."""
    game = Game(THIRTEEN, seed=41636)
    read = reader_for(THIRTEEN).read(P2, S)
    first = True
    while not game.is_over():
        for side in game.sides_to_act():
            view = game.view(side)
            if side is K:
                game.apply(POLICIES["pragmatist"](THIRTEEN, view, 41636))
                continue
            letter = Letter(view.channels[0], read.tone, read.gives, read.demands, P2) if first else None
            game.apply(Move(S, "press_on", letter))
            first = False
    return game


def test_an_ending_quotes_no_words_the_game_never_had():
    game = _p2()
    end = THIRTEEN.ending(game.state.ending)
    assert not end.historical
    written = " ".join(m.letter.text for m in game.state.mail)
    quoted = [next(g for g in m.groups() if g) for m in QUOTE.finditer(end.epilogue)]
    assert [q for q in quoted if q.replace("'", "") not in written] == []


@pytest.mark.parametrize("scenario", ["cuban-missile-crisis", "thirteen-days", "il28-endgame"])
def test_no_ending_but_historys_quotes_the_other_side(scenario):
    s = catalog.get(scenario)
    for end in s.endings:
        quotes = [m.group(0) for m in QUOTE.finditer(end.epilogue)]
        assert end.historical or not [q for q in quotes if re.search(r"\byou\b", q)], end.id


def test_the_debrief_shows_timing_checks_and_refused_terms():
    rows = letters_of(_p2())
    offer = rows[0]
    assert offer.gives == ("Remove the missiles from Cuba (≤14 days, UN check)",)
    assert offer.demands == ("Pledge not to invade Cuba",)
    assert offer.refused == ("Remove the IL-28 bombers",)
    assert rows[1].refused == ()  # an acceptance refuses nothing
    md = markdown(debrief(_p2()))
    assert "refuses: Remove the IL-28 bombers" in md and "(≤14 days, UN check)" in md


def _games():
    for scenario, seeds in (("thirteen-days", 12), ("il28-endgame", 6), ("cuban-missile-crisis", 3)):
        s = catalog.get(scenario)
        for kennedy in ("pragmatist", "hawk", "dove"):
            for seed in range(seeds):
                yield s, play(s, {K: POLICIES[kennedy], S: POLICIES["pragmatist"]}, seed)


def test_no_computer_letter_quotes_or_answers_what_was_never_written():
    checked = 0
    for s, game in _games():
        mail = game.state.mail
        for i, m in enumerate(mail):
            theirs = [x for x in mail[:i] if x.sender is not m.sender]
            words = " ".join(x.letter.text for x in theirs)
            for q in QUOTE.finditer(m.letter.text):
                assert next(g for g in q.groups() if g) in words, (s.id, m.id, m.letter.text)
            if not theirs:
                assert not ANSWERS.search(m.letter.text), (s.id, m.id, m.letter.text)
            checked += 1
    assert checked > 100


def test_no_computer_offer_of_the_missiles_before_washington_raises_them():
    offers = 0
    for s, game in _games():
        raised = False
        state = Game(s, game.state.seed)
        for record in game.state.log:
            flags = state.view(S).flags
            for move in record.moves:
                letter = move.letter
                if letter is None:
                    continue
                named = {o.term for o in (*letter.gives, *letter.demands)}
                if move.side is K and "withdraw_missiles" in named:
                    raised = True
                if move.side is S and "withdraw_missiles" in {o.term for o in letter.gives}:
                    offers += 1
                    assert "missiles_discovered" in flags
                    assert raised or any(f in flags for f in KNOWN), (s.id, game.state.seed, record.date)
            for move in record.moves:
                state.apply(move)
    assert offers > 10
