"""A plain line-by-line game in the terminal, until the Textual game lands."""

from __future__ import annotations

import random as _random
import shutil
import textwrap
from collections.abc import Callable

from game.ai.policies import POLICIES
from game.engine.game import Game
from game.engine.state import Move
from game.model import SIDES, Scenario, Side
from game.scenario import catalog

Ask = Callable[[str], str]


def _wrap(text: str, indent: str = "  ") -> str:
    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 2
    return textwrap.fill(" ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent)


def run(scenario: str, side: str | None, opponent: str, seed: int | None, ask: Ask = input) -> int:
    """Play one game; `ask` reads a line (input() by default). Returns the exit status."""
    s = catalog.get(scenario)
    try:
        return _play(s, side, opponent, seed, ask)
    except (EOFError, KeyboardInterrupt):
        print("\n  Game abandoned.")
        return 0


def _choose_side(ask: Ask) -> str:
    print("  Play as:  [1] Kennedy   [2] Khrushchev   [3] both (two players, one keyboard)")
    while True:
        answer = ask("  > ").strip().lower()
        for key, name in (("1", "kennedy"), ("2", "khrushchev"), ("3", "both")):
            if answer in (key, name, name[:3]):
                return name
        print("  Type 1, 2 or 3.")


def _play(s: Scenario, side: str | None, opponent: str, seed: int | None, ask: Ask) -> int:
    print(f"\n  {s.title.upper()}\n")
    print(_wrap(s.summary))
    print("\n  (crisis --help lists the other commands: simulate, validate, graph, scenarios)\n")
    side = side or _choose_side(ask)
    humans = set(SIDES) if side == "both" else {Side(side)}
    seed = seed if seed is not None else _random.randrange(1, 100000)
    print(f"\n  Seed {seed}. Opponent: {opponent}. Type the number of a decision; 'a' for your advisors.\n")
    game, policy, seen_phase = Game(s, seed), POLICIES[opponent], ""
    for e in game.state.opening:
        _event(s, e)
    while not game.is_over():
        if game.state.phase != seen_phase:
            seen_phase = game.state.phase
            print(f"\n  === {s.phase(seen_phase).title.upper()} ===")
        for who in game.sides_to_act():
            if who in humans:
                if len(humans) > 1:
                    ask(f"\n  -- Pass the keyboard to {s.sides[who].short}; press Enter --")
                game.apply(_human_move(game, who, ask))
            else:
                game.apply(policy(s, game.view(who), seed))
        _after_turn(game, humans)
    _ending(game)
    return 0


def _human_move(game: Game, side: Side, ask: Ask) -> Move:
    s, view = game.scenario, game.view(side)
    phase = s.phase(view.phase)
    print(f"\n  {view.date}  {s.sides[side].leader}  ({view.turns_left} more turn(s) in this phase)")
    if game.state.phase_turn == 0:
        print(_wrap(phase.briefing[side].text))
    meters = "  ".join(f"{s.track(t).label}: {v}" for t, v in view.tracks.items())
    print(_wrap(meters, "  | "))
    for n, move in enumerate(view.legal, 1):
        d = s.decision(move.decision)
        print(f"  [{n}] {d.label}")
        print(_wrap(d.description, "      "))
    while True:
        answer = ask(f"  {s.sides[side].short} > ").strip().lower()
        if answer.isdigit() and 1 <= int(answer) <= len(view.legal):
            return view.legal[int(answer) - 1]
        if answer == "a":
            for c in phase.counsel:
                adv = next(a for a in s.advisors if a.id == c.advisor)
                if adv.side is side:
                    print(_wrap(f"{adv.name} ({adv.role}): {s.decision(c.recommends).label}. {c.reason}"))
            continue
        print(f"  Type a number from 1 to {len(view.legal)}, or 'a' for your advisors.")


def _event(s: Scenario, event_id: str) -> None:
    e = s.event(event_id)
    print(f"\n  {'*** FLASH *** ' if e.flash else ''}{e.title}")
    print(_wrap(e.text))


def _after_turn(game: Game, humans: set[Side]) -> None:
    s = game.scenario
    viewer = next(iter(humans)) if len(humans) == 1 else None
    record = game.state.log[-1]
    for move in record.moves:
        d = s.decision(move.decision)
        hidden = viewer is not None and move.side is not viewer and d.covert
        print(f"\n  {s.sides[move.side].short}: {'(a move you did not see)' if hidden else d.label}")
        if move.side in humans and d.note:
            print(_wrap(f"In history: {d.note}", "    "))
    for e in record.events:
        if viewer is None or viewer in s.event(e).known_to:
            _event(s, e)


def _ending(game: Game) -> None:
    s, out = game.scenario, game.outcome()
    assert out is not None
    end = s.ending(out.ending)
    print(f"\n  {'=' * 60}\n  {end.headline}\n  {'=' * 60}")
    print(_wrap(end.epilogue))
    print(
        f"\n  {end.kind.value}{' - as it really happened' if end.historical else ''}; "
        f"{out.history_share:.0%} of the moves were history's."
    )
    for side in SIDES:
        scores = ", ".join(f"{s.axes[a]} {v}" for a, v in out.scores[side].items())
        print(f"  {s.sides[side].short}: {scores}")


def resume(game: Game, side: str | None, opponent: str, ask: Ask | None = None) -> int:
    """Go on with a loaded game in the plain text game, autosaving after every turn."""
    from game.persistence import autosave

    ask = ask or input
    s = game.scenario
    side = side or _choose_side(ask)
    humans = set(SIDES) if side == "both" else {Side(side)}
    sides = {x.value: "human" if x in humans else opponent for x in SIDES}
    policy, seed = POLICIES[opponent], game.state.seed
    print(f"\n  {s.title.upper()}: resuming on {game.state.date}, turn {game.state.turn}, seed {seed}\n")
    try:
        while not game.is_over():
            for who in game.sides_to_act():
                if who in humans:
                    game.apply(_human_move(game, who, ask))
                else:
                    game.apply(policy(s, game.view(who), seed))
            _after_turn(game, humans)
            autosave(game, sides=sides)
    except (EOFError, KeyboardInterrupt):
        print("\n  Game saved; resume it with crisis play --load.")
        return 0
    _ending(game)
    return 0
