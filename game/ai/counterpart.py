"""A model of the other side, learned from what it proposes, refuses and does (never from the scenario's
values for it): what each term seems worth to it, how low it seems willing to go, and how it acts."""

from __future__ import annotations

from collections import Counter, defaultdict

from game.ai.values import offer_value
from game.diplomacy import Answer, Negotiation, Offer, Timing, Verification
from game.engine.match import SideView
from game.model import Scenario, Stance
from game.sides import Side

LEARN = 1.0
"""How far one letter moves the estimate of a term."""
CAP = 4.0
"""How far the estimate may move from the prior."""
MODIFIERS = 0.5
"""The mirror is damped for the ways of writing a term (public, later, verified): what they add
for me they are assumed to take from the other side only by half."""
ASSURANCE = 0.01
"""A tie-breaker: what a receiver is assumed to gain from each assurance it gets."""
GIVEN = 0.6
"""What I give is taken to be worth less to them than it costs me (the mirror damped): a term dear
to me is not therefore a prize to them, until their letters say it is."""
DEAREST = 3.0
"""Nor is a term that costs me dearly taken to be worth more than this to them: what no President
could grant (inspection of American soil) is no great prize to Moscow either."""
STEP = 1.5
"""How far above a proposal they turned down their floor is taken to be."""


class Counterpart:
    """Beliefs about the other side. The prior is a mirror: a term is worth to them what it costs or
    gives me, the other way round; their letters then say what they want and what they can spare."""

    def __init__(self, s: Scenario, n: Negotiation, view: SideView) -> None:
        self.n, self.me, self.them = n, view.side, view.side.other
        self._values: dict[Offer, float] = {}
        self.bonus: defaultdict[str, float] = defaultdict(float)
        self.ways: defaultdict[tuple[str, str], float] = defaultdict(float)
        """(term, 'public' / 'secret' / a timing / a verification): how they have written it."""
        self.floor = float("-inf")
        """The least they seem to take: above every proposal of mine they turned down (nothing
        known until they turn one down)."""
        mine = {m.id: m for m in view.letters if m.sender is self.me}
        for mail in view.letters:
            if mail.sender is not self.them or not mail.delivered:
                continue
            for o in (*mail.letter.gives, *mail.letter.demands):
                self.bonus[o.term] += LEARN  # asked for: wanted; offered: cheap to give
                for way in _ways(o):
                    self.ways[(o.term, way)] += LEARN / 2  # and how they write it is how they like it
            answered = mine.get(mail.letter.reply_to or "")
            if answered is not None and mail.letter.answer in (Answer.REJECT, Answer.COUNTER):
                for o in answered.letter.demands:
                    self.bonus[o.term] -= LEARN / 2  # refused: dearer to them than I thought
                for o in answered.letter.gives:
                    self.bonus[o.term] -= LEARN / 4  # and what I gave was not enough
                turned_down = sum(self._value(o) for o in (*answered.letter.gives, *answered.letter.demands))
                self.floor = max(self.floor, turned_down + STEP)
        for term in self.bonus:
            self.bonus[term] = min(max(self.bonus[term], -CAP), CAP)
        stances: Counter[Stance] = Counter({Stance.HAWK: 1, Stance.MODERATE: 1, Stance.DOVE: 1})
        for seen in view.log:
            for m in seen.moves:
                if m is not None and m.side is self.them:
                    stances[s.decision(m.decision).stance] += 1
        self.stances = stances
        """How often they have taken each stance of deed (plus one of each, to begin with)."""

    def value(self, offer: Offer) -> float:
        """What one term seems worth to them: the mirror, what their letters showed, and, where
        nothing tells the ways of writing it apart, a little more assurance (verified, public,
        soon) for the side that receives it (worked out once per term and ways, per turn)."""
        found = self._values.get(offer)
        if found is None:
            found = self._values[offer] = self._value(offer)
        return found

    def _value(self, offer: Offer) -> float:
        prior, ways_of, assurance = _prior(self.n, self.me, offer)
        value = prior + self.bonus.get(offer.term, 0.0)
        value += sum(self.ways.get((offer.term, way), 0.0) for way in ways_of)
        return value + assurance


    def value_of(self, offers: tuple[Offer, ...]) -> float:
        return sum(self.value(o) for o in offers)


_PRIORS: dict[int, tuple[Negotiation, dict[tuple[Side, Offer], tuple[float, tuple[str, ...], float]]]] = {}
"""Per negotiation (by identity, kept beside its table as in ai/values.py): (me, offer) -> what of a
term's value to them depends on the scenario's values only, worked out once, not at every turn."""


def _prior(n: Negotiation, me: Side, offer: Offer) -> tuple[float, tuple[str, ...], float]:
    """(the mirror less the damped ways of writing it, the ways, the receiver's assurance): the part
    of `Counterpart._value` that their letters do not move."""
    found = _PRIORS.get(id(n))
    if found is None or found[0] is not n:
        found = _PRIORS[id(n)] = (n, {})
    table = found[1]
    row = table.get((me, offer))
    if row is None:
        plain = offer_value(n, me, Offer(offer.term, public=False))
        ways = offer_value(n, me, offer) - plain  # what the ways of writing it add, for me
        mirror = -plain
        mine = n.term(offer.term).giver is me
        if mine:
            mirror = GIVEN * min(mirror, DEAREST)
        sure = (offer.verification is not Verification.NONE) + offer.public + (offer.timing is Timing.NOW)
        row = table[(me, offer)] = (
            mirror - MODIFIERS * ways,
            _ways(offer),
            (ASSURANCE if mine else -ASSURANCE) * sure,
        )
    return row


def _ways(offer: Offer) -> tuple[str, ...]:
    return ("public" if offer.public else "secret", offer.timing.value, offer.verification.value)
