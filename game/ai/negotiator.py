"""A counterpart worth negotiating with: its own values, a model of the other side, a plan.

Each side values terms by the scenario's utilities for itself only; what the other side wants it
learns from that side's letters and deeds (`counterpart`). What no deal is worth (the reservation
value) moves with the risk of war, standing at home and events; what the negotiator holds out for
falls from its best deal towards that value on one clock over the whole crisis, moved on by events
(the scenario's `pressure`), late for a hawk (boulware), steadily for a pragmatist, early for a
dove. Its offers lie on the frontier of what it believes both sides could have (terms that exclude
each other never together), and it looks one turn ahead (`planner`): no deal that would end the
crisis worse for it than going on, and the deed whose likely outcome, against what the other side
tends to do, is worth most, so that its letters and deeds tell one story. A hawk may bluff.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product

from game.ai import planner
from game.ai.counterpart import Counterpart
from game.ai.values import deal_value, offer_value
from game.diplomacy import Answer, Personality, Term, Timing, Tone, Verification
from game.engine.chance import draw, pick
from game.engine.game import SideView
from game.engine.letters import Letter, Mail, Obligation, Offer
from game.engine.rules import Env
from game.engine.state import Move
from game.model import Kind, Scenario, Stance

__all__ = ["DEFAULTS", "Negotiator", "Plan", "deal_value", "negotiate", "offer_value", "personality"]

DEFAULTS = {
    "hawk": Personality(
        "Hawk",
        0.3,
        {Stance.HAWK: 6, Stance.MODERATE: 3, Stance.DOVE: 1},
        0.15,
        True,
        False,
        True,
        fear=0.6,
        bluffs=0.2,
    ),
    "dove": Personality("Dove", 3.0, {Stance.DOVE: 6, Stance.MODERATE: 3, Stance.HAWK: 1}, 0.7, fear=1.6),
    "pragmatist": Personality("Pragmatist", 1.0, {Stance.DOVE: 3, Stance.MODERATE: 5, Stance.HAWK: 1}, 0.4),
}
STYLE = 1.5
"""How much a personality's taste in deeds weighs beside the look-ahead (on the 0-30 ending scale)."""
DEADLINE = 0.5
"""How far the clock is pushed on as a chapter's last turn comes near."""
MARGIN = 0.5
DREAD = 10.0
"""What starting a war this very turn costs beyond the war's own scores, times the personality's fear."""
WARS = (Kind.LIMITED_WAR, Kind.NUCLEAR_WAR)
HOPE = 4.0
"""How much more an ending must be worth than going on at the very start of the crisis."""
CALM = 2
LEVERAGE = 35.0
_DEBUG = False
"""What pressure put on the clock by one's own deed is worth (on the 0-30 ending scale per unit)."""
"""How much a deal struck on the brink takes off the risk, as the planner sees it."""
"""How much better than going on an ending must be for a deal that reaches it to be struck."""
_MODIFIERS = [
    (public, timing, verification)
    for public in (True, False)
    for timing in (Timing.NOW, Timing.LATER)
    for verification in Verification
]


def personality(s: Scenario, name: str) -> Personality:
    found = s.negotiation.personalities.get(name) if s.negotiation else None
    return found or DEFAULTS[name]


def view_env(s: Scenario, view: SideView) -> Env:
    """What this side can evaluate conditions on: only what its view shows, and a track it cannot
    see taken to stand half-way (Washington, not told how far the missiles are, does not read them
    as gone: a look-ahead that did took living with them for a Soviet retreat)."""
    env = Env({t.id: (t.min + t.max + 1) // 2 for t in s.tracks})
    env.update(view.tracks)
    env.update(dict.fromkeys(view.flags, True))
    for seen in view.log:
        env.update((m.decision, True) for m in seen.moves if m is not None)
        env.update(dict.fromkeys(seen.events, True))
    env.update(dict.fromkeys(view.opening, True))
    env.update(view.term_names)
    env["turn"], env["phase_turn"], env["deadline"], env["time_left"] = view.turn, 0, False, view.time_left
    return env


@dataclass(frozen=True)
class Plan:
    """What the negotiator means to do this turn: the intent, and the letter that says it."""

    intent: str
    letter: Letter | None


class Negotiator:
    def __init__(self, s: Scenario, view: SideView, seed: int, kind: str) -> None:
        self.s, self.view, self.seed, self.kind = s, view, seed, kind
        self.n = s.negotiation
        self.me, self.them = view.side, view.side.other
        self.p = personality(s, kind)
        self.env = view_env(s, view)
        self.env["deadline"] = view.turns_left == 0
        self.model = Counterpart(s, self.n, view) if self.n is not None else None
        self.standing = frozenset(
            o.term for a in view.agreements for o in a.obligations if o.status != "broken"
        )
        self._now: float | None = None

    # ---- reading the other side ------------------------------------------------------------

    def trust(self) -> float:
        """How far the other side's word is worth taking: lower for broken promises and for
        conciliatory letters sent beside hawkish deeds."""
        broken = sum(
            1
            for a in self.view.agreements
            for o in a.obligations
            if o.giver is self.them and o.status == "broken"
        )
        deeds = {
            seen.date: m.decision
            for seen in self.view.log
            for m in seen.moves
            if m is not None and m.side is self.them
        }
        mismatches = sum(
            1
            for mail in self.view.letters
            if mail.sender is self.them
            and mail.letter.tone is Tone.CONCILIATORY
            and mail.sent[:10] in deeds
            and self.s.decision(deeds[mail.sent[:10]]).stance is Stance.HAWK
        )
        return max(0.2, 1.0 - 0.15 * mismatches - 0.35 * broken)

    def their_value(self, offers: Iterable[Offer]) -> float:
        """What a deal seems worth to the other side, by what it has shown (`counterpart`)."""
        assert self.model is not None
        return self.model.value_of(tuple(offers))

    def reservation(self) -> float:
        assert self.n is not None
        return float(self.n.reservation[self.me].fn(self.env))

    def clock(self) -> tuple[float, tuple[str, ...]]:
        """How far the crisis has run, 0 to 1, on one clock: the calendar from the scenario's first
        day to its last, pushed on by what has happened (the scenario's `pressure`), and the causes."""
        pressure = self.n.pressure if self.n is not None else {}
        start, end = self.s.dates.start, self.s.dates.end
        span = max((end - start).days, 1)
        share = (dt.date.fromisoformat(self.view.date) - start).days / span
        causes = tuple(name for name in pressure if self.env.get(name))
        share += sum(pressure[name] for name in causes)
        if self.view.time_left < 0.5:  # a chapter's deadline near: a push, not a new clock
            share += DEADLINE * (0.5 - self.view.time_left) * 2
            causes += ("time",)
        return min(max(share, 0.0), 1.0), causes

    def greed(self) -> float:
        """How much of what it hopes for an offer must bring to be taken as it stands: all of it
        for a hawk, less the readier a personality is to concede."""
        return 1.0 if self.p.anchors_high else min(1.0, 0.85 / self.p.concession**0.15)

    def aspiration(self, best: float, floor: float) -> float:
        """What it holds out for: falling from its best towards no deal as the clock runs."""
        elapsed, _ = self.clock()
        return best - (best - floor) * elapsed ** (1.0 / self.p.concession)

    # ---- looking ahead -------------------------------------------------------------------------

    def margin(self) -> float:
        """How much better than going on an ending must look to be chosen: a great deal early in
        the crisis, when there is time for it to turn, little at the end."""
        return MARGIN + HOPE * (1.0 - self.clock()[0])

    def going_on(self) -> float:
        """What it is worth to this side that the crisis simply goes on from here."""
        if self._now is None:
            self._now = planner.going_on(self.s, self.me, self.view.phase, self.env, self.p.fear)
        return self._now

    def ends_badly(self, offers: Iterable[Offer]) -> bool:
        """Whether striking this deal would end the crisis worse for this side than going on."""
        env = planner.after_deal(self.s, self.env, offers)
        node = planner.next_node(self.s, self.view.phase, env)
        if node is None or not self.s.is_ending(node):
            return False
        return planner.ending_value(self.s, self.me, node, env) < self.going_on() + self.margin()

    def ends_crisis(self, offers: Iterable[Offer]) -> bool:
        """Whether striking this deal would end the crisis there and then."""
        node = planner.next_node(self.s, self.view.phase, planner.after_deal(self.s, self.env, offers))
        return node is not None and self.s.is_ending(node)

    def ends_well(self, offers: Iterable[Offer]) -> bool:
        """Whether striking this deal would leave this side better off than going on: an ending
        better than the crisis's outlook, or, near the brink, a way down from it (a deal takes
        `CALM` off the risk as the planner sees it)."""
        env = planner.after_deal(self.s, self.env, offers)
        worth, ending = planner.position(self.s, self.me, self.view.phase, env, self.p.fear)
        if ending is not None:
            return worth >= self.going_on() + self.margin()
        if planner.band(float(self.env.get("risk", 0))) < 2:
            return False
        env["risk"] = max(int(env.get("risk", 0)) - CALM, 0)
        return (
            planner.going_on(self.s, self.me, self.view.phase, env, self.p.fear) >= self.going_on() + MARGIN
        )

    def _can_afford_to_break(self, o: Obligation, decision: str = "") -> bool:
        """Whether breaking this promise, with this turn's deed and the costs the rules lay on a
        breach (and on a public one), leaves the crisis well short of the brink by the look-ahead."""
        assert self.n is not None
        env = Env(self.env)
        if decision:
            planner.with_effects(self.s, env, self.s.decision(decision).effects)
        costs = [*self.n.term(o.term).on_broken, *self.n.breach_cost.get(self.me, ())]
        if o.public:
            costs += self.n.audience_cost.get(self.me, ())
        planner.with_effects(self.s, env, costs)
        planner.likely(self.s, self.view.phase, env)
        if planner.band(float(env.get("risk", 0))) >= 2:
            return False  # a breach at the edge of war is one the other side may answer with war
        node = planner.next_node(self.s, self.view.phase, env)
        return not (node is not None and self.s.is_ending(node) and self.s.ending(node).kind in WARS)

    def _threat_is_war(self) -> bool:
        """Whether a threatening letter, read, would itself tip the crisis into war."""
        assert self.n is not None
        env = Env(self.env)
        planner.with_effects(self.s, env, self.n.tone_effects.get(Tone.THREATENING, ()))
        planner.likely(self.s, self.view.phase, env)
        node = planner.next_node(self.s, self.view.phase, env)
        return node is not None and self.s.is_ending(node) and self.s.ending(node).kind in WARS

    # ---- building offers -----------------------------------------------------------------------

    def _variants(self, term: Term) -> list[tuple[float, float, Offer]]:
        """The ways of writing the term that no other way beats for both sides (mine, theirs)."""
        assert self.n is not None
        out = []
        for public, timing, verification in _MODIFIERS:
            if (verification is not Verification.NONE and not term.verifiable) or (
                term.public_only and not public
            ):
                continue
            offer = Offer(term.id, public, timing, 0, verification)
            out.append((offer_value(self.n, self.me, offer), self.their_value((offer,)), offer))
        out.sort(key=lambda v: (-v[0], -v[1]))
        kept, best = [], float("-inf")
        for v in out:
            if v[1] > best:
                kept.append(v)
                best = v[1]
        return kept

    def _best_modifiers(self, term: Term) -> Offer:
        """The modifiers that make the term worth most to both sides together (ties: to me)."""
        return max(self._variants(term), key=lambda v: (v[0] + v[1], v[0]))[2]

    def candidates(self) -> list[tuple[float, float, tuple[Offer, ...], tuple[Offer, ...]]]:
        """(my value, their value as I believe it, gives, demands): every bundle of the open terms
        that no other bundle beats for both sides, never two terms that exclude each other, and
        never a deal that would end the crisis worse for me than going on."""
        assert self.n is not None
        n = self.n
        open_terms = [n.term(t) for t in self.view.terms if t not in self.standing]
        ids = [t.id for t in open_terms]
        pairs = sorted({clash for a in ids for b in ids if a < b and (clash := n.clash((a, b))) is not None})
        found: dict[tuple[Offer, ...], tuple[float, float]] = {}
        for drop in product(*[[a, b] for a, b in pairs]) if pairs else [()]:
            points: list[tuple[float, float, tuple[Offer, ...]]] = [(0.0, 0.0, ())]
            for term in open_terms:
                if term.id in drop:
                    continue
                merged = list(points)
                for mine, theirs, offer in self._variants(term):
                    merged += [(a + mine, b + theirs, bundle + (offer,)) for a, b, bundle in points]
                points = _frontier(merged)
            for _, _, bundle in points:
                if bundle:
                    found[bundle] = (
                        deal_value(n, self.me, bundle, standing=self.standing),
                        self.their_value(bundle),
                    )
        out = []
        for a, b, bundle in _frontier([(a, b, bundle) for bundle, (a, b) in found.items()]):
            if self.ends_badly(bundle):
                continue
            gives = tuple(o for o in bundle if n.term(o.term).giver is self.me)
            demands = tuple(o for o in bundle if n.term(o.term).giver is self.them)
            out.append((a, b, gives, demands))
        return out

    # ---- deciding ------------------------------------------------------------------------------

    def unanswered(self) -> Mail | None:
        """The latest proposal from the other side that this side has not yet answered."""
        answered = {m.letter.reply_to for m in self.view.letters if m.sender is self.me}
        answered |= {a.proposal for a in self.view.agreements}
        waiting = [
            m
            for m in self.view.letters
            if m.sender is self.them and m.delivered and m.letter.is_proposal and m.id not in answered
        ]
        return waiting[-1] if waiting else None

    def plan(self) -> Plan:
        if self.n is None or not self.view.channels or not self.view.terms:
            return Plan("wait", None)
        assert self.model is not None
        floor = self.reservation()
        ladder = self.candidates()
        # hope for the best deal the other side seems able to live with, not for everything at once
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
        incoming = self.unanswered()
        if incoming is not None:
            offered = (*incoming.letter.gives, *incoming.letter.demands)
            value = deal_value(self.n, self.me, offered, self.trust(), self.standing)
            # an ending worth having is not taken at any price: the terms must beat no deal too
            if self.n.clash(o.term for o in offered) is None and value >= floor and self.ends_well(offered):
                return self._letter("accept", incoming, (), ())
            # late in the crisis, or at a chapter's deadline: anything above no deal at all
            late = 1.0 - self.clock()[0] <= self.p.patience or self.view.turns_left == 0
            counter = self._choose(ladder, target)
            as_good = counter is not None and value >= counter[0] and value >= floor
            content = floor + (target - floor) * self.greed()  # what would do, from them
            if not self.ends_badly(offered) and (value >= content or as_good or (late and value >= floor)):
                return self._letter("accept", incoming, (), ())
            if self.p.escalates and value < floor - 3 and not self._threat_is_war():
                return self._letter("threaten", incoming, (), ())
            if counter is None or counter[0] < floor:
                return self._letter("reject", incoming, (), ())
            return self._letter("counter", incoming, counter[2], counter[3])
        if self._waiting_for_answer():
            return Plan("wait", None)
        if not self.view.log and any(self.ends_crisis((*c[2], *c[3])) for c in ladder):
            # nothing seen of the other side yet: no letter that could end it all, and no small
            # one either, which would cap what it may ask from then on
            return Plan("wait", None)
        proposal = self._choose(ladder, target)
        if proposal is None or proposal[0] <= floor:
            return Plan("wait", None)
        return self._letter("propose", None, proposal[2], proposal[3])

    def _choose(self, ladder: list, target: float):  # noqa: ANN202
        """The bundle worth at least `target` to me that seems best for them; never the very
        proposal I made last (a step towards them instead, if one is worth more than no deal)."""
        last, conceded = self._last_proposal(), self._last_offer_value()
        if conceded is not None:  # never ask more than last time
            ladder = [c for c in ladder if c[0] <= conceded + 1e-9]
        fresh = [c for c in ladder if (c[2], c[3]) != last] or ladder
        good = [c for c in fresh if c[0] >= target]
        if good:
            return max(good, key=lambda c: (c[1], c[0]))
        return max(fresh, key=lambda c: c[0], default=None)

    def _mine(self) -> list[Mail]:
        """This side's proposals in the talks now under way: those whose terms are all still on the
        table (a proposal about Berlin binds nothing once the talks are about Cuba)."""
        open_terms = set(self.view.terms)
        return [
            m
            for m in self.view.letters
            if m.sender is self.me
            and m.letter.is_proposal
            and all(o.term in open_terms for o in (*m.letter.gives, *m.letter.demands))
        ]

    def _last_proposal(self) -> tuple | None:
        mine = self._mine()
        return (mine[-1].letter.gives, mine[-1].letter.demands) if mine else None

    def _last_offer_value(self) -> float | None:
        """What this side's latest proposal was worth to it."""
        assert self.n is not None
        mine = self._mine()
        if not mine:
            return None
        return deal_value(self.n, self.me, (*mine[-1].letter.gives, *mine[-1].letter.demands))

    def _waiting_for_answer(self) -> bool:
        mine = self._mine()
        if not mine:
            return False
        last = mine[-1]
        replied = any(m.letter.reply_to == last.id for m in self.view.letters if m.sender is self.them)
        recent = sum(1 for seen in self.view.log if seen.date >= last.sent[:10]) <= 2
        return not replied and recent

    def _channel(self, gives: tuple[Offer, ...], demands: tuple[Offer, ...], incoming: Mail | None) -> str:
        assert self.n is not None
        channels = [self.n.channel(c) for c in self.view.channels]
        secret = any(not o.public for o in (*gives, *demands))
        private = [c for c in channels if not c.public]
        if secret and private:
            return min(
                private, key=lambda c: (float(c.leak.fn(self.env)) if c.leak else 0.0, c.delay_hours)
            ).id
        if incoming is not None and incoming.letter.channel in self.view.channels:
            return incoming.letter.channel
        pool = private or channels
        return min(pool, key=lambda c: c.delay_hours).id

    def _letter(self, intent: str, incoming: Mail | None, gives: tuple, demands: tuple) -> Plan:
        if intent == "accept" and incoming is not None:
            gives_named, demands_named = incoming.letter.demands, incoming.letter.gives
        else:
            gives_named, demands_named = gives, demands
        tone = {
            "accept": Tone.CONCILIATORY,
            "threaten": Tone.THREATENING,
            "reject": Tone.FIRM,
        }.get(intent, Tone.CONCILIATORY if self.p.concession > 1.5 else Tone.FIRM)
        answer = {"accept": Answer.ACCEPT, "counter": Answer.COUNTER, "reject": Answer.REJECT}.get(intent)
        if intent == "threaten":
            answer = Answer.REJECT
        letter = Letter(
            channel=self._channel(gives, demands, incoming),
            tone=tone,
            gives=gives if intent in ("propose", "counter") else (),
            demands=demands if intent in ("propose", "counter") else (),
            text=self.write(intent, gives_named, demands_named),
            reply_to=incoming.id if incoming is not None else None,
            answer=answer,
        )
        return Plan(intent, letter)

    # ---- writing ---------------------------------------------------------------------------

    def write(self, intent: str, gives: Iterable[Offer], demands: Iterable[Offer]) -> str:
        """The letter's prose, from the scenario's templates for this side and intent: one that
        names everything the letter gives and asks where there is one, not the one its last
        letter of this kind was written from, and, when it gives ground, the reason why."""
        assert self.n is not None
        variants = self.n.templates.get(self.me, {}).get(intent, ())
        if not variants:
            return ""
        gives, demands = list(gives), list(demands)
        empty = {name for name, items in (("gives", gives), ("demands", demands)) if not items}
        fitting = [v for v in variants if not any(f"{{{name}}}" in v for name in empty)]
        if not fitting:
            return ""  # no template says this without terms it does not have: words only
        full = [
            v
            for v in fitting
            if all(f"{{{name}}}" in v for name in ("gives", "demands") if name not in empty)
        ]
        fitting = full or fitting
        written = [m.letter.text for m in self.view.letters if m.sender is self.me and m.letter.text]
        fresh = [v for v in fitting if not any(t.startswith(_opening(v)) for t in written)]
        if not fresh and written:  # all used: anything but the last one
            fresh = [v for v in fitting if not written[-1].startswith(_opening(v))]
        fitting = fresh or fitting
        key = f"write:{self.me.value}:{intent}"
        text = fitting[pick(self.seed, self.view.turn, key, [1.0] * len(fitting))]
        fill = {
            "to": self.s.sides[self.them].title or self.s.sides[self.them].leader,
            "from": self.s.sides[self.me].short or self.s.sides[self.me].leader,
            "gives": _join([self._phrase(o) for o in gives]) or "nothing further",
            "demands": _join([self._phrase(o) for o in demands]) or "nothing further",
            "date": self.view.date,
        }
        reason = self.reason(intent, (*gives, *demands))
        if reason and "{reason}" not in text:
            closing = re.search(r"\s(\w+, \{from\})\s*$", text)
            text = (
                f"{text[: closing.start()]} {reason}{text[closing.start() :]}"
                if closing
                else f"{text} {reason}"
            )
        fill["reason"] = reason
        out = re.sub(r"\{(\w+)\}", lambda m: fill.get(m.group(1), m.group(0)), text)
        return re.sub(r"\s{2,}", " ", out).strip()

    def reason(self, intent: str, offers: tuple[Offer, ...]) -> str:
        """Why it gives ground, when it does (accepting, or offering less for itself than last
        time): the strongest cause on its clock that the scenario gives words for, or time."""
        assert self.n is not None
        if intent not in ("accept", "propose", "counter"):
            return ""
        if intent != "accept":
            last = self._last_offer_value()
            if last is None or deal_value(self.n, self.me, offers) >= last:
                return ""  # no concession, nothing to explain
        n = self.n
        words = n.reasons.get(self.me, {})
        elapsed, causes = self.clock()
        ranked = sorted(causes, key=lambda c: -n.pressure.get(c, 0.0))
        for cause in [*ranked, "time"]:
            if words.get(cause) and (cause != "time" or elapsed >= 0.5 or "time" in causes):
                texts = words[cause]
                return texts[
                    pick(self.seed, self.view.turn, f"reason:{self.me.value}:{cause}", [1.0] * len(texts))
                ]
        return ""

    def _phrase(self, offer: Offer) -> str:
        """How the letter names a term, saying so when it is to stay between the two of them."""
        assert self.n is not None
        phrase = self.n.term(offer.term).phrase
        return phrase if offer.public else f"{phrase} (this in confidence)"

    # ---- the whole move --------------------------------------------------------------------

    def move(self) -> Move:
        plan = self.plan()
        decision = self._decision(plan.intent, plan.letter)
        return Move(self.me, decision, plan.letter, self._compliance(decision))

    def _decision(self, intent: str, letter: Letter | None = None) -> str:
        """The deed worth most one turn ahead, against what the other side tends to do, with the
        personality's taste in deeds beside it; never a hawkish deed beside a conciliatory letter,
        nor a retreat beside a threat. What its own letter's tone will do is counted in."""
        allowed = set(Stance)
        if intent in ("accept", "propose", "counter"):
            allowed.discard(Stance.HAWK)  # a conciliatory letter is not sent beside a hawkish deed
        if intent == "threaten":
            allowed.discard(Stance.DOVE)  # nor a threat beside a retreat
        legal = [m for m in self.view.legal if self.s.decision(m.decision).stance in allowed]
        legal = legal or list(self.view.legal)
        if len(legal) == 1:
            return legal[0].decision
        theirs = self._their_options()
        margin = self.margin() - MARGIN
        shares = planner.prepare(self.s).war_share
        base = Env(self.env)
        if letter is not None and self.n is not None:
            planner.with_effects(self.s, base, self.n.tone_effects.get(letter.tone, ()))
        taste = max(self.p.stances.values(), default=1.0) or 1.0
        best, best_score = legal[0].decision, float("-inf")
        for i, m in enumerate(legal):
            d = self.s.decision(m.decision)
            worth = 0.0
            for other, weight in theirs:
                env = Env(base)
                planner.with_effects(self.s, env, d.effects)
                env[d.id] = True
                if other is not None:
                    planner.with_effects(self.s, env, other.effects)
                    env[other.id] = True
                value, ending = planner.position(self.s, self.me, self.view.phase, env, self.p.fear)
                node = planner.next_node(self.s, self.view.phase, env)
                if ending is None and node is not None and node != self.view.phase:
                    # into a chapter where wars are likelier than here: starting a war is dreaded
                    worse = shares.get(node, 0.0) - shares.get(self.view.phase, 0.0)
                    value -= 3 * DREAD * self.p.fear * max(worse, 0.0)
                if ending is not None:
                    value -= margin + (DREAD * self.p.fear if self.s.ending(ending).kind in WARS else 0.0)
                elif planner.band(float(env.get("risk", 0))) >= 3:  # left standing at the brink
                    value -= DREAD * self.p.fear / 2
                worth += weight * value
            worth += LEVERAGE * self._leverage(d)
            style = STYLE * self.p.stances.get(d.stance, 0.0) / taste
            noise = 0.3 * draw(self.seed, self.view.turn, f"deed:{self.me.value}:{i}")
            if _DEBUG:
                print("   deed", d.id, round(worth, 2), round(style, 2), round(noise, 2))
            if worth + style + noise > best_score:
                best, best_score = d.id, worth + style + noise
        return best

    def _leverage(self, d) -> float:  # noqa: ANN001
        """What a deed that is not a retreat adds to the pressure on the crisis's clock (the
        scenario's `pressure`): a quarantine makes the other side's time run out as well as one's own."""
        if self.n is None or d.stance is Stance.DOVE:
            return 0.0
        pressure = self.n.pressure
        return sum(
            pressure[e.name] for e in d.effects if e.name in pressure and e.value and not self.env.get(e.name)
        )

    def _their_options(self) -> list[tuple]:
        """The other side's deeds open now, each weighed by how often it has taken that stance."""
        assert self.model is not None or self.n is None
        phase = self.s.phase(self.view.phase)
        stances = self.model.stances if self.model is not None else {}
        options = [
            d
            for d in phase.decisions.get(self.them, ())
            if not (d.once and self.env.get(d.id)) and (d.requires is None or d.requires.fn(self.env))
        ]
        if not options:
            return [(None, 1.0)]
        weights = [float(stances.get(d.stance, 1)) for d in options]
        total = sum(weights)
        return [(d, w / total) for d, w in zip(options, weights, strict=True)]

    def _compliance(self, decision: str = "") -> tuple[tuple[str, str], ...]:
        """Promises kept, delayed or broken: a personality that does not always comply drags its
        feet, breaks its word to a side that broke its own, and now and then breaks a promise,
        a secret one more readily, paying what the rules make a breach and a public breach cost."""
        if self.p.complies:
            return ()
        owed = [
            o
            for a in self.view.agreements
            for o in a.obligations
            if o.giver is self.me and o.status in ("pending", "late")
        ]
        if self.trust() < 0.6:
            return tuple((o.term, "break") for o in owed)
        out = []
        for o in owed:
            chance = self.p.bluffs if not o.public else self.p.bluffs / 2  # the world watches a public word
            if draw(self.seed, self.view.turn, f"bluff:{o.term}") < chance and self._can_afford_to_break(
                o, decision
            ):
                out.append((o.term, "break"))
            elif draw(self.seed, self.view.turn, f"stall:{o.term}") < 0.5:
                out.append((o.term, "delay"))
        return tuple(out)


def _frontier(
    points: list[tuple[float, float, tuple[Offer, ...]]],
) -> list[tuple[float, float, tuple[Offer, ...]]]:
    """The points no other point beats on both values (the first of equal ones)."""
    points = sorted(points, key=lambda p: (-p[0], -p[1], len(p[2])))
    out, best = [], float("-inf")
    for point in points:
        if point[1] > best + 1e-9:
            out.append(point)
            best = point[1]
    return out


def _opening(template: str) -> str:
    """The words a template opens with, up to its first blank (how to tell it was used)."""
    return template.split("{", 1)[0][:60]


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def negotiate(kind: str):  # noqa: ANN201
    """A policy of the given personality: hawk, dove or pragmatist."""

    def choose(s: Scenario, view: SideView, seed: int) -> Move:
        if not view.legal:
            raise ValueError(f"{view.side.value} has no legal move on {view.date} in {view.phase!r}")
        return Negotiator(s, view, seed, kind).move()

    choose.__name__ = kind
    choose.__doc__ = f"A {kind} negotiator."
    return choose
