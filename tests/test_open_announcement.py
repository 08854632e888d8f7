"""A deployment announced openly is no secret in the chapters after it (play-test 8: H6)."""

import re

import pytest

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.engine.state import Move
from game.engine.work import env_of
from game.model import SIDES, Side
from game.scenario import catalog

K, KH = Side.KENNEDY, Side.KHRUSHCHEV
ANNOUNCE = {"announce_openly", "reveal_openly"}
SECRET = re.compile(
    r"\bin secret\b|nobody guesses|reveal the missiles|hear about the missiles|before the secret is out"
    r"|finish in secret|secret harder|only a handful of men|been caught",
    re.IGNORECASE,
)
"""Words that tell the missiles in Cuba as a secret still to be kept or revealed."""
CHAPTERS = {"deployment", "excomm", "quarantine"}


def _announcing(s, view, seed) -> Move:
    """Khrushchev as history played him, but announcing the missiles the first time he can."""
    move = next((m for m in view.legal if m.decision in ANNOUNCE), None)
    return move or POLICIES["historical"](s, view, seed)


def _watching(s, view, seed) -> Move:
    """Kennedy as history played him, but sending the U-2s over Cuba whenever he can."""
    move = next((m for m in view.legal if m.decision in {"step_up_u2", "approve_u2_west"}), None)
    return move or POLICIES["historical"](s, view, seed)


KENNEDY = {"historical": POLICIES["historical"], "random": POLICIES["random"], "u2": _watching}


def _shown(s, game: Game) -> list[tuple[str, str]]:
    """(what, words) of every text a player sees on this turn: the chapter's title, both briefings
    as told now, and each order open to either side."""
    phase, env = s.phase(game.state.phase), env_of(s, game.state)
    out = [("title", phase.title)]
    out += [(f"{side} briefing", phase.briefing[side].told(env).text) for side in SIDES]
    for side in game.sides_to_act():
        for m in game.legal_moves(side):
            d = s.decision(m.decision)
            out.append((f"order {d.id}", f"{d.label}. {d.description}"))
    return out


@pytest.mark.parametrize(
    ("sid", "kennedy"),
    [("cuban-missile-crisis", "historical"), ("cuban-missile-crisis", "u2"), ("thirteen-days", "random")],
)
def test_no_text_after_an_open_announcement_keeps_the_missiles_secret(sid, kennedy):
    s = catalog.get(sid)
    looked = 0
    for seed in range(3):
        game = Game(s, seed)
        policies = {K: KENNEDY[kennedy], KH: _announcing}
        entered = False
        while not game.is_over():
            if game.state.phase not in CHAPTERS and entered:
                break  # past the quarantine: Black Saturday and after
            entered = entered or game.state.phase in CHAPTERS
            if entered and env_of(s, game.state)["deployment_announced"]:
                for what, words in _shown(s, game):
                    looked += 1
                    assert not SECRET.search(words), (seed, str(game.state.date), what, words)
                for e in game.state.log[-1].events if game.state.log else ():
                    text = s.event(e).text
                    assert not SECRET.search(text), (seed, str(game.state.date), e, text)
            for side in game.sides_to_act():
                game.apply(policies[side](s, game.view(side), seed))
    assert looked > 30


@pytest.mark.parametrize(("sid", "seed"), [("cuban-missile-crisis", 0), ("thirteen-days", 1)])
def test_the_announcement_is_news_on_the_day_it_is_made(sid, seed):
    """H6: the pragmatist's "Announce the missiles openly" on May 24, 1962 named the order but carried
    no news of it; the news came only on Jul 15, with the U-2s over the announced sites. Now the
    report of the day of the announcement carries it, for both sides."""
    s = catalog.get(sid)
    game = Game(s, seed)
    policies = {K: POLICIES["historical"], KH: _announcing}
    while not game.is_over() and not env_of(s, game.state)["deployment_announced"]:
        for side in game.sides_to_act():
            game.apply(policies[side](s, game.view(side), seed))
    record = game.state.log[-1]
    assert any(m.decision in ANNOUNCE for m in record.moves), record
    told = [s.event(e) for e in record.events]
    news = [e for e in told if "announce" in f"{e.title} {e.text}".lower() and set(SIDES) <= set(e.known_to)]
    assert news, [e.id for e in told]
    assert not SECRET.search(news[0].text)
