"""Browser play (`crisis serve --web`): textual-serve runs `crisis join` for each browser, capped.

Each browser session is one process of the Textual game (about 58 MiB) that joins a table on this
same server over the websocket protocol, like any terminal; textual-serve ends the process when
its browser goes away (the websocket closes, or its heartbeat stops answering).
"""

from __future__ import annotations

import logging
import sys

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("crisis.net")
PREFIX = "/play"


class Sessions(Server):
    """textual-serve's server, mounted under /play on the game server, with a cap on sessions."""

    def __init__(self, cap: int) -> None:
        super().__init__("", title="Missile Crisis")
        self.cap = cap
        self.active = 0

    def game_at(self, url: str) -> None:
        """Each session runs the game joined to the server at `url`."""
        self.command = f"{sys.executable} -m game join {url}"

    def initialize_logging(self) -> None:
        """The game server's logging stays as it is."""

    def app(self) -> web.Application:
        """The routes of textual-serve's own application, to mount as a sub-application."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if self.active >= self.cap:
            return web.Response(status=503, text=full(self.cap))
        self.public_url = f"{request.scheme}://{request.host}"
        # rendered by its decorator: a Response, whatever its annotation says
        return await super().handle_index(request)  # type: ignore[return-value]

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        from game.net.server import origin_ok

        if not origin_ok(request):
            return web.Response(status=403, text="this page may not open a game here")
        if self.active >= self.cap:
            log.info("%s refused a browser session: %d of %d in use", request.remote, self.active, self.cap)
            return web.Response(status=503, text=full(self.cap))
        self.active += 1
        log.info("browser session opened (%d of %d)", self.active, self.cap)
        try:
            return await super().handle_websocket(request)
        finally:
            self.active -= 1
            log.info("browser session closed (%d of %d)", self.active, self.cap)


def full(cap: int) -> str:
    return f"All {cap} browser sessions of this server are in use; try again in a moment."
