"""A model of the other side, learned from what it proposes, refuses and does (never from the scenario's
values for it): what each term seems worth to it, how low it seems willing to go, and how it acts."""

from __future__ import annotations

from collections import Counter
from itertools import count

from game.ai.values import deal_value, make_room, offer_value
from game.diplomacy import Answer, Negotiation, Offer, Timing, Verification
from game.engine.letters import Letter, Mail
from game.engine.match import SeenTurn, SideView
from game.model import Scenario, Stance
from game.sides import Side

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
PREFER = 0.5
"""How much more a counter-proposal is taken to be worth to its sender than the proposal it counters."""
NAMED = 0.3
"""How far each proposal of theirs that names a term moves its value to them towards the most it
can be (they keep asking for it, or keep offering it: it matters to them, or it is cheap to give)."""
DROPPED = 0.5
"""How far a proposal that leaves out a term they named before moves it towards the least it can be
(the first thing given up is what they care least about)."""
RANGE = 1.0
"""How far beyond the dearest term to me a belief may go (the range the terms can take)."""
WAYS = 0.25
"""How far, as a share of that range, how they write a term can move its value."""
CONTESTED = 0.25
"""How much more they are taken to like a way of writing a term (public, a timing, a verification)
than the way I wrote it, for each proposal of theirs that writes it their way after mine while
giving ground elsewhere (a side that stands firm on everything says nothing about one way). The
side the way matters more to holds out longer, so the way ends up written as it is worth most to
both (Jupiters in confidence, missiles out now); results move with it: 0.2 and 0.3 are worse in
the campaign (bench/bargain_results.txt)."""
REFUSED = 0.5
"""How far a term of a proposal of mine that their counter-proposal leaves out moves towards the
least it can be to them (what they will not give is dear to them; what they do not take, cheap)."""
SWEEPS = 8
"""How many times the evidence is gone over to bring the beliefs in line with all of it."""
SEEN = 3.0
"""The deeds of each stance they are taken to have shown before any is seen: one hawkish deed makes
them 4 in 10 likely to take another, not one in two."""

Evidence = tuple[tuple[tuple[str, float], ...], float]
"""One thing they showed, as a bound on the beliefs: sum(coefficient * shift of the term) >= bound."""


class Counterpart:
    """Beliefs about the other side. The prior is a mirror: a term is worth to them what it costs or
    gives me, the other way round, damped. What they do then moves it, never beyond the range a term
    can take (what they receive is worth between nothing and the dearest term to me, what they give
    costs them as much at most): a term they name in a proposal moves a share of the way towards the
    most it can be, and again each time they insist on it; one they drop after naming it, or leave out
    of their counter to a proposal of mine, a share of the way towards the least. So a consistent
    side's beliefs settle, where a count of letters grew without end. Then the beliefs are brought in
    line with what they showed: a proposal of theirs, or one of mine they accepted, is worth something
    to them; a counter-proposal more than the proposal it counters."""

    def __init__(self, s: Scenario, n: Negotiation, view: SideView) -> None:
        self.n, self.me, self.them = n, view.side, view.side.other
        self._values: dict[Offer, float] = {}
        key = (self.me, _read(self.me, view.letters))
        table = _learned(n)
        found = table.get(key)
        if found is None:  # what the letters taught is worked out once for the same letters
            shift, self.ways = _persistence(n, self.me, _proposals(n, self.me, view))
            self.shift = _fit(n, self.me, shift, _evidence(n, self.me, view))
            self.beliefs = _number(
                table, (self.me, tuple(sorted(self.shift.items())), tuple(sorted(self.ways.items())))
            )
            self.floor = self._floor(view)
            self.about = _about(table, self.me, self.shift, self.ways)
            if len(table) > LEARNED:
                table.clear()
            table[key] = (self.shift, self.ways, self.floor, self.beliefs, self.about)
        else:
            self.shift, self.ways, self.floor, self.beliefs, self.about = found
        self.stances = _stances(s, self.them, view.log)
        """How often they have taken each stance of deed (plus `SEEN` of each, to begin with); shared
        with the next decision's model, never changed."""

    shift: dict[str, float]
    """Per term: how far what they showed moved its value to them from the prior."""
    ways: dict[tuple[str, str], float]
    """Per term and way of writing it: how much they seem to like it written so."""
    about: dict[str, int]
    """Per term the letters moved: a number for the beliefs about that term alone (`shift` and
    `ways`), the same for the same beliefs; a term they did not move has none."""
    floor: float
    """The least they seem to take: above every proposal of mine they turned down (nothing known
    until they turn one down)."""
    beliefs: int
    """A number for these beliefs (`shift` and `ways`), the same for the same beliefs, whatever
    letters taught them: what is worked out from the beliefs alone is remembered under it (`bundles`)."""

    def _floor(self, view: SideView) -> float:
        floor = float("-inf")
        mine = {m.id: m for m in view.letters if m.sender is self.me}
        for mail in view.letters:
            answered = mine.get(mail.letter.reply_to or "")
            if (
                mail.sender is self.them
                and mail.delivered
                and answered is not None
                and mail.letter.answer in (Answer.REJECT, Answer.COUNTER)
            ):
                turned_down = self.value_of((*answered.letter.gives, *answered.letter.demands))
                floor = max(floor, turned_down + STEP)
        return floor

    def value(self, offer: Offer) -> float:
        """What one term seems worth to them: the mirror, moved as far as what they showed asks,
        and, where nothing tells the ways of writing it apart, a little more assurance (verified,
        public, soon) for the side that receives it (worked out once per term and ways, per turn)."""
        found = self._values.get(offer)
        if found is None:
            key = (self.beliefs, offer)  # the number of these beliefs, this side's (never reused)
            found = _BELIEVED.get(key)
            if found is None:
                if len(_BELIEVED) > LEARNED * 8:
                    _BELIEVED.clear()
                found = _BELIEVED[key] = self.believed(offer.term, *written(self.n, self.me, offer))
            self._values[offer] = found
        return found

    def believed(self, term: str, prior: tuple[float, float, float], ways: tuple[str, str, str]) -> float:
        """`value` of the term written the `ways`, its `written` prior `prior`."""
        mirror, assurance, most = prior
        learned = self.shift.get(term, 0.0)
        learned += sum(self.ways.get((term, way), 0.0) for way in ways)
        return min(max(mirror + learned, -most), most) + assurance  # never beyond the range

    def value_of(self, offers: tuple[Offer, ...]) -> float:
        return sum(self.value(o) for o in offers)


Proposal = tuple[tuple[Offer, ...], tuple[Offer, ...], tuple[Offer, ...]]
"""One proposal of theirs: its terms, those of the proposal of mine it counters (or nothing), and
those of my latest proposal sent before it (what it answers, countered or not)."""


def _proposals(n: Negotiation, me: Side, view: SideView) -> list[Proposal]:
    """Their proposals as they reached this side (one sent again is insistence, and counts again),
    each with the proposal of mine it counters (or nothing) and, if it gives me more than their
    one before it (they are bargaining, not standing firm), my latest one sent before it."""
    mine = {m.id: m.letter for m in view.letters if m.sender is me}
    out = []
    latest: tuple[Offer, ...] = ()
    before = float("inf")
    for mail in sorted(view.letters, key=lambda m: (m.sent, m.sender is me.other)):
        if mail.sender is me and mail.letter.is_proposal and mail.letter.answer is not Answer.ACCEPT:
            latest = (*mail.letter.gives, *mail.letter.demands)
        if mail.sender is me.other and mail.delivered and mail.letter.is_proposal:
            answered = mine.get(mail.letter.reply_to or "") if mail.letter.answer is Answer.COUNTER else None
            countered = (*answered.gives, *answered.demands) if answered is not None else ()
            theirs = (*mail.letter.gives, *mail.letter.demands)
            worth = deal_value(n, me, theirs)
            moved, before = worth > before + 1e-9, worth
            out.append((theirs, countered, (countered or latest) if moved else ()))
    return out


def _persistence(
    n: Negotiation, me: Side, proposals: list[Proposal]
) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Per term, the shift that their proposals' naming it (`NAMED`) and leaving it out after naming
    it (`DROPPED`), and a term of a proposal of mine left out of their counter to it (`REFUSED`),
    make, within the term's range; and per term and way of writing it (public or secret, a timing,
    a verification), how much more they like it written their way than mine: `CONTESTED` more for
    each proposal of theirs that writes a term of my latest proposal otherwise (a war of attrition
    in which the side the way matters more to holds out longer)."""
    table = _learned(n)
    key = ("persistence", me, tuple(proposals))
    found = table.get(key)
    if found is not None:
        return found
    before = table.get(("persistence", me, tuple(proposals[:-1]))) if proposals else None
    if before is not None:  # one proposal more than a turn ago: go on from there
        shift, ways = dict(before[0]), dict(before[1])
        proposals = proposals[-1:]
    else:
        shift, ways = {}, {}
    lo, hi = _ranges(n, me)
    bound = WAYS * _dearest(n, me)
    for offers, countered, asked in proposals:
        named = {o.term for o in offers}
        for t in {o.term for o in countered} - named:
            s = shift.get(t, 0.0)
            shift[t] = s - REFUSED * (s - lo[t])
        for t in named:
            s = shift.get(t, 0.0)
            shift[t] = s + NAMED * (hi[t] - s)
        for t in shift.keys() - named:
            s = shift[t]
            shift[t] = s - DROPPED * (s - lo[t])
        mine = {o.term: _ways(o) for o in asked}
        for o in offers:
            for way in _ways(o):  # the way they chose rises; of the others it says nothing
                s = ways.get((o.term, way), 0.0)
                ways[(o.term, way)] = s + NAMED * (bound - s)
            for way, my_way in zip(_ways(o), mine.get(o.term, ()), strict=False):
                if way != my_way:  # contested: theirs rises, mine falls, within the bound
                    for w, sign in ((way, 1.0), (my_way, -1.0)):
                        ways[(o.term, w)] = min(
                            max(ways.get((o.term, w), 0.0) + sign * CONTESTED / 2, -bound), bound
                        )
    table[key] = (shift, ways)
    return shift, ways


def written(
    n: Negotiation, me: Side, offer: Offer
) -> tuple[tuple[float, float, float], tuple[str, str, str]]:
    """What `Counterpart.believed` needs of an offer that no letter changes: its prior and the ways
    it is written."""
    return _prior(n, me, offer), _ways(offer)


def _ways(offer: Offer) -> tuple[str, str, str]:
    return ("public" if offer.public else "secret", offer.timing.value, offer.verification.value)


def _evidence(n: Negotiation, me: Side, view: SideView) -> list[Evidence]:
    """What their letters showed, as bounds on the shifts, oldest first."""
    them = me.other
    mine = {m.id: m for m in view.letters if m.sender is me}
    out: list[Evidence] = []
    for mail in view.letters:
        if mail.sender is not them or not mail.delivered:
            continue
        letter = mail.letter
        answered = mine.get(letter.reply_to or "")
        theirs = (*letter.gives, *letter.demands)
        if letter.answer is Answer.ACCEPT and answered is not None:
            out.append(_above(n, me, (*answered.letter.gives, *answered.letter.demands), (), 0.0))
            continue
        if not letter.is_proposal:
            continue
        out.append(_above(n, me, theirs, (), 0.0))  # what they propose is worth having to them
        if answered is not None and letter.answer is Answer.COUNTER:
            out.append(_above(n, me, theirs, (*answered.letter.gives, *answered.letter.demands), PREFER))
    return [e for e in out if e[0]]


def _above(
    n: Negotiation, me: Side, better: tuple[Offer, ...], worse: tuple[Offer, ...], by: float
) -> Evidence:
    """`better` is worth at least `by` more to them than `worse`, as a bound on the shifts."""
    table = _learned(n)
    key = ("above", me, better, worse, by)
    found = table.get(key)
    if found is not None:
        return found
    coef: dict[str, float] = {}
    bound = by
    for sign, offers in ((1.0, better), (-1.0, worse)):
        for o in offers:
            coef[o.term] = coef.get(o.term, 0.0) + sign
            bound -= sign * _prior(n, me, o)[0]
    found = table[key] = (tuple((t, c) for t, c in coef.items() if c), bound)
    return found


def _fit(n: Negotiation, me: Side, shift: dict[str, float], evidence: list[Evidence]) -> dict[str, float]:
    """The shifts nearest `shift` that the evidence allows (each bound, when broken, met by moving
    its terms alike, the latest last, `SWEEPS` times over), each kept within the term's range."""
    if not evidence:
        return shift
    shift = dict(shift)  # a copy: the one given is remembered for the next turn (`_persistence`)
    lo, hi = _ranges(n, me)
    for _ in range(SWEEPS):
        moved = False
        for coef, bound in evidence:
            short = bound - sum(c * shift.get(t, 0.0) for t, c in coef)
            if short <= 1e-9:
                continue
            step = short / sum(c * c for _, c in coef)
            for t, c in coef:
                shift[t] = min(max(shift.get(t, 0.0) + c * step, lo[t]), hi[t])
            moved = True
        if not moved:
            break
    return shift


def _dearest(n: Negotiation, me: Side) -> float:
    return RANGE * max((abs(t.value.get(me, 0)) for t in n.terms), default=0.0)


_RANGES: dict[int, tuple[Negotiation, dict[Side, tuple[dict[str, float], dict[str, float]]]]] = {}


def _ranges(n: Negotiation, me: Side) -> tuple[dict[str, float], dict[str, float]]:
    """Per term, how far its shift may go (low, high): what they receive is worth between nothing
    and the dearest term to me, what they give costs them as much at most (once per negotiation)."""
    found = _RANGES.get(id(n))
    if found is None or found[0] is not n:
        make_room(_RANGES)
        found = _RANGES[id(n)] = (n, {})
    if me not in found[1]:
        dearest = _dearest(n, me)
        lo: dict[str, float] = {}
        hi: dict[str, float] = {}
        for t in n.terms:
            prior = _prior(n, me, Offer(t.id, public=False))[0]
            if t.giver is me:
                lo[t.id], hi[t.id] = -max(prior, 0.0), max(dearest - prior, 0.0)
            else:
                lo[t.id], hi[t.id] = min(-dearest - prior, 0.0), max(-prior, 0.0)
        found[1][me] = (lo, hi)
    return found[1][me]


_LEARNED: dict[int, tuple[Negotiation, dict]] = {}
"""Per negotiation (by identity): what the letters taught, for the same letters (shift, ways, floor),
the same proposals (`_persistence`) and the same bound (`_above`)."""
LEARNED = 4096
"""How many sets of letters a negotiation's table remembers before it starts again."""


def forget() -> None:
    """Empty this module's tables (`negotiator.forget`)."""
    for table in (_RANGES, _LEARNED, _TERMS, _READ, _PRIORS, _BELIEVED, _STANCES, _READING):
        table.clear()


_READING: dict[Side, tuple[tuple[Mail, ...], tuple]] = {}
"""Per side, the last letters a model read and what it read of them (`_read`)."""


def _read(me: Side, letters: tuple[Mail, ...]) -> tuple:
    """What the model reads of `letters` (each one's id, whether its own, whether delivered, and
    `_terms`): read on from what the side's last view showed when `letters` goes on from it (the
    next turn's view), not from the first letter again."""
    done, read = _READING.get(me, ((), ()))
    if letters[: len(done)] != done:
        done, read = (), ()
    if len(letters) > len(done):
        read = read + tuple(
            (m.id, m.sender is me, m.delivered, _terms(m.letter)) for m in letters[len(done) :]
        )
        _READING[me] = (letters, read)
    return read


_BELIEVED: dict[tuple[int, Offer], float] = {}
"""(the number of a side's beliefs, an offer) -> what the offer seems worth to the other side
(`Counterpart.value`): the same beliefs come back turn after turn while no letter moves them."""
_STANCES: dict[Side, tuple[Scenario, tuple[SeenTurn, ...], Counter[Stance]]] = {}
"""Per side whose deeds are counted: the scenario, the last log counted and its count."""


def _stances(s: Scenario, them: Side, log: tuple[SeenTurn, ...]) -> Counter[Stance]:
    """How often `them` took each stance of deed in `log` (plus `SEEN` of each): counted on from the
    count of the log last asked when `log` goes on from it (the next turn's view), not from the
    first turn again. The count returned is shared: never changed."""
    found = _STANCES.get(them)
    if found is not None and found[0] is s and log[: len(found[1])] == found[1]:
        done, counts = found[1], found[2]
    else:
        done, counts = (), Counter(dict.fromkeys(Stance, SEEN))
    if len(log) > len(done) or found is None or found[1] is not done:
        counts = Counter(counts)
        for seen in log[len(done) :]:
            for m in seen.moves:
                if m is not None and m.side is them:
                    counts[s.decision(m.decision).stance] += 1
        _STANCES[them] = (s, log, counts)
    return counts


def _learned(n: Negotiation) -> dict:
    found = _LEARNED.get(id(n))
    if found is None or found[0] is not n:
        make_room(_LEARNED)
        found = _LEARNED[id(n)] = (n, {})
    return found[1]


_TERMS: dict[int, tuple[Letter, int]] = {}
"""Per letter (by identity, the letter kept beside its number): a number for what the model reads
of it, the same for letters that say the same in other words (`_terms`)."""
_NUMBERS = count()


def _terms(letter: Letter) -> int:
    """A number for what the model reads of a letter: what it gives, demands, answers and how (not
    its words, tone or channel, which each game writes its own way); numbers are never used again,
    so a number in a table emptied and filled again still means what it meant."""
    found = _TERMS.get(id(letter))
    if found is None or found[0] is not letter:
        if len(_TERMS) > LEARNED:
            _TERMS.clear()
        read = (letter.gives, letter.demands, letter.reply_to, letter.answer)
        found = _TERMS[id(letter)] = (letter, _number(_READ, read))
    return found[1]


_READ: dict = {}
"""What letters said, as the model reads it -> its number (`_terms`)."""


def _number(table: dict, value: tuple) -> int:
    """The number `value` has in `table` (a new one, never used before, when it has none)."""
    key = ("number", value)
    found = table.get(key)
    if found is None:
        if len(table) > LEARNED:
            table.clear()
        found = table[key] = next(_NUMBERS)
    return found


def _about(
    table: dict, me: Side, shift: dict[str, float], ways: dict[tuple[str, str], float]
) -> dict[str, int]:
    """`Counterpart.about`: per term moved, its shift (or none) and how they like it written."""
    written: dict[str, list[tuple[str, float]]] = {}
    for (term, way), v in ways.items():
        written.setdefault(term, []).append((way, v))
    return {
        term: _number(table, (me, term, shift.get(term), tuple(sorted(written.get(term, ())))))
        for term in sorted(shift.keys() | written.keys())
    }


_PRIORS: dict[int, tuple[Negotiation, dict[tuple[Side, Offer], tuple[float, float, float]]]] = {}
"""Per negotiation (by identity, kept beside its table as in ai/values.py): (me, offer) -> what of a
term's value to them depends on the scenario's values only, worked out once, not at every turn."""


def _plain(n: Negotiation, me: Side, offer: Offer) -> float:
    """What the term is worth to me written plainly (in confidence, now, unchecked)."""
    return offer_value(n, me, Offer(offer.term, public=False))


def _prior(n: Negotiation, me: Side, offer: Offer) -> tuple[float, float, float]:
    """(the mirror less the damped ways of writing it, the receiver's assurance, the most it can be
    worth either way): the part of a term's value to them that their letters do not move. The most
    is the dearest term to me, a share more for each way of writing it they may show they like, and
    what the way it is written is worth to me."""
    found = _PRIORS.get(id(n))
    if found is None or found[0] is not n:
        make_room(_PRIORS)
        found = _PRIORS[id(n)] = (n, {})
    table = found[1]
    row = table.get((me, offer))
    if row is None:
        plain = _plain(n, me, offer)
        ways = offer_value(n, me, offer) - plain  # what the ways of writing it add, for me
        mirror = -plain
        mine = n.term(offer.term).giver is me
        if mine:
            mirror = GIVEN * min(mirror, DEAREST)
        sure = (offer.verification is not Verification.NONE) + offer.public + (offer.timing is Timing.NOW)
        most = (1 + 3 * WAYS) * _dearest(n, me) + abs(ways)
        row = table[(me, offer)] = (
            mirror - MODIFIERS * ways,
            (ASSURANCE if mine else -ASSURANCE) * sure,
            most,
        )
    return row
