"""`crisis read-letter`: what the letter reader finds in a text, for scenario authors and for tests."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game import schema
from game.cli.options import Subparsers, scenario_arg
from game.engine.letters import CHECKS
from game.model import CrisisError, Scenario, Side
from game.reader import Found, Reading, reader_for
from game.reader.suggest import Suggestion, suggester_for
from game.scenario import catalog


def register(sub: Subparsers) -> None:
    p = sub.add_parser("read-letter", help="read a letter in plain words: the terms it gives and asks")
    scenario_arg(p)
    p.add_argument(
        "--as", dest="side", choices=["kennedy", "khrushchev"], default="kennedy", help="the writer"
    )
    p.add_argument(
        "text", nargs="?", default="-", metavar="TEXT", help="the letter ('-' or none: standard input)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--suggest",
        action="store_true",
        help="also the embedding model's guesses for sentences the rules read nothing in (the embed extra)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = _text(args.text)
    s = catalog.get(args.scenario)
    if s.negotiation is None:
        raise CrisisError(f"scenario {s.id!r} has no negotiation: there are no terms to read")
    side = Side(args.side)
    reading = reader_for(s).read(text, side)
    hints: tuple[Suggestion, ...] = ()
    if args.suggest:
        suggester = suggester_for(s)
        if suggester is None:
            raise CrisisError("--suggest needs the embedding model: pip install 'missile-crisis[embed]'")
        hints = suggester.suggest(text, side, reading)
    if args.json:
        data = as_dict(reading, text, side)
        if args.suggest:
            data["suggestions"] = [
                {"term": h.term, "give": h.give, "words": text[h.start : h.end], "score": h.score}
                for h in hints
            ]
        print(json.dumps(data, indent=2))
    else:
        print(as_text(s, reading, text))
        for h in hints:
            print(f"maybe    {s.negotiation.term(h.term).label} ({h.score:.2f}): {text[h.start : h.end]!r}")
    return 0


def _text(arg: str) -> str:
    if arg != "-":
        return arg
    if sys.stdin is None or sys.stdin.isatty():
        raise CrisisError(
            "give the letter as TEXT, or '-' and pipe it in (e.g. crisis read-letter - < letter.txt)"
        )
    try:
        return sys.stdin.read()
    except UnicodeDecodeError as err:
        raise CrisisError(f"the letter on standard input is not UTF-8 text ({err.reason})") from None


def as_dict(reading: Reading, text: str, side: Side) -> dict[str, Any]:
    def found(f: Found) -> dict[str, Any]:
        return {
            "term": f.term,
            "give": f.give,
            "refused": f.refused,
            "doubt": f.doubt or None,
            "offer": schema.dump(f.offer),
            "words": [text[a:b] for a, b in f.spans],
            "spans": [list(span) for span in f.spans],
            "marks": [
                {"cue": m.cue.value, "words": text[m.start : m.end], "span": [m.start, m.end], "days": m.days}
                for m in f.marks
            ],
        }

    return {
        "writer": side.value,
        "gives": schema.dump(reading.gives),
        "demands": schema.dump(reading.demands),
        "refused": [f.term for f in reading.refused],
        "tone": reading.tone.value,
        "answer": reading.answer.value if reading.answer else None,
        "channel": reading.channel,
        "channel_words": text[slice(*reading.channel_at)] if reading.channel else None,
        "found": [found(f) for f in reading.found],
        "notes": list(reading.notes),
    }


def as_text(s: Scenario, reading: Reading, text: str) -> str:
    assert s.negotiation is not None
    lines = []
    for f in reading.found:
        role = "refuses" if f.refused else "unsure" if f.doubt else "gives" if f.give else "asks"
        o = f.offer
        days = o.days or s.negotiation.term(o.term).days
        how = [
            "public" if o.public else "secret",
            {
                "now": "now",
                "later": "later",
                "days": f"within {days} day{'' if days == 1 else 's'}",
            }[o.timing.value],
        ]
        if o.verification.value != "none":
            how.append(CHECKS[o.verification])  # "UN check", as every page says it
        lines.append(f"{role:8} {s.negotiation.term(o.term).label} ({', '.join(how)})")
        words = " ... ".join(repr(text[a:b]) for a, b in f.spans)
        lines.append(f"{'':8}   from {words}")
        for m in f.marks:
            lines.append(f"{'':8}   {m.cue.value}: {text[m.start : m.end]!r}")
    if not reading.found:
        lines.append("no terms read: a letter of words only")
    lines.append(
        f"tone: {reading.tone.value}" + (f"; answers: {reading.answer.value}" if reading.answer else "")
    )
    if reading.channel:
        words = text[slice(*reading.channel_at)]
        lines.append(f"channel: {s.negotiation.channel(reading.channel).label} (from {words!r})")
    lines += [f"note: {n}" for n in reading.notes]
    return "\n".join(lines)
