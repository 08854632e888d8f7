"""What a player is told about how the game is played: how each side wins, and who the opponent is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.markup import escape

from game.sides import SIDES, Side

if TYPE_CHECKING:
    from game.model import Scenario

# Light at import (the new-game screen reads `about_policy` before its first paint): the AI and the
# session (the engine) are imported by the functions that read a scenario.

KIND_NAMES = {
    "settlement": "a settlement",
    "standoff": "a standoff",
    "limited-war": "a limited war",
    "nuclear-war": "nuclear war",
}


def how_to_win(s: Scenario, side: Side) -> str:
    """What `side`'s scores reward, read from the scenario's endings: shown before the first decision."""
    from game.ui.session import leader

    tracks = {t.id: t.label for t in s.tracks}
    lines = [f"[b]HOW TO WIN, AS {escape(leader(s, side).upper())}[/b]"]
    lines.append("[$text-muted]Every ending scores you from 0 to 10 on each count:[/]")
    for axis, label in s.axes.items():
        by_kind: dict[str, int] = {}
        low: dict[str, int] = {}
        terms: set[str] = set()
        """Kinds of ending whose score on this axis depends on the terms agreed."""
        read: list[str] = []
        for e in s.endings:
            expr = e.scores.get(side, {}).get(axis)
            if expr is None:
                continue
            if any(n in tracks for n in expr.names):
                read += [n for n in sorted(expr.names) if n in tracks and n not in read]
                continue
            values = _range(expr)  # the terms agreed and the flags it reads, each way
            if len(set(values)) > 1:
                terms.add(e.kind.value)
            for value in values:
                by_kind[e.kind.value] = max(by_kind.get(e.kind.value, 0), value)
                low[e.kind.value] = min(low.get(e.kind.value, 10), value)
        parts = []
        if read:
            parts.append(_moved_by(s, side, axis))
            if by_kind:
                parts.append(
                    f"at most {max(by_kind.values())} in "
                    + " or ".join(KIND_NAMES.get(k, k) for k in by_kind)
                )
        elif len(set(by_kind.values()) | set(low.values())) > 1:
            best = max(by_kind, key=lambda k: by_kind[k])
            worst = min(low, key=lambda k: low[k])
            top = f"up to {by_kind[best]}, with the terms agreed" if best in terms else str(by_kind[best])
            parts.append(
                f"highest in {KIND_NAMES.get(best, best)} ({top}), "
                f"lowest in {KIND_NAMES.get(worst, worst)} ({low[worst]})"
            )
        if parts:
            lines.append(f"• [b]{escape(label)}[/b]: {escape('; '.join(parts))}.")
        elif axis == "history":
            lines.append(f"• [b]{escape(label)}[/b]: how near your game comes to what really happened.")
    return "\n".join(lines)


def _range(expr: Any) -> list[int]:
    """What a score that reads no track can come to: each name it reads (a term agreed, a flag) false
    and true, every way (up to 2**8), or nothing if it cannot be worked out."""
    names = sorted(expr.names)[:8]
    out = []
    for bits in range(2 ** len(names)):
        env = {n: bool(bits >> i & 1) for i, n in enumerate(names)}
        try:
            out.append(min(max(int(expr(env)), 0), 10))  # scores are from 0 to 10
        except (KeyError, TypeError, ValueError):
            return []
    return out


def _moved_by(s: Scenario, side: Side, axis: str) -> str:
    """Which tracks raise and which lower `side`'s score on `axis` where it reads them: each track
    nudged up and down from its start in every ending's expression, the others held at theirs."""
    base: dict[str, Any] = {t.id: t.start for t in s.tracks}
    bounds = {t.id: (t.min, t.max) for t in s.tracks}
    effect: dict[str, float] = {}
    for e in s.endings:
        expr = e.scores.get(side, {}).get(axis)
        if expr is None or not expr.names:
            continue
        for name in sorted(expr.names & bounds.keys()):
            lo, hi = bounds[name]
            for step in (-3, -1, 1, 3):
                moved = min(max(base[name] + step, lo), hi)
                if moved == base[name]:
                    continue
                try:
                    diff = float(expr({**base, name: moved})) - float(expr(base))
                except (KeyError, TypeError, ValueError, ZeroDivisionError):
                    continue
                effect[name] = effect.get(name, 0.0) + diff / (moved - base[name])
    label = {t.id: t.label for t in s.tracks}
    up = [label[n] for n, v in effect.items() if v > 0]
    down = [label[n] for n, v in effect.items() if v < 0]
    said = []
    if up:
        said.append("higher with " + _and(up))
    if down:
        said.append("lower with " + _and(down))
    return "at the end, " + ("; ".join(said) or "read from " + _and([label[n] for n in effect]))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


POLICY_WORDS = {
    "historical": "does what the leader really did, sending the real letters on their dates",
    "random": "picks any open order at random",
}


def about_policy(policy: str) -> str:
    """The computer opponent in a few words before its scenario has been read (a negotiator's
    character is the scenario's data: `personality`)."""
    return POLICY_WORDS.get(policy) or f"negotiates as a {policy}"


def personality(s: Scenario, policy: str) -> str:
    """The computer opponent's character in a few words, read from the scenario's personality data."""
    from game.ai.negotiator import personality as find_personality

    if policy in POLICY_WORDS:
        return POLICY_WORDS[policy]
    try:
        p = find_personality(s, policy)
    except KeyError:
        return policy
    if p.description:
        return " ".join(p.description.split())
    pace = "late" if p.concession < 1 else "early" if p.concession > 1 else "steadily"
    words = [f"concedes {pace}"]
    if p.escalates:
        words.append("threatens when insulted")
    if not p.complies:
        words.append("may drag its feet on promises")
    return ", ".join(words)


def opponent(s: Scenario, humans: frozenset[Side], policy: str, wide: bool = True) -> str:
    """Who plays the other side: the computer and its personality (described when wide), or a player."""
    from game.ui.session import leader

    if len(humans) > 1:
        return "[$text-muted]vs a second player at this keyboard[/]"
    other = next(side for side in SIDES if side not in humans)
    line = f"[$text-muted]vs[/] [b]{escape(leader(s, other))}[/b]"
    line += f" [$text-muted]·[/] [b $accent]{escape(policy)}[/]"
    return line + (f"\n[$text-muted]{escape(personality(s, policy))}[/]" if wide else "")
