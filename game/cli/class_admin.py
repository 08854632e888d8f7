"""`crisis class timer|inject|injects|reveal|end|export|report`: the teacher steering a class from the
command line, through the server's class admin API (docs/class-api.md).

`game/cli/net.py` makes `crisis class` and calls `register` here (new, status, pause: class_tables.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
from pathlib import Path
from typing import Any

from game.cli.class_tables import READING_HELP
from game.cli.classroom import DEFAULT_SERVER as SERVER
from game.cli.classroom import teacher_at
from game.cli.options import Subparsers
from game.model import SIDES, CrisisError, InjectKind


def register(klass_sub: Subparsers) -> None:
    """Add the teacher's commands to `crisis class`."""
    timer = _command(klass_sub, "timer", "set, change or (with --off) stop the turn timer", _timer)
    timer.add_argument("minutes", nargs="?", type=float, help="minutes per turn (0.01 to 240)")
    timer.add_argument("--off", action="store_true", help="no timer")
    timer.add_argument(
        "--on-timeout", metavar="POLICY", help="'default' (the scenario's) or an AI policy moves for the late"
    )
    timer.add_argument("--reading", type=float, metavar="S", help=READING_HELP)
    timer.add_argument("--table", metavar="TABLE", help="one table's code (default: every table)")
    inject = _command(klass_sub, "inject", "send news, intelligence, a rumour or an event", _inject)
    inject.add_argument(
        "item", metavar="ID|TEXT", help="a catalogue id (see 'crisis class injects') or your words"
    )
    inject.add_argument(
        "--kind", choices=[k.value for k in InjectKind], help="with your own words: how it is labelled (news)"
    )
    inject.add_argument("--table", metavar="TABLE", help="one table's code (default: every table)")
    inject.add_argument("--side", choices=[s.value for s in SIDES], help="one side only (default: both)")
    _command(klass_sub, "injects", "the scenario's inject catalogue", _catalogue)
    _command(klass_sub, "reveal", "turn history's spoilers on for every student", _everyone("reveal"))
    _command(klass_sub, "end", "end the class: no more moves; then export or report", _everyone("end"))
    export = _command(
        klass_sub, "export", "every table's save (for crisis replay, report) in a folder", _export
    )
    export.add_argument("-o", "--output", metavar="FOLDER", required=True, help="the folder to write to")
    report = _command(
        klass_sub, "report", "the class debrief: endings, partings from history, letters", _report
    )
    report.add_argument(
        "--format",
        choices=["html", "md"],
        help="html or md (default: md on the terminal, else by the file's suffix, html if none)",
    )
    report.add_argument(
        "-o", "--output", metavar="FILE", help="write here, each table's save beside it (default: print)"
    )


def _command(klass_sub: Subparsers, name: str, text: str, func: Any) -> argparse.ArgumentParser:
    p = klass_sub.add_parser(name, help=text)
    p.add_argument("code", metavar="CODE", help="the class's join code")
    p.add_argument(
        "--server",
        metavar="URL",
        help=f"the server (default: where this machine made the class, else {SERVER})",
    )
    p.add_argument("--teacher", metavar="CREDENTIAL", help="the teacher's credential (default: kept here)")
    p.add_argument("--json", action="store_true", help="print the server's answer as JSON")
    p.set_defaults(func=func)
    return p


def _call(args: argparse.Namespace, method: str, route: str, body: Any = None) -> Any:
    from game.net import client

    url, teacher = teacher_at(args.code, args.server, args.teacher)
    return asyncio.run(client.class_call(url, args.code, teacher, method, route, body))


def _show(args: argparse.Namespace, done: Any, text: str) -> int:
    print(json.dumps(done, indent=2) if args.json else text)
    return 0


def _timer(args: argparse.Namespace) -> int:
    if (args.minutes is None) != args.off:
        raise CrisisError("give the minutes per turn, or --off")
    body = {"minutes": None if args.off else args.minutes, "table": args.table, "on_timeout": args.on_timeout}
    body |= {} if args.reading is None else {"reading": args.reading}
    done = _call(args, "POST", "timer", body)
    what = "no timer" if args.off else f"{args.minutes:g} minutes a turn"
    return _show(args, done, f"{what}: {', '.join(done['changed']) or 'no table still playing'}")


def _inject(args: argparse.Namespace) -> int:
    catalogue = {i["id"] for i in _call(args, "GET", "injects")["injects"]}
    body: dict[str, Any] = {"table": args.table, "side": args.side}
    if args.item in catalogue and args.kind is None:
        body["id"] = args.item
    elif args.kind is None and re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", args.item):  # an id, mistyped
        from game.scenario.convert import suggest

        raise CrisisError(
            f"no inject {args.item!r} in the scenario{suggest(args.item, catalogue)}: 'crisis class injects "
            f"{args.code}' lists them; to send your own words, give --kind news (or rumour, ...)"
        )
    else:
        body |= {"text": args.item, "kind": args.kind or InjectKind.NEWS.value}
    done = _call(args, "POST", "inject", body)
    who = done["side"] or "both sides"
    return _show(
        args,
        done,
        f"sent to {who} at {', '.join(done['sent'])}: {done['inject']['title'] or done['inject']['text']}",
    )


def _catalogue(args: argparse.Namespace) -> int:
    done = _call(args, "GET", "injects")
    lines = [
        f"{i['id']:28} {i['kind']:12} {i['title']}"
        + (f"  [{', '.join(i['effects'])}]" if i["effects"] else "")
        for i in done["injects"]
    ]
    return _show(args, done, "\n".join(lines) or "this scenario has no inject catalogue")


def _everyone(action: str) -> Any:
    def run(args: argparse.Namespace) -> int:
        done = _call(args, "POST", action)
        word = {"reveal": "history revealed", "end": "ended"}[action]
        return _show(args, done, f"{word}: {', '.join(done['changed']) or 'nothing to change'}")

    return run


def _export(args: argparse.Namespace) -> int:
    from game.persistence.class_export import write_class

    export = _call(args, "GET", "export")
    written = write_class(Path(args.output).expanduser(), export)
    return _show(args, [str(p) for p in written], f"the class and {len(written) - 1} saves in {args.output}")


def _report(args: argparse.Namespace) -> int:
    from game.analysis import class_report
    from game.persistence.class_export import write_class
    from game.persistence.files import user_target, write_atomic
    from game.persistence.format import from_data
    from game.persistence.replay import replay
    from game.scenario import catalog

    export = _call(args, "GET", "export")
    s = catalog.get(export["class"]["scenario"])
    tables = []
    for t in export["class"]["tables"]:
        doc = from_data(export["saves"][t["code"]])
        line = doc.lines[0]
        done = replay(s, line, doc.seed)
        if done.stop is not None:
            raise CrisisError(f"table {t['code']} does not replay here: {done.stop.reason}")
        controls = export["controls"].get(t["code"], [])
        seats = t.get("seats") or {}
        tables.append(class_report.Played(t["code"], done.game, dict(line.sides), controls, seats))
    fmt = args.format or ("md" if not args.output or str(args.output).endswith(".md") else "html")
    render = class_report.html if fmt == "html" else class_report.markdown
    text = render(s, export["class"]["code"], tables)
    if not args.output:
        print(text, end="")
        return 0
    path = user_target(args.output)
    write_atomic(path, text.encode())
    saves = write_class(path.with_name(path.stem + "-saves"), export)
    print(f"class debrief in {path}; the class and its table saves in {saves[0].parent}")
    return 0
