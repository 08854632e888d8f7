"""The `crisis` commands for network play: serve, table new, tables, join, export.

`game/cli/__init__.py` registers them; the work is done in `game.net`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from game.ai.policies import POLICIES
from game.cli.class_tables import table_where
from game.cli.options import Parser, Subparsers
from game.model import SIDES, CrisisError

SEAT_CHOICES = ["human", *sorted(POLICIES)]


def default_db() -> Path:
    from game.persistence import data_dir

    return data_dir() / "server" / "tables.sqlite3"


def register(sub: Subparsers) -> None:
    """Add the network commands to the `crisis` subparsers."""
    serve = sub.add_parser("serve", help="run a game server: tables that players join with a code")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)"
    )
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    serve.add_argument(
        "--db", metavar="PATH", help="the tables' SQLite file (default: in the user data folder)"
    )
    serve.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="a web page origin (https://host:port) that may also connect; the server's own always may",
    )
    serve.add_argument(
        "--web",
        nargs="?",
        type=int,
        const=20,
        default=0,
        metavar="SESSIONS",
        help="also serve the game to browsers at /play/, at most SESSIONS at once (default 20; ~60 MiB each)",
    )
    serve.set_defaults(func=_serve)

    table = sub.add_parser("table", help="make a table on a server (crisis table new)")
    table_sub = table.add_subparsers(
        dest="table_command", metavar="ACTION", required=True, parser_class=Parser
    )
    new = table_sub.add_parser("new", help="create a table and print its join code")
    new.add_argument("--server", required=True, metavar="URL", help="the server, e.g. http://127.0.0.1:8765")
    new.add_argument("--scenario", default=None, help="a bundled scenario id (default: the campaign)")
    new.add_argument("--seed", type=int, default=None, help="the game's seed (default: a random one)")
    for side in SIDES:
        new.add_argument(
            f"--{side.value}",
            choices=SEAT_CHOICES,
            default="human",
            help=f"who plays {side.value}: a human who joins, or a policy on the server",
        )
    new.add_argument("--json", action="store_true", help="print JSON (code, address, owner credential)")
    new.set_defaults(func=_table)
    table.set_defaults(func=_table)

    tables = sub.add_parser("tables", help="the tables on a server: phase, date, state, ending")
    tables.add_argument("--server", required=True, metavar="URL")
    tables.add_argument("--json", action="store_true", help="print JSON")
    tables.set_defaults(func=_tables)

    join = sub.add_parser("join", help="play a seat at a table on a server")
    join.add_argument("url", metavar="URL", help="the server, e.g. http://127.0.0.1:8765")
    join.add_argument("code", metavar="CODE", nargs="?", help="the table's join code (without it: asked for)")
    join.add_argument(
        "--as", dest="side", choices=[s.value for s in SIDES], help="the seat (default: a free one)"
    )
    join.add_argument(
        "--bot", choices=sorted(POLICIES), metavar="POLICY", help="a headless seat played by a policy"
    )
    join.add_argument("--name", metavar="NAME", help="your name, shown to your table and the teacher")
    join.add_argument(
        "--seed",
        type=int,
        help="with --bot: the seed the policy plays with (the table's, to replay an offline game; "
        "the server never tells it)",
    )
    join.set_defaults(func=_join)

    klass = sub.add_parser("class", help="a class: many tables under one join code (new, status, pause)")
    klass_sub = klass.add_subparsers(
        dest="class_command", metavar="ACTION", required=True, parser_class=Parser
    )
    from game.cli import class_admin, class_tables, classroom

    class_tables.register(klass_sub)  # new, status, pause
    classroom.register(klass_sub)  # console and projector (the classroom's own module)
    class_admin.register(klass_sub)  # timer, inject, reveal, end, export, report
    klass.set_defaults(func=class_tables.status)

    host = sub.add_parser("host", help="serve a table from this game and play one side; the other joins")
    host.add_argument("--scenario", default=None, help="a bundled scenario id (default: the campaign)")
    host.add_argument(
        "--as", dest="side", choices=[s.value for s in SIDES], default="kennedy", help="your side"
    )
    host.add_argument("--seed", type=int, default=None, help="the game's seed (default: a random one)")
    host.add_argument(
        "--opponent",
        choices=SEAT_CHOICES,
        default="human",
        help="who plays the other side (default: who joins)",
    )
    host.add_argument("--listen", default="127.0.0.1", help="address to serve on (0.0.0.0: other machines)")
    host.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    host.add_argument(
        "--db", metavar="PATH", help="the tables' SQLite file (default: in the user data folder)"
    )
    host.set_defaults(func=_host)

    export = sub.add_parser("export", help="save a network game in the save format (for replay, report, ...)")
    export.add_argument("code", metavar="CODE", help="the table's join code")
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("--server", metavar="URL", help="ask a running server")
    where.add_argument(
        "--db", metavar="PATH", help="read a server's SQLite file (default folder: --db default)"
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the save file to write")
    export.add_argument(
        "--owner", metavar="CREDENTIAL", help="the owner credential, to export a game not over"
    )
    export.set_defaults(func=_export)


def _serve(args: argparse.Namespace) -> int:
    from game.net.server import serve

    if not 0 <= args.port <= 65535:
        raise CrisisError(f"--port should be 0 to 65535, not {args.port}")
    db = default_db() if args.db in (None, "default") else Path(args.db)
    if args.web < 0:
        raise CrisisError(f"--web should be a number of browser sessions, not {args.web}")
    return serve(db, args.host, args.port, origins=frozenset(args.allow_origin), web_sessions=args.web)


def _table(args: argparse.Namespace) -> int:
    from game.net import client

    seats = {side.value: getattr(args, side.value) for side in SIDES}
    made = asyncio.run(client.create_table(args.server, args.scenario, args.seed, seats))
    url = client.base_url(args.server)
    if args.json:
        print(
            json.dumps({"code": made["code"], "server": url, "owner": made["owner"], "table": made}, indent=2)
        )
        return 0
    print(f"table {made['code']} on {url}: {made['scenario']}, seed {made['seed']}")
    for side in SIDES:
        who = made["seats"][side.value]["player"]
        print(
            f"  {side.value:11} {'open: crisis join ' + url + ' ' + made['code'] if who == 'human' else who}"
        )
    print(f"  owner credential (to export before the end; shown once): {made['owner']}")
    return 0


def _tables(args: argparse.Namespace) -> int:
    from game.net import client
    from game.net.clock import DEFAULT
    from game.net.tables import free_seat

    tables = asyncio.run(client.list_tables(args.server))
    if args.json:
        print(json.dumps(tables, indent=2))
        return 0
    if not tables:
        print(f"no tables on {client.base_url(args.server)}")
    for t in tables:
        free = free_seat(t.get("minutes_per_turn"), str(t.get("on_timeout") or DEFAULT))
        seats = ", ".join(
            f"{side}: computer ({seat['bot']})"
            if seat.get("bot")
            else f"{side}: {seat['player'] if seat['taken'] else free}"  # as the desk says it (H19)
            for side, seat in t["seats"].items()
        )
        where = table_where(t)
        line = f"{t['code']}  {t['scenario']:22} {t['date']}  turn {t['turn']:>3}  {t['state']:8} {where}"
        print(f"{line}  [{seats}]")
    return 0


def _join(args: argparse.Namespace) -> int:
    from game.net import client

    if not args.bot:
        from game.ui.remote import run

        return run(args.url, args.code, args.side, args.name)

    def status(text: str) -> None:
        print(f"crisis: {text}", file=sys.stderr)

    if args.code is None:
        raise CrisisError("--bot needs the table's join code: crisis join URL CODE --bot POLICY")
    seat = asyncio.run(
        client.play_bot(
            args.url, args.code, args.bot, side=args.side, on_status=status, seed=args.seed, name=args.name
        )
    )
    view = (seat.frame or {}).get("view", {})
    print(f"table {seat.code}: {seat.side} played by {args.bot} to turn {view.get('turn')}")
    ending = view.get("ending")  # its headline (J14)
    where = table_where({"scenario": (seat.frame or {}).get("scenario"), "ending": ending})
    print(f"ending: {where if ending else 'not over'}")
    return 0


def _host(args: argparse.Namespace) -> int:
    from game.net import client
    from game.net.server import serve_in_thread
    from game.ui.remote import run

    db = default_db() if args.db in (None, "default") else Path(args.db)
    url, stop = serve_in_thread(db, args.listen, args.port)
    try:
        other = next(side for side in SIDES if side.value != args.side)
        seats = {args.side: "human", other.value: args.opponent}
        made = asyncio.run(client.create_table(url, args.scenario, args.seed, seats))
        if args.listen in ("0.0.0.0", "::"):
            print(f"serving on every network interface ({args.listen}), as asked", file=sys.stderr)
        print(f"table {made['code']} on {url}")
        return run(url, made["code"], args.side, serve_again=serve_command(url, args.listen, args.db))
    finally:
        stop()


def serve_command(url: str, listen: str, db: str | None) -> str:
    """The `crisis serve` that serves a hosted table again once `crisis host` has quitted (its server went
    with it): the same address and port, so the seat's join (and its remembered credential) works."""
    from urllib.parse import urlsplit

    words = ["crisis serve", f"--port {urlsplit(url).port}"]
    if listen != "127.0.0.1":
        words.append(f"--host {listen}")
    if db not in (None, "default"):
        words.append(f"--db {db}")
    return " ".join(words)


def _export(args: argparse.Namespace) -> int:
    from game.net import client
    from game.net.tables import from_export
    from game.persistence import save
    from game.scenario import catalog

    if args.server:
        data = asyncio.run(client.export_table(args.server, args.code, args.owner))
    else:
        data = _from_db(Path(default_db() if args.db == "default" else args.db), args.code)
    game = from_export(catalog.get(data["scenario"]), data, f"table {args.code}")
    names = data.get("names") if isinstance(data.get("names"), dict) else None  # (an older server: none)
    path = save(game, args.output, sides=data["sides"], names=names)
    where = game.scenario.headline(game.state.ending) if game.state.ending else "not over"
    print(f"table {data['code']} saved to {path} ({game.state.turn - 1} turns, {where})")
    return 0


def _from_db(path: Path, code: str) -> dict[str, Any]:
    from game.net.server import Hub
    from game.net.sqlite import SqliteStorage
    from game.net.tables import normal_code

    if not path.is_file():
        raise CrisisError(f"no table store {str(path)!r}")
    storage = SqliteStorage(path)
    try:
        hub = Hub(storage, play=False)
        table = hub.table(normal_code(code))
        return table.export()
    finally:
        storage.close()
