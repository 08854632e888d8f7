"""The scenario's paths played for `crisis validate`'s continuity check: every text a side is shown,
with the state it is shown in (the check itself is `game/scenario/lint_continuity.py`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import product

from game.ai.policies import QUIET
from game.engine.match import Game
from game.engine.rules import env_of
from game.model import SIDES, Fires, Problem, Scenario
from game.scenario.lint_continuity import Sighting, briefing_label, check, undeclared

GAMES_PER_PAIR = 2
"""Games of each policy pair (25 pairs) that `crisis validate` plays per scenario."""
MAX_TURNS = 300
"""A game is cut off after this many turns (no scenario runs so long; a bound, not a rule)."""


def sightings(
    s: Scenario,
    games_per_pair: int = GAMES_PER_PAIR,
    seed: int = 1,
    pairs: Sequence[tuple[str, str]] | None = None,
) -> Iterator[Sighting]:
    """Every chapter briefing (each turn of its chapter, as told then), every event's text (in the
    state after the turn it fired), every decision's description (when it is chosen) and the
    ending's epilogue (in the final state), over
    `games_per_pair` seeded games of every pair of policies (or of `pairs`: Kennedy's, Khrushchev's)."""
    for k, (a, b) in enumerate(pairs if pairs is not None else product(QUIET, repeat=2)):
        # letters' words are not among the texts checked: the same games without them (QUIET)
        policies = dict(zip(SIDES, (QUIET[a], QUIET[b]), strict=True))
        for n in range(games_per_pair):
            game_seed = seed + k * games_per_pair + n
            game = Game(s, game_seed)
            where = f"seed {game_seed}, {a} v {b}"
            env = env_of(s, game.state)
            for e in game.state.opening:
                event = s.event(e)
                yield Sighting(
                    event, f"event {e!r}", event.text, env, f"{where}, as the game opens", game.state.date
                )
            while not game.is_over() and game.state.turn <= MAX_TURNS:
                st = game.state
                here = f"{where}, turn {st.turn} ({st.date}, phase {st.phase!r})"
                phase = s.phase(st.phase)
                for side in SIDES:
                    brief = phase.briefing[side]
                    told = brief.told(env)
                    what = briefing_label(st.phase, side, brief, told)
                    yield Sighting(told, what, told.text, env, here)
                for side in game.sides_to_act():
                    move = policies[side](s, game.view(side), game_seed)
                    d = s.decision(move.decision)
                    yield Sighting(d, f"decision {d.id!r}", d.description, env, here, st.date)
                    game.apply(move)
                env = env_of(s, game.state)
                record = game.state.log[-1]
                after = f"{where}, the report of turn {record.turn} ({record.date}, phase {record.phase!r})"
                for e in record.events:
                    event = s.event(e)
                    # an event of the chapter just entered tells its opening, on the chapter's first day
                    day = game.state.date if event.fires is Fires.ENTER else record.date
                    yield Sighting(event, f"event {e!r}", event.text, env, after, day)
            outcome = game.outcome()
            if outcome is not None:  # the epilogue, read in the state the game ended in
                end = s.ending(outcome.ending)
                what = f"the epilogue of ending {end.id!r}"
                yield Sighting(end, what, end.epilogue, env, f"{where}, at the end")


def continuity(s: Scenario, games_per_pair: int = GAMES_PER_PAIR, seed: int = 1) -> list[Problem]:
    """Texts that name a fact without declaring it, and texts shown where their facts are false."""
    return sorted({*undeclared(s), *check(s, sightings(s, games_per_pair, seed))})
