"""Headless games between policies, and what they add up to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from game.ai.policies import Policy
from game.engine.game import Game
from game.engine.letters import Mail, Obligation, Offer
from game.model import SIDES, Scenario, Side


def play(s: Scenario, policies: dict[Side, Policy], seed: int) -> Game:
    """Play one game to its end, each side moved by its policy."""
    game = Game(s, seed)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(policies[side](s, game.view(side), seed))
    return game


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
            {
                "turn": r.turn,
                "date": r.date,
                "phase": r.phase,
                "moves": {m.side.value: m.decision for m in r.moves},
                "historical": {m.side.value: s.decision(m.decision).historical for m in r.moves},
                "events": list(r.events),
                "rolls": [
                    {"event": x.event, "p": x.p, "draw": round(x.draw, 6), "fired": x.fired} for x in r.rolls
                ],
                "to": r.to,
                "letters_sent": [_letter(s, mail[i]) for i in r.sent],
                "letters_received": [_letter(s, mail[i]) for i in r.delivered],
                "agreements_made": list(r.agreed),
                "obligations": list(r.kept),
                "leaks": list(r.leaks),
                "agreements_in_force": [a.id for a in st.agreements if a.date <= r.date],
            }
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
    }


def _letter(s: Scenario, mail: Mail) -> dict[str, Any]:
    n = s.negotiation
    channel = n.channel(mail.letter.channel) if n else None
    return {
        "id": mail.id,
        "from": mail.sender.value,
        "channel": mail.letter.channel,
        "public": bool(channel and channel.public),
        "tone": mail.letter.tone.value,
        "answer": mail.letter.answer.value if mail.letter.answer else None,
        "reply_to": mail.letter.reply_to,
        "gives": [_offer(o) for o in mail.letter.gives],
        "demands": [_offer(o) for o in mail.letter.demands],
        "sent": mail.sent,
        "arrives": mail.arrives,
        "real": mail.letter.real or None,
        "text": mail.letter.text,
    }


def _offer(o: Offer) -> dict[str, Any]:
    return {
        "term": o.term,
        "secret": not o.public,
        "timing": o.timing.value,
        "days": o.days,
        "verification": o.verification.value,
    }


def _obligation(o: Obligation) -> dict[str, Any]:
    return {
        "term": o.term,
        "by": o.giver.value,
        "secret": not o.public,
        "verification": o.verification.value,
        "due": o.due,
        "status": o.status,
    }


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


def many(s: Scenario, policies: dict[Side, Policy], seed: int, runs: int) -> dict[str, Any]:
    """Play `runs` games with seeds seed, seed+1, ... and tally their endings."""

    def each() -> Iterable[tuple[str, str]]:
        for n in range(runs):
            game = play(s, policies, seed + n)
            out = game.outcome()
            assert out is not None
            yield out.ending, out.kind.value

    return tally(s, each())
