"""Headless games between policies, and what they add up to."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from game import schema
from game.ai.policies import Policy
from game.engine.history import given_on_its_date
from game.engine.letters import Mail, Obligation, Offer
from game.engine.match import Game
from game.engine.objectives import Judged
from game.model import SIDES, Scenario, Side


def play(s: Scenario, policies: dict[Side, Policy], seed: int, *, objectives: bool = False) -> Game:
    """Play one game to its end, each side moved by its policy (with hidden `objectives` or not)."""
    game = Game(s, seed, objectives=objectives)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(policies[side](s, game.view(side), seed))
    return game


@dataclass
class Timed:
    """One policy playing both sides, per decision: CPU seconds choosing (thread time, so that other work
    on a busy machine does not count) and building the view it reads, wall seconds choosing; letters."""

    think: list[float] = field(default_factory=list)
    look: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    letters: int = 0


def timed(s: Scenario, policy: Policy, seeds: Iterable[int]) -> Timed:
    """Play one game per seed with `policy` on both sides, timing each decision (the benches' clock)."""
    out = Timed()
    for seed in seeds:
        game = Game(s, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                t0 = time.thread_time()
                view = game.view(side)
                t1, w1 = time.thread_time(), time.perf_counter()
                move = policy(s, view, seed)
                out.think.append(time.thread_time() - t1)
                out.wall.append(time.perf_counter() - w1)
                out.look.append(t1 - t0)
                out.letters += move.letter is not None
                game.apply(move)
    return out


def p99(xs: list[float]) -> float:
    """The 99th percentile (the nearest rank below)."""
    return sorted(xs)[int(0.99 * (len(xs) - 1))]


def report(game: Game) -> dict[str, Any]:
    """One finished game as a JSON-ready dict."""
    s, st = game.scenario, game.state
    out = game.outcome()
    assert out is not None
    mail = {m.id: m for m in st.mail}
    return {
        "scenario": s.id,
        "seed": st.seed,
        "ending": out.ending,
        "kind": out.kind.value,
        "headline": out.headline,
        "historical": out.historical,
        "date": st.log[-1].date if st.log else st.date,
        "history_share": out.history_share,
        "scores": {side.value: out.scores[side] for side in SIDES},
        "tracks": dict(st.tracks),
        "flags": sorted(st.flags),
        "opening": list(st.opening),
        "turns": [
            schema.view(
                r,
                TURN,
                moves={m.side.value: m.decision for m in r.moves},
                historical={m.side.value: given_on_its_date(s, r.phase, r.date, m) for m in r.moves},
                rolls=[{**x, "draw": round(x["draw"], 6)} for x in schema.dump(r.rolls)],
                letters_sent=[_letter(s, mail[i]) for i in r.sent],
                letters_received=[_letter(s, mail[i]) for i in r.delivered],
                agreements_made=list(r.agreed),
                obligations=list(r.kept),
                agreements_in_force=[a.id for a in st.agreements if a.date <= r.date],
            )
            for r in st.log
        ],
        "agreements": [
            {
                "id": a.id,
                "date": a.date,
                "terms": [_obligation(o) for o in a.obligations],
                "disputed": [{"side": side.value, "term": term} for side, term in a.disputed],
            }
            for a in st.agreements
        ],
        "leaked": sorted(st.leaked),
        "blocked": sorted(st.blocked),
        **({"objectives": [_aim(j) for j in out.objectives]} if st.objectives_on else {}),
    }


def _aim(j: Judged) -> dict[str, Any]:
    return {
        "side": j.aim.side.value,
        "chapter": j.aim.chapter,
        "id": j.aim.objective.id,
        "title": j.aim.objective.title,
        "points": j.aim.objective.points,
        "met": j.met,
    }


TURN = (
    "turn", "date", "phase", "moves", "historical", "events", "rolls", "to", "letters_sent",
    "letters_received", "agreements_made", "obligations", "leaks", "agreements_in_force",
)  # fmt: skip
"""A report's turn: the record's fields, with moves and letters spelled out for a reader."""
LETTER = (
    "id", "from", "channel", "public", "tone", "answer", "reply_to", "gives", "demands", "sent",
    "arrives", "real", "text",
)  # fmt: skip


def _letter(s: Scenario, mail: Mail) -> dict[str, Any]:
    n = s.negotiation
    channel = n.channel(mail.letter.channel) if n else None
    given = {"id": mail.id, "from": mail.sender.value, "sent": mail.sent, "arrives": mail.arrives}
    return schema.view(
        mail.letter,
        LETTER,
        **given,
        public=bool(channel and channel.public),
        gives=[_offer(o) for o in mail.letter.gives],
        demands=[_offer(o) for o in mail.letter.demands],
        real=mail.letter.real or None,
    )


def _offer(o: Offer) -> dict[str, Any]:
    return schema.view(o, ("term", "secret", "timing", "days", "verification"), secret=not o.public)


def _obligation(o: Obligation) -> dict[str, Any]:
    keys = ("term", "by", "secret", "verification", "due", "status")
    return schema.view(o, keys, by=o.giver.value, secret=not o.public)


def tally(s: Scenario, outcomes: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Counts per ending and per kind from (ending, kind) pairs."""
    endings: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    runs = 0
    for ending, kind in outcomes:
        runs += 1
        endings[ending] += 1
        kinds[kind] += 1
    return {
        "scenario": s.id,
        "runs": runs,
        "endings": dict(endings.most_common()),
        "kinds": dict(kinds.most_common()),
        "historical": endings[s.historical_ending.id],
    }


def many(
    s: Scenario, policies: dict[Side, Policy], seed: int, runs: int, *, objectives: bool = False
) -> dict[str, Any]:
    """Play `runs` games with seeds seed, seed+1, ... and tally their endings."""

    def each() -> Iterable[tuple[str, str]]:
        for n in range(runs):
            game = play(s, policies, seed + n, objectives=objectives)
            out = game.outcome()
            assert out is not None
            yield out.ending, out.kind.value

    return tally(s, each())


def fingerprint(
    s: Scenario, policies: dict[Side, Policy], seeds: Iterable[int], *, objectives: bool = False
) -> tuple[str, dict[str, int]]:
    """A hash of the final state of one game per seed, and the count of each ending: an equal hash
    means equal games (the digest holds the log through its running hash, the trail)."""
    h = hashlib.blake2b(digest_size=8)
    ends: Counter[str] = Counter()
    for seed in seeds:
        state = play(s, policies, seed, objectives=objectives).state
        h.update(f"{seed}:{state.ending}:{state.digest()};".encode())
        ends[str(state.ending)] += 1
    return h.hexdigest(), dict(sorted(ends.items()))
