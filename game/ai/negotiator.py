"""A counterpart worth negotiating with: utilities, a moving reservation value, a concession curve.

Each side values terms by the scenario's utilities. What no deal is worth (the reservation value)
moves with the risk of war, time, standing at home and events; what the negotiator holds out for
falls from its best deal towards that value over the phase, late for a hawk (boulware), steadily for
a pragmatist, early for a dove (conceder). It accepts, counters or threatens, discounts the promises
of a side whose deeds have not matched its words, and writes its letters from its intent, so that it
never says one thing and does another.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from game.diplomacy import Answer, Negotiation, Personality, Term, Timing, Tone, Verification
from game.engine.chance import draw, pick
from game.engine.game import SideView
from game.engine.letters import Letter, Mail, Offer
from game.engine.rules import Env
from game.engine.state import Move
from game.model import Scenario, Side, Stance

DEFAULTS = {
    "hawk": Personality(
        "Hawk", 0.3, {Stance.HAWK: 6, Stance.MODERATE: 3, Stance.DOVE: 1}, 0.15, True, False, True
    ),
    "dove": Personality("Dove", 3.0, {Stance.DOVE: 6, Stance.MODERATE: 3, Stance.HAWK: 1}, 0.7),
    "pragmatist": Personality("Pragmatist", 1.0, {Stance.DOVE: 3, Stance.MODERATE: 5, Stance.HAWK: 1}, 0.4),
}
_MODIFIERS = [
    (public, timing, verification)
    for public in (True, False)
    for timing in (Timing.NOW, Timing.DAYS, Timing.LATER)
    for verification in Verification
]


def personality(s: Scenario, name: str) -> Personality:
    found = s.negotiation.personalities.get(name) if s.negotiation else None
    return found or DEFAULTS[name]


def view_env(view: SideView) -> Env:
    """What this side can evaluate conditions on: only what its view shows."""
    env = Env(view.tracks)
    env.update(dict.fromkeys(view.flags, True))
    for seen in view.log:
        env.update((m.decision, True) for m in seen.moves if m is not None)
        env.update(dict.fromkeys(seen.events, True))
    env.update(dict.fromkeys(view.opening, True))
    env.update(view.term_names)
    env["turn"], env["phase_turn"], env["deadline"], env["time_left"] = view.turn, 0, False, view.time_left
    return env


def offer_value(n: Negotiation, side: Side, offer: Offer, trust: float = 1.0) -> float:
    """What one term, with its modifiers, is worth to `side`."""
    t = n.term(offer.term)
    value = t.value.get(side, 0)
    if offer.public:
        value += t.public_value.get(side, 0)
    if offer.timing is Timing.LATER:
        value += t.later_value.get(side, 0)
    value += t.verification_value.get(offer.verification, {}).get(side, 0)
    if t.giver is not side and offer.timing is not Timing.NOW and value > 0:
        value *= trust  # a promise for later is worth what the promiser's word is worth
    return value


def deal_value(n: Negotiation, side: Side, offers: Iterable[Offer], trust: float = 1.0) -> float:
    return sum(offer_value(n, side, o, trust) for o in offers)


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
        self.env = view_env(view)

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

    def reservation(self) -> float:
        assert self.n is not None
        return float(self.n.reservation[self.me].fn(self.env))

    def aspiration(self, best: float, floor: float) -> float:
        elapsed = 1.0 - self.view.time_left
        return best - (best - floor) * elapsed ** (1.0 / self.p.concession)

    # ---- building offers -----------------------------------------------------------------------

    def _best_modifiers(self, term: Term) -> Offer:
        """The modifiers that make the term worth most to both sides together (ties: to me)."""
        assert self.n is not None
        best, best_key = None, None
        for public, timing, verification in _MODIFIERS:
            if (verification is not Verification.NONE and not term.verifiable) or (
                term.public_only and not public
            ):
                continue
            offer = Offer(term.id, public, timing, 0, verification)
            mine, theirs = offer_value(self.n, self.me, offer), offer_value(self.n, self.them, offer)
            key = (mine + theirs, mine)
            if best_key is None or key > best_key:
                best, best_key = offer, key
        assert best is not None
        return best

    def candidates(self) -> list[tuple[float, float, tuple[Offer, ...], tuple[Offer, ...]]]:
        """(my value, their value, gives, demands): the other side's terms I want most, asked for
        in order, each beside every choice of up to three of my terms."""
        assert self.n is not None
        open_terms = [self.n.term(t) for t in self.view.terms]
        agreed = {o.term for a in self.view.agreements for o in a.obligations if o.status != "broken"}
        mine = [self._best_modifiers(t) for t in open_terms if t.giver is self.me and t.id not in agreed]
        theirs = [self._best_modifiers(t) for t in open_terms if t.giver is self.them and t.id not in agreed]
        demands = sorted(
            (o for o in theirs if offer_value(self.n, self.me, o) > 0),
            key=lambda o: -offer_value(self.n, self.me, o),
        )
        gives = sorted(
            (o for o in mine if offer_value(self.n, self.them, o) > 0),
            key=lambda o: offer_value(self.n, self.me, o) / max(offer_value(self.n, self.them, o), 0.1),
            reverse=True,
        )
        value = {
            o.term: (offer_value(self.n, self.me, o), offer_value(self.n, self.them, o))
            for o in mine + theirs
        }
        out = []
        for d in range(1, len(demands) + 1):
            asked = tuple(demands[:d])
            asked_me, asked_them = sum(value[o.term][0] for o in asked), sum(value[o.term][1] for o in asked)
            for k in range(min(len(gives), 3) + 1):
                for given in itertools.combinations(gives, k):
                    if self.n.clash(o.term for o in (*given, *asked)):
                        continue  # terms that cannot stand in one proposal
                    out.append(
                        (
                            asked_me + sum(value[o.term][0] for o in given),
                            asked_them + sum(value[o.term][1] for o in given),
                            given,
                            asked,
                        )
                    )
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
        floor = self.reservation()
        ladder = self.candidates()
        # hope for the best deal the other side could live with, not for everything at once
        their_floor = float(self.n.reservation[self.them].fn(self.env))
        bars = (float("-inf"),) if self.p.anchors_high else (their_floor - 1, 0.0, float("-inf"))
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
        trust = self.trust()
        if incoming is not None:
            offered = (*incoming.letter.gives, *incoming.letter.demands)
            value = deal_value(self.n, self.me, offered, trust)
            late = self.view.time_left <= self.p.patience
            next_offer = self._choose(ladder, target)
            as_good = next_offer is not None and value >= next_offer[0] and value >= floor
            if value >= target or as_good or (late and value >= floor):
                return self._letter("accept", incoming, (), ())
            if self.p.escalates and value < floor - 3:
                return self._letter("threaten", incoming, (), ())
            counter = self._choose(ladder, target)
            if counter is None or counter[0] < floor:
                return self._letter("reject", incoming, (), ())
            return self._letter("counter", incoming, counter[2], counter[3])
        if self._waiting_for_answer():
            return Plan("wait", None)
        proposal = self._choose(ladder, target)
        if proposal is None or proposal[0] <= floor:
            return Plan("wait", None)
        return self._letter("propose", None, proposal[2], proposal[3])

    def _choose(self, ladder: list, target: float):  # noqa: ANN202
        good = [c for c in ladder if c[0] >= target]
        if good:
            return max(good, key=lambda c: (c[1], c[0]))
        return max(ladder, key=lambda c: c[0], default=None)

    def _last_offer_value(self) -> float | None:
        """What this side's latest proposal was worth to it."""
        assert self.n is not None
        mine = [m for m in self.view.letters if m.sender is self.me and m.letter.is_proposal]
        if not mine:
            return None
        return deal_value(self.n, self.me, (*mine[-1].letter.gives, *mine[-1].letter.demands))

    def _waiting_for_answer(self) -> bool:
        mine = [m for m in self.view.letters if m.sender is self.me and m.letter.is_proposal]
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
        """The letter's prose, from the scenario's templates for this side and intent."""
        assert self.n is not None
        variants = self.n.templates.get(self.me, {}).get(intent, ())
        if not variants:
            return ""
        gives, demands = list(gives), list(demands)
        empty = {name for name, items in (("gives", gives), ("demands", demands)) if not items}
        fitting = [v for v in variants if not any(f"{{{name}}}" in v for name in empty)]
        if not fitting:
            return ""  # no template says this without terms it does not have: words only
        key = f"write:{self.me.value}:{intent}"
        text = fitting[pick(self.seed, self.view.turn, key, [1.0] * len(fitting))]
        fill = {
            "to": self.s.sides[self.them].title or self.s.sides[self.them].leader,
            "from": self.s.sides[self.me].short or self.s.sides[self.me].leader,
            "gives": _join([self._phrase(o) for o in gives]) or "nothing further",
            "demands": _join([self._phrase(o) for o in demands]) or "nothing further",
            "date": self.view.date,
        }
        return re.sub(r"\{(\w+)\}", lambda m: fill.get(m.group(1), m.group(0)), text)

    def _phrase(self, offer: Offer) -> str:
        """How the letter names a term, saying so when it is to stay between the two of them."""
        assert self.n is not None
        phrase = self.n.term(offer.term).phrase
        return phrase if offer.public else f"{phrase} (this in confidence)"

    # ---- the whole move --------------------------------------------------------------------

    def move(self) -> Move:
        plan = self.plan()
        decision = self._decision(plan.intent)
        return Move(self.me, decision, plan.letter, self._compliance())

    def _decision(self, intent: str) -> str:
        weights = dict(self.p.stances)
        if intent in ("accept", "propose", "counter"):
            weights[Stance.HAWK] = 0.0  # a conciliatory letter is not sent beside a hawkish deed
        if intent == "threaten":
            weights[Stance.DOVE] = 0.0  # nor a threat beside a retreat
        if self.view.tracks.get("risk", 0) >= 7 and self.kind != "hawk":
            weights[Stance.HAWK] = weights.get(Stance.HAWK, 0) * 0.3
        legal = self.view.legal
        w = [weights.get(self.s.decision(m.decision).stance, 0.0) for m in legal]
        if not any(w):
            w = [1.0] * len(legal)
        return legal[pick(self.seed, self.view.turn, f"{self.kind}:{self.me.value}", w)].decision

    def _compliance(self) -> tuple[tuple[str, str], ...]:
        if self.p.complies:
            return ()
        owed = [
            o.term
            for a in self.view.agreements
            for o in a.obligations
            if o.giver is self.me and o.status in ("pending", "late")
        ]
        if self.trust() < 0.6:
            return tuple((term, "break") for term in owed)
        return tuple(
            (term, "delay") for term in owed if draw(self.seed, self.view.turn, f"stall:{term}") < 0.5
        )


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
