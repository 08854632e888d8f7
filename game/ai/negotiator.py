"""A counterpart worth negotiating with: its own values, a model of the other side, a plan.

Each side values terms by the scenario's utilities for itself only; what the other side wants it
learns from that side's letters and deeds (`counterpart`). What no deal is worth (the reservation
value) moves with the risk of war, standing at home and events; what the negotiator holds out for
falls from its best deal towards that value on one clock over the whole crisis, moved on by events
(the scenario's `pressure`), late for a hawk (boulware), steadily for a pragmatist, early for a
dove. Its offers lie on the frontier of what it believes both sides could have (terms that exclude
each other never together), and it looks one turn ahead (`planner`): no deal that would end the
crisis worse for it than going on, and the deed whose likely outcome, against what the other side
tends to do, is worth most, so that its letters and deeds tell one story. A hawk may bluff;
under a threat a side neither concedes in the open what costs it more than it brings the other
(`Seat.yielding`) nor steps back from the brink at once (`RETREAT`): the bluff is called.

The work is split by job: `seat` (what the side reads and believes), `bundles` (the offers),
`writing` (the letter), `deeds` (the deed and the promises); this module decides.
"""

from __future__ import annotations

from game.ai.bundles import Bundles
from game.ai.deeds import Deeds
from game.ai.seat import DEFAULTS, Plan, personality
from game.ai.values import deal_value, offer_value
from game.ai.writing import Writer
from game.engine.letters import Offer
from game.engine.match import SideView
from game.engine.state import Move
from game.model import Scenario

__all__ = ["DEFAULTS", "Negotiator", "Plan", "deal_value", "negotiate", "offer_value", "personality"]


class Negotiator(Bundles, Writer, Deeds):
    """One side's negotiator for one turn: its letter and its deed, decided together."""

    def plan(self) -> Plan:
        if self.n is None or not self.view.channels or not self.view.terms:
            return Plan("wait", None)
        assert self.model is not None
        incoming = self.unanswered()
        if incoming is None and self._waiting_for_answer():
            return Plan("wait", None)  # before any bundle is built: nothing to write this turn
        floor = self.reservation()
        if incoming is not None:
            offered = (*incoming.letter.gives, *incoming.letter.demands)
            value = deal_value(self.n, self.me, offered, self.trust(), self.standing)
            # an ending worth having is not taken at any price: the terms must beat no deal too
            if self.n.clash(o.term for o in offered) is None and value >= floor and self.ends_well(offered):
                return self._letter("accept", incoming, (), ())
        ladder = self.candidates()  # built only when the answer is not a plain yes
        target = self._target(ladder, floor)
        if incoming is not None:
            # late in the crisis, or at a chapter's deadline: anything above no deal at all
            late = 1.0 - self.clock()[0] <= self.p.patience or self.view.turns_left == 0
            counter = self._choose(ladder, target)
            as_good = counter is not None and value >= counter[0] and value >= floor
            content = floor + (target - floor) * self.greed()  # what would do, from them
            if not self._ends_badly(offered) and (value >= content or as_good or (late and value >= floor)):
                return self._letter("accept", incoming, (), ())
            motive = self._motive(offered, value, floor)
            if self.p.escalates and value < floor - 3 and not self._threat_is_war():
                return self._letter("threaten", incoming, (), (), motive)
            if counter is None or counter[0] < floor:
                return self._letter("reject", incoming, (), (), motive)
            return self._letter("counter", incoming, counter[2], counter[3], motive)
        if not self.view.log and any(self.ends_crisis((*c[2], *c[3])) for c in ladder):
            # nothing seen of the other side yet: no letter that could end it all, and no small
            # one either, which would cap what it may ask from then on
            return Plan("wait", None)
        proposal = self._choose(ladder, target)
        if proposal is None or proposal[0] <= floor:
            return Plan("wait", None)
        # a proposal after one of its own says why it has not moved, unless it concedes (`reason`)
        return self._letter("propose", None, proposal[2], proposal[3], "holding" if self._mine() else "")

    def _motive(self, offered: tuple[Offer, ...], value: float, floor: float) -> str:
        """Why it will not take the other side's proposal as it stands, as its letter can say it:
        a threat hanging over the talks, a promise of theirs broken, terms worse than no deal at
        all, a deal that would end the crisis worse than going on, or not enough yet."""
        if self.threatened():
            return "threatened"
        if any(
            o.giver is self.them and o.status == "broken" for a in self.view.agreements for o in a.obligations
        ):
            return "broken_word"
        if value < floor:
            return "unacceptable"
        if self._ends_badly(offered):
            return "too_soon"
        return "not_enough"

    def _target(self, ladder: list, floor: float) -> float:
        """What it holds out for this turn: its aspiration, from the best deal the other side seems
        able to live with (not everything at once), never above what it has already conceded."""
        assert self.model is not None
        bars = (float("-inf"),) if self.p.anchors_high else (self.model.floor, float("-inf"))
        for bar in bars:
            feasible = [c[0] for c in ladder if c[1] >= bar]
            if feasible:
                break
        best = max(feasible, default=floor)
        target = self.aspiration(max(best, floor), floor)
        conceded = self._last_offer_value()
        if conceded is not None:
            target = min(target, max(conceded, floor))  # concessions once made are not taken back
        return target

    def move(self) -> Move:
        plan = self.plan()
        decision = self._decision(plan.intent, plan.letter)
        plan = self.beside(plan, decision)  # the letter tells the deed's story (ai/writing.py)
        return Move(self.me, decision, plan.letter, self._compliance(decision))


def negotiate(kind: str):  # noqa: ANN201
    """A policy of the given personality: hawk, dove or pragmatist."""

    def choose(s: Scenario, view: SideView, seed: int) -> Move:
        if not view.legal:
            raise ValueError(f"{view.side.value} has no legal move on {view.date} in {view.phase!r}")
        return Negotiator(s, view, seed, kind).move()

    choose.__name__ = kind
    choose.__doc__ = f"A {kind} negotiator."
    return choose
