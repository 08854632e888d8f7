"""`crisis report`: the debrief of a saved game, as Markdown or one HTML file."""

from __future__ import annotations

import argparse
import sys

from game.cli.options import Subparsers, file_path, open_save, output_to, save_arg
from game.model import CrisisError


def register(sub: Subparsers) -> None:
    rpt = sub.add_parser("report", help="the debrief: decisions beside history, chart, scores, questions")
    save_arg(rpt)
    rpt.add_argument("--format", choices=["md", "html"], default="md", help="Markdown or one HTML file")
    rpt.add_argument(
        "-o", "--output", metavar="FILE", type=file_path, help="write it here (default: print it)"
    )
    rpt.set_defaults(func=_report)


def _report(args: argparse.Namespace) -> int:
    from game.analysis.debrief import debrief
    from game.analysis.report import html, markdown
    from game.persistence import SaveError, write_atomic

    out = output_to(args.output) if args.output else None
    loaded = open_save(args.path, args.line, args.scenarios)
    d = debrief(loaded.game, loaded.meta.sides)
    text = html(d) if args.format == "html" else markdown(d)
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        written = write_atomic(out, text.encode("utf-8"))
    except SaveError as err:
        raise CrisisError(str(err)) from None
    print(f"wrote {written}", file=sys.stderr)
    return 0
