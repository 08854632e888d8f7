"""A class: many tables under one join code, seated as students arrive, steered by the teacher.

Students join with the class code (the server seats each at the next free seat, table by table);
the teacher's credential, printed once when the class is made, is needed to see the class's status
and to pause or resume its tables. Pauses are stored like moves (append-only), so they survive a
restart; a paused table refuses moves with "paused by the facilitator".
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from game.net.protocol import ProtocolError
from game.net.protocol import field as need
from game.net.tables import Table, hash_credential, new_code, new_credential, normal_code

if TYPE_CHECKING:
    from game.net.server import Hub

MAX_TABLES = 60
"""Tables in one class (a class of 120 students in pairs)."""


@dataclass(frozen=True)
class ClassSpec:
    """A class: its code, scenario, the teacher's credential (hashed), and its tables in seating order."""

    code: str
    scenario: str
    teacher: str
    created: str
    tables: tuple[str, ...]


def create(hub: Hub, body: dict[str, Any], created: str) -> tuple[ClassSpec, str]:
    """A new class of `tables` tables (seeds seed, seed+1, ...); returns it and the teacher's credential."""
    count = need(body, "tables", int, optional=True) or 1
    if not 1 <= count <= MAX_TABLES:
        raise ProtocolError(f"a class has 1 to {MAX_TABLES} tables, not {count}")
    seed = need(body, "seed", int, optional=True)
    fill = need(body, "fill", str, optional=True)
    codes = []
    for n in range(count):
        seats = {"khrushchev": fill} if fill else {}
        table, _ = hub.create(
            {"scenario": body.get("scenario"), "seed": None if seed is None else seed + n, "seats": seats}
        )
        codes.append(table.code)
    teacher = new_credential()
    taken = set(hub.tables) | set(hub.classes)
    spec = ClassSpec(
        new_code(taken), hub.tables[codes[0]].spec.scenario, hash_credential(teacher), created, tuple(codes)
    )
    hub.storage.create_class(spec)
    hub.classes[spec.code] = spec
    return spec, teacher


def seat_table(hub: Hub, spec: ClassSpec) -> Table:
    """The class's table where the next student sits: the first with a free seat."""
    for code in spec.tables:
        table = hub.tables[code]
        if table.open_seats() and not table.game.is_over():
            return table
    raise ProtocolError(f"every seat in class {spec.code} is taken")


def teacher_of(hub: Hub, code: str, credential: str) -> ClassSpec:
    spec = hub.classes.get(normal_code(code))
    if spec is None:
        raise ProtocolError(f"no class {code[:12]!r} on this server")
    if not hmac.compare_digest(hash_credential(credential), spec.teacher):
        raise PermissionError(f"only the teacher of class {spec.code} may do that")
    return spec


def status(hub: Hub, spec: ClassSpec) -> dict[str, Any]:
    tables = [hub.tables[c] for c in spec.tables]
    return {
        "code": spec.code,
        "scenario": spec.scenario,
        "created": spec.created,
        "tables": [hub.summary(t) for t in tables],
    }


async def pause(hub: Hub, spec: ClassSpec, table: str | None, paused: bool) -> list[str]:
    """Pause or resume one table of the class, or all of them; returns the codes changed."""
    codes = spec.tables if table is None else (normal_code(table),)
    if any(c not in spec.tables for c in codes):
        raise ProtocolError(f"table {table!r} is not in class {spec.code}")
    changed = []
    for code in codes:
        t = hub.tables[code]
        if t.paused != paused:
            hub.storage.control(code, "pause" if paused else "resume")
            t.paused = paused
            changed.append(code)
            if not paused:
                hub.play_bots(t)
            await hub.broadcast(t)
    return changed


# ---- HTTP --------------------------------------------------------------------------------


def routes(app: web.Application) -> None:
    app.router.add_post("/api/classes", _new)
    app.router.add_get("/api/classes/{code}", _status)
    app.router.add_post("/api/classes/{code}/pause", _pause)


def _hub(request: web.Request) -> Hub:
    from game.net.server import HUB

    return request.app[HUB]


async def _guard(request: web.Request, work) -> web.StreamResponse:  # noqa: ANN001
    from game.model import CrisisError
    from game.net.server import _json_body, origin_ok

    if not origin_ok(request):
        return web.json_response({"error": "this Origin may not do that here"}, status=403)
    try:
        body = await _json_body(request) if request.method == "POST" else {}
        return await work(body)
    except PermissionError as err:
        return web.json_response({"error": str(err)}, status=403)
    except CrisisError as err:
        return web.json_response({"error": str(err)}, status=404 if str(err).startswith("no class") else 400)


async def _new(request: web.Request) -> web.StreamResponse:
    import datetime as dt

    async def work(body: dict[str, Any]) -> web.StreamResponse:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        spec, teacher = create(_hub(request), body, now)
        return web.json_response({**status(_hub(request), spec), "teacher": teacher}, status=201)

    return await _guard(request, work)


async def _status(request: web.Request) -> web.StreamResponse:
    async def work(body: dict[str, Any]) -> web.StreamResponse:
        hub = _hub(request)
        spec = teacher_of(hub, request.match_info["code"], request.headers.get("X-Crisis-Teacher", ""))
        return web.json_response(status(hub, spec))

    return await _guard(request, work)


async def _pause(request: web.Request) -> web.StreamResponse:
    async def work(body: dict[str, Any]) -> web.StreamResponse:
        hub = _hub(request)
        spec = teacher_of(hub, request.match_info["code"], request.headers.get("X-Crisis-Teacher", ""))
        paused = need(body, "paused", bool)
        changed = await pause(hub, spec, need(body, "table", str, optional=True), paused)
        return web.json_response({"changed": changed, "paused": paused})

    return await _guard(request, work)
