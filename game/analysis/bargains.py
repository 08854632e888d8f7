"""Measures of the talks in finished games, for the benches and the tests (never for the AI): whether
an agreement is Pareto-optimal among the terms open when it was proposed, by both sides' TRUE values
as the scenario declares them (which no negotiator reads), its joint value against the best joint
value open, proposals repeating their sender's last, broken promises, and a side's bluffs.

A *bluff* is a threat not carried out: a threatening letter after which its sender takes no hawkish
deed before the threat runs out (`WINDOW` turns). A bluff is *caught* (called) when the side it
threatened neither accepts anything from it nor steps back (a dovish deed) in that time: the threat
bought nothing and was seen to be empty. A broken promise is *caught* when the world sees it (the
term was given in public, or its secret leaked), which is when the rules lay the audience cost on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from game.ai.values import deal_value, offer_value
from game.diplomacy import Answer, Negotiation, Offer, Timing, Tone, Verification
from game.engine.match import Game, SideView
from game.engine.negotiation import open_terms
from game.engine.rules import env_of
from game.engine.state import Move
from game.model import Scenario, Side, Stance

Policy = Callable[[Scenario, SideView, int], Move]
WINDOW = 4
"""Turns a threat hangs over the talks (the negotiators' `seat.THREATS`)."""
EPS = 1e-9


@dataclass
class Talks:
    """Counts over one game or many (added with `+=`)."""

    games: int = 0
    with_deal: int = 0
    agreements: int = 0
    pareto: int = 0
    joint: float = 0.0
    """The agreements' joint value (both sides' true values added)."""
    best_joint: float = 0.0
    """The best joint value open at each agreement, added."""
    clash: int = 0
    obligations: int = 0
    broken: int = 0
    proposals: int = 0
    repeats: int = 0
    letters: int = 0
    texts: set[str] = field(default_factory=set)
    threats: dict[Side, int] = field(default_factory=lambda: dict.fromkeys(Side, 0))
    bluffs: dict[Side, int] = field(default_factory=lambda: dict.fromkeys(Side, 0))
    called: dict[Side, int] = field(default_factory=lambda: dict.fromkeys(Side, 0))
    breaks: dict[Side, int] = field(default_factory=lambda: dict.fromkeys(Side, 0))
    exposed: dict[Side, int] = field(default_factory=lambda: dict.fromkeys(Side, 0))
    """Broken promises the world saw (public, or leaked): the audience cost paid."""

    def __iadd__(self, other: Talks) -> Talks:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, set):
                mine |= value
            elif isinstance(value, dict):
                for k, v in value.items():
                    mine[k] += v
            else:
                setattr(self, name, mine + value)
        return self

    def share(self, part: str, whole: str) -> float:
        """`part` as a share of `whole`, 0 when there is none."""
        total = getattr(self, whole)
        return getattr(self, part) / total if total else 0.0


def play(s: Scenario, policies: dict[Side, Policy], seed: int) -> tuple[Game, dict[str, tuple[str, ...]]]:
    """A whole game, and the terms open on each date it passed through."""
    game = Game(s, seed)
    open_at: dict[str, tuple[str, ...]] = {}
    n = s.negotiation
    while not game.is_over():
        if n is not None and game.state.date not in open_at:
            open_at[game.state.date] = tuple(open_terms(n, env_of(s, game.state)))
        for side in game.sides_to_act():
            game.apply(policies[side](s, game.view(side), seed))
    return game, open_at


def measure(s: Scenario, game: Game, open_at: dict[str, tuple[str, ...]]) -> Talks:
    """The talks of one finished game."""
    n = s.negotiation
    out = Talks(games=1)
    if n is None:
        return out
    st = game.state
    made = [a for a in st.agreements if a.proposal]
    out.with_deal = int(bool(made))
    mail = {m.id: m for m in st.mail}
    for index, a in enumerate(st.agreements):
        for o in a.obligations:
            out.obligations += 1
            if o.status == "broken":
                out.broken += 1
                out.breaks[o.giver] += 1
                out.exposed[o.giver] += o.public or o.term in st.leaked
        if not a.proposal:
            continue
        out.agreements += 1
        terms = [o.term for o in a.obligations]
        out.clash += n.clash(terms) is not None
        proposal = mail[a.proposal]
        standing = frozenset(
            o.term for b in st.agreements[:index] for o in b.obligations if o.status != "broken"
        )
        # what the agreement binds: the proposal's terms less those agreed since it was sent (the
        # rules drop them), a term promised for 'later' and now given a date included
        offers = tuple(o for o in (*proposal.letter.gives, *proposal.letter.demands) if o.term in terms)
        standing -= set(terms)
        open_then = open_at.get(proposal.sent[:10]) or tuple(terms)
        k = deal_value(n, Side.KENNEDY, offers, standing=standing)
        v = deal_value(n, Side.KHRUSHCHEV, offers, standing=standing)
        points = frontier(n, [t for t in {*open_then, *terms} if t not in standing], standing)
        out.pareto += not beaten(points, k, v)
        out.joint += k + v
        out.best_joint += max(a2 + b2 for a2, b2 in points)
    last: dict[Side, tuple] = {}
    for m in st.mail:
        out.letters += 1
        out.texts.add(m.letter.text)
        if not m.letter.is_proposal or m.letter.answer is Answer.ACCEPT:
            continue
        out.proposals += 1
        key = (m.letter.gives, m.letter.demands)
        out.repeats += last.get(m.sender) == key
        last[m.sender] = key
    _bluffs(s, game, out)
    return out


def beaten(points: list[tuple[float, float]], k: float, v: float) -> bool:
    """Whether some point is worth at least (k, v) to both sides and more to one (Kennedy, Khrushchev)."""
    return any(a >= k - EPS and b >= v - EPS and a + b > k + v + EPS for a, b in points)


def pareto_optimal(
    n: Negotiation, offers: tuple[Offer, ...], open_terms: list[str], standing: frozenset[str] = frozenset()
) -> bool:
    """Whether no bundle of `open_terms` beats the deal on `offers` for both sides (true values)."""
    k, v = (deal_value(n, side, offers, standing=standing) for side in (Side.KENNEDY, Side.KHRUSHCHEV))
    return not beaten(frontier(n, open_terms, standing), k, v)


def _bluffs(s: Scenario, game: Game, out: Talks) -> None:
    st = game.state
    turns = {rec.date: i for i, rec in enumerate(st.log)}
    deeds = [{m.side: s.decision(m.decision).stance for m in rec.moves} for rec in st.log]
    for m in st.mail:
        if m.letter.tone is not Tone.THREATENING:
            continue
        side = m.sender
        out.threats[side] += 1
        start = turns.get(m.sent[:10])
        if start is None:
            continue
        window = deeds[start + 1 : start + 1 + WINDOW]
        if any(d.get(side) is Stance.HAWK for d in window):
            continue  # carried out
        out.bluffs[side] += 1
        dates = {rec.date for rec in st.log[start + 1 : start + 1 + WINDOW]} | {st.log[start].date}
        yielded = any(d.get(side.other) is Stance.DOVE for d in window) or any(
            r.sender is side.other and r.letter.answer is Answer.ACCEPT and r.sent[:10] in dates
            for r in st.mail
        )
        out.called[side] += not yielded


def frontier(n: Negotiation, terms: list[str], standing: frozenset[str]) -> list[tuple[float, float]]:
    """Every (Kennedy, Khrushchev) value of a bundle of `terms` that no other bundle beats for both,
    by the scenario's values, bundles that break an `excludes` left out; the terms with relations
    are enumerated together, the rest merged one by one."""
    related = {t for t in terms if n.term(t).needs or n.term(t).excludes}
    related |= {x for t in terms for x in n.term(t).needs if x in terms}
    related |= {x for t in terms for x in n.term(t).excludes if x in terms}
    plain = [t for t in terms if t not in related]
    K, S = Side.KENNEDY, Side.KHRUSHCHEV
    points = [(0.0, 0.0)]
    for t in plain:
        options = [(offer_value(n, K, o), offer_value(n, S, o)) for o in variants(n, t)]
        points = _prune([(a + x, b + y) for a, b in points for x, y in [(0.0, 0.0), *options]])
    heads: list[tuple[float, float]] = []
    for picks in product(*[[None, *variants(n, t)] for t in sorted(related)]):
        chosen = [o for o in picks if o is not None]
        if n.clash(o.term for o in chosen):
            continue
        heads.append(
            (deal_value(n, K, chosen, standing=standing), deal_value(n, S, chosen, standing=standing))
        )
    heads = _prune(heads)
    return _prune([(a + x, b + y) for a, b in heads for x, y in points])


def variants(n: Negotiation, t: str) -> list[Offer]:
    """Every way of writing term `t` that the rules allow."""
    term = n.term(t)
    return [
        Offer(t, public, timing, 0, verification)
        for public in ((True,) if term.public_only else (True, False))
        for timing in (Timing.NOW, Timing.LATER)
        for verification in (Verification if term.verifiable else (Verification.NONE,))
    ]


def _prune(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    points = sorted(set(points), key=lambda p: (-p[0], -p[1]))
    out: list[tuple[float, float]] = []
    best = float("-inf")
    for a, b in points:
        if b > best:
            out.append((a, b))
            best = b
    return out
