"""The plain line-by-line game in the terminal (`crisis play --text`), saved after every turn."""

from __future__ import annotations

import random as _random
from pathlib import Path

from game import text_promises as _promises
from game.ai.policies import POLICIES
from game.chapter_turns import turns_left
from game.engine import rules
from game.engine.letters import Letter, awaiting_answer
from game.engine.match import Game
from game.engine.objectives import axis_label
from game.engine.state import Move
from game.engine.war_orders import war_orders, warning
from game.engine.word import reads_public
from game.fold import fold
from game.launch import this_launch
from game.model import SIDES, Scenario, Side
from game.promises import order_breaks, owed
from game.scenario import catalog
from game.text_letters import answer as _answer
from game.text_letters import arrivals as _arrivals
from game.text_letters import offer_label as _offer_label
from game.text_letters import wrap as _wrap
from game.text_saves import Ask, Saver
from game.text_saves import Quit as _Quit


def run(
    scenario: str,
    side: str | None,
    opponent: str,
    seed: int | None,
    ask: Ask | None = None,
    *,
    objectives: bool = True,
) -> int:
    """Play one game (with hidden `objectives` or not); `ask` reads a line (input() by default).
    Returns the exit status.

    The game is saved after every turn (like the Textual game); `q` saves and quits.
    """
    s = catalog.get(scenario)
    ask = ask or input
    print(f"\n  {s.title.upper()}\n")
    print(_wrap(s.summary))
    print("\n  (crisis --help lists the other commands: simulate, validate, graph, scenarios)\n")
    try:
        side = side or _choose_side(ask)
    except (EOFError, KeyboardInterrupt, _Quit):
        print("\n  Game abandoned: no turn was played, so there is nothing to save.")
        return 0
    seed = seed if seed is not None else _random.randrange(1, 100000)
    against = "two players at this terminal" if side == "both" else f"Opponent: {opponent}"
    print("\n" + _wrap(f"Seed {seed}. {against}. {_HINT}") + "\n")
    game = Game(s, seed, objectives=objectives)
    for e in game.state.opening:
        _event(s, e)
    return _play(game, side, opponent, ask)


_HINT = "Type the number of a decision; 'a' for your advisors; '?' for help; 'q' to save and quit."
_HELP = """  At the prompt:
    1, 2, ...  give that decision (an order that may start a war asks first)
    a          what your advisors recommend
    y / x      accept / reject the newest letter that waits for your answer
    y L3e      accept another (x L3e rejects it); it goes with your order
    p          your promises; p 2 break (or delay, keep) chooses for the 2nd
    q          save and quit (the game is saved after every turn)
    ?          this help"""


def _play(game: Game, side: str, opponent: str, ask: Ask, *, source: Path | None = None) -> int:
    """The turns until the end, saving after each; `q`, end of input or Ctrl-C save and stop.
    `source`: the file a resumed game came from (quitting before a turn names it)."""
    s = game.scenario
    humans = set(SIDES) if side == "both" else {Side(side)}
    sides = {x.value: "human" if x in humans else opponent for x in SIDES}
    policy, seed, seen_phase = POLICIES[opponent], game.state.seed, ""
    saver = Saver(game, sides, ask)
    known = {m.id for m in game.state.mail}  # letters told of before: a resumed game's old mail
    saver.source = source
    try:
        while not game.is_over():
            if game.state.phase != seen_phase:
                seen_phase = game.state.phase
                print(f"\n  === {s.phase(seen_phase).title.upper()} ===")
            for who in game.sides_to_act():
                if who in humans:
                    if len(humans) > 1:
                        ask(f"\n  -- Pass the keyboard to {s.sides[who].short}; press Enter --")
                    game.apply(_human_move(game, who, ask, known))
                else:
                    game.apply(policy(s, game.view(who), seed))
            _after_turn(game, humans)
            saver()
    except (EOFError, KeyboardInterrupt, _Quit):
        print(fold(f"\n  {saver.farewell()}", commands=(this_launch().command,)))
        return 0
    finally:
        from game.persistence import lock

        lock.release_all()  # the game is over or left: its save is no longer open here
    _ending(game, next(iter(humans)) if len(humans) == 1 else None)
    if saver.error is not None:
        print(fold(f"\n  {saver.farewell()}", commands=(this_launch().command,)))
    return 0


def _choose_side(ask: Ask) -> str:
    print("  Play as:  [1] Kennedy   [2] Khrushchev   [3] both (two players, one keyboard)")
    while True:
        answer = ask("  > ").strip().lower()
        for key, name in (("1", "kennedy"), ("2", "khrushchev"), ("3", "both")):
            if answer in (key, name, name[:3]):
                return name
        if answer == "q":
            raise _Quit
        print("  Type 1, 2 or 3 (or q to quit).")


def _human_move(game: Game, side: Side, ask: Ask, known: set[str] | None = None) -> Move:
    s, view = game.scenario, game.view(side)
    phase = s.phase(view.phase)
    _arrivals(s, view.letters, side, set() if known is None else known, view.date)
    left = turns_left(s, view.phase, view.turns_left)  # as the full game says it
    print(f"\n  {view.date}  {s.sides[side].leader}  ({left})")
    if game.state.phase_turn == 0:
        print(_wrap(view.briefing or phase.briefing[side].text))
        if view.objectives and view.objectives[-1].chapter == view.phase:
            aim = view.objectives[-1].objective
            print(_wrap(f"Your hidden aim (secret; scored at the end): {aim.title}. {aim.text}"))
    meters = "  ".join(f"{s.track(t).label}: {v}" for t, v in view.tracks.items())
    print(_wrap(meters, "  | "))
    wars = {d: warning(s, to) for d, to in war_orders(s, game.state, side).items()}
    breaking = order_breaks(s, view)
    for n, move in enumerate(view.legal, 1):
        d = s.decision(move.decision)
        print(_wrap(f"[{n}] {d.label}", "  ").replace("\n  ", "\n      "))
        print(_wrap(d.description, "      "))
        if move.decision in breaking:
            print(_wrap(breaking[move.decision], "      "))
        if move.decision in wars:
            print(_wrap(f"! {wars[move.decision]}", "      "))
    open_letters = awaiting_answer(view.letters, side)
    reply: Letter | None = None
    promised: _promises.Chosen = {}
    if owing := len(owed(view)):
        print(_wrap(f"You owe {owing} promise{'s' * (owing > 1)} under your agreements: 'p' lists them."))
    while True:
        typed = ask(f"  {s.sides[side].short} (? help) > ").strip()
        answer = typed.lower()
        if answer.isdigit() and 1 <= int(answer) <= len(view.legal):
            chosen = view.legal[int(answer) - 1]
            war = wars.get(chosen.decision)
            if war is not None and not _confirmed(s.decision(chosen.decision).label, war, ask):
                continue
            if reply is None and not promised:
                return chosen
            return Move(side, chosen.decision, reply, tuple(promised.items()))
        if answer.split()[:1] in (["y"], ["x"]):
            reply = _answer(game, side, open_letters, typed) or reply
            for n, decision, said in _promises.acceptance_breaks(s, view, reply, breaking):  # K1
                print(_wrap(f"[{n}] {s.decision(decision).label}: {said}", "      "))
            continue
        if answer == "q":
            raise _Quit
        if answer.split()[:1] == ["p"]:
            _promises.command(s, view, promised, typed)
            continue
        if answer in ("?", "h", "help"):
            print(_HELP)
            continue
        if answer.lstrip("-").isdigit():
            print(f"  {answer} is not one of the choices: type a number from 1 to {len(view.legal)}.")
            continue
        if answer == "a":
            for line in _counsel(s, view.phase, side, [m.decision for m in view.legal]):
                print(_wrap(line))
            continue
        letters = ", 'y'/'x' to accept/reject the letter" if open_letters else ""
        letters += ", 'p' for your promises" if owing else ""
        n = len(view.legal)
        print(
            _wrap(
                f"Type a number from 1 to {n}{letters}, 'a' for your advisors, '?' for help, "
                "or 'q' to save and quit."
            )
        )


def _counsel(s: Scenario, phase: str, side: Side, legal: list[str]) -> list[str]:
    """`side`'s advisors on the orders open today, each with its number: a chapter's counsel may urge an
    order of another day, which is left out (J17)."""
    names = {a.id: a for a in s.advisors if a.side is side}
    lines = [
        f"{names[c.advisor].name} ({names[c.advisor].role}): [{legal.index(c.recommends) + 1}] "
        f"{s.decision(c.recommends).label}. {c.reason}"
        for c in s.phase(phase).counsel
        if c.advisor in names and c.recommends in legal
    ]
    return lines or ["No advisor urges any of the orders open today."]


def _confirmed(label: str, war: str, ask: Ask) -> bool:
    """An order that may start a war goes only on a typed 'y' (its number typed again does not)."""
    print(_wrap(f'"{label}": {war}'))
    answer = ask("  Give this order? Type y to give it; anything else chooses again: ").strip().lower()
    if answer == "q":
        raise _Quit
    if answer in ("y", "yes"):
        return True
    print("  Not given. Choose again.")
    return False


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
    names = rules.read_env(s, game.state)  # a term leaked or revealed reads as public
    for agreement in (a for a in game.state.agreements if a.id in record.agreed):
        owed = "; ".join(
            f"{s.sides[o.giver].short}: {_offer_label(s, o.term, reads_public(o, names))}"
            for o in agreement.obligations
        )
        whence = f", letter {agreement.proposal} accepted" if agreement.proposal else ""
        print("\n" + _wrap(f"AGREED ({agreement.id}{whence}): {owed}"))
    for e in record.events:
        if viewer is None or viewer in s.event(e).known_to:
            _event(s, e)
    _news(game, viewer)


def _news(game: Game, viewer: Side | None) -> None:
    """The last turn's news of the negotiation as `viewer` (with two players, Kennedy) saw it: promises
    kept, late or broken, leaks, confidences broken, words gone back on (agreements are told above)."""
    from game.analysis.told import news_words

    s = game.scenario
    log = game.view(viewer or Side.KENNEDY).log
    for n in log[-1].news if log else ():
        if n.kind != "agreed":
            head, body = news_words(s, n, viewer)
            print("\n" + _wrap(f"{head.upper()}: {body}"))


def _ending(game: Game, viewer: Side | None) -> None:
    from game.analysis.account import account  # only at the end of a game
    from game.analysis.deal_words import epilogue
    from game.analysis.debrief import aim_rows
    from game.analysis.history import ON_ITS_DATE, history_share, steps
    from game.analysis.history_score import axes_words, beside_history

    s, out = game.scenario, game.outcome()
    assert out is not None
    end = s.ending(out.ending)
    print(f"\n  {'=' * 60}\n  {end.headline}\n  {'=' * 60}")
    print(_wrap(epilogue(s, game.state)))
    for line in account(s, game.state):
        print(_wrap(line))
    print(
        "\n"
        + _wrap(
            f"{end.kind.value}{' - as it really happened' if end.historical else ''}; "
            f"{history_share(steps(game)):.0%} of the orders were the ones {ON_ITS_DATE}."
        )
    )
    for side in SIDES:
        scores = ", ".join(f"{axis_label(s, a)} {v}" for a, v in out.scores[side].items())
        print(_wrap(f"{s.sides[side].short}: {scores}"))
    if beside := beside_history(s, out, viewer):  # what history scored: a side may start ahead
        print(_wrap(f"{axes_words(s)} added up: {beside}."))
    for row in aim_rows(s, out.objectives):
        print(_wrap(f"{s.sides[row.side].short}'s hidden aim: {row}"))


def resume(game: Game, side: str | None, opponent: str, ask: Ask | None = None) -> int:
    """Go on with a loaded game in the plain text game, saving after every turn."""
    ask = ask or input
    s = game.scenario
    try:
        side = side or _choose_side(ask)
    except (EOFError, KeyboardInterrupt, _Quit):
        print("\n  Nothing was played; the save is as it was.")
        return 0
    st = game.state
    if game.is_over():  # (an ended save, opened to read how it ended: K15)
        print(f"\n  {s.title.upper()}: the game ended on {st.date} (seed {st.seed})")
    else:
        print(f"\n  {s.title.upper()}: resuming on {st.date}, turn {st.turn}, seed {st.seed}")
        print(_wrap(_HINT) + "\n")
    from game.persistence import home

    return _play(game, side, opponent, ask, source=home(game))
