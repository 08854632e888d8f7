"""One story: whether a deed says, about the terms, what the side's word says (issue 10).

A decision may declare what it does diplomatically: the terms of its own side it `offers` (some
`in_confidence`), those of the other side it `asks` for, and those it `defies`. The side's word is
its letter of the turn, its own proposal still standing, and the agreements in force. A deed
contradicts that word when:
- it offers a term that the turn's letter does not give (nor an agreement already owes);
- it offers in confidence (`in_confidence`) what the word gives in public;
- beside a letter that accepts a deal, or proposes one, it asks for more than that deal;
- it defies a promise owed now, or, as a hawkish deed (a repudiation, not a holding of the line
  until the deal is made), a term the word still offers.
A turn with no letter binds the deed to the side's own proposal still standing, if any (playtest N1:
the knot letter's offer, the missiles for a pledge, the day after a letter that asked the Jupiters
and offered nothing): a deed that offers a term that proposal does not give says otherwise than it.
With no proposal standing, the deed speaks for itself, and only the agreements bind it.
"""

from __future__ import annotations

from game.diplomacy import Answer
from game.engine.letters import Letter, Mail, Offer
from game.engine.match import SideView
from game.engine.negotiation import lapsed, owed
from game.model import Decision, Scenario, Stance


def contradiction(s: Scenario, view: SideView, d: Decision, letter: Letter | None) -> str:
    """Why deed `d` beside `letter` contradicts this side's word ('' if it does not)."""
    if not (d.offers or d.asks or d.defies) or s.negotiation is None:
        return ""
    me = view.side
    owes = {
        o.term: o for a in view.agreements for o in a.obligations if o.giver is me and o.status != "broken"
    }
    gets = {
        o.term for a in view.agreements for o in a.obligations if o.giver is not me and o.status != "broken"
    }
    gives, asks, deal = _said(view, letter)
    standing = _standing(s, view) if letter is None else None
    for term in d.offers:
        secret = term in d.in_confidence
        if secret and term in owes and owes[term].public:
            return f"offers {term} in confidence, agreed in public"
        if term in owes:
            continue
        if letter is None:
            if standing is not None and term not in {o.term for o in standing.letter.gives}:
                return f"offers {term}, which its proposal {standing.id} does not give"
            continue
        if term not in gives:
            return f"offers {term}, which its letter does not give"
        if secret and gives[term].public:
            return f"offers {term} in confidence, its letter in public"
    if deal:
        extra = [t for t in d.asks if t not in asks and t not in gets]
        if extra:
            return f"asks for {extra[0]}, beyond the deal its letter names"
    for term in d.defies:
        if term in owes and owed(owes[term], view.date):
            return f"defies {term}, which it owes"
        if d.stance is Stance.HAWK and (term in gives or term in _standing_gives(s, view) or term in owes):
            return f"defies {term}, which it offers"
    return ""


def breaks_confidence(view: SideView, d: Decision) -> str:
    """Why deed `d` breaks a confidence ('' if it does not): it reveals a term that an agreement in
    force holds in secret."""
    for a in view.agreements:
        for o in a.obligations:
            if o.term in d.reveals and not o.public and o.status != "broken":
                return f"reveals {o.term}, agreed in confidence"
    return ""


def withheld(s: Scenario, view: SideView, d: Decision, letter: Letter | None) -> tuple[str, ...]:
    """The terms deed `d` offers that `letter` does not give, nor an agreement in force already owes;
    with no letter, those its own proposal still standing does not give (none if none stands)."""
    if not d.offers:
        return ()  # most deeds offer nothing: the letter and the agreements need not be read
    if letter is None:
        standing = _standing(s, view)
        if standing is None:
            return ()
        gives = {o.term: o for o in standing.letter.gives}
    else:
        gives, _, _ = _said(view, letter)
    owes = {
        o.term
        for a in view.agreements
        for o in a.obligations
        if o.giver is view.side and o.status != "broken"
    }
    return tuple(t for t in d.offers if t not in gives and t not in owes)


def _said(view: SideView, letter: Letter | None) -> tuple[dict[str, Offer], set[str], bool]:
    """What the turn's letter gives (term -> offer) and asks, and whether it names a whole deal (a
    proposal, or the acceptance of one)."""
    if letter is None:
        return {}, set(), False
    if letter.answer is Answer.ACCEPT:
        mail = _answered(view, letter)
        if mail is None:
            return {}, set(), False
        return {o.term: o for o in mail.letter.demands}, {o.term for o in mail.letter.gives}, True
    if letter.is_proposal:
        return {o.term: o for o in letter.gives}, {o.term for o in letter.demands}, True
    return {}, set(), False


def _answered(view: SideView, letter: Letter) -> Mail | None:
    return next((m for m in view.letters if m.id == letter.reply_to), None)


def _standing_gives(s: Scenario, view: SideView) -> set[str]:
    """The terms this side's own latest proposal gives, while it stands (not lapsed, its terms open)."""
    standing = _standing(s, view)
    return {o.term for o in standing.letter.gives} if standing is not None else set()


def _standing(s: Scenario, view: SideView) -> Mail | None:
    """This side's own latest proposal, while it stands (not lapsed, its terms open, not accepted)."""
    dates = (*(seen.date for seen in view.log), view.date)
    open_terms = set(view.terms)
    mine = [
        m
        for m in view.letters
        if m.sender is view.side
        and m.letter.is_proposal
        and all(o.term in open_terms for o in (*m.letter.gives, *m.letter.demands))
    ]
    if not mine or lapsed(s.negotiation, mine[-1], dates):
        return None
    if any(a.proposal == mine[-1].id for a in view.agreements):
        return None  # accepted: the agreement binds now, not the letter
    return mine[-1]
