"""What a game's agreements held, in plain words, told after its ending's epilogue (playtest H8: the
IL-28s, the thirty days, the UN check Castro blocked and a test ban agreed were missing from it):
each promise with who made it, by when, under whose check and who barred it, and whether in secret."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from game.dates import short_date
from game.diplomacy import Verification
from game.engine.letters import Agreement, Obligation
from game.engine.state import GameState
from game.engine.word import reads_public
from game.engine.work import read_env
from game.model import SIDES, Scenario

_CHECKED = {Verification.UN: "checked by the United Nations", Verification.AERIAL: "checked from the air"}


def epilogue(s: Scenario, state: GameState) -> str:
    """The ending's epilogue as the player reads it: its story, then what was agreed (`deal_words`)."""
    assert state.ending is not None
    return " ".join([s.ending(state.ending).epilogue, *deal_words(s, state)])


def deal_words(s: Scenario, state: GameState) -> list[str]:
    """One sentence per agreement, in the order made, with what a side read into it that was not
    given: 'On Nov 20, 1962 (A2), Khrushchev promised to take the IL-28 bombers out of Cuba within 30
    days, checked by the United Nations, a check Fidel Castro refused to allow; Kennedy promised to
    lift the quarantine at once.'"""
    if s.negotiation is None:
        return []
    names, barred = read_env(s, state), _barred(s, state)
    out = []
    for a in state.agreements:
        sides = []
        for side in SIDES:
            owed = [_promise(s, a, o, names, barred) for o in a.obligations if o.giver is side]
            if owed:
                sides.append(f"{s.sides[side].short} promised to " + ", and to ".join(owed))
        for reader, term in a.disputed:  # "offensive" read to cover the bombers (H8)
            giver = s.sides[s.negotiation.term(term).giver].short
            said = (
                f"{s.sides[reader].short} read it as a promise to {s.negotiation.term(term).phrase} as well"
            )
            sides.append(f"{said}, which {giver} had not given")
        if sides:
            out.append(f"On {short_date(a.date)} ({a.id}), " + "; ".join(sides) + ".")
    return out


def timing(a: Agreement, o: Obligation) -> str:
    """'at once', 'within 30 days' or 'at some later date', from the promise's day and the agreement's."""
    if o.due is None:
        return "at some later date"
    days = (dt.date.fromisoformat(o.due) - dt.date.fromisoformat(a.date)).days
    return "at once" if days <= 1 else f"within {days} days"


def check(o: Obligation, barred: dict[str, str]) -> str:
    """', checked by the United Nations' (', a check Fidel Castro refused to allow'), or ''."""
    if o.verification is Verification.NONE:
        return ""
    said = f", {_CHECKED[o.verification]}"
    if who := barred.get(o.term) or barred.get(o.verification.value):
        said += f", a check {who} refused to allow"
    return said


def secrecy(o: Obligation, names: Mapping[str, object]) -> str:
    """', in secret' (', in secret, though it has since come out'), or '' for a promise made openly."""
    if o.public:
        return ""
    return ", in secret, though it has since come out" if reads_public(o, names) else ", in secret"


def _promise(
    s: Scenario, a: Agreement, o: Obligation, names: Mapping[str, object], barred: dict[str, str]
) -> str:
    assert s.negotiation is not None
    phrase = s.negotiation.term(o.term).phrase
    return f"{phrase} {timing(a, o)}{secrecy(o, names)}{check(o, barred)}"


def _barred(s: Scenario, state: GameState) -> dict[str, str]:
    """Term (or kind of check, 'un') -> the name of the third party whose event barred its check ('a
    third party' if unnamed)."""
    n = s.negotiation
    assert n is not None
    parties = {p.id: p.name for p in n.parties}
    out: dict[str, str] = {}
    for e in (*s.events, *(e for p in s.phases for e in p.events)):
        for term in e.blocks if e.id in state.fired else ():
            out.setdefault(term, parties.get(e.party, "a third party"))
    return {t: who for t, who in out.items() if t in state.blocked}
