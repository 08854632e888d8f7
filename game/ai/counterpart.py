"""A model of the other side, learned from what it proposes, refuses and does (never from the scenario's
values for it): what each term seems worth to it, how low it seems willing to go, and how it acts."""

from __future__ import annotations

from collections import Counter, defaultdict

from game.ai.values import offer_value
from game.diplomacy import Answer, Negotiation, Offer
from game.engine.game import SideView
from game.model import Scenario, Stance

LEARN = 1.0
"""How far one letter moves the estimate of a term."""
CAP = 4.0
"""How far the estimate may move from the prior."""


class Counterpart:
    """Beliefs about the other side. The prior is a mirror: a term is worth to them what it costs or
    gives me, the other way round; their letters then say what they want and what they can spare."""

    def __init__(self, s: Scenario, n: Negotiation, view: SideView) -> None:
        self.n, self.me, self.them = n, view.side, view.side.other
        self.bonus: defaultdict[str, float] = defaultdict(float)
        self.floor = float("-inf")
        """The least they seem to take: above every proposal of mine they turned down (nothing
        known until they turn one down)."""
        mine = {m.id: m for m in view.letters if m.sender is self.me}
        for mail in view.letters:
            if mail.sender is not self.them or not mail.delivered:
                continue
            for o in (*mail.letter.gives, *mail.letter.demands):
                self.bonus[o.term] += LEARN  # asked for: wanted; offered: cheap to give
            answered = mine.get(mail.letter.reply_to or "")
            if answered is not None and mail.letter.answer in (Answer.REJECT, Answer.COUNTER):
                for o in answered.letter.demands:
                    self.bonus[o.term] -= LEARN / 2  # refused: dearer to them than I thought
                for o in answered.letter.gives:
                    self.bonus[o.term] -= LEARN / 4  # and what I gave was not enough
                self.floor = max(
                    self.floor, self.value_of((*answered.letter.gives, *answered.letter.demands))
                )
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
        """What one term seems worth to them."""
        return -offer_value(self.n, self.me, offer) + self.bonus.get(offer.term, 0.0)

    def value_of(self, offers: tuple[Offer, ...]) -> float:
        return sum(self.value(o) for o in offers)
