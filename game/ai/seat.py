"""One side's seat at the table: what the negotiator reads before it decides anything.

Its own values (the scenario's utilities for itself only), a model of the other side learned from
that side's letters and deeds (`counterpart`), what no deal is worth now (the reservation value),
one clock over the whole crisis moved on by events (the scenario's `pressure`), and the one-turn
look-ahead (`planner`) that tells a deal that ends the crisis well from one that ends it badly.
The tuning of each personality (how much it fears war, hopes, minds coming out behind) is the
scenario's data (`personalities:`); `DEFAULTS` serve a scenario without any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from game.ai import planner
from game.ai.counterpart import Counterpart
from game.ai.values import deal_value, offer_value
from game.diplomacy import Personality, Tone
from game.engine.letters import Letter, Mail, Offer, awaiting_answer
from game.engine.match import SeenTurn, SideView
from game.engine.negotiation import lapsed
from game.engine.rules import Env
from game.model import Kind, Scenario, Side, Stance

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
DEADLINE = 0.5
"""How far the clock is pushed on as a chapter's last turn comes near."""
MARGIN = 0.5
"""How much better than going on an ending must be, at the least, for a deal that reaches it."""
CALM = 2
"""How much a deal struck on the brink takes off the risk, as the planner sees it."""
WARS = (Kind.LIMITED_WAR, Kind.NUCLEAR_WAR)
YIELD = 1.0
"""How much more an ending must be worth when it is reached by conceding in public, against this
side's own interest, to a side that has just threatened: a leader who gives way to a threat in
the open pays for it in credibility, and invites the next threat."""
THREATS = 4
"""How many turns back a threatening letter still counts as a threat hanging over a deal."""
RETREAT = 3.0
"""What a retreat (a dovish deed) costs, in the look-ahead's terms, while a threat hangs over the
talks: the brink the threat made is Moscow's as well as Washington's, and a side that steps back
from it at once tells the other that threats work (the bluff called, not rewarded)."""


def personality(s: Scenario, name: str) -> Personality:
    found = s.negotiation.personalities.get(name) if s.negotiation else None
    return found or DEFAULTS[name]


def view_env(s: Scenario, view: SideView) -> Env:
    """What this side can evaluate conditions on: only what its view shows, and a track it cannot
    see taken to stand half-way (Washington, not told how far the missiles are, does not read them
    as gone: a look-ahead that did took living with them for a Soviet retreat). The chapter's turn
    is the one the rules will read after this turn (the events of a chapter's second day, the U-2
    shot down on Black Saturday, are seen coming the day before)."""
    env = Env(_middles(s))
    env.update(view.tracks)
    env.update(dict.fromkeys(view.flags, True))
    env.update(_log_names(view.side, view.log))
    env.update(dict.fromkeys(view.opening, True))
    env.update(view.term_names)
    env["turn"], env["deadline"], env["time_left"] = view.turn, False, view.time_left
    env["phase_turn"] = phase_turn(view) + 1  # as the rules read it once this turn is played
    return env


@cache
def _middles(s: Scenario) -> dict[str, int]:
    """Every track taken to stand half-way (what a side reads of a track it cannot see)."""
    return {t.id: (t.min + t.max + 1) // 2 for t in s.tracks}


_LOGS: dict[Side, tuple[tuple[SeenTurn, ...], dict[str, bool]]] = {}
"""Per side, the last log `_log_names` read and its names: the next view's log is that one and a turn."""


def forget() -> None:
    """Empty what the seats remember (the names of the last log each side read, the terms of the
    letters read) and the look-ahead's memory (`planner.forget`): a cache, which changes no decision."""
    _LOGS.clear()
    _PROPOSED.clear()
    planner.forget()


def _log_names(side: Side, log: tuple[SeenTurn, ...]) -> dict[str, bool]:
    """The decisions seen taken and the events seen in `log`, each true: worked out from the names of
    the log this side's last view showed when `log` goes on from it, not from the first turn again."""
    done, names = _LOGS.get(side, ((), {}))
    if log[: len(done)] != done:
        done, names = (), {}
    if len(log) > len(done):
        names = dict(names)
        for seen in log[len(done) :]:
            names.update((m.decision, True) for m in seen.moves if m is not None)
            names.update(dict.fromkeys(seen.events, True))
        _LOGS[side] = (log, names)
    return names


_PROPOSED: dict[int, tuple[Letter, frozenset[str] | None]] = {}
"""Per letter (by identity, the letter kept beside its answer so its id stays its own): `_proposed`."""


def _proposed(letter: Letter) -> frozenset[str] | None:
    """The terms a proposal names, given or asked; None for a letter that proposes nothing (every
    decision reads every letter of its side's: worked out once a letter)."""
    found = _PROPOSED.get(id(letter))
    if found is None or found[0] is not letter:
        if len(_PROPOSED) >= PROPOSED:
            _PROPOSED.clear()
        terms = frozenset(o.term for o in (*letter.gives, *letter.demands)) if letter.is_proposal else None
        found = _PROPOSED[id(letter)] = (letter, terms)
    return found[1]


PROPOSED = 4096
"""How many letters `_proposed` remembers before it starts again."""


def phase_turn(view: SideView) -> int:
    """How many turns of this chapter have been played (the turns at the end of the log spent in it)."""
    played = 0
    for seen in reversed(view.log):
        if seen.phase != view.phase:
            break
        played += 1
    return played


@dataclass(frozen=True)
class Plan:
    """What the negotiator means to do this turn: the intent, and the letter that says it."""

    intent: str
    letter: Letter | None


class Seat:
    """What one side knows and believes at this turn, and how it weighs where a deal would lead."""

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
        self.promised_later = frozenset(
            o.term for a in view.agreements for o in a.obligations if o.status == "pending" and o.due is None
        )
        """Terms promised for 'later' and not yet done: still for trade, as 'now' (the quarantine, to
        be lifted some day, lifted at once for the bombers)."""
        self.revealed = frozenset(
            n.term for seen in view.log for n in seen.news if n.kind == "revealed" and n.term
        )
        """Terms a deed has made public, breaking a confidence (playtest N14): from then on written
        only in public, never asked or offered again as a secret."""
        self._now: float | None = None
        self._clock_memo: tuple[float, tuple[str, ...]] | None = None
        self._threat_memo: bool | None = None
        self._deal_nodes: dict | None = None
        self.dates = (*(seen.date for seen in view.log), view.date)
        """The dates of the turns so far and of this one (for proposals that lapse)."""

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
        day to its last, pushed on by what has happened (the scenario's `pressure`), and the causes
        (worked out once a decision: it reads the view and the env, which a decision never changes)."""
        if self._clock_memo is None:
            self._clock_memo = self._clock()
        return self._clock_memo

    def _clock(self) -> tuple[float, tuple[str, ...]]:
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
        return MARGIN + self.p.hope * (1.0 - self.clock()[0])

    def rivalry(self, ending: str | None = None, env: Mapping | None = None) -> float:
        """How much the other side's score counts against its own in `ending` (reached with `env`):
        as its personality says, but nothing in a deal reached on a chapter's last turn by a side
        that fears war no less than the pragmatist does (the dove, the pragmatist): a settlement in
        which the other side gives something (one of its terms agreed, or granted by deed: Kennedy's
        pledge in answer to the first letter). With the deadline on it, such a side asks what the
        deal on the table brings its own country, not whether the other side comes out ahead (the
        pragmatist kept the quarantine to November 20 after the bombers were given up, a standoff
        worth 31 to it against 32 for the lift, because the lift gave Moscow 35 against 31). A
        standoff, or a retreat with nothing in return, is weighed as ever: it does not give in for
        its own sake. The hawk (fear 0.6) keeps its rivalry to the end."""
        if (
            ending is not None
            and env is not None
            and self.view.turns_left == 0
            and self.p.fear >= 1.0
            and self.s.ending(ending).kind is Kind.SETTLEMENT
            and any(env.get(name) for name in self._given_by_them())
        ):
            return 0.0
        return self.p.rivalry

    def _given_by_them(self) -> tuple[str, ...]:
        """The names conditions read once the other side has given one of its terms (agreed, or
        its effect granted by deed); none in a scenario without letters."""
        if self.n is None:
            return ()
        return tuple(
            name
            for term in self.n.terms
            if term.giver is self.them
            for name in (f"{term.id}_agreed", *(e.name for e in term.on_agree if e.value is True))
        )

    def position(self, env: Env) -> tuple[float, str | None, str | None]:
        """`planner.position_and_node` of `env` for this side (a settlement valued with `rivalry`)."""
        value, ending, node = planner.position_and_node(
            self.s, self.me, self.view.phase, env, self.p.fear, self.p.rivalry
        )
        if ending is not None and (rivalry := self.rivalry(ending, env)) != self.p.rivalry:
            value = planner.ending_value(self.s, self.me, ending, env, rivalry)
        return value, ending, node

    def _deal_margin(self) -> float:
        """How much better than going on a deal's ending must be: `margin`, but nothing on a
        chapter's last turn, where going on is what the deadline brings, not a hope that may turn
        (a deal that ends where the deadline would is then judged on its terms alone)."""
        return self.margin() if self.view.turns_left else 0.0

    def going_on(self) -> float:
        """What it is worth to this side that the crisis simply goes on from here: where such
        chapters tend to lead, or, on a chapter's last turn, what its deadline brings (the rules'
        way out when it falls), after the best of its own deeds this turn: a deal must beat what
        it can reach without one (holding fire so that the deadline leaves the missiles in Cuba
        rather than bring the strike), so that letter and deed are weighed together."""
        if self._now is None:
            if self.view.turns_left == 0:
                self._now = max(
                    (self._deadline_without_deal(m.decision) for m in self.view.legal),
                    default=self._deadline_without_deal(""),
                )
            else:
                self._now = planner.going_on(
                    self.s, self.me, self.view.phase, self.env, self.p.fear, self.p.rivalry
                )
        return self._now

    def _deadline_without_deal(self, decision: str) -> float:
        """What the chapter's deadline brings this side after `decision` (none: ''), with no deal."""
        env = Env(self.env)
        if decision:
            d = self.s.decision(decision)
            planner.with_effects(self.s, env, d.effects)
            env[d.id] = True
        return self.position(env)[0]

    def threatened(self) -> bool:
        """Whether the other side has sent this side a threatening letter in the last few turns
        (worked out once a decision)."""
        if self._threat_memo is None:
            since = self.dates[-THREATS - 1] if len(self.dates) > THREATS else ""
            self._threat_memo = any(
                m.sender is self.them and m.letter.tone is Tone.THREATENING and m.sent[:10] >= since
                for m in self.view.letters
            )
        return self._threat_memo

    def yielding(self, offers: Iterable[Offer]) -> float:
        """What striking this deal costs in credibility beyond its terms (`YIELD`): something when,
        to a side that has just threatened, it concedes in public a term whose being public costs
        this side more than it brings the other (the Jupiters traded in the open: publicity asked
        for only to show that it gave way); nothing for the same term given in confidence, nor
        when no threat hangs over the deal (so between negotiators who never threaten, never)."""
        if not self.threatened():
            return 0.0
        return YIELD if self.yields_in_public(offers) else 0.0

    def yields_in_public(self, offers: Iterable[Offer]) -> bool:
        """Whether the deal gives in public a term of this side's whose being public costs it more
        than giving the term itself (the Jupiters traded in the open): publicity that is worth
        asking for only to show that it gave way. Read from this side's own values: what the other
        side makes of it is never read from the scenario."""
        n = self.n
        assert n is not None
        for o in offers:
            term = n.term(o.term)
            if o.public and term.giver is self.me:
                cost = -term.public_value.get(self.me, 0)
                if cost > -offer_value(n, self.me, Offer(o.term, public=False)):
                    return True
        return False

    def ends_badly(self, offers: Iterable[Offer]) -> bool:
        """Whether striking this deal would end the crisis worse for this side than going on."""
        offers = tuple(offers)
        node = self._deal_node(offers)
        if node is None or not self.s.is_ending(node):
            return False
        env = planner.after_deal(self.s, self.env, offers)
        return planner.ending_value(
            self.s, self.me, node, env, self.rivalry(node, env)
        ) < self.going_on() + self._deal_margin() + self.yielding(offers)

    def ends_crisis(self, offers: Iterable[Offer]) -> bool:
        """Whether striking this deal would end the crisis there and then."""
        node = self._deal_node(tuple(offers))
        return node is not None and self.s.is_ending(node)

    def _deal_node(self, offers: tuple[Offer, ...]) -> str | None:
        """`planner.deal_node` of this turn's position (its memo for the position looked up once)."""
        if self._deal_nodes is None:
            self._deal_nodes = planner.deal_nodes(self.s, self.view.phase, self.env)
        return planner.deal_node(self.s, self.view.phase, self.env, offers, self._deal_nodes)

    def ends_well(self, offers: Iterable[Offer]) -> bool:
        """Whether striking this deal would leave this side better off than going on: an ending
        better than the crisis's outlook, or, near the brink, a way down from it (a deal takes
        `CALM` off the risk as the planner sees it)."""
        offers = tuple(offers)
        env = planner.after_deal(self.s, self.env, offers)
        worth, ending, _ = self.position(env)
        if ending is not None:
            return worth >= self.going_on() + self._deal_margin() + self.yielding(offers)
        if planner.band(self.s, self.env) < 2:
            return False
        env[self.s.risk.id] = max(int(env.get(self.s.risk.id, 0)) - CALM, 0)
        return (
            planner.going_on(self.s, self.me, self.view.phase, env, self.p.fear, self.p.rivalry)
            >= self.going_on() + MARGIN
        )

    # ---- the talks so far ----------------------------------------------------------------------

    def unanswered(self) -> Mail | None:
        """The latest proposal from the other side that this side has not yet answered and that has
        not lapsed, nor been overtaken by a later one of theirs that this side has answered (a
        proposal left unanswered while letters crossed is no longer their word)."""
        agreed = {a.proposal for a in self.view.agreements}
        answered = {m.letter.reply_to for m in self.view.letters if m.sender is self.me}
        theirs = [m for m in self.view.letters if m.sender is self.them and m.letter.is_proposal]
        since = max((m.sent for m in theirs if m.id in answered), default="")
        waiting = [
            m
            for m in awaiting_answer(self.view.letters, self.me)
            if m.id not in agreed and m.sent > since and not lapsed(self.n, m, self.dates)
        ]
        return waiting[-1] if waiting else None

    def _mine(self) -> list[Mail]:
        """This side's proposals in the talks now under way: those whose terms are all still on the
        table (a proposal about Berlin binds nothing once the talks are about Cuba)."""
        open_terms = frozenset(self.view.terms)
        me = self.me
        return [
            m
            for m in self.view.letters
            if m.sender is me and (terms := _proposed(m.letter)) is not None and terms <= open_terms
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
        return not replied and recent and not lapsed(self.n, last, self.dates)
