"""Choosing the deed: the one worth most one turn ahead against what the other side tends to do,
with the personality's taste beside it, what it puts on the clock, and the promises kept, delayed
or broken."""

from __future__ import annotations

from collections import Counter
from functools import cache, cached_property

from game.ai import objectives, planner
from game.ai.seat import MARGIN, RETREAT, WARS, Seat
from game.ai.story import breaks_confidence, contradiction
from game.diplomacy import Stance, Tone
from game.engine.chance import draw
from game.engine.letters import Letter, Obligation, Offer
from game.engine.match import SeenTurn
from game.engine.negotiation import defied_promises
from game.engine.rules import Env
from game.engine.state import Compliance
from game.engine.word import reads_public
from game.model import Decision, Kind, Scenario, Side

TAKEN = 0.5
"""How likely the other side is taken to be to accept, this turn, a proposal of this side's still
standing that seems worth its while (a third of that if not)."""
SURE = 0.9
"""... and one that seems to give it at least what its own last proposal asked for."""
FEARFUL = 2.0
"""What each point of risk a hawkish deed of its own adds costs a side, for each point its fear stands
above the pragmatist's (1): a dove does not raise the stakes to come out a little ahead (a private
deadline on the first day, a deadline on Black Saturday); the pragmatist and the hawk weigh risk by
the look-ahead alone, and a dove's moderate deeds (announcing the missiles) are weighed as ever."""


class Deeds(Seat):
    """The deed beside the letter, and what becomes of the side's promises."""

    def _decision(self, intent: str, letter: Letter | None = None, story: bool = True) -> str:
        """The deed worth most one turn ahead, against what the other side tends to do, with the
        personality's taste in deeds beside it; never a hawkish deed beside a conciliatory letter,
        nor a retreat beside a threat, nor (with `story`) a deed that says otherwise than its letter
        or its word about the terms (`ai/story.py`). What its own letter's tone will do is counted in."""
        allowed = set(Stance)
        if intent in ("accept", "propose", "counter"):
            allowed.discard(Stance.HAWK)  # a conciliatory letter is not sent beside a hawkish deed
        if intent == "threaten":
            allowed.discard(Stance.DOVE)  # nor a threat beside a retreat
        legal = [m for m in self.view.legal if self.s.decision(m.decision).stance in allowed]
        if letter is None and not self.p.escalates:
            # a deadline it would not put in writing is not given (ai/writing.py, `beside`)
            legal = [m for m in legal if not self._speaks(self.s.decision(m.decision))]
        legal = legal or list(self.view.legal)
        if self.p.complies:
            # a side that keeps its word gives no order that would break a promise it owes
            agreements, date = self.view.agreements, self.view.date
            keeps = [m for m in legal if not self._breaks_word(agreements, self.s.decision(m.decision), date)]
            legal = keeps or legal
            # nor one that makes public what was agreed in confidence
            legal = [
                m for m in legal if not breaks_confidence(self.view, self.s.decision(m.decision))
            ] or legal
        # one story: no deed that says otherwise than its letter, its standing offer or its word
        if story:
            legal = [
                m for m in legal if not contradiction(self.s, self.view, self.s.decision(m.decision), letter)
            ] or legal
        if len(legal) == 1:
            return legal[0].decision
        theirs = self._their_options()
        margin = self.margin() - MARGIN
        base = Env(self.env)
        if letter is not None and self.n is not None:
            planner.with_effects(self.s, base, self.n.tone_effects.get(letter.tone, ()))
        taste = max(self.p.stances.values(), default=1.0) or 1.0
        threatened = self.threatened()
        deals = self._deals_ahead(intent, letter)
        settled = self._settlement(legal, base, margin, theirs, deals)
        if settled is not None:
            return settled
        best, best_score = legal[0].decision, float("-inf")
        for i, m in enumerate(legal):
            d = self.s.decision(m.decision)
            worth = self._ahead(d, base, margin, theirs, deals)
            lever = self._leverage(d)
            if lever and self._ends_it(d, base):
                lever = 0.0  # pressure on a clock that the deed itself stops buys nothing
            worth += self.p.leverage * lever
            if d.stance is Stance.HAWK:
                worth -= FEARFUL * max(self.p.fear - 1.0, 0.0) * self._risk_added(d)
            if d.stance is Stance.DOVE and threatened:
                worth -= RETREAT  # a retreat under threat: the bluff not called
            worth += objectives.deed(self.s, self.view, base, d)  # its own hidden aims (ai/objectives.py)
            style = self.p.style * self.p.stances.get(d.stance, 0.0) / taste
            noise = 0.3 * draw(self.seed, self.view.turn, f"deed:{self.me.value}:{i}")
            if worth + style + noise > best_score:
                best, best_score = d.id, worth + style + noise
        return best

    def _breaks_word(self, agreements: tuple, d: Decision, date: str) -> bool:  # type: ignore[type-arg]
        """Whether giving `d` breaks a promise this side owes: one due, or, a hawkish deed, one not yet
        due (J6: the rule the engine and the desks read)."""
        return bool(defied_promises(agreements, self.me, d.defies, date, d.stance is Stance.HAWK))

    def _speaks(self, d: Decision) -> bool:
        """Whether `d` is a once-only hawkish deed the scenario gives words for, done in the open: a
        deadline, which goes with a letter that says what it asks."""
        words = self.n.reasons.get(self.me, {}).get(d.id) if self.n is not None else None
        return bool(words) and d.stance is Stance.HAWK and d.once and not d.covert

    def _risk_added(self, d: Decision) -> int:
        """How many points of risk of war the deed adds by itself."""
        risk = self.s.risk.id
        return sum(e.delta for e in d.effects if e.name == risk and e.value is None and e.delta > 0)

    def _settlement(
        self,
        legal: list,
        base: Env,
        margin: float,
        theirs: list[tuple],
        deals: list[tuple[tuple[Offer, ...], float]],
    ) -> str | None:
        """On a chapter's last turn, the deed that settles the crisis, for a side that fears war more
        than the pragmatist does (the dove): taken when it settles the crisis against most of what the
        other side may do and the look-ahead finds it worth at least any other deed (a settlement
        reached at the deadline valued on the dove's own scores: `Seat.rivalry`), whatever its hidden
        aims or its taste in deeds would like. The deal on the table is taken; a pragmatist and a
        hawk weigh it as every other deed, and a hawk may gamble on the standoff."""
        if self.view.turns_left != 0 or self.p.fear <= 1.0:
            return None
        own: dict[str, float] = {}
        settling = []
        for m in legal:
            d = self.s.decision(m.decision)
            own[d.id] = self._ahead(d, base, margin, theirs, deals)
            if self._settles(d, base, theirs) >= 0.5:
                settling.append(d.id)
        if not settling:
            return None
        best = max(settling, key=lambda x: own[x])
        rest = max((v for x, v in own.items() if x not in settling), default=float("-inf"))
        return best if own[best] >= rest else None

    def _settles(self, d: Decision, base: Env, theirs: list[tuple]) -> float:
        """How likely taking `d` now ends the crisis in a settlement, against the other side's deeds."""
        mine = Env(base)
        planner.with_effects(self.s, mine, d.effects)
        mine[d.id] = True
        share = 0.0
        for other, weight in self._replies(d, theirs):
            env = Env(mine)
            if other is not None:
                planner.with_effects(self.s, env, other.effects)
                env[other.id] = True
            _, ending, _ = self.position(env)
            share += weight * (ending is not None and self.s.ending(ending).kind is Kind.SETTLEMENT)
        return share

    def _ahead(
        self,
        d: Decision,
        base: Env,
        margin: float,
        theirs: list[tuple],
        deals: list[tuple[tuple[Offer, ...], float]],
    ) -> float:
        """What taking `d` now is worth one turn ahead, against each deed of the other side as likely
        as it is, with the deal this turn may strike counted as likely as it is. Each position's
        outlook is remembered under this decision's base position (`_looks_from`), so that a
        position seen before costs a look-up, not a copy of the env, its effects and a key."""
        looks = self._looks_from(base)
        keys = [(planner.deal_key(offers), chance) for offers, chance in deals]
        worth = 0.0
        mine: Env | None = None
        for other, weight in self._replies(d, theirs):
            env: Env | None = None
            struck = 0.0
            theirs_id = other.id if other is not None else None
            for i, (deal, chance) in enumerate(keys):  # the deal this turn may strike, beside the deeds
                terms = looks.get((d.id, theirs_id, deal))
                if terms is None:
                    if env is None:
                        mine, env = self._laid(d, other, base, mine)
                    after = planner.after_deal(self.s, env, deals[i][0])
                    terms = looks[(d.id, theirs_id, deal)] = self._outlook_terms(after, last=True)
                worth += weight * chance * _worth(terms, margin)
                struck += chance
            if struck < 1.0:
                terms = looks.get((d.id, theirs_id, None))
                if terms is None:
                    if env is None:
                        mine, env = self._laid(d, other, base, mine)
                    terms = looks[(d.id, theirs_id, None)] = self._outlook_terms(env, last=True)
                worth += weight * (1.0 - struck) * _worth(terms, margin)
        return worth

    def _laid(self, d: Decision, other: Decision | None, base: Env, mine: Env | None) -> tuple[Env, Env]:
        """`base` with this deed taken (`mine`, made once and kept by the caller), and a copy of it
        with `other`, theirs, laid over it."""
        if mine is None:
            mine = Env(base)
            planner.with_effects(self.s, mine, d.effects)
            mine[d.id] = True
        env = Env(mine)
        if other is not None:
            planner.with_effects(self.s, env, other.effects)
            env[other.id] = True
        return mine, env

    _looks_memo: tuple[Env, dict] | None = None

    def _looks_from(self, base: Env) -> dict:
        """The outlooks remembered for positions one turn on from `base` (by this deed, theirs and
        the deal), shared by every decision whose base reads the same (`_base_names`) in this
        chapter, for this side and personality, as near the chapter's end: looked up once a base."""
        memo = self._looks_memo
        if memo is not None and memo[0] is base:
            return memo[1]
        phase = self.view.phase
        names = _base_names(self.s, phase, self.me)
        key = (phase, self.me, self.kind, min(self.view.turns_left, 2), tuple(map(base.get, names)))
        store = _aheads(self.s)
        found = store.get(key)
        if found is None:
            found = planner.keep(store, key, {})
        self._looks_memo = (base, found)
        return found

    def _outlook_terms(self, env: Env, last: bool = False) -> tuple[tuple[float, float | None], ...]:
        """What the position `env` after this turn is worth to this side, as the deed is chosen, before
        the margin is taken off (`_worth`): an ending must beat going on by the margin, a war is
        dreaded, and so is a chapter where wars are likelier than here, or the crisis left standing
        at the brink. When the next turn is the chapter's last (and `last` is asked), going on is
        worth at least what a way down kept for that day would make of it (`_last_turn`). Each term
        is (value, what a war costs on top of the margin, or None where no margin is asked); the
        outlook is the best of them."""
        value, ending, node = self.position(env)
        if ending is not None:
            war = self.s.ending(ending).kind in WARS
            return ((value, self.p.dread * self.p.fear if war else 0.0),)
        worse = 0.0
        if node is not None and node != self.view.phase:
            # into a chapter where wars are likelier than here: starting a war is dreaded
            shares = planner.prepare(self.s).war_share
            worse = shares.get(node, 0.0) - shares.get(self.view.phase, 0.0)
            value -= 3 * self.p.dread * self.p.fear * max(worse, 0.0)
        if worse >= 0.0 and planner.band(self.s, env) >= 3:
            # left standing at the brink; not once past it, into a calmer chapter (the deal of Oct 28
            # into the bombers' month, which the risk of Black Saturday does not follow)
            value -= self.p.dread * self.p.fear / 2
        if last and self.view.turns_left == 1:
            return self._last_turn(env, value)
        return ((value, None),)

    def _last_turn(self, env: Env, going_on: float) -> tuple[tuple[float, float | None], ...]:
        """What the crisis going on from `env` is worth when the next turn is the chapter's last: at
        least going on, or what a once-only way down from the brink still open to this side (Moscow's
        order to hold fire) would make of the deadline (one more ply, of this side's deeds only), so
        that such a way down is kept for the day the deadline falls, not spent the day before
        (as `_outlook_terms`: the best of them is taken once the margin is known)."""
        terms: list[tuple[float, float | None]] = [(going_on, None)]
        for d in self._ways_down():
            if env.get(d.id) or (d.requires is not None and not d.requires.fn(env)):
                continue
            after = Env(env)
            after["deadline"] = True
            after["phase_turn"] = int(env.get("phase_turn", 0)) + 1
            planner.with_effects(self.s, after, d.effects)
            after[d.id] = True
            terms.extend(self._outlook_terms(after))
        return tuple(terms)

    def _ways_down(self) -> tuple[Decision, ...]:
        """This side's once-only deeds of this chapter that take the risk down."""
        return _ways_down(self.s, self.view.phase, self.me)

    def _deals_ahead(self, intent: str, letter: Letter | None) -> list[tuple[tuple[Offer, ...], float]]:
        """The deals this turn may strike, and how likely each is: the proposal this side's letter
        accepts, for certain; else its own proposal still standing, which the other side may take up
        this very turn (all but surely if it gives them what they last asked for, as likely as not if
        it seems worth their while, less if not). A deed chosen
        blind to them gives away the points it could take now (Washington's answer to the first
        letter, +1 credibility) in the hope of a retreat its own offer has already ruled out."""
        if self.n is None or self.model is None:
            return []
        if intent == "accept" and letter is not None and letter.reply_to:
            mail = next((m for m in self.view.letters if m.id == letter.reply_to), None)
            return [((*mail.letter.gives, *mail.letter.demands), 1.0)] if mail is not None else []
        if not self._waiting_for_answer():
            return []
        mine = self._mine()[-1]
        if not mine.delivered:
            return []
        offers = (*mine.letter.gives, *mine.letter.demands)
        node = self._deal_node(offers)
        if node is None or node == self.view.phase:
            return []  # a deal that leaves this chapter going on changes little in the deed's look-ahead
        seems = self.their_value(offers)
        asked = [m for m in self.view.letters if m.sender is self.them and m.letter.is_proposal]
        if asked and seems >= self.their_value((*asked[-1].letter.gives, *asked[-1].letter.demands)):
            return [(offers, SURE)]  # at least what they last asked for themselves
        return [(offers, TAKEN if seems >= max(self.model.floor, 0.0) else TAKEN / 3)]

    def _replies(self, d: Decision, theirs: list[tuple]) -> list[tuple]:
        """The other side's deeds as likely after `d`, when its deeds have asked this side for terms
        (the knot letter: the pledge, for the missiles): the deeds that give what they offered and
        ask nothing more (the acceptance on the radio) all but sure (`SURE`) once `d` and this
        side's word grant all they asked (unless `d` is hawkish), a third as likely as they have
        shown if not (a retreat for nothing)."""
        asked, _ = self._their_deed_word
        if not asked:
            return theirs
        keeping, share = self._keeping(theirs)
        if not keeping or share >= 1.0 - 1e-9:
            return theirs
        if asked <= self._granted | set(d.offers):
            if d.stance is Stance.HAWK:
                return theirs  # a strike beside the price paid: no surer than they have shown
            target = SURE
        else:
            target = share / 3
        return [
            (o, w * (target / share if id(o) in keeping else (1.0 - target) / (1.0 - share)))
            for o, w in theirs
        ]

    _keeping_memo: tuple[list[tuple], set[int], float] | None = None

    def _keeping(self, theirs: list[tuple]) -> tuple[set[int], float]:
        """Of their deeds `theirs`, those that give what their deeds offered and ask nothing more
        (by identity), and how likely they are together: the same for every deed weighed, so worked
        out once a decision (for the list of their deeds last asked)."""
        memo = self._keeping_memo
        if memo is None or memo[0] is not theirs:
            offered = self._their_deed_word[1]
            keeping = {
                id(o)
                for o, _ in theirs
                if o is not None and o.offers and not o.asks and set(o.offers) <= offered
            }
            memo = self._keeping_memo = (
                theirs,
                keeping,
                sum(w for o, w in theirs if id(o) in keeping),
            )
        return memo[1], memo[2]

    @cached_property
    def _their_deed_word(self) -> tuple[frozenset[str], frozenset[str]]:
        """What the other side's deeds so far have asked of this side (terms still open) and offered
        (worked out once a decision: `_replies` asks it for every deed weighed)."""
        asked, offered = _deeds_word(self.s, self.them, self.view.log)
        return asked & frozenset(self.view.terms), offered

    @cached_property
    def _granted(self) -> frozenset[str]:
        """The terms this side has given: owed under an agreement in force, or offered by its deeds."""
        return self.standing | _deeds_word(self.s, self.me, self.view.log)[1]

    @cached_property
    def _they_threatened(self) -> bool:
        """The other side has written a threatening letter in this crisis (its next may come this turn)."""
        return any(m.sender is self.them and m.letter.tone is Tone.THREATENING for m in self.view.letters)

    def _leverage(self, d) -> float:  # noqa: ANN001
        """What a deed that is not a retreat adds to the pressure on the crisis's clock (the
        scenario's `pressure`): a quarantine makes the other side's time run out as well as one's own."""
        if self.n is None or d.stance is Stance.DOVE:
            return 0.0
        pressure = self.n.pressure
        return sum(
            pressure[e.name] for e in d.effects if e.name in pressure and e.value and not self.env.get(e.name)
        )

    def _ends_it(self, d: Decision, base: Env) -> bool:
        """Whether taking `d` ends the crisis at once (a quarantine proclaimed at a risk of 9 is a
        general war), whatever the other side does; or, once the other side has threatened in this
        crisis, with its next threat read the same turn (proclaimed at 7, the quarantine's +2 and a
        threatening reply's +1 made a general war)."""
        env = Env(base)
        planner.with_effects(self.s, env, d.effects)
        env[d.id] = True
        if self.n is not None and self._they_threatened:
            planner.with_effects(self.s, env, self.n.tone_effects.get(Tone.THREATENING, ()))
        return self._next_ending(env) is not None

    def _their_options(self) -> list[tuple]:
        """The other side's deeds open now: each stance weighed by how often it has taken it, shared
        among the deeds of that stance."""
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
        # a stance is as likely as they have shown it, shared among the deeds of that stance open
        # now: four ways to strike are not four times the chance of a strike
        open_in = Counter(d.stance for d in options)
        weights = [float(stances.get(d.stance, 1)) / open_in[d.stance] for d in options]
        total = sum(weights)
        return [(d, w / total) for d, w in zip(options, weights, strict=True)]

    def _compliance(self, decision: str = "") -> tuple[tuple[str, Compliance], ...]:
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
            return tuple((o.term, Compliance.BREAK) for o in owed)
        out = []
        for o in owed:
            chance = self.p.bluffs if not o.public else self.p.bluffs / 2  # the world watches a public word
            if draw(self.seed, self.view.turn, f"bluff:{o.term}") < chance and self._can_afford_to_break(
                o, decision
            ):
                out.append((o.term, Compliance.BREAK))
            elif draw(self.seed, self.view.turn, f"stall:{o.term}") < 0.5:
                out.append((o.term, Compliance.DELAY))
        return tuple(out)

    def _can_afford_to_break(self, o: Obligation, decision: str = "") -> bool:
        """Whether breaking this promise, with this turn's deed and the costs the rules lay on a
        breach (and on a public one), leaves the crisis well short of the brink by the look-ahead."""
        assert self.n is not None
        env = Env(self.env)
        if decision:
            planner.with_effects(self.s, env, self.s.decision(decision).effects)
        costs = [*self.n.term(o.term).on_broken, *self.n.breach_cost.get(self.me, ())]
        if reads_public(o, self.view.term_names):  # as the rules charge it: given or heard in public
            costs += self.n.audience_cost.get(self.me, ())
        planner.with_effects(self.s, env, costs)
        ending = self._next_ending(env)
        if planner.band(self.s, env) >= 2:
            return False  # a breach at the edge of war is one the other side may answer with war
        return not (ending is not None and self.s.ending(ending).kind in WARS)

    def _threat_is_war(self) -> bool:
        """Whether a threatening letter, read, would itself tip the crisis into war: counted twice once
        the other side has threatened in this crisis, since its next threat may land the same turn (two hawks
        trading threats took thirteen-days to nuclear war by October 22 in every game)."""
        assert self.n is not None
        env = Env(self.env)
        threat = self.n.tone_effects.get(Tone.THREATENING, ())
        for _ in range(2 if self._they_threatened else 1):
            planner.with_effects(self.s, env, threat)
        ending = self._next_ending(env)
        return ending is not None and self.s.ending(ending).kind in WARS

    def _next_ending(self, env: Env) -> str | None:
        """The ending the rules would reach from position `env` after this turn, chance counted in
        (`planner.likely`, which changes `env`), or None if the crisis goes on."""
        planner.likely(self.s, self.view.phase, env)
        node = planner.next_node(self.s, self.view.phase, env)
        return node if node is not None and self.s.is_ending(node) else None


def _worth(terms: tuple[tuple[float, float | None], ...], margin: float) -> float:
    """The outlook `_outlook_terms` described, with `margin`: the best of its values, an ending's less
    the margin and what a war costs (the same sums, in the same order, as ever)."""
    value, war = terms[0]
    best = value if war is None else value - margin - war
    for value, war in terms[1:]:
        best = max(best, value if war is None else value - margin - war)
    return best


@cache
def _aheads(s: Scenario) -> dict:
    """Per base position (`Deeds._looks_from`): the outlooks one turn on from it."""
    return {}


def forget() -> None:
    """Empty the outlooks remembered and the deeds read (`negotiator.forget`): caches, which change
    no decision."""
    _aheads.cache_clear()
    _WORD.clear()


_WORD: dict[Side, tuple[Scenario, tuple[SeenTurn, ...], frozenset[str], frozenset[str]]] = {}
"""Per side whose deeds are read: the scenario, the last log read, and what its deeds asked and
offered in it (`_deeds_word`)."""


def _deeds_word(s: Scenario, side: Side, log: tuple[SeenTurn, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The terms `side`'s deeds in `log` asked for and offered: read on from the log last read when
    `log` goes on from it (the next turn's view), not from the first turn again."""
    found = _WORD.get(side)
    if found is not None and found[0] is s and log[: len(found[1])] == found[1]:
        done, asked, offered = found[1], found[2], found[3]
    else:
        done, asked, offered = (), frozenset(), frozenset()
    if len(log) > len(done) or found is None or found[1] is not done:
        more_asked, more_offered = set(asked), set(offered)
        for seen in log[len(done) :]:
            for m in seen.moves:
                if m is not None and m.side is side:
                    d = s.decision(m.decision)
                    more_asked.update(d.asks)
                    more_offered.update(d.offers)
        asked, offered = frozenset(more_asked), frozenset(more_offered)
        _WORD[side] = (s, log, asked, offered)
    return asked, offered


@cache
def _base_names(s: Scenario, phase: str, side: Side) -> tuple[str, ...]:
    """Every name the outlooks one turn on from a base position in `phase` read of it: the
    look-ahead's (`planner.look_names`, closed under the effects laid over it: an effect reads only
    the name it changes), what makes a settlement worth its own scores alone (`Seat._given_by_them`),
    and what a way down kept for the deadline reads (its id, its condition, the chapter's turn)."""
    names = set(planner.look_names(s, phase))
    names.add("phase_turn")
    n = s.negotiation
    if n is not None:
        for term in n.terms:
            if term.giver is side.other:
                names.add(f"{term.id}_agreed")
                names.update(e.name for e in term.on_agree if e.value is True)
    for d in _ways_down(s, phase, side):
        names.add(d.id)
        if d.requires is not None:
            names.update(d.requires.names)
    return tuple(sorted(names))


@cache
def _ways_down(s: Scenario, phase: str, side: Side) -> tuple[Decision, ...]:
    """A side's once-only deeds of a chapter that take the risk down (the same every turn)."""
    return tuple(
        d
        for d in s.phase(phase).decisions.get(side, ())
        if d.once and any(e.name == "risk" and e.value is None and e.delta < 0 for e in d.effects)
    )
