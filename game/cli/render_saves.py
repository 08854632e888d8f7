"""Renderings of saved games: replay, the tree of lines, a comparison, an exploration (text and JSON)."""

from __future__ import annotations

from typing import Any

from game import schema
from game.analysis.explore import alternative_label
from game.analysis.history import ON_ITS_DATE, Step, diverged_at, step_dict
from game.analysis.odds import bracket, percent
from game.cli import replay_json
from game.cli.options import who as _who
from game.cli.render import talk_lines
from game.engine import injects
from game.engine.match import Game
from game.engine.state import GameState
from game.model import SIDES, Scenario, Side
from game.persistence import Loaded


def replay_text(loaded: Loaded, rows: list[Step]) -> str:
    """A saved game turn by turn, where it left history, how it ended, and its lines."""
    game, s, meta = loaded.game, loaded.game.scenario, loaded.meta
    lines = [
        f"{s.title} - seed {meta.seed}, line {meta.line!r} of {len(meta.lines)}",
        sides_line(s, meta.sides, meta.names),
    ]
    lines += [LEGEND, ""]
    for r, record in zip(rows, game.state.log, strict=True):
        lines += _step_lines(
            s, r, _inject_lines(s, game.state, record.turn) + talk_lines(s, game.state, record)
        )
    lines.append("")
    first = diverged_at(rows)
    if first is None:
        lines.append("  Every move was what really happened.")
    else:
        r = rows[first - 1]
        for side in SIDES:
            if r.left_history(side):
                was = r.history[side]
                real = s.decision(was).label if was else "(no historical option)"
                took = s.decision(r.moves[side].decision).label
                lines.append(
                    f"  Left history at turn {r.turn} ({r.date}): {_who(s, side)}: {took}; history: {real}"
                )
    out = game.outcome()
    if out is not None:
        end = s.ending(out.ending)
        lines.append(f"  {end.headline}")
        real = " - as it really happened" if end.historical else ""
        lines.append(f"  kind of ending: {end.kind.value.replace('-', ' ')}{real}")  # not its id (J14)
    else:
        lines.append(f"  Not over: next is turn {game.state.turn}, {game.state.date}.")
    if loaded.stopped is not None:
        lines.append(f"  The save goes on, but no longer replays: stopped at {loaded.stopped}.")
    if len(meta.lines) > 1:
        lines += ["", "  Lines in this save:"]
        lines += [f"    {text}" for text in tree_lines(loaded)]
    return "\n".join(lines)


LEGEND = (
    f"  * an order {ON_ITS_DATE}; (history: ...) the order given that date instead\n"
    "  [history gave it on ...] an order played on another date than history's\n"
    "  > a letter sent   = an agreement struck   ! an incident, a promise not kept, a leak"
)


def sides_line(s: Scenario, sides: dict[str, str], names: dict[str, str] | None = None) -> str:
    """Who played each side: 'Kennedy: a player · Khrushchev: the computer (pragmatist)'; a network
    game's players by the names they gave ('Kennedy: ann')."""

    def who(side: Side) -> str:
        player = sides.get(side.value, "?")
        if player == "human":
            return (names or {}).get(side.value) or "a player"
        return f"the computer ({player})"

    return "  " + " · ".join(f"{_who(s, side)}: {who(side)}" for side in SIDES)


def compare_text(s: Scenario, c: Any, a: Game, b: Game, names: tuple[str, str]) -> str:
    """Where two games part, side by side, and what followed in each."""
    lines = [f"A: {names[0]}  (seed {a.state.seed})", f"B: {names[1]}  (seed {b.state.seed})", ""]
    if c.at is None:
        lines.append(f"  The two games are the same: {c.shared} turns alike.")
        return "\n".join(lines)
    if c.shared:
        lines.append(f"  Turns 1-{c.shared} played alike.")
    ra = c.a[c.at - 1] if c.at <= len(c.a) else None
    rb = c.b[c.at - 1] if c.at <= len(c.b) else None
    first = ra or rb
    assert first is not None
    lines.append(f"  They part at turn {c.at} ({first.date}), {s.phase(first.phase).title}:")
    width = 40
    lines.append(f"    {'':12}{'A':{width}}B")
    for side in SIDES:
        pa = _label(s, ra, side)
        pb = _label(s, rb, side)
        lines.append(f"    {_who(s, side):12}{pa[: width - 2]:{width}}{pb[: width - 2]}")
    ea = ", ".join(s.event(e).title for e in ra.events) if ra else "-"
    eb = ", ".join(s.event(e).title for e in rb.events) if rb else "-"
    if ea or eb:
        lines.append(f"    {'events':12}{(ea or '-')[: width - 2]:{width}}{(eb or '-')[: width - 2]}")
    lines += ["", "  What followed:"]
    for tag, game, rows in (("A", a, c.a), ("B", b, c.b)):
        lines.append(f"    {tag}: {_followed(s, game, rows[c.at - 1 :])}")
    return "\n".join(lines)


def replay_dict(loaded: Loaded, rows: list[Step]) -> dict[str, Any]:
    game, meta = loaded.game, loaded.meta
    out = game.outcome()
    return {
        "scenario": game.scenario.id,
        "seed": meta.seed,
        "line": meta.line,
        "lines": [schema.view(x, ("id", "parent", "branch_at", "turns", "ending")) for x in meta.lines],
        "sides": meta.sides,
        "names": meta.names,
        "over": game.is_over(),
        "ending": out.ending if out else None,
        "kind": out.kind.value if out else None,
        "headline": out.headline if out else None,
        "historical": out.historical if out else None,
        "scores": {side.value: out.scores[side] for side in SIDES} if out else None,
        "diverged_at": diverged_at(rows),
        "turns": [
            {**step_dict(game.scenario, r), "injects": _injects(game.scenario, game.state, r.turn)}
            for r in rows
        ],
        "tracks": dict(game.state.tracks),
        "letters": replay_json.letters(game.scenario, game.state),  # shapes: game/cli/replay_json.py
        "agreements": replay_json.agreements(game.scenario, game.state),
        "stopped": loaded.stopped.to_dict() if loaded.stopped else None,
    }


def _injects(s: Scenario, st: GameState, turn: int) -> list[dict[str, Any]]:
    """The facilitator's injects of a turn (a class's table), whose effects count as it resolves (H12):
    each its catalogue id ('' for the facilitator's own words), kind, audience, title and text."""
    return [
        {"id": item.id, "kind": item.kind.value, "to": to, "title": item.title, "text": item.text}
        for to, item in injects.sent_in(s, st, turn)
    ]


def _inject_lines(s: Scenario, st: GameState, turn: int) -> list[str]:
    """`_injects` as the text replay's lines."""
    out = []
    for x in _injects(s, st, turn):
        who = "both" if x["to"] == "all" else _who(s, Side(x["to"]))
        title = f"{x['title']}: " if x["title"] else ""
        out.append(f"       {'':>11}  ! INJECT ({x['kind']}, to {who}): {title}{x['text']}")
    return out


def _step_lines(s: Scenario, r: Step, talk: list[str]) -> list[str]:
    out = [f"  {r.turn:>3}  {r.date}  [{s.phase(r.phase).title}]"]
    for side in SIDES:
        d = s.decision(r.moves[side].decision)
        line = f"       {_who(s, side):>11}: {d.label}{'' if r.left_history(side) else ' *'}"
        was = r.history[side]
        if r.left_history(side):
            line += f"    (history: {s.decision(was).label})" if was else "    (off history)"
            if d.taken_on:  # history's order, on other dates (the old star's 'taken in the crisis')
                line += f" [history gave it on {', '.join(x.isoformat() for x in d.taken_on)}]"
        out.append(line)
    out += talk
    for e in r.events:
        ev = s.event(e)
        out.append(f"       {'':>11}  ! {'FLASH: ' if ev.flash else ''}{ev.title}")
    if r.to and not s.is_ending(r.to):
        out.append(f"       {'':>11}  -> {s.phase(r.to).title}")
    return out


def tree_lines(loaded: Loaded) -> list[str]:
    """The save's lines as an indented tree, the loaded one marked."""
    s, meta = loaded.game.scenario, loaded.meta
    children: dict[str | None, list[Any]] = {}
    for x in meta.lines:
        children.setdefault(x.parent, []).append(x)
    out: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for x in children.get(parent, []):
            mark = "*" if x.id == meta.line else " "
            where = f"from turn {x.branch_at}" if x.branch_at else "the first line"
            end = f", ended: {s.headline(x.ending)}" if x.ending else ", not over"
            label = f" {x.label!r}" if x.label else ""
            first = _first_own_move(s, x)
            out.append(f"{mark} {'  ' * depth}{x.id}{label}: {where}{first}, {x.turns} turns{end}")
            walk(x.id, depth + 1)

    walk(None, 0)
    return out


def _first_own_move(s: Scenario, x: Any) -> str:
    if not x.branch_at:
        return ""
    own = [e.move for e in x.moves if e.turn == x.branch_at]
    names = []
    for m in own:
        try:
            names.append(f"{_who(s, m.side)}: {s.decision(m.decision).label}")
        except KeyError:  # a decision the scenario no longer has (edited since the save)
            names.append(f"{m.side.value}: {m.decision}")
    return f" ({'; '.join(names)})" if names else ""


def _label(s: Scenario, r: Step | None, side: Side) -> str:
    if r is None:
        return "(not played)"
    d = s.decision(r.moves[side].decision)
    return d.label + ("" if r.left_history(side) else " *")


def _followed(s: Scenario, game: Game, rows: list[Step]) -> str:
    from game.analysis.history import risk_track

    risk = risk_track(s).id
    phases = [s.phase(r.to).title for r in rows if r.to and not s.is_ending(r.to)]
    flashes = [s.event(e).title for r in rows for e in r.events if s.event(e).flash]
    peak = max((r.after[risk] for r in rows), default=game.state.track(risk))
    parts = [f"{len(rows)} turn(s)"]
    if phases:
        parts.append("then " + " -> ".join(phases))
    if flashes:
        parts.append("flashes: " + ", ".join(flashes))
    parts.append(f"risk peaked at {peak}")
    out = game.outcome()
    if out is not None:
        scores = "; ".join(
            f"{_who(s, side)} " + "/".join(str(v) for v in out.scores[side].values()) for side in SIDES
        )
        parts.append(f"ending {s.headline(out.ending)} ({out.kind.value}), scores {scores}")
    else:
        parts.append("not over")
    return "; ".join(parts)


def compare_dict(s: Scenario, c: Any, a: Game, b: Game, names: tuple[str, str]) -> dict[str, Any]:
    def side(game: Game, rows: list[Step], name: str) -> dict[str, Any]:
        out = game.outcome()
        return {
            "game": name,
            "ending": out.ending if out else None,
            "kind": out.kind.value if out else None,
            "turns": [step_dict(s, r) for r in rows[(c.at or 1) - 1 :]],
        }

    return {"shared": c.shared, "diverged_at": c.at, "a": side(a, c.a, names[0]), "b": side(b, c.b, names[1])}


def explore_text(x: Any) -> str:
    s: Scenario = x.scenario
    lines = [
        f"What if? {s.title}: turn {x.turn} ({x.date}), {s.phase(x.phase).title}",
        f"{x.runs} runs per alternative; after it, each side played by one of {', '.join(x.policies)}; "
        f"seed {x.seed}",
        "In brackets: the 95% interval of each share over these runs (alternatives whose intervals",
        "overlap may not differ at all; more --runs narrow them).",
        "",
    ]
    current = object()
    for row in x.rows:
        alt = row.alternative
        if alt.side is not current:
            current = alt.side
            if alt.side is not None:
                other = x.played[alt.side.other]
                held = (
                    f"{_who(s, alt.side.other)}'s move held as played: {s.decision(other.decision).label}"
                    if other
                    else f"{_who(s, alt.side.other)} played by the policies"
                )
                lines.append(f"{_who(s, alt.side)} ({held})")
            else:
                lines.append("Both sides' moves")
        name = alternative_label(x, alt)
        marks = ("  [as played]" if alt.played else "") + ("  [history]" if alt.historical else "")
        kinds = ", ".join(
            f"{k.replace('-', ' ')} {percent(n, row.runs)} {bracket(n, row.runs)}"
            for k, n in row.kinds.items()
        )
        lines.append(f"  {name}{marks}: {kinds}")
        endings = ", ".join(f"{s.ending(e).headline} {percent(n, row.runs)}" for e, n in row.endings.items())
        lines.append(f"      {endings}")
    return "\n".join(lines)
