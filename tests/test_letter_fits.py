"""The AI's letters say only words that fit the moment (playtest N2): "Nothing has changed since my
last letter" only when what it offers has not changed, "We have argued long enough" not in its first
two letters, "we have taken a step towards you" only when it gives something new."""

from __future__ import annotations

from itertools import product

import pytest

from game.ai.policies import POLICIES
from game.diplomacy import Fit
from game.engine.letters import Mail
from game.model import SIDES, Side
from game.scenario import catalog
from game.sim import play

from .cli_support import feed, run

AI = ("hawk", "dove", "pragmatist")


def _fits(cues: set[Fit], mail: Mail, before: list[Mail]) -> bool:
    """Whether `mail` may say words with `cues`, its sender's earlier letters being `before`."""
    now = {o.term for o in mail.letter.gives}
    last = {o.term for o in before[-1].letter.gives} if before else set()
    holds = {
        Fit.OFFERS: bool(now),
        Fit.UNCHANGED: bool(before) and now == last,
        Fit.MOVED: bool(before) and bool(now - last),
        Fit.LATER: len(before) >= 2,
    }
    return all(holds[c] for c in cues)


def _misfits(s, mail: tuple[Mail, ...]) -> list[tuple[str, str]]:
    assert s.negotiation is not None
    out = []
    for i, m in enumerate(mail):
        before = [x for x in mail[:i] if x.sender is m.sender]
        text = " ".join(m.letter.text.split())
        cues = {c for words, need in s.negotiation.fits.items() if words in text for c in need}
        if cues and not _fits(cues, m, before):
            out.append((m.id, text))
    return out


def test_the_scenario_sets_conditions_on_the_words_the_playtest_caught():
    n = catalog.get("thirteen-days").negotiation
    assert n is not None
    assert n.fits["Nothing has changed since my last letter"] == (Fit.UNCHANGED,)
    assert n.fits["We have argued long enough"] == (Fit.LATER,)
    assert n.fits["we have taken a step towards you"] == (Fit.MOVED,)
    assert n.fits["I have told you what my country can do; I tell you again"] == (Fit.OFFERS, Fit.UNCHANGED)


@pytest.mark.parametrize("scenario", ["thirteen-days", "il28-endgame"])
def test_no_ai_letter_says_words_that_do_not_fit_it_over_many_games(scenario):
    """Every pair of negotiators (and the random player against each), four seeds each."""
    s = catalog.get(scenario)
    pairs = [*product(AI, repeat=2), *((a, "random") for a in AI), *(("random", a) for a in AI)]
    for k, (a, b) in enumerate(pairs):
        for seed in range(8000 + 4 * k, 8004 + 4 * k):
            game = play(s, dict(zip(SIDES, (POLICIES[a], POLICIES[b]), strict=True)), seed)
            assert not _misfits(s, game.state.mail), (a, b, seed)


def test_n2_the_second_letter_neither_holds_nor_runs_out_of_time(capsys, monkeypatch):
    """Playtest N2's game (seed 3007): Khrushchev's second letter (L4h, Oct 22) offered nothing after
    the first offered the IL-28, and said "Nothing has changed since my last letter" and "We have
    argued long enough"."""
    feed(monkeypatch, ["1", "1", "1", "y", "2", "y", "2"])
    args = ("--as", "kennedy", "--scenario", "thirteen-days", "--opponent", "pragmatist", "--seed", "3007")
    code, out, _ = run(capsys, "play", "--text", *args)
    assert code == 0
    letters = out.split("A LETTER FROM NIKITA S. KHRUSHCHEV")[1:]
    assert len(letters) >= 2
    first, second = (" ".join(letter.split("'y' accepts")[0].split()) for letter in letters[:2])
    # the second letter offers something now (H9), the bombers as the first did, so "Nothing has
    # changed since my last letter" is true of it (the scenario's `unchanged`); N2's offered nothing
    assert "offers: Remove the IL-28 bombers" in first and "offers: Remove the IL-28 bombers" in second
    assert "We have argued long enough" not in second


def test_the_writer_leaves_out_words_whose_condition_fails():
    """The writer's own test, on a fresh game: with no letter written yet, neither "Nothing has
    changed" nor "We have argued long enough" fits, whatever the letter gives."""
    from game.ai.negotiator import Negotiator
    from game.diplomacy import Offer
    from game.engine.match import Game

    s = catalog.get("thirteen-days")
    n = Negotiator(s, Game(s, 1).view(Side.KHRUSHCHEV), 1, "pragmatist")
    gives = (Offer("withdraw_il28"),)
    assert not n.fits("Nothing has changed since my last letter, and so on.", gives)
    assert not n.fits("We have argued long enough; it is time.", gives)
    assert n.fits("The longer we pull on the ends of this rope, the tighter the knot becomes.", gives)
