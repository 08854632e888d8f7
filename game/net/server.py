"""`crisis serve`: the aiohttp application around the hub: the websocket, the tables' HTTP API,
the turn clocks' ticker, and starting and stopping the server.

aiohttp because textual-serve runs on it too: the game server and the browser terminals share one
process and one port. The server decides nothing the engine decides (see `game.net.hub`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from game.model import CrisisError
from game.net import class_routes, protocol
from game.net.hub import Conn, Hub, send
from game.net.protocol import ProtocolError, encode
from game.net.storage import Storage, StorageError
from game.net.tables import hash_credential, normal_code

log = logging.getLogger("crisis.net")
DEFAULT_PORT = 8765
TICK = 0.25
"""Seconds between two looks at the turn clocks."""

__all__ = ["HUB", "Conn", "Hub", "make_app", "serve", "serve_in_thread", "start"]


# ---- the aiohttp application ---------------------------------------------------------------

HUB: web.AppKey[Hub] = web.AppKey("hub", Hub)
ORIGINS: web.AppKey[frozenset[str]] = web.AppKey("origins", frozenset)
SESSIONS: web.AppKey[Any] = web.AppKey("sessions", object)
SOCKETS: web.AppKey[weakref.WeakSet[web.WebSocketResponse]] = web.AppKey("sockets")


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
    request.app[SOCKETS].add(ws)
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
    # the seed to its maker only (seats never learn it: a bot seat would play the other side's AI)
    return web.json_response({**table.summary(), "seed": table.spec.seed, "owner": owner}, status=201)


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


async def _ticking(app: web.Application) -> AsyncIterator[None]:
    """The turn clocks: a timed-out seat's move is given, and the table's seats see it at once."""
    hub = app[HUB]

    async def tick() -> None:
        while True:
            await asyncio.sleep(TICK)
            try:
                for table in hub.expire():
                    await hub.broadcast(table)
            except CrisisError as err:  # a stored move the engine refuses: say so, keep ticking
                log.error("turn clock: %s", err)

    task = asyncio.create_task(tick())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _going_away(app: web.Application) -> None:
    """Each open connection closed with 1001 as the server stops: aiohttp would wait up to a minute for
    every websocket to end on its own (Ctrl-C on `crisis serve` held that long with a seat connected)."""
    sockets = app[SOCKETS]
    await asyncio.gather(
        *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown") for ws in list(sockets))
    )


def make_app(
    storage: Storage,
    *,
    origins: frozenset[str] = frozenset(),
    web_sessions: int = 0,
    clocks: dict[str, Callable[[], float]] | None = None,
) -> web.Application:
    """The server's routes; with `web_sessions`, the game in browsers under /play (at most that many).
    `clocks` ('clock', 'wall'): the hub's clocks, for tests (see `Hub`)."""
    app = web.Application(client_max_size=protocol.MAX_FRAME)
    app[HUB] = Hub(storage) if clocks is None else Hub(storage, clock=clocks["clock"], wall=clocks["wall"])
    app[ORIGINS] = origins
    app[SOCKETS] = weakref.WeakSet()
    app.on_shutdown.append(_going_away)
    app.cleanup_ctx.append(_ticking)
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
    class_routes.routes(app)
    return app


async def start(
    storage: Storage,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    origins: frozenset[str] = frozenset(),
    web_sessions: int = 0,
    clocks: dict[str, Callable[[], float]] | None = None,
) -> tuple[web.AppRunner, str]:
    """Start serving; returns the runner (to `cleanup()`) and the address, with the real port."""
    app = make_app(storage, origins=origins, web_sessions=web_sessions, clocks=clocks)
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
