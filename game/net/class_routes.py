"""The class's HTTP routes: the teacher's admin API (credential in `X-Crisis-Teacher`) and the
projector's public, spoiler-free view. The work is done in `classes`; docs/class-api.md lists them."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from game.model import CrisisError
from game.net import classes
from game.net.classes import ClassSpec
from game.net.protocol import ProtocolError
from game.net.protocol import field as need

Work = Callable[[dict[str, Any]], Awaitable[Any]]


def routes(app: web.Application) -> None:
    app.router.add_post("/api/classes", _new)
    app.router.add_get(
        "/api/classes/{code}", _teacher(lambda hub, spec, body, req: classes.status(hub, spec))
    )
    app.router.add_post("/api/classes/{code}/pause", _teacher(_pause))
    app.router.add_post("/api/classes/{code}/timer", _teacher(lambda h, s, b, r: classes.timer(h, s, b)))
    app.router.add_get("/api/classes/{code}/injects", _teacher(lambda h, s, b, r: classes.catalogue(h, s)))
    app.router.add_post("/api/classes/{code}/inject", _teacher(lambda h, s, b, r: classes.inject(h, s, b)))
    app.router.add_post("/api/classes/{code}/reveal", _teacher(_everyone("reveal")))
    app.router.add_post("/api/classes/{code}/end", _teacher(_everyone("end")))
    app.router.add_get(
        "/api/classes/{code}/tables/{table}",
        _teacher(lambda h, s, b, r: classes.full(h, s, r.match_info["table"])),
    )
    app.router.add_get("/api/classes/{code}/export", _teacher(lambda h, s, b, r: classes.export(h, s)))
    app.router.add_get("/api/classes/{code}/projector", _projector)


def _hub(request: web.Request) -> Any:
    from game.net.server import HUB

    return request.app[HUB]


async def _guard(request: web.Request, work: Work) -> web.StreamResponse:
    from game.net.server import _json_body, origin_ok

    if not origin_ok(request):
        return web.json_response({"error": "this Origin may not do that here"}, status=403)
    try:
        body = await _json_body(request) if request.method == "POST" else {}
        return web.json_response(await work(body))
    except PermissionError as err:
        return web.json_response({"error": str(err)}, status=403)
    except CrisisError as err:
        return web.json_response({"error": str(err)}, status=404 if str(err).startswith("no class") else 400)


def _teacher(
    handler: Callable[[Any, ClassSpec, dict[str, Any], web.Request], Any],
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """A route only the class's teacher may call: `handler(hub, spec, body, request)`."""

    async def route(request: web.Request) -> web.StreamResponse:
        async def work(body: dict[str, Any]) -> Any:
            hub = _hub(request)
            credential = request.headers.get("X-Crisis-Teacher", "")
            spec = classes.teacher_of(hub, request.match_info["code"], credential)
            done = handler(hub, spec, body, request)
            return await done if inspect.isawaitable(done) else done

        return await _guard(request, work)

    return route


async def _pause(hub: Any, spec: ClassSpec, body: dict[str, Any], request: web.Request) -> dict[str, Any]:
    paused = need(body, "paused", bool)
    changed = await classes.pause(hub, spec, need(body, "table", str, optional=True), paused)
    return {"changed": changed, "paused": paused}


def _everyone(action: str) -> Callable[..., Awaitable[dict[str, Any]]]:
    async def run(hub: Any, spec: ClassSpec, body: dict[str, Any], request: web.Request) -> dict[str, Any]:
        changed = await classes.everyone(hub, spec, action)
        return {"changed": changed, {"reveal": "revealed", "end": "ended"}[action]: True}

    return run


async def _new(request: web.Request) -> web.StreamResponse:
    async def work(body: dict[str, Any]) -> Any:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        hub = _hub(request)
        spec, teacher = classes.create(hub, body, now)
        return {**classes.status(hub, spec), "teacher": teacher}

    response = await _guard(request, work)
    if response.status == 200:
        response.set_status(201)
    return response


async def _projector(request: web.Request) -> web.StreamResponse:
    async def work(body: dict[str, Any]) -> Any:
        hub = _hub(request)
        spec = hub.classes.get(_code(request))
        if spec is None:
            raise ProtocolError(f"no class {request.match_info['code'][:12]!r} on this server")
        return classes.projector(hub, spec)

    return await _guard(request, work)


def _code(request: web.Request) -> str:
    from game.net.tables import normal_code

    return normal_code(request.match_info["code"])
