"""The deed and the letter chosen together (issue 10): when the deed worth most gives terms that the
letter planned for the turn (a proposal, a counter, a refusal or a threat) does not, the letter is
written again to give them (the acceptance of the proposal that asks for them, else a proposal of
the deed's own terms), so that the side does what it says; so too with no letter planned,
when the deed gives terms the side's own proposal still standing does not (playtest N1); otherwise,
and beside an acceptance, which stands as the bargain made it, the best deed that agrees with the
planned letter."""

from __future__ import annotations

from game.ai.negotiator import Negotiator
from game.ai.seat import Plan
from game.ai.story import contradiction, withheld
from game.diplomacy import Answer, Offer
from game.engine.negotiation import check_letter
from game.engine.state import Move
from game.model import Decision


def move(n: Negotiator) -> Move:
    """`Negotiator.move`, with the letter made to carry what the chosen deed gives."""
    plan = n.plan()
    letter = plan.letter
    decision = n._decision(plan.intent, letter)
    # an acceptance stands as it is (the deal it strikes is the bargain's, not the deed's); only a
    # deed that gives what the planned letter withholds has the letter written again
    # (with no letter, the deed is held to the side's own proposal still standing: ai/story.py)
    if (letter is None or letter.answer is not Answer.ACCEPT) and any(
        withheld(n.s, n.view, n.s.decision(m.decision), letter) for m in n.view.legal
    ):
        stuck = bool(contradiction(n.s, n.view, n.s.decision(decision), letter))  # none agrees with it
        wanted = decision if stuck else n._decision(plan.intent, letter, story=False)
        d = n.s.decision(wanted)
        written = _carrying(n, d) if withheld(n.s, n.view, d, letter) else None
        if written is not None and not contradiction(n.s, n.view, d, written.letter):
            plan, decision = written, wanted
    plan = n.beside(plan, decision)  # the letter tells the deed's story (ai/writing.py)
    return Move(n.me, decision, plan.letter, n._compliance(decision))


def _carrying(n: Negotiator, d: Decision) -> Plan | None:
    """A letter that gives what deed `d` gives and asks no more than it asks: yes to the other
    side's proposal that asks for those terms, else the deed's own terms proposed (a counter to a
    proposal waiting for an answer); None if none can be sent now."""
    if n.n is None or not n.view.channels or any(t not in n.view.terms for t in (*d.offers, *d.asks)):
        return None
    incoming = n.unanswered()
    if incoming is not None:
        asked = {o.term for o in incoming.letter.demands}
        wanted = {o.term for o in incoming.letter.gives}
        if set(d.offers) <= asked and wanted <= set(d.asks) | set(d.offers):
            plan = n._letter("accept", incoming, (), ())
            return plan if _sendable(n, plan) else None
    gives = tuple(Offer(t, public=t not in d.in_confidence) for t in d.offers)
    demands = tuple(Offer(t) for t in d.asks)
    plan = n._letter("counter" if incoming is not None else "propose", incoming, gives, demands)
    return plan if _sendable(n, plan) else None


def _sendable(n: Negotiator, plan: Plan) -> bool:
    """Whether the rules would let the side send the plan's letter now."""
    if plan.letter is None:
        return False
    return check_letter(n.n, n.view.letters, n.me, plan.letter, n.env, n.dates) is None
