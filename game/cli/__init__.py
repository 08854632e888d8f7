"""The `crisis` command: play, validate, simulate, graph, scenarios."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from game import __version__
from game.ai.policies import POLICIES
from game.cli import saves as cli_saves
from game.engine.game import Game
from game.engine.letters import Mail
from game.engine.machine import mermaid
from game.model import SIDES, CrisisError, Scenario, ScenarioError
from game.scenario import catalog
from game.scenario.convert import suggest
from game.scenario.lint_citations import citation_warnings
from game.scenario.load import load, problems_in

COMMANDS = ("play", "validate", "simulate", "graph", "scenarios", "letters", *cli_saves.COMMANDS)


class _Parser(argparse.ArgumentParser):
    """argparse that answers a mistyped command with what would have worked."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if "invalid choice" in message:
            word = message.split("'")[1] if "'" in message else ""
            hint = suggest(word, COMMANDS) or f" (commands: {', '.join(COMMANDS)})"
            message = f"no command {word!r}{hint}"
        self.print_usage(sys.stderr)
        self.exit(2, f"crisis: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="crisis",
        description="Negotiate the Cuban Missile Crisis as Kennedy or Khrushchev. "
        "With no command, starts a game.",
    )
    p.add_argument("--version", action="version", version=f"missile-crisis {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = sub.add_parser("play", help="play a game (the default)")
    _scenario_arg(play)
    play.add_argument("--as", dest="side", choices=["kennedy", "khrushchev", "both"], help="your side")
    play.add_argument(
        "--opponent", choices=sorted(POLICIES), default="pragmatist", help="the other side's policy"
    )
    play.add_argument(
        "--seed",
        type=int,
        default=None,
        help="the game's seed (shown, so a class can share a game)",
    )
    play.add_argument("--load", metavar="PATH", help="resume a saved game (FILE or FILE#LINE)")
    play.add_argument(
        "--branch-at",
        type=int,
        metavar="TURN",
        help="with --load: go back to the start of TURN and play on differently (a new branch)",
    )
    play.add_argument(
        "--spoilers",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="show what really happened after each decision (--no-spoilers: only at the end)",
    )
    play.add_argument("--text", action="store_true", help="the plain line-by-line game instead of the screen")

    val = sub.add_parser("validate", help="check scenario files; every problem as file:line:col")
    val.add_argument("files", nargs="*", help="scenario files (default: every bundled scenario)")

    sim = sub.add_parser("simulate", help="play headless games between policies")
    _scenario_arg(sim)
    for side in SIDES:
        sim.add_argument(
            f"--{side.value}",
            choices=sorted(POLICIES),
            default="historical",
            help=f"{side.value}'s policy",
        )
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument(
        "--runs",
        type=int,
        default=1,
        help="play this many games (seeds seed, seed+1, ...) and count endings",
    )
    sim.add_argument("--json", action="store_true", help="print JSON")
    sim.add_argument("--save", metavar="PATH", help="save the game (one run) to this file")

    graph = sub.add_parser("graph", help="print the phase graph as a Mermaid state diagram")
    _scenario_arg(graph)

    sub.add_parser("scenarios", help="list the bundled scenarios")
    letters = sub.add_parser("letters", help="the real letters and messages, with what each proposed")
    _scenario_arg(letters)
    cli_saves.add_commands(sub)
    return p


def _scenario_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", default=catalog.DEFAULT, help="a bundled scenario id or a YAML file")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "play"
    try:
        if command == "play" and getattr(args, "branch_at", None) is not None and not args.load:
            raise CrisisError("--branch-at needs --load PATH: the saved game to branch from")
        if command == "play" and getattr(args, "load", None):
            return cli_saves.play_saved(args)
        if command == "play":
            play_args = (
                getattr(args, "scenario", catalog.DEFAULT),
                getattr(args, "side", None),
                getattr(args, "opponent", "pragmatist"),
                getattr(args, "seed", None),
            )
            if getattr(args, "text", False):
                from game.textplay import run as run_text

                return run_text(*play_args)
            from game.ui.app import run

            return run(*play_args, spoilers=getattr(args, "spoilers", True))
        return {
            "validate": _validate,
            "simulate": _simulate,
            "graph": _graph,
            "scenarios": _scenarios,
            "letters": _letters,
            **cli_saves.handlers(),
        }[command](args)
    except ScenarioError as err:
        print(str(err), file=sys.stderr)
        print(
            f"crisis: the scenario has {len(err.problems)} problem(s); run 'crisis validate FILE'",
            file=sys.stderr,
        )
        return 1
    except CrisisError as err:
        print(f"crisis: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _validate(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files] or catalog.bundled()
    bad = 0
    for path in files:
        problems = problems_in(path)
        for problem in problems:
            print(problem)
        if problems:
            bad += 1
        else:
            for warning in citation_warnings(load(path)):
                print(warning)
            print(f"{path}: ok")
    if bad:
        print(f"{bad} of {len(files)} file(s) have problems", file=sys.stderr)
    return 1 if bad else 0


def _simulate(args: argparse.Namespace) -> int:
    from game import sim

    s = catalog.get(args.scenario)
    policies = {side: POLICIES[getattr(args, side.value)] for side in SIDES}
    if args.runs < 1:
        raise CrisisError(f"--runs should be at least 1, not {args.runs}")
    if args.runs > 1 and args.save:
        raise CrisisError("--save keeps one game: drop --runs, or give --runs 1")
    if args.runs > 1:
        result = sim.many(s, policies, args.seed, args.runs)
        print(json.dumps(result, indent=2) if args.json else _tally_text(s, result))
        return 0
    game = sim.play(s, policies, args.seed)
    print(json.dumps(sim.report(game), indent=2) if args.json else _game_text(game))
    if args.save:
        cli_saves.save_simulated(game, args.save, {side: getattr(args, side.value) for side in SIDES})
    return 0


def _label(s: Scenario, decision: str) -> str:
    d = s.decision(decision)
    return f"{d.label}{' *' if d.historical else ''}"


def _event_title(s: Scenario, event: str) -> str:
    e = s.event(event)
    return f"{'FLASH: ' if e.flash else ''}{e.title}"


def _game_text(game: Game) -> str:
    s, st = game.scenario, game.state
    lines = [f"{s.title} - seed {st.seed}", ""]
    for e in st.opening:
        lines.append(f"  {'':>3}  {'':10}  ! {_event_title(s, e)}")
    for r in st.log:
        moves = {m.side: m.decision for m in r.moves}
        lines.append(f"  {r.turn:>3}  {r.date}  [{s.phase(r.phase).title}]")
        for side in SIDES:
            lines.append(f"       {s.sides[side].short or side.value:>11}: {_label(s, moves[side])}")
        mail = {m.id: m for m in st.mail}
        for letter_id in r.sent:
            lines.append(f"       {'':>11}  > {_letter_line(s, mail[letter_id])}")
        for agreement_id in r.agreed:
            agreement = next(a for a in st.agreements if a.id == agreement_id)
            terms = ", ".join(_term_text(s, o.term, o.public) for o in agreement.obligations)
            lines.append(f"       {'':>11}  = AGREED: {terms}")
        for kept in r.kept:
            term, status = kept.split(":")
            if status != "done":
                lines.append(f"       {'':>11}  ! {s.negotiation.term(term).label}: {status}")
        for term in r.leaks:
            lines.append(f"       {'':>11}  ! LEAKED: {s.negotiation.term(term).label}")
        for e in r.events:
            lines.append(f"       {'':>11}  ! {_event_title(s, e)}")
        if r.to and not s.is_ending(r.to):
            lines.append(f"       {'':>11}  -> {s.phase(r.to).title}")
    out = game.outcome()
    assert out is not None
    end = s.ending(out.ending)
    lines += [
        "",
        f"  {end.headline}",
        f"  ending: {end.id} ({end.kind.value}){' - as it really happened' if end.historical else ''}",
        f"  moves as in history: {out.history_share:.0%}   (* marks what really happened)",
    ]
    for side in SIDES:
        scores = ", ".join(f"{s.axes[a].lower()} {v}" for a, v in out.scores[side].items())
        lines.append(f"  {s.sides[side].short or side.value}: {scores}")
    return "\n".join(lines)


def _term_text(s: Scenario, term: str, public: bool) -> str:
    label = s.negotiation.term(term).label if s.negotiation else term
    return label if public else f"{label} (secret)"


def _letter_line(s: Scenario, mail: Mail) -> str:
    """One letter on one line: who wrote, by what channel, and what it says in terms."""
    letter = mail.letter
    channel = s.negotiation.channel(letter.channel).label if s.negotiation else letter.channel
    who = s.sides[mail.sender].short or mail.sender.value
    parts = []
    if letter.answer is not None:
        parts.append(f"{letter.answer.value}s {letter.reply_to}")
    if letter.gives:
        parts.append("offers " + "; ".join(_term_text(s, o.term, o.public) for o in letter.gives))
    if letter.demands:
        parts.append("asks " + "; ".join(_term_text(s, o.term, o.public) for o in letter.demands))
    real = " [the real letter]" if letter.real else ""
    return f"{mail.id} {who}, {channel}, {letter.tone.value}: {', '.join(parts) or 'no terms'}{real}"


def _tally_text(s: Scenario, result: dict) -> str:
    runs = result["runs"]
    lines = [f"{s.title}: {runs} games", "", "  endings:"]
    for ending, n in result["endings"].items():
        e = s.ending(ending)
        mark = " (historical)" if e.historical else ""
        lines.append(f"    {n / runs:6.1%}  {n:>6}  {ending} [{e.kind.value}]{mark}")
    lines.append("  kinds:")
    for kind, n in result["kinds"].items():
        lines.append(f"    {n / runs:6.1%}  {n:>6}  {kind}")
    return "\n".join(lines)


def _graph(args: argparse.Namespace) -> int:
    print(mermaid(catalog.get(args.scenario)))
    return 0


def _letters(args: argparse.Namespace) -> int:
    s = catalog.get(args.scenario)
    if s.negotiation is None or not s.negotiation.letters:
        print(f"{s.title}: no real letters in this scenario")
        return 0
    titles = {src.id: src.title for src in s.sources}
    for real in s.negotiation.letters:
        who = s.sides[real.sender].leader
        print(f"{real.date}  {real.title}")
        print(f"  {who}, by {s.negotiation.channel(real.channel).label}; {real.tone.value}")
        print(textwrap.fill(real.summary, 96, initial_indent="  ", subsequent_indent="  "))
        if real.quote:
            print(f'  "{real.quote}" ({who}, {real.date})')
        for label, offers in (("offers", real.gives), ("asks", real.demands)):
            for p in offers:
                modifiers = ", ".join(
                    x
                    for x in (
                        "public" if p.public else "secret",
                        p.timing.value if p.timing.value != "days" else f"within {p.days} days",
                        f"verified: {p.verification.value}" if p.verification.value != "none" else "",
                    )
                    if x
                )
                print(f"    {label}: {s.negotiation.term(p.term).label} ({modifiers})")
        if real.answers:
            print(f"    {real.answer.value if real.answer else 'answers'}: {real.answers}")
        cited = "; ".join(titles.get(c.split(".")[0], c) for c in real.source)
        print(f"  source: {cited}\n")
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    for path in catalog.bundled():
        try:
            s = catalog.get(str(path))
        except ScenarioError as err:
            print(f"{path.stem:24} (broken: {len(err.problems)} problem(s); run 'crisis validate {path}')")
            continue
        print(f"{s.id:24} {s.dates.start} - {s.dates.end}  {s.title}")
        print(f"{'':24} {len(s.phases)} phases, {len(s.endings)} endings. {s.summary}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
