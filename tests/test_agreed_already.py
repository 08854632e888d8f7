"""A proposal whose terms are agreed already says so, and what accepting it would add, as the engine
binds it (playtest H3: a counter repeating the agreement just made became a one-sided A4)."""

from __future__ import annotations

import re

from game.diplomacy import Answer, Offer, Timing, Verification
from game.engine.letters import Letter
from game.engine.match import Game
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog
from game.ui import letter_text as lt
from game.ui.widgets.letters import panel_markup


def plain(markup: str) -> str:
    return re.sub(r"\[/?[^\]]*\]", "", markup)


def test_the_letter_says_what_is_agreed_already_and_what_yes_adds_and_yes_adds_just_that():
    """il28's A1 holds the Jupiters and the lift for later: Kennedy offers the lift now, the Jupiters
    later again, for the bombers. Khrushchev's page says the Jupiters are agreed already in A1 and
    that accepting adds the lift now and the bombers; accepted, A2 binds exactly those."""
    s = catalog.get("il28-endgame")
    assert s.negotiation is not None
    game = Game(s, seed=57372)
    channel = s.negotiation.channels[0].id
    gives = (Offer("lift_quarantine"), Offer("remove_jupiters", public=False, timing=Timing.LATER))
    bombers = Offer("withdraw_il28", timing=Timing.DAYS, days=30, verification=Verification.UN)
    letter = Letter(channel, gives=gives, demands=(bombers,))
    game.apply(Move(Side.KENNEDY, game.legal_moves(Side.KENNEDY)[0].decision, letter=letter))
    game.apply(Move(Side.KHRUSHCHEV, game.legal_moves(Side.KHRUSHCHEV)[0].decision))
    view = game.view(Side.KHRUSHCHEV)
    mail = next(m for m in view.letters if m.sender is Side.KENNEDY)
    page = plain(lt.mail_block(s, mail, Side.KHRUSHCHEV, agreements=view.agreements))
    assert "Agreed already in A1: Remove the Jupiters from Turkey." in page, page
    assert "Accepting adds: Lift the quarantine now, not later, Remove the IL-28 bombers." in page, page
    assert "Agreed already in A1" in plain(panel_markup(s, view))
    mine = plain(lt.mail_block(s, mail, Side.KENNEDY, agreements=view.agreements))
    assert "Agreed already" not in mine  # the writer's own letter: nothing to accept
    accept = Letter(channel, reply_to=mail.id, answer=Answer.ACCEPT)
    game.apply(Move(Side.KHRUSHCHEV, game.legal_moves(Side.KHRUSHCHEV)[0].decision, letter=accept))
    game.apply(Move(Side.KENNEDY, game.legal_moves(Side.KENNEDY)[0].decision))
    made = game.state.agreements[-1]
    assert made.id == "A2" and [o.term for o in made.obligations] == ["lift_quarantine", "withdraw_il28"]


def test_a_proposal_of_new_terms_only_says_nothing_more():
    s = catalog.get("il28-endgame")
    assert s.negotiation is not None
    view = Game(s, seed=1).view(Side.KHRUSHCHEV)
    letter = Letter(s.negotiation.channels[0].id, demands=(Offer("withdraw_il28"),))
    assert lt.agreed_already(s, letter, view.agreements) == []


def test_a_proposal_asking_a_term_held_for_later_says_what_accepting_changes_in_that_promise():
    """Playtest K5 (il28 as Kennedy, seed 9): Khrushchev's letter asks the Jupiters out, public and at
    once, where A1 holds them secret and later; the page said nothing of it, and `y` made the secret
    promise public (Ankara protests). The page says so, and accepting does just that."""
    s = catalog.get("il28-endgame")
    assert s.negotiation is not None
    game = Game(s, seed=9)
    channel = s.negotiation.channels[0].id
    letter = Letter(channel, gives=(Offer("withdraw_il28"),), demands=(Offer("remove_jupiters"),))
    game.apply(Move(Side.KENNEDY, game.legal_moves(Side.KENNEDY)[0].decision))
    game.apply(Move(Side.KHRUSHCHEV, game.legal_moves(Side.KHRUSHCHEV)[0].decision, letter=letter))
    view = game.view(Side.KENNEDY)
    jupiters = [o for a in view.agreements for o in a.obligations if o.term == "remove_jupiters"]
    assert [(o.public, o.due) for o in jupiters] == [(False, None)]  # A1: secret, later
    mail = next(m for m in view.letters if m.sender is Side.KHRUSHCHEV)
    page = " ".join(plain(lt.mail_block(s, mail, Side.KENNEDY, agreements=view.agreements)).split())
    said = "Accepting makes your secret promise in A1 (Remove the Jupiters from Turkey) public, and due at"
    assert said in page, page
    assert "Accepting adds: Remove the IL-28 bombers." in page  # the writer's term, new
    assert "Agreed already" not in page  # nothing of it is agreed as asked
    accept = Letter(channel, reply_to=mail.id, answer=Answer.ACCEPT)
    game.apply(Move(Side.KENNEDY, game.legal_moves(Side.KENNEDY)[0].decision, letter=accept))
    game.apply(Move(Side.KHRUSHCHEV, game.legal_moves(Side.KHRUSHCHEV)[0].decision))
    assert game.view(Side.KENNEDY).term_names.get("remove_jupiters_public")  # as the page said
