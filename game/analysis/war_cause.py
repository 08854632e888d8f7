"""Why a game ended in war, told at its end (playtest 6, F5: a nuclear war after two of history's own
orders, with no reason given): the line crossed, what of the last turn and of the turns before pushed
the game over it (orders, letters, incidents), and both sides' orders of that turn, hidden no more."""

from __future__ import annotations

import re

from game.analysis.history import Step, steps
from game.engine.match import Game
from game.engine.state import GameState
from game.model import SIDES, Effect, Kind, Scenario

RECENT = 3
"""How many turns before the last are told, where the risk of war rose in them."""
WARS = frozenset({Kind.NUCLEAR_WAR, Kind.LIMITED_WAR})


def war_cause(s: Scenario, state: GameState) -> list[str]:
    """The cause of the war the game ended in, in plain lines ([] if it did not end in one)."""
    end = s.ending(state.ending) if state.ending else None
    if end is None or end.kind not in WARS or not state.log:
        return []
    rows = steps(Game(s, state=state))
    risk = s.risk.id
    last = rows[-1]
    lines = [f"Why it came to war: {_crossed(s, state, last)}."]
    pushed = _pushes(s, state, len(rows) - 1, last)
    if pushed:
        lines.append(f"What pushed it on the last turn ({last.date}): {pushed}.")
    orders = "; ".join(
        f"{s.leader(side)}: {quoted(s.decision(last.moves[side].decision).label)}" for side in SIDES
    )
    lines.append(f"The orders of that turn, both now told: {orders}.")
    before = [
        f"{r.date}, risk {r.before[risk]}→{r.after[risk]}: {_pushes(s, state, i, r) or 'the crisis itself'}"
        for i, r in enumerate(rows[:-1])
        if i >= len(rows) - 1 - RECENT and r.after[risk] > r.before[risk]
    ]
    if before:
        lines.append("The turns before: " + "; ".join(before) + ".")
    return lines


def _crossed(s: Scenario, state: GameState, last: Step) -> str:
    """Which line the game crossed: the risk of war at the top of its scale, and the facts of war
    the ending reads (nuclear weapons fired, forces fighting), with the order or incident that did it."""
    end = s.ending(state.ending or "")
    track = s.risk
    read = end.holds.names if end.holds is not None else frozenset()
    said = []
    if track.id in read and state.track(track.id) >= track.max:
        was, now = last.before[track.id], last.after[track.id]
        top = f"reached {track.max}, the top of its scale"
        said.append(f"the {track.label.lower()} {top} ({was}→{now} on {last.date})")
    described = {f.id: f.description for f in s.flags}
    for flag in sorted(read & state.flags & described.keys()):
        by = _set_by(s, last, flag)
        said.append(described[flag].rstrip(".") + (f" ({by})" if by else ""))
    return "; and ".join(said) or f"the game ended in {end.headline.lower()}"


def _set_by(s: Scenario, row: Step, flag: str) -> str:
    """The order or incident of `row`'s turn that set `flag` true ('' if none of them did)."""
    for side in SIDES:
        d = s.decision(row.moves[side].decision)
        if any(e.name == flag and e.value for e in d.effects):
            return f"{s.leader(side)}'s order {quoted(d.label)}"
    for e in row.events:
        if any(x.name == flag and x.value for x in s.event(e).effects):
            return f"the incident {quoted(s.event(e).title)}"
    return ""


def _pushes(s: Scenario, state: GameState, index: int, row: Step) -> str:
    """What raised the risk of war in a turn: each order, letter read and incident that moved it, with
    how much, and what is left over (chance, the scale's top) so that the parts add up to the change."""
    risk = s.risk.id
    parts: list[tuple[str, int]] = []
    for side in SIDES:
        d = s.decision(row.moves[side].decision)
        parts.append((f"{s.leader(side)}'s order {quoted(d.label)}", _delta(d.effects, risk)))
    record = state.log[index]
    tones = s.negotiation.tone_effects if s.negotiation is not None else {}
    for mail in (m for m in state.mail if m.id in record.delivered):
        shift = _delta(tones.get(mail.letter.tone, ()), risk)
        parts.append((f"{s.leader(mail.sender)}'s {mail.letter.tone.value} letter {mail.id}", shift))
    for e in row.events:
        parts.append((f"the incident {quoted(s.event(e).title)}", _delta(s.event(e).effects, risk)))
    told = [(what, n) for what, n in parts if n]
    rest = row.after[risk] - row.before[risk] - sum(n for _, n in told)
    if rest < 0 and row.after[risk] >= s.risk.max:
        told.append((f"the scale stops at {s.risk.max}", rest))
    elif rest:
        told.append(("chance and the rest of the turn", rest))
    return ", ".join(f"{what} ({n:+d})" for what, n in told)


def quoted(text: str) -> str:
    """`text` in double quotes, a quotation inside it in single ones (play-test G29: 'Khrushchev's
    order "Offer talks on a ‘free city’"', not '"Offer talks on a "free city""')."""
    inner = _INNER.sub(lambda m: f"‘{m.group(1)}’", text).replace("“", "‘").replace("”", "’")
    return f'"{inner}"'


_INNER = re.compile(r'"([^"]*)"')


def _delta(effects: tuple[Effect, ...], track: str) -> int:
    return sum(e.delta for e in effects if e.name == track and e.value is None)
