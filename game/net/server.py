"""`crisis serve`: the aiohttp server that owns every table; seats play over websockets.

aiohttp because textual-serve runs on it too: the game server and the browser terminals share one
process and one port. The server decides nothing the engine decides: it checks a move with the
engine, stores it, and sends each seat `Game.view(side)`, the first message included.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from game import schema
from game.engine.game import Game
from game.engine.state import Move
from game.model import CrisisError, Side
from game.net import classes, protocol
from game.net.classes import ClassSpec, seat_table
from game.net.protocol import ProtocolError, encode
from game.net.protocol import field as need
from game.net.storage import SeatTaken, Storage, StorageError
from game.net.tables import HUMAN, Table, check_seats, hash_credential, new_credential, new_spec, normal_code

log = logging.getLogger("crisis.net")
DEFAULT_PORT = 8765


@dataclass
class Bucket:
    """A token bucket: `rate` messages a second after a burst of `burst`."""

    rate: float = protocol.RATE
    burst: float = protocol.BURST
    tokens: float = protocol.BURST
    at: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass(eq=False)
class Conn:
    """One websocket connection, bound to at most one seat."""

    ws: web.WebSocketResponse
    peer: str
    bucket: Bucket = field(default_factory=Bucket)
    table: Table | None = None
    side: Side | None = None
    errors: int = 0


class Hub:
    """Every table on the server, the store behind them, and who is connected to which seat."""

    def __init__(
        self, storage: Storage, scenario: Callable[[str], Any] | None = None, *, play: bool = True
    ) -> None:
        """`play=False` only reads the tables (no policy moves): for exporting from a server's file."""
        from game.scenario import catalog

        self.storage = storage
        self.scenario = scenario or catalog.get
        self.tables: dict[str, Table] = {}
        self.conns: dict[str, set[Conn]] = {}
        self.play = play
        self.classes: dict[str, ClassSpec] = {}
        self.unplayable: dict[str, str] = {}
        """Tables whose scenario is gone: code -> why."""
        self.restore()

    # ---- tables --------------------------------------------------------------------------

    def restore(self) -> None:
        """Replay every stored table through the engine, checking each move's digest."""
        for record in self.storage.records():
            spec = record.spec
            try:
                game = Game(self.scenario(spec.scenario), spec.seed)
            except CrisisError as err:
                self.unplayable[spec.code] = f"its scenario {spec.scenario!r} cannot be loaded ({err})"
                log.warning("table %s cannot be restored: %s", spec.code, err)
                continue
            table = Table(spec, game, dict(record.holders), paused=record.paused)
            for stored in record.moves:
                try:
                    digest = table.apply(stored.move)
                except CrisisError as err:
                    table.broken = f"move {stored.seq + 1} no longer replays: {err}"
                    break
                if digest != stored.digest:
                    table.broken = f"move {stored.seq + 1} replays to another state (the rules changed)"
                    break
            if table.broken:
                log.warning("table %s stopped at move %d: %s", spec.code, table.moves, table.broken)
            self.tables[spec.code] = table
            self.play_bots(table)
        self.classes = {c.code: c for c in self.storage.classes()}
        log.info("restored %d table(s), %d class(es)", len(self.tables), len(self.classes))

    def create(self, body: dict[str, Any]) -> tuple[Table, str]:
        """A new table from a request: scenario, seed, seats; returns it and the owner's credential."""
        from game.scenario import catalog

        scenario_id = need(body, "scenario", str, optional=True) or catalog.DEFAULT
        seed = need(body, "seed", int, optional=True)
        seats = need(body, "seats", dict, optional=True) or {}
        if "/" in scenario_id or "\\" in scenario_id or scenario_id.endswith((".yaml", ".yml")):
            raise ProtocolError(f"a table plays a bundled scenario by id, not a file ({scenario_id!r})")
        s = self.scenario(scenario_id)
        if seed is None:
            seed = secrets.randbelow(1_000_000)
        created = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        spec, owner = new_spec(s, seed, check_seats(seats), self.tables, created)
        self.storage.create(spec)
        table = Table(spec, Game(s, seed))
        self.tables[spec.code] = table
        self.play_bots(table)
        log.info("table %s created: %s seed %d, %s", spec.code, s.id, seed, _seats_text(table))
        return table, owner

    def table(self, code: Any) -> Table:
        if not isinstance(code, str):
            raise ProtocolError(f"'code' should be a join code, not {code!r:.40}")
        table = self.tables.get(normal_code(code))
        if normal_code(code) in self.unplayable:
            raise ProtocolError(
                f"table {normal_code(code)} cannot be played: {self.unplayable[normal_code(code)]}"
            )
        if table is None:
            raise ProtocolError(f"no table {code[:12]!r} on this server")
        return table

    def _persist(self, table: Table) -> Callable[[int, int, Move, str], None]:
        def persist(seq: int, turn: int, move: Move, digest: str) -> None:
            self.storage.append(table.code, seq, turn, json.dumps(schema.dump(move)), digest)

        return persist

    def play_bots(self, table: Table) -> None:
        """Let the server's policies move until a human seat is awaited or the game ends."""
        if not self.play:
            return
        while moves := table.bot_moves():
            for move in moves:
                table.apply(move, self._persist(table))

    def move(self, table: Table, side: Side, body: dict[str, Any]) -> None:
        turn = need(body, "turn", int)
        state_id = need(body, "state", str)
        move = protocol.move_of(body.get("move"), side)
        table.check(side, turn, state_id, move)
        table.apply(move, self._persist(table))
        self.play_bots(table)

    # ---- seats ---------------------------------------------------------------------------

    def frame(self, table: Table, side: Side) -> str:
        """The one message a seat gets about the table: built from `view(side)` and public facts."""
        g = table.game
        return encode(
            "view",
            code=table.code,
            side=side.value,
            scenario=table.spec.scenario,
            seed=table.spec.seed,
            state=table.state_id(),
            waiting_for=table.waiting_for(),
            paused=table.paused,
            seats=self.summary(table)["seats"],
            view=protocol.view_to_dict(g.view(side)),
        )

    def summary(self, table: Table) -> dict[str, Any]:
        """The table's public summary, with who is connected now."""
        return table.summary(functools.partial(self.connected, table))

    def connected(self, table: Table, side: Side) -> bool:
        return any(c.side is side for c in self.conns.get(table.code, ()))

    async def broadcast(self, table: Table) -> None:
        for conn in list(self.conns.get(table.code, ())):
            assert conn.side is not None
            await send(conn, self.frame(table, conn.side))

    async def handle(self, conn: Conn, message: protocol.Message) -> None:
        body = message.body
        if message.kind == "ping":
            await send(conn, encode("pong"))
            return
        if message.kind in ("join", "resume"):
            if conn.table is not None:
                raise ProtocolError(f"this connection already holds a seat at {conn.table.code}")
            code = body.get("code")
            klass = self.classes.get(normal_code(code)) if isinstance(code, str) else None
            if klass is not None and message.kind == "join":
                table = seat_table(self, klass)
            elif klass is not None:  # the seat a credential holds at one of the class's tables
                credential = need(body, "credential", str)
                held = [self.tables[c] for c in klass.tables if self.tables[c].seat_of(credential)]
                table = held[0] if held else self.table(klass.tables[0])
            else:
                table = self.table(code)
            if table.broken:
                raise ProtocolError(f"table {table.code} cannot be played: {table.broken}")
            if message.kind == "join":
                side, credential = self._join(table, body)
                await send(conn, encode("seat", code=table.code, side=side.value, credential=credential))
            else:
                side = self._resume(table, body)
            conn.table, conn.side = table, side
            self.conns.setdefault(table.code, set()).add(conn)
            did = "joined" if message.kind == "join" else "resumed"
            log.info("%s %s the %s seat at %s", conn.peer, did, side.value, table.code)
            await self.broadcast(table)
            return
        if conn.table is None or conn.side is None:
            raise ProtocolError("join a table first (kinds 'join' or 'resume')")
        self.move(conn.table, conn.side, body)
        await self.broadcast(conn.table)

    def _join(self, table: Table, body: dict[str, Any]) -> tuple[Side, str]:
        wanted = need(body, "side", str, optional=True)
        open_seats = table.open_seats()
        if wanted is not None:
            side = protocol.side_of(wanted)
            if side not in open_seats:
                who = table.spec.seats[side]
                held = "played by the server's " + who if who != HUMAN else "taken"
                raise ProtocolError(f"the {side.value} seat at {table.code} is {held}")
        elif open_seats:
            side = open_seats[0]
        else:
            raise ProtocolError(f"table {table.code} has no free seat")
        credential = new_credential()
        digest = hash_credential(credential)
        try:
            self.storage.claim(table.code, side, digest)
        except SeatTaken as err:
            raise ProtocolError(str(err)) from None
        table.holders[side] = digest
        return side, credential

    def _resume(self, table: Table, body: dict[str, Any]) -> Side:
        credential = need(body, "credential", str)
        side = table.seat_of(credential)
        if side is None:
            raise ProtocolError(f"that credential holds no seat at {table.code}")
        return side


async def send(conn: Conn, text: str) -> None:
    with contextlib.suppress(ConnectionError, RuntimeError):  # the peer went away: its loop ends
        await conn.ws.send_str(text)


def _seats_text(table: Table) -> str:
    return ", ".join(f"{side.value} {who}" for side, who in table.spec.seats.items())


# ---- the aiohttp application ---------------------------------------------------------------

HUB: web.AppKey[Hub] = web.AppKey("hub", Hub)
ORIGINS: web.AppKey[frozenset[str]] = web.AppKey("origins", frozenset)
SESSIONS: web.AppKey[Any] = web.AppKey("sessions", object)


def origin_ok(request: web.Request) -> bool:
    """A browser's Origin must be this server itself (or one allowed with --allow-origin)."""
    origin = request.headers.get("Origin")
    if origin is None:  # not a browser: terminals and bots send none
        return True
    host = origin.split("://", 1)[-1].rstrip("/")
    return host == request.host or origin in request.config_dict.get(ORIGINS, frozenset())


async def websocket(request: web.Request) -> web.StreamResponse:
    if not origin_ok(request):
        log.info("%s refused: Origin %r is not this server", request.remote, request.headers.get("Origin"))
        return web.json_response({"error": "this Origin may not play on this server"}, status=403)
    hub = request.app[HUB]
    ws = web.WebSocketResponse(max_msg_size=protocol.MAX_FRAME, heartbeat=30.0)
    await ws.prepare(request)
    conn = Conn(ws, str(request.remote))
    try:
        async for msg in ws:
            if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                break  # an error (an oversize frame is one: aiohttp has closed with 1009)
            if not conn.bucket.take():
                log.info("%s closed: more than %g messages a second", conn.peer, protocol.RATE)
                await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"rate limit")
                break
            try:
                await hub.handle(conn, protocol.parse(msg.data))
            except StorageError as err:
                log.error("store: %s", err)
                await send(conn, encode("error", reason=f"the server cannot store that now: {err}"))
            except CrisisError as err:  # the client's mistake: a reason back, no traceback in the log
                conn.errors += 1
                await send(conn, encode("error", reason=str(err), fatal=conn.table is None))
                if conn.table is not None and conn.side is not None:
                    await send(conn, hub.frame(conn.table, conn.side))
                if conn.errors > protocol.MAX_ERRORS:
                    log.info("%s closed: %d refused messages", conn.peer, conn.errors)
                    await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"too many refused messages")
                    break
    finally:
        if conn.table is not None:
            hub.conns.get(conn.table.code, set()).discard(conn)
            await hub.broadcast(conn.table)  # the other seat sees who is connected
    return ws


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError) as err:
        raise ProtocolError(f"not JSON: {err}") from None
    if not isinstance(body, dict):
        raise ProtocolError("the body should be a JSON object")
    return body


def _refused(handler: Callable[[web.Request], Awaitable[web.StreamResponse]]):  # noqa: ANN202
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except CrisisError as err:
            status = 404 if str(err).startswith("no table") else 400
            return web.json_response({"error": str(err)}, status=status)

    return wrapped


@_refused
async def create_table(request: web.Request) -> web.StreamResponse:
    if not origin_ok(request):
        return web.json_response({"error": "this Origin may not create tables here"}, status=403)
    table, owner = request.app[HUB].create(await _json_body(request))
    return web.json_response({**table.summary(), "owner": owner}, status=201)


@_refused
async def list_tables(request: web.Request) -> web.StreamResponse:
    hub = request.app[HUB]
    return web.json_response([hub.summary(t) for t in hub.tables.values()])


@_refused
async def one_table(request: web.Request) -> web.StreamResponse:
    hub = request.app[HUB]
    klass = hub.classes.get(normal_code(request.match_info["code"]))
    if klass is not None:  # a class's code: what a student needs to join it, nothing of its tables
        return web.json_response({"code": klass.code, "scenario": klass.scenario, "class": True})
    table = hub.table(request.match_info["code"])
    return web.json_response(hub.summary(table))


@_refused
async def export_table(request: web.Request) -> web.StreamResponse:
    """The whole move log: anyone once the game is over, before that only the table's owner."""
    table = request.app[HUB].table(request.match_info["code"])
    owner = request.headers.get("X-Crisis-Owner", "")
    if not table.game.is_over() and hash_credential(owner) != table.spec.owner:
        return web.json_response(
            {"error": f"table {table.code} is still being played: only its owner may export it now"},
            status=403,
        )
    return web.json_response(table.export())


async def index(request: web.Request) -> web.StreamResponse:
    hub = request.app[HUB]
    return web.Response(
        text=f"missile-crisis game server: {len(hub.tables)} table(s). Join with "
        f"'crisis join {request.scheme}://{request.host} CODE'.\n"
    )


async def to_the_game(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/play/")


def make_app(
    storage: Storage, *, origins: frozenset[str] = frozenset(), web_sessions: int = 0
) -> web.Application:
    """The server's routes; with `web_sessions`, the game in browsers under /play (at most that many)."""
    app = web.Application(client_max_size=protocol.MAX_FRAME)
    app[HUB] = Hub(storage)
    app[ORIGINS] = origins
    if web_sessions:
        from game.net.web import PREFIX, Sessions

        sessions = Sessions(web_sessions)
        app[SESSIONS] = sessions
        app.add_subapp(PREFIX, sessions.app())
        app.router.add_get("/", to_the_game)
    else:
        app.router.add_get("/", index)
    app.router.add_get("/ws", websocket)
    app.router.add_get("/api/tables", list_tables)
    app.router.add_post("/api/tables", create_table)
    app.router.add_get("/api/tables/{code}", one_table)
    app.router.add_get("/api/tables/{code}/export", export_table)
    classes.routes(app)
    return app


async def start(
    storage: Storage,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    origins: frozenset[str] = frozenset(),
    web_sessions: int = 0,
) -> tuple[web.AppRunner, str]:
    """Start serving; returns the runner (to `cleanup()`) and the address, with the real port."""
    app = make_app(storage, origins=origins, web_sessions=web_sessions)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as err:
        await runner.cleanup()
        raise CrisisError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    server = site._server
    sockets = getattr(server, "sockets", None) or ()
    real = sockets[0].getsockname()[1] if sockets else port
    shown = f"[{host}]" if ":" in host else host
    if SESSIONS in app:  # browser sessions join this server on the loopback address
        local = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, shown)
        app[SESSIONS].game_at(f"http://{local}:{real}")
    return runner, f"http://{shown}:{real}"


def serve(
    db: Path,
    host: str,
    port: int,
    *,
    origins: frozenset[str] = frozenset(),
    web_sessions: int = 0,
    announce: Callable[[str], None] = lambda text: print(text, flush=True),
) -> int:
    """Run the server until interrupted (`crisis serve`)."""
    from game.net.sqlite import SqliteStorage

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", datefmt="%H:%M:%S"))
    for name in ("crisis.net", "aiohttp"):
        logging.getLogger(name).addHandler(handler)
    log.setLevel(logging.INFO)

    async def main() -> None:
        storage = SqliteStorage(db)
        runner, url = await start(storage, host, port, origins=origins, web_sessions=web_sessions)
        if host in ("0.0.0.0", "::"):
            announce(
                f"listening on every network interface ({host}), as asked: anyone who can reach "
                "this machine can create and join tables"
            )
        announce(f"crisis server on {url} (tables in {db})")
        announce(f"new table: crisis table new --server {url}")
        if web_sessions:
            announce(f"in a browser: {url}/play/ (at most {web_sessions} sessions at once)")
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()
            storage.close()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
    return 0


def serve_in_thread(
    db: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT
) -> tuple[str, Callable[[], None]]:
    """A server on its own thread and event loop (`crisis host`); returns its address and a stop()."""
    import threading

    from game.net.sqlite import SqliteStorage

    ready: dict[str, Any] = {}
    started = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        stop = asyncio.Event()

        async def main() -> None:
            storage = SqliteStorage(db)
            try:
                runner, url = await start(storage, host, port)
            except CrisisError as err:
                storage.close()
                ready["error"] = err
                started.set()
                return
            ready.update(url=url, stop=lambda: loop.call_soon_threadsafe(stop.set))
            started.set()
            await stop.wait()
            await runner.cleanup()
            storage.close()

        loop.run_until_complete(main())
        loop.close()

    thread = threading.Thread(target=run, name="crisis-server", daemon=True)
    thread.start()
    started.wait(60)
    if "error" in ready:
        raise ready["error"]
    if "url" not in ready:
        raise CrisisError("the game server did not start")

    def stop() -> None:
        ready["stop"]()
        thread.join(10)

    return ready["url"], stop
