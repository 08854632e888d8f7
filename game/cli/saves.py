"""The `crisis` commands for saved games: replay, compare, explore, report; `play --load` and
`simulate --save`. `game/cli/__init__.py` registers them; the work is done in `game.persistence`."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any

from game.ai.policies import POLICIES
from game.analysis.history import Step, compare, diverged_at, step_dict, steps
from game.engine.game import Game
from game.model import SIDES, CrisisError, Scenario, Side
from game.persistence import Loaded, SaveError, load, write_atomic

COMMANDS = ("replay", "compare", "explore", "report")


def add_commands(sub: Any) -> None:
    """Add the save commands to the `crisis` subparsers."""
    rep = sub.add_parser("replay", help="print a saved game turn by turn, and where it left history")
    _save_arg(rep)
    rep.add_argument("--json", action="store_true", help="print JSON")

    cmp_ = sub.add_parser("compare", help="show where two saved games part, and what followed")
    cmp_.add_argument("a", metavar="A", help="a save file (FILE#LINE for one of its branches)")
    cmp_.add_argument(
        "b", metavar="B", nargs="?", help="another (default: A's line's parent in the same file)"
    )
    cmp_.add_argument("--json", action="store_true", help="print JSON")

    exp = sub.add_parser("explore", help="play every alternative at a turn forward, and count the endings")
    _save_arg(exp)
    exp.add_argument("--at", type=int, required=True, metavar="TURN", help="the turn to explore")
    exp.add_argument("--runs", type=int, default=200, help="games per alternative (default 200)")
    exp.add_argument("--seed", type=int, default=1, help="the seed of the runs (same seed, same table)")
    exp.add_argument("--jobs", type=int, default=None, help="processes (default: every core for large runs)")
    exp.add_argument(
        "--side", choices=["kennedy", "khrushchev", "both"], default="both", help="whose options to vary"
    )
    exp.add_argument("--pairs", action="store_true", help="every combination of both sides' moves instead")
    exp.add_argument(
        "--policies",
        default=None,
        help="the policies each run draws from for each side, comma-separated (default: all of them)",
    )
    exp.add_argument("--json", action="store_true", help="print JSON")
    exp.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr"
    )

    rpt = sub.add_parser("report", help="the debrief: decisions beside history, chart, scores, questions")
    _save_arg(rpt)
    rpt.add_argument("--format", choices=["md", "html"], default="md", help="Markdown or one HTML file")
    rpt.add_argument("-o", "--output", metavar="FILE", help="write it here (default: print it)")


def _save_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH", help="a save file (FILE#LINE for one of its branches)")
    p.add_argument("--line", help="the line (branch) to use (default: the one last played)")


def handlers() -> dict[str, Any]:
    return {"replay": _replay, "compare": _compare, "explore": _explore, "report": _report}


def _open(spec: str, line: str | None = None) -> Loaded:
    """Load `FILE` or `FILE#LINE`; say on stderr if the replay stopped short."""
    path, _, tag = spec.partition("#") if "#" in spec and not Path(spec).exists() else (spec, "", "")
    loaded = load(path, line=line or tag or None)
    if loaded.stopped is not None:
        print(
            f"crisis: {path}: the game no longer replays to its end; it stops at {loaded.stopped}",
            file=sys.stderr,
        )
    for warning in loaded.meta.warnings:
        print(f"crisis: {path}: {warning}", file=sys.stderr)
    return loaded


def _who(s: Scenario, side: Side) -> str:
    return s.sides[side].short or side.value


# ---- simulate --save, play --load ---------------------------------------------------------


def save_simulated(game: Game, path: str, policies: dict[Side, str]) -> None:
    from game.persistence import save

    written = save(game, path, sides={side.value: policies[side] for side in SIDES})
    print(f"saved to {written}", file=sys.stderr)


def play_saved(args: argparse.Namespace) -> int:
    """`crisis play --load PATH [--branch-at TURN]`: resume a saved game, or take another road."""
    from game.persistence import branch

    spec, at = args.load, getattr(args, "branch_at", None)
    if at is not None:
        loaded = branch(spec, at)
        print(f"crisis: branching {spec} at turn {at}; the original line is kept", file=sys.stderr)
    else:
        loaded = _open(spec)
    game = loaded.game
    if game.is_over():
        raise CrisisError(
            f"the game in {spec} is over; use --branch-at TURN to play it differently, "
            f"or 'crisis replay {spec}'"
        )
    sides = loaded.meta.sides
    humans = [side for side in SIDES if sides.get(side.value) == "human"]
    side = args.side or (humans[0].value if len(humans) == 1 else "both" if humans else None)
    opponent = next((who for who in sides.values() if who != "human"), args.opponent)
    scenario = game.scenario.path
    run = None if getattr(args, "text", False) else _ui_run()
    if run is not None:
        return int(run(scenario, side, opponent, game.state.seed, getattr(args, "spoilers", True), game=game))
    return _play_text(game, side, opponent)


def _ui_run() -> Any:
    try:
        from game.ui.app import run
    except ImportError:
        return None
    try:
        takes_game = "game" in inspect.signature(run).parameters
    except (TypeError, ValueError):
        takes_game = False
    return run if takes_game else None


def _play_text(game: Game, side: str | None, opponent: str) -> int:
    """Until the Textual game takes a loaded game: go on in the plain text game, autosaving."""
    from game import textplay
    from game.persistence import autosave

    s = game.scenario
    side = side or textplay._choose_side(input)
    humans = set(SIDES) if side == "both" else {Side(side)}
    sides = {x.value: "human" if x in humans else opponent for x in SIDES}
    policy, seed = POLICIES[opponent], game.state.seed
    print(f"\n  {s.title.upper()}: resuming on {game.state.date}, turn {game.state.turn}, seed {seed}\n")
    try:
        while not game.is_over():
            for who in game.sides_to_act():
                if who in humans:
                    game.apply(textplay._human_move(game, who, input))
                else:
                    game.apply(policy(s, game.view(who), seed))
            textplay._after_turn(game, humans)
            autosave(game, sides=sides)
    except (EOFError, KeyboardInterrupt):
        print("\n  Game saved; resume it with crisis play --load.")
        return 0
    textplay._ending(game)
    return 0


# ---- replay -------------------------------------------------------------------------------


def _replay(args: argparse.Namespace) -> int:
    loaded = _open(args.path, args.line)
    game, s = loaded.game, loaded.game.scenario
    rows = steps(game)
    if args.json:
        print(json.dumps(replay_dict(loaded, rows), indent=2))
        return 0
    meta = loaded.meta
    lines = [f"{s.title} - seed {meta.seed}, line {meta.line!r} of {len(meta.lines)}", ""]
    for r in rows:
        lines += _step_lines(s, r)
    lines.append("")
    first = diverged_at(rows)
    if first is None:
        lines.append("  Every move was what really happened.")
    else:
        r = rows[first - 1]
        for side in SIDES:
            if r.left_history(side):
                real = s.decision(r.history[side]).label if r.history[side] else "(no historical option)"
                took = s.decision(r.moves[side].decision).label
                lines.append(
                    f"  Left history at turn {r.turn} ({r.date}): {_who(s, side)}: {took}; history: {real}"
                )
    out = game.outcome()
    if out is not None:
        end = s.ending(out.ending)
        lines.append(f"  {end.headline}")
        lines.append(
            f"  ending: {end.id} ({end.kind.value}){' - as it really happened' if end.historical else ''}"
        )
    else:
        lines.append(f"  Not over: next is turn {game.state.turn}, {game.state.date}.")
    if loaded.stopped is not None:
        lines.append(f"  The save goes on, but no longer replays: stopped at {loaded.stopped}.")
    if len(meta.lines) > 1:
        lines += ["", "  Lines in this save:"]
        lines += [f"    {text}" for text in tree_lines(loaded)]
    print("\n".join(lines))
    return 0


def replay_dict(loaded: Loaded, rows: list[Step]) -> dict[str, Any]:
    game, meta = loaded.game, loaded.meta
    out = game.outcome()
    return {
        "scenario": game.scenario.id,
        "seed": meta.seed,
        "line": meta.line,
        "lines": [
            {"id": x.id, "parent": x.parent, "branch_at": x.branch_at, "turns": x.turns, "ending": x.ending}
            for x in meta.lines
        ],
        "sides": meta.sides,
        "over": game.is_over(),
        "ending": out.ending if out else None,
        "kind": out.kind.value if out else None,
        "headline": out.headline if out else None,
        "historical": out.historical if out else None,
        "scores": {side.value: out.scores[side] for side in SIDES} if out else None,
        "diverged_at": diverged_at(rows),
        "turns": [step_dict(game.scenario, r) for r in rows],
        "tracks": dict(game.state.tracks),
        "stopped": loaded.stopped.to_dict() if loaded.stopped else None,
    }


def _step_lines(s: Scenario, r: Step) -> list[str]:
    out = [f"  {r.turn:>3}  {r.date}  [{s.phase(r.phase).title}]"]
    for side in SIDES:
        d = s.decision(r.moves[side].decision)
        line = f"       {_who(s, side):>11}: {d.label}{' *' if d.historical else ''}"
        if r.left_history(side):
            line += (
                f"    (history: {s.decision(r.history[side]).label})"
                if r.history[side]
                else "    (off history)"
            )
        out.append(line)
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
            end = f", ended: {x.ending}" if x.ending else ", not over"
            label = f" {x.label!r}" if x.label else ""
            first = _first_own_move(s, x)
            out.append(f"{mark} {'  ' * depth}{x.id}{label}: {where}{first}, {x.turns} turns{end}")
            walk(x.id, depth + 1)

    walk(None, 0)
    return out


def _first_own_move(s: Scenario, x: Any) -> str:
    if not x.branch_at:
        return ""
    own = [e["move"] for e in x.moves if e["turn"] == x.branch_at]
    names = []
    for m in own:
        try:
            names.append(f"{_who(s, Side(m['side']))}: {s.decision(m['decision']).label}")
        except (KeyError, ValueError):
            names.append(f"{m.get('side')}: {m.get('decision')}")
    return f" ({'; '.join(names)})" if names else ""


# ---- compare ------------------------------------------------------------------------------


def _compare(args: argparse.Namespace) -> int:
    a = _open(args.a)
    if args.b:
        b = _open(args.b)
        names = (args.a, args.b)
    else:
        info = next(x for x in a.meta.lines if x.id == a.meta.line)
        if info.parent is None:
            raise CrisisError(f"{args.a}: line {info.id!r} is the first line; name another game or FILE#LINE")
        b = load(a.meta.path, line=info.parent)
        names = (f"{a.meta.path}#{info.id}", f"{a.meta.path}#{info.parent}")
    if a.game.scenario.id != b.game.scenario.id:
        raise CrisisError(
            f"the games are of different scenarios ({a.game.scenario.id}, {b.game.scenario.id})"
        )
    c = compare(a.game, b.game)
    s = a.game.scenario
    if args.json:
        print(json.dumps(_compare_dict(s, c, a.game, b.game, names), indent=2))
        return 0
    lines = [f"A: {names[0]}  (seed {a.game.state.seed})", f"B: {names[1]}  (seed {b.game.state.seed})", ""]
    if c.at is None:
        lines.append(f"  The two games are the same: {c.shared} turns alike.")
        print("\n".join(lines))
        return 0
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
    for tag, game, rows in (("A", a.game, c.a), ("B", b.game, c.b)):
        lines.append(f"    {tag}: {_followed(s, game, rows[c.at - 1 :])}")
    print("\n".join(lines))
    return 0


def _label(s: Scenario, r: Step | None, side: Side) -> str:
    if r is None:
        return "(not played)"
    d = s.decision(r.moves[side].decision)
    return d.label + (" *" if d.historical else "")


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
        parts.append(f"ending {out.ending} ({out.kind.value}), scores {scores}")
    else:
        parts.append("not over")
    return "; ".join(parts)


def _compare_dict(s: Scenario, c: Any, a: Game, b: Game, names: tuple[str, str]) -> dict[str, Any]:
    def side(game: Game, rows: list[Step], name: str) -> dict[str, Any]:
        out = game.outcome()
        return {
            "game": name,
            "ending": out.ending if out else None,
            "kind": out.kind.value if out else None,
            "turns": [step_dict(s, r) for r in rows[(c.at or 1) - 1 :]],
        }

    return {"shared": c.shared, "diverged_at": c.at, "a": side(a, c.a, names[0]), "b": side(b, c.b, names[1])}


# ---- explore ------------------------------------------------------------------------------


def _explore(args: argparse.Namespace) -> int:
    from game.analysis.explore import explore

    loaded = _open(args.path, args.line)
    policies = [p.strip() for p in args.policies.split(",") if p.strip()] if args.policies else None
    sides = SIDES if args.side == "both" else (Side(args.side),)
    show = sys.stderr.isatty() if args.progress is None else args.progress
    bar = _Progress() if show else None
    result = explore(
        loaded.game,
        args.at,
        runs=args.runs,
        seed=args.seed,
        jobs=args.jobs,
        policies=policies,
        sides=sides,
        pairs=args.pairs,
        progress=bar,
    )
    if bar:
        bar.close()
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    print(explore_text(result))
    return 0


def explore_text(x: Any) -> str:
    s: Scenario = x.scenario
    lines = [
        f"What if? {s.title}: turn {x.turn} ({x.date}), {s.phase(x.phase).title}",
        f"{x.runs} runs per alternative; after it, each side played by one of {', '.join(x.policies)}; "
        f"seed {x.seed}",
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
        moves = [m for m in alt.moves if alt.side is None or m.side is alt.side]
        name = " + ".join(s.decision(m.decision).label for m in moves)
        marks = ("  [as played]" if alt.played else "") + ("  [history]" if alt.historical else "")
        kinds = ", ".join(f"{k.replace('-', ' ')} {_pct(n, row.runs)}" for k, n in row.kinds.items())
        lines.append(f"  {name}{marks}: {kinds}")
        endings = ", ".join(f"{e} {_pct(n, row.runs)}" for e, n in row.endings.items())
        lines.append(f"      {endings}")
    return "\n".join(lines)


def _pct(n: int, runs: int) -> str:
    share = n / runs
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


class _Progress:
    """A progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        width = 30
        filled = int(width * done / total) if total else width
        rate = done / (now - self.start) if now > self.start else 0.0
        bar = "#" * filled + "." * (width - filled)
        sys.stderr.write(f"\r  [{bar}] {done}/{total} games  {rate:,.0f}/s ")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


# ---- report -------------------------------------------------------------------------------


def _report(args: argparse.Namespace) -> int:
    from game.analysis.report import debrief, html, markdown

    loaded = _open(args.path, args.line)
    d = debrief(loaded.game, loaded.meta.sides)
    text = html(d) if args.format == "html" else markdown(d)
    if args.output:
        try:
            written = write_atomic(Path(args.output), text.encode("utf-8"))
        except SaveError as err:
            raise CrisisError(str(err)) from None
        print(f"wrote {written}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
