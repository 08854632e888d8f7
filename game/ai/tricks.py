"""Scripted tricks a player might try against the AI, each a policy (scenario, view, seed) -> move:
accept the other side's first proposal; an early private ultimatum, then the historical line;
bully (the hardest deed that fires no shot, every letter demanding everything, every offer
refused); mirror (the other side's last deed in kind, its tone, a letter accepted only when it is
worth something); the hawk negotiator; and the stall (give nothing, write nothing, wait).
`bench/exploits.py` measures them over many seeds and the tests hold the default opponent to
beating them.
"""

from __future__ import annotations

from game.ai.policies import POLICIES, Policy, historical
from game.ai.values import deal_value
from game.diplomacy import Answer, Negotiation, Offer, Tone, Verification
from game.engine.letters import Letter, awaiting_answer
from game.engine.match import SideView
from game.engine.negotiation import lapsed
from game.engine.state import Move
from game.model import Scenario, Side, Stance

FIRING = frozenset(
    {"air_strike", "invasion", "shots_at_sea", "nuclear_exchange", "tactical_nuclear_use", "jupiters_struck"}
)
"""Flags whose setting means a shot was fired."""


def _fires(s: Scenario, decision: str) -> bool:
    return any(e.name in FIRING and e.value for e in s.decision(decision).effects)


def _incoming(s: Scenario, view: SideView) -> list:
    """The proposals waiting for an answer that can still be accepted (not lapsed)."""
    dates = (*(seen.date for seen in view.log), view.date)
    return [m for m in awaiting_answer(view.letters, view.side) if not lapsed(s.negotiation, m, dates)]


def _mine(n: Negotiation, side: Side, term: str) -> bool:
    return n.term(term).giver is side


def accept_first(s: Scenario, view: SideView, seed: int) -> Move:
    """The historical deeds; the first proposal that arrives is accepted, whatever it says."""
    move = historical(s, view, seed)
    if any(m.sender is view.side and m.letter.answer is Answer.ACCEPT for m in view.letters):
        return move
    waiting = _incoming(s, view)
    if not waiting:
        return move
    first = waiting[0]
    channel = _reply_channel(s, view, first)
    letter = Letter(channel, Tone.CONCILIATORY, reply_to=first.id, answer=Answer.ACCEPT)
    return Move(move.side, move.decision, letter)


def _everything(s: Scenario, view: SideView) -> tuple[Offer, ...]:
    """Every open term of the other side's that is worth something to `view.side`, verified if it can be."""
    n = s.negotiation
    assert n is not None
    out = []
    for t in view.terms:
        term = n.term(t)
        if term.giver is view.side or term.value.get(view.side, 0) <= 0:
            continue
        verification = Verification.UN if term.verifiable else Verification.NONE
        out.append(Offer(t, public=True, verification=verification))
    clash = n.clash(o.term for o in out)
    while clash:  # the game refuses a bundle that cannot stand together: drop the lesser
        worse = min(clash, key=lambda t: n.term(t).value.get(view.side, 0))
        out = [o for o in out if o.term != worse]
        clash = n.clash(o.term for o in out)
    return tuple(out)


def _private(s: Scenario, view: SideView) -> str | None:
    n = s.negotiation
    private = [c for c in view.channels if n is not None and not n.channel(c).public]
    return private[0] if private else (view.channels[0] if view.channels else None)


def _reply_channel(s: Scenario, view: SideView, mail) -> str:  # noqa: ANN001
    """The channel a letter came by if this side may write on it, else its own private one (a
    letter through Bolshakov is answered through Dobrynin while Bolshakov is not yet Washington's)."""
    if mail.letter.channel in view.channels:
        return mail.letter.channel
    return _private(s, view) or mail.letter.channel


def _hardest(s: Scenario, view: SideView) -> Move:
    """The most hawkish legal deed that fires no shot."""
    order = {Stance.HAWK: 0, Stance.MODERATE: 1, Stance.DOVE: 2}
    legal = [m for m in view.legal if not _fires(s, m.decision)] or list(view.legal)
    return min(legal, key=lambda m: order[s.decision(m.decision).stance])


def ultimatum(s: Scenario, view: SideView, seed: int) -> Move:
    """A private ultimatum on the first turn (the hardest deed short of firing, a threatening
    letter demanding everything), then the historical line."""
    if view.turn > 0 and any(m.sender is view.side for m in view.letters):
        return historical(s, view, seed)
    ult = next((m for m in view.legal if "ultimatum" in m.decision), None) or _hardest(s, view)
    channel, demands = _private(s, view), _everything(s, view)
    if channel is None or not demands:
        return ult
    return Move(ult.side, ult.decision, Letter(channel, Tone.THREATENING, demands=demands))


def bully(s: Scenario, view: SideView, seed: int) -> Move:
    """Every turn the hardest deed that fires no shot, and a threat demanding everything; any
    proposal is refused."""
    move = _hardest(s, view)
    waiting = _incoming(s, view)
    channel = _private(s, view)
    if channel is None:
        return move
    if waiting:
        letter = Letter(
            _reply_channel(s, view, waiting[-1]),
            Tone.THREATENING,
            demands=_everything(s, view),
            reply_to=waiting[-1].id,
            answer=Answer.COUNTER,
        )
        return Move(move.side, move.decision, letter)
    demands = _everything(s, view)
    return Move(
        move.side, move.decision, Letter(channel, Tone.THREATENING, demands=demands) if demands else None
    )


def mirror(s: Scenario, view: SideView, seed: int) -> Move:
    """The other side's last deed in kind (moderate to begin with) and its tone; a proposal is
    accepted when it is worth anything to us at all, else refused in its own tone."""
    n = s.negotiation
    last = next(
        (m for seen in reversed(view.log) for m in seen.moves if m is not None and m.side is not view.side),
        None,
    )
    stance = s.decision(last.decision).stance if last else Stance.MODERATE
    legal = [m for m in view.legal if not _fires(s, m.decision)] or list(view.legal)
    move = next((m for m in legal if s.decision(m.decision).stance is stance), None)
    move = move or next((m for m in legal if s.decision(m.decision).stance is Stance.MODERATE), legal[0])
    waiting = _incoming(s, view)
    if not waiting or n is None:
        return move
    mail = waiting[-1]
    value = deal_value(n, view.side, (*mail.letter.gives, *mail.letter.demands))
    answer = Answer.ACCEPT if value > 0 else Answer.REJECT
    return Move(
        move.side,
        move.decision,
        Letter(_reply_channel(s, view, mail), mail.letter.tone, reply_to=mail.id, answer=answer),
    )


def stall(s: Scenario, view: SideView, seed: int) -> Move:
    """Give nothing and wait: the historical deeds without their letters, and where the historical
    deed gives something (answering the first letter with the pledge), a moderate one that gives
    nothing and fires no shot instead (playtest 2026-12-02c, N4)."""
    move = historical(s, view, seed)
    if not s.decision(move.decision).offers:
        return Move(move.side, move.decision, None)
    waiting = [
        m
        for m in view.legal
        if not s.decision(m.decision).offers
        and s.decision(m.decision).stance is Stance.MODERATE
        and not _fires(s, m.decision)
    ]
    return Move(move.side, (waiting[0] if waiting else move).decision, None)


EXPLOITS: dict[str, Policy] = {
    "accept-first": accept_first,
    "ultimatum": ultimatum,
    "bully": bully,
    "mirror": mirror,
    "hawk": POLICIES["hawk"],
    "stall": stall,
}
