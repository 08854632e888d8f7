"""What the negotiators offer: never again a term already owed to them that is worth no more sooner, and
an opening letter that offers something for what it asks (the playtest's B5 and B14)."""

from itertools import product

import pytest

from game.ai.negotiator import Negotiator
from game.ai.policies import POLICIES
from game.analysis.bargains import play
from game.diplomacy import Answer, Timing, Tone
from game.engine.letters import Letter, Offer
from game.engine.match import Game
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog

K, S = Side.KENNEDY, Side.KHRUSHCHEV
KINDS = ("hawk", "dove", "pragmatist")


@pytest.fixture(scope="module")
def thirteen():
    return catalog.get("thirteen-days")


def _halt_owed_later(s) -> Game:
    """Moscow has agreed to send no more offensive weapons 'later' for the raids stopped now."""
    game = Game(s, 0)
    proposal = Letter(
        "private_letter",
        Tone.FIRM,
        gives=(Offer("stop_exile_raids", public=False),),
        demands=(Offer("halt_shipments", public=False, timing=Timing.LATER),),
    )
    game.apply(Move(K, game.legal_moves(K)[0].decision, proposal))
    game.apply(Move(S, game.legal_moves(S)[0].decision))
    sent = [m for m in game.state.mail if m.sender is K][-1].id
    accept = Letter("private_letter", Tone.CONCILIATORY, reply_to=sent, answer=Answer.ACCEPT)
    game.apply(Move(K, game.legal_moves(K)[0].decision))
    game.apply(Move(S, game.legal_moves(S)[0].decision, accept))
    game.apply(Move(K, game.legal_moves(K)[0].decision))
    game.apply(Move(S, game.legal_moves(S)[0].decision))
    return game


@pytest.mark.parametrize("kind", KINDS)
def test_a_term_owed_later_is_not_bargained_for_again_when_sooner_is_worth_no_more(thirteen, kind):
    """B5/B14: the dove asked again, 'now', for terms it already held 'later', and the pragmatist
    offered to lift the quarantine for 'no more offensive weapons', already owed: a promise worth as
    much later is neither asked for nor offered again (the quarantine, worth more lifted now than
    some day, still may be)."""
    game = _halt_owed_later(thirteen)
    owed = {o.term for a in game.state.agreements for o in a.obligations if o.status == "pending"}
    assert owed == {"halt_shipments"}
    for side in (K, S):
        seat = Negotiator(thirteen, game.view(side), 0, kind)
        assert seat.promised_later == {"halt_shipments"}
        for _, _, gives, demands in seat.candidates():
            assert all(o.term != "halt_shipments" for o in (*gives, *demands)), (side, gives, demands)


@pytest.mark.parametrize(("k_kind", "s_kind"), list(product(KINDS, KINDS)))
def test_an_opening_letter_offers_something_for_what_it_asks(thirteen, k_kind, s_kind):
    """B5: every personality's first letter asked five terms and offered nothing. (A hawk's
    ultimatum, the threat that goes with its deadline, offers nothing by design: its first bargain
    after it must.)"""
    game, _ = play(thirteen, {K: POLICIES[k_kind], S: POLICIES[s_kind]}, 0)
    for side in (K, S):
        letters = [m.letter for m in game.state.mail if m.sender is side]
        proposals = [x for x in letters if x.is_proposal and x.tone is not Tone.THREATENING]
        assert proposals, (side, letters)  # every pair bargains in seed 0
        assert proposals[0].gives, (side, proposals[0])
