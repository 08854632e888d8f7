"""Headless games between policies, and what they add up to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from game.ai.policies import Policy
from game.engine.game import Game
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
            }
            for r in st.log
        ],
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
