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
`writing` (the letter), `deeds` (the deed and the promises); this module plans the letter, and
`together` gives the move: the letter and the deed chosen together.
"""

from __future__ import annotations

from game.ai import bundles, counterpart, crossing, deeds, seat, values, writing
from game.ai.bundles import Bundles
from game.ai.deeds import Deeds
from game.ai.seat import DEFAULTS, Plan, personality
from game.ai.values import deal_value, offer_value
from game.ai.writing import Writer
from game.diplomacy import Answer
from game.engine.letters import Mail, Offer

BETTER = 1.0
"""How much more than their proposal a bundle must seem worth to this side, and no less to them, to
be offered instead of a plain yes (terms better written for both, before the deal is struck)."""

__all__ = [
    "DEFAULTS",
    "Negotiator",
    "Plan",
    "Quiet",
    "deal_value",
    "forget",
    "offer_value",
    "personality",
]


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
        yes = True  # whether a yes may bind their proposal as it stands
        if incoming is not None:
            offered = (*incoming.letter.gives, *incoming.letter.demands)
            value = deal_value(self.n, self.me, offered, self.trust(), self.standing)
            residual = self._residual(incoming, offered)
            if isinstance(residual, Plan):
                return residual
            if residual is not None:
                value, yes = residual, False  # some of it is held already: valued as what it binds
            # an ending worth having is not taken at any price: the terms must beat no deal too
            if (
                yes
                and self.n.clash(o.term for o in offered) is None
                and (value >= floor or self._settles_at_deadline(offered))
                and self.ends_well(offered)
                and not self._ends_badly(offered)  # the two looks ahead can disagree: both must pass
            ):
                return self._accept(incoming, offered, value, self.candidates())
        ladder = self.candidates()  # built only when the answer is not a plain yes
        target = self._target(ladder, floor)
        if incoming is not None:
            # late in the crisis, or at a chapter's deadline: anything above no deal at all
            late = 1.0 - self.clock()[0] <= self.p.patience or self.view.turns_left == 0
            counter = self._giving(self._choose(ladder, target, answering=True))
            as_good = counter is not None and value >= counter[0] and value >= floor
            content = floor + (target - floor) * self.greed()  # what would do, from them
            if (
                yes
                and not self._ends_badly(offered)
                and (value >= content or as_good or (late and value >= floor))
            ):
                return self._accept(incoming, offered, value, ladder)
            if yes and counter is not None and set((*counter[2], *counter[3])) == set(offered):
                return self._letter("accept", incoming, (), ())  # my counter would be their proposal
            motive = self._motive(offered, value, floor)
            if self.p.escalates and value < floor - 3 and not self._threat_is_war():
                return self._letter("threaten", incoming, (), (), motive)
            if counter is None or counter[0] < floor:
                counter = self._restated(ladder, floor)
            if counter is None:
                return self._letter("reject", incoming, (), (), motive)
            return self._letter("counter", incoming, counter[2], counter[3], motive)
        if not self.view.log and any(self.ends_crisis((*c[2], *c[3])) for c in ladder):
            # nothing seen of the other side yet: no letter that could end it all, and no small
            # one either, which would cap what it may ask from then on
            return Plan("wait", None)
        proposal = self._giving(self._choose(ladder, target))
        if proposal is None or proposal[0] <= floor:
            return Plan("wait", None)
        # a proposal after one of its own says why it has not moved, unless it concedes (`reason`)
        return self._letter("propose", None, proposal[2], proposal[3], "holding" if self._mine() else "")

    def _residual(self, incoming: Mail, offered: tuple[Offer, ...]) -> Plan | float | None:
        """What a yes to a proposal would bind when agreements hold some of its terms: only the
        rest, which its writer offered as part of a whole that is no longer to be had. No yes to it:
        a no if nothing is left to bind, else what the rest is worth, for a counter or a no. None if
        none of it is held. (A yes to the rest of a stale proposal bound a second agreement its
        writer had not offered: il28, pragmatist against dove, 40 of 40 games, none on the frontier.)"""
        assert self.n is not None
        bound = crossing.bound(offered, self.view.agreements)
        if len(bound) == len(offered):
            return None
        if not bound:
            return self._letter("reject", incoming, (), (), "not_enough")
        return deal_value(self.n, self.me, bound, self.trust(), self.standing)  # held's terms are standing

    def _restated(self, ladder: list, floor: float) -> tuple | None:
        """My last proposal, said again by a side that fears war more than the pragmatist (the dove)
        in answer to theirs when no step from it is worth more than no deal: a no would end talks
        that crossing letters used to keep going (dove against dove in the campaign's Berlin
        chapter: 38 of 40 agreed by letter on main, 5 with a no here, 23 with this)."""
        if self.p.fear <= 1.0:
            return None  # the pragmatist and the hawk break off rather than say it again
        last = self._last_proposal()
        return next((c for c in ladder if (c[2], c[3]) == last and c[0] >= floor), None)

    def _settles_at_deadline(self, offered: tuple[Offer, ...]) -> bool:
        """On a chapter's last turn, a side that fears war more than the pragmatist (the dove) takes a
        proposal that ends the crisis no worse for it than the deadline would, terms below what it
        holds no deal worth or not: two doves each holding out for their own letter would otherwise
        leave it to deeds (issue 10: dove against dove agreed by letter in 62% of games). Never a deal
        that gives in the open what costs it more to give in public than it brings them (the Jupiters
        traded in the open): that is what an ultimatum is after, and it is not had at the deadline."""
        if self.view.turns_left != 0 or self.p.fear <= 1.0 or not self.ends_crisis(offered):
            return False
        return not self.yields_in_public(offered)

    def _giving(self, proposal: tuple | None) -> tuple | None:
        """A proposal that gives something for what it asks, or None: one that asks and gives
        nothing reads as a refusal, not as a bargain to say yes to (H9: "asks Remove the Jupiters",
        offering nothing). A gift, asking nothing, is a proposal as it stands."""
        if proposal is None or proposal[2] or not proposal[3]:
            return proposal
        proposal = self._opening(proposal)
        return proposal if proposal[2] else None

    def _opening(self, proposal: tuple) -> tuple:
        """A letter offers something for what it asks (B5: every first letter asked five terms and
        gave nothing): the term of mine, written the way that costs me least for what it seems to
        bring them, added to the proposal (if none is open, the proposal as it was)."""
        assert self.n is not None
        asked = {o.term for o in proposal[3]}
        mine = [
            v
            for t in self.view.terms
            if self.n.term(t).giver is self.me and t not in self.standing and t not in asked
            for v in self._variants(self.n.term(t))
        ]
        if not mine:
            return proposal
        cost, gain, offer = max(mine, key=lambda v: (v[1] + v[0], v[0]))
        if self.n.clash((*asked, offer.term)) is not None:
            return proposal
        return (proposal[0] + cost, proposal[1] + gain, (offer,), proposal[3])

    def _accept(self, incoming: Mail, offered: tuple[Offer, ...], value: float, ladder: list) -> Plan:
        """Yes to their proposal, unless a bundle of mine seems better for both of us (worth `BETTER`
        more to me, no less to them as far as I can tell) and there is time to offer it: then that,
        once for a proposal (the same proposal sent again is taken)."""
        if self.view.turns_left > 0 and not self._countered_before(offered):
            theirs = self.their_value(offered)
            last = self._last_proposal()
            better = [
                c
                for c in ladder
                if c[0] >= value + BETTER
                and c[1] >= theirs - 1e-9
                and (c[2] or not c[3])  # a counter that gives nothing is no bargain (H9)
                and (c[2], c[3]) != last
                and set((*c[2], *c[3])) != set(offered)  # their very terms are no counter to them (B4)
            ]
            if better:
                c = max(better, key=lambda c: (c[0] + c[1], c[0]))
                return self._letter("counter", incoming, c[2], c[3], "not_enough")
        return self._letter("accept", incoming, (), ())

    def _countered_before(self, offered: tuple[Offer, ...]) -> bool:
        """Whether this side has already answered a proposal on these very terms with a counter."""
        terms = set(offered)
        letters = {m.id: m for m in self.view.letters if m.sender is self.them}
        for m in self.view.letters:
            if m.sender is self.me and m.letter.answer is Answer.COUNTER:
                theirs = letters.get(m.letter.reply_to or "")
                if theirs is not None and set((*theirs.letter.gives, *theirs.letter.demands)) == terms:
                    return True
        return False

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


def forget() -> None:
    """Empty all the negotiators remember from one decision to the next (what the letters taught
    them, their ladders of bundles, the values of terms, the seats' and the look-ahead's memos): a
    cache, which changes no decision (the tests compare decisions made with it and without), so
    this only gives its memory back."""
    bundles.forget()
    counterpart.forget()
    deeds.forget()
    values.forget()
    seat.forget()
    writing.forget()


class Quiet(Negotiator):
    """A negotiator whose letters carry no words: the same moves, for games no one reads."""

    prose = False
