"""`crisis class new|status|pause`: a class made on a server, its tables listed, paused and resumed.

`game/cli/net.py` makes the `crisis class` command and calls `register` here; the console and the
projector are in `classroom.py`, the teacher's other actions in `class_admin.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from game.ai.policies import POLICIES
from game.cli.options import Subparsers, count
from game.model import CrisisError

HERE = "the server (default: where this machine made the class)"


def register(klass_sub: Subparsers) -> None:
    """Add `new`, `status` and `pause` to the `crisis class` subcommands."""
    cnew = klass_sub.add_parser(
        "new", help="create a class and print its join code and the teacher's credential"
    )
    cnew.add_argument("--server", required=True, metavar="URL")
    cnew.add_argument("--scenario", default=None, help="a bundled scenario id (default: the campaign)")
    cnew.add_argument("--tables", type=count(1), default=15, help="tables (pairs of students), default 15")
    cnew.add_argument("--seed", type=int, default=None, help="seed of the first table (the next: +1, ...)")
    cnew.add_argument(
        "--fill",
        choices=sorted(POLICIES),
        metavar="POLICY",
        help="Khrushchev played by this policy at every table",
    )
    cnew.add_argument(
        "--minutes-per-turn", type=float, metavar="M", help="a turn timer at every table (0.01 to 240)"
    )
    cnew.add_argument(
        "--on-timeout", metavar="POLICY", help="who moves for a seat out of time: 'default' or an AI policy"
    )
    cnew.add_argument("--reading", type=float, metavar="S", help=READING_HELP)
    cnew.add_argument(
        "--teams",
        action="store_true",
        help="several students a side: leaders first, then the scenario's advisors (who recommend)",
    )
    cnew.add_argument("--json", action="store_true", help="print JSON")
    cnew.set_defaults(func=_new)
    cstat = klass_sub.add_parser(
        "status", help="every table of a class: seats, date, phase, whose move, ending"
    )
    cstat.add_argument("code", metavar="CODE", help="the class's join code")
    cstat.add_argument(
        "--server", metavar="URL", help="the server (default: where this machine made the class)"
    )
    cstat.add_argument(
        "--teacher", metavar="CREDENTIAL", help="the teacher's credential (default: kept here)"
    )
    cstat.add_argument("--json", action="store_true", help="print JSON")
    cstat.set_defaults(func=status)
    cpause = klass_sub.add_parser("pause", help="pause (or --resume) one table of a class, or all of them")
    cpause.add_argument("code", metavar="CODE", help="the class's join code")
    cpause.add_argument(
        "--server", metavar="URL", help="the server (default: where this machine made the class)"
    )
    cpause.add_argument("--table", metavar="TABLE", help="one table's code (default: every table)")
    cpause.add_argument("--resume", action="store_true", help="resume instead of pausing")
    cpause.add_argument(
        "--teacher", metavar="CREDENTIAL", help="the teacher's credential (default: kept here)"
    )
    cpause.set_defaults(func=_pause)


READING_HELP = (
    "with a timer: seconds a student may read the last turn's report before the turn's clock starts "
    "(0 to 600; default 60)"
)


def _new(args: argparse.Namespace) -> int:
    from game.net import client

    made = asyncio.run(
        client.create_class(
            args.server,
            args.scenario,
            args.tables,
            args.seed,
            args.fill,
            args.minutes_per_turn,
            args.on_timeout,
            teams=args.teams,
            reading=args.reading,
        )
    )
    url = client.base_url(args.server)
    client.remember(url, made["code"], "teacher", made["teacher"])
    if args.json:
        print(
            json.dumps(
                {"code": made["code"], "server": url, "teacher": made["teacher"], "class": made}, indent=2
            )
        )
        return 0
    print(f"class {made['code']} on {url}: {len(made['tables'])} tables of {made['scenario']}")
    print(f"  students type: crisis join {url} {made['code']}")
    print(f"  or, if the server runs with --web, open {url}/play/ in a browser and type {made['code']}")
    print(f"  teacher's credential (kept on this machine; shown once): {made['teacher']}")
    print(f"  crisis class status {made['code']} --server {url}")
    print(f"  the console: crisis class console {made['code']}")
    print(f"  the wall:    crisis class projector {made['code']}")
    if args.teams:
        print("  teams: the first students lead their side; the next advise (the scenario's advisors)")
    return 0


def _teacher(args: argparse.Namespace) -> str:
    """The teacher's credential, with `args.server` set to the class's server (see `teacher_at`)."""
    from game.cli.classroom import teacher_at

    args.server, teacher = teacher_at(args.code, args.server, args.teacher)
    return teacher


def status(args: argparse.Namespace) -> int:
    """`crisis class status CODE` (also `crisis class CODE` with no action): every table of a class."""
    from game.net import client
    from game.net.clock import DEFAULT
    from game.net.tables import free_seat

    teacher = _teacher(args)
    status = asyncio.run(client.class_status(args.server, args.code, teacher))
    if args.json:
        print(json.dumps(status, indent=2))
        return 0
    timer = f", {status['minutes_per_turn']:g} minutes a turn" if status.get("minutes_per_turn") else ""
    print(f"class {status['code']}: {status['scenario']}, {len(status['tables'])} tables{timer}")
    for t in status["tables"]:
        free = free_seat(t.get("minutes_per_turn"), str(t.get("on_timeout") or DEFAULT))  # as on the desk
        seats = ", ".join(f"{side} {_presence(seat, free)}" for side, seat in t["seats"].items())
        where = table_where(t)
        risk = f"risk {t['risk']:>2}" if t.get("risk") is not None else ""
        line = f"  {t['code']}  {t['date']}  turn {t['turn']:>3}  {t['state']:8} {where:28} {risk}"
        print(f"{line} awaiting {awaited(t):30} [{seats}]")
    return 0


def awaited(t: dict[str, Any]) -> str:
    """The seats awaited, each with its own time (K7): 'kennedy 0:56 to read, then 3:00, khrushchev
    2:59 left' (a seat that read the report has its reading added to its turn, H4); one time for all
    is said once: 'kennedy, khrushchev 3:00 left'."""
    from game.net.clock import as_clock as clock
    from game.ui.classroom.rows import reading

    timer = t.get("timer") or {}
    seats = timer.get("seats") or {}
    sides, times = list(t.get("waiting_for") or ()), []
    for side in sides:
        left = (seats.get(side) or {}).get("seconds_left", timer.get("seconds_left"))
        if (read := reading(t, side)) is not None:
            times.append(f" {clock(read)} to read, then {clock(timer['minutes'] * 60)}")
        elif isinstance(left, int | float):
            waits = "waits" if timer.get("waiting") else "left"  # nobody sat down: the clock does not run
            times.append(f" {clock(left)} {waits}")
        else:
            times.append("")
    if not sides:
        return "-"
    if len(set(times)) == 1:  # one time for all: 'kennedy, khrushchev 3:00 left'
        return ", ".join(sides) + times[0]
    return ", ".join(side + time for side, time in zip(sides, times, strict=True))


def table_where(t: dict[str, Any]) -> str:
    """Where a table stands, in its scenario's words (J14): its ending's headline, else its phase's
    title, else why it is broken; the raw id where the scenario is not known here."""
    from game.scenario import catalog

    try:
        s = catalog.get(str(t["scenario"]))
        if t.get("ending"):
            return s.headline(t["ending"])
        if t.get("phase"):
            return s.phase(t["phase"]).title
    except (CrisisError, KeyError):
        pass
    return str(t.get("ending") or t.get("phase") or t.get("broken") or "")


def _presence(seat: dict[str, Any], free: str = "free") -> str:
    if seat.get("bot"):  # `crisis join --bot`: the computer, though the seat was a student's
        return f"computer ({seat['bot']})"
    if seat["player"] != "human":
        return seat["player"]
    return "on" if seat["connected"] else "away" if seat["taken"] else free


def _pause(args: argparse.Namespace) -> int:
    from game.net import client

    teacher = _teacher(args)
    done = asyncio.run(client.class_pause(args.server, args.code, teacher, args.table, not args.resume))
    what = "paused" if done["paused"] else "resumed"
    print(f"{what}: {', '.join(done['changed']) or 'nothing to change'}")
    return 0
