"""`crisis class console|projector`: the facilitator's console and the projector (Textual apps).

`game/cli/net.py` makes `crisis class` and calls `register` here (new, status, pause: class_tables.py).
"""

from __future__ import annotations

import argparse

from game.cli.options import Subparsers
from game.model import CrisisError

DEFAULT_SERVER = "http://127.0.0.1:8765"


def register(klass_sub: Subparsers) -> None:
    """Add `console` and `projector` to the `crisis class` subcommands."""
    console = klass_sub.add_parser(
        "console", help="the facilitator's console: every table, one in full, pauses, timers, injects"
    )
    console.add_argument("code", metavar="CODE", help="the class's join code")
    console.add_argument(
        "--server", metavar="URL", help="the server (default: where this machine made the class)"
    )
    console.add_argument(
        "--key",
        "--teacher",
        dest="teacher",
        metavar="CREDENTIAL",
        help="the teacher's credential (default: kept here)",
    )
    console.set_defaults(func=_console)
    projector = klass_sub.add_parser(
        "projector",
        help="the wall screen: the join code, then the clock and every table's risk, then the endings",
    )
    projector.add_argument("code", metavar="CODE", help="the class's join code")
    projector.add_argument(
        "--server", metavar="URL", help="the server (default: where this machine made the class)"
    )
    projector.set_defaults(func=_projector)


def where(code: str, server: str | None) -> tuple[str, str | None]:
    """The server's address and the teacher's credential kept on this machine for class `code`."""
    from game.net import client

    if server:
        url = client.base_url(server)
        return url, client.recall(url, code, "teacher")
    found = client.teacher_of(code)
    if found is not None:
        return found
    return DEFAULT_SERVER, client.recall(DEFAULT_SERVER, code, "teacher")


def teacher_at(code: str, server: str | None, given: str | None, flag: str = "--teacher") -> tuple[str, str]:
    """The server and the teacher's credential for class `code` (`given`, else the one kept here),
    or a message that names the server tried and where this machine keeps one, if elsewhere."""
    from game.net import client

    url, kept = where(code, server)
    if given or kept:
        return url, str(given or kept)
    found = client.teacher_of(code)
    there = f"; it keeps one for the class on {found[0]}: add --server {found[0]}" if found else ""
    raise CrisisError(
        f"no teacher's credential for class {code} on {url} on this machine{there} "
        f"(or give the one 'crisis class new' printed with {flag})"
    )


def _console(args: argparse.Namespace) -> int:
    from game.ui.classroom.console import run

    url, teacher = teacher_at(args.code, args.server, args.teacher, "--key")
    return run(url, args.code, teacher)


def _projector(args: argparse.Namespace) -> int:
    from game.ui.classroom.projector import run

    url, kept = where(args.code, args.server)
    return run(url, args.code, kept or "")
