"""The network protocol: message kinds, limits, and one side's view as JSON (from `Game.view` only)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from game import schema
from game.engine.match import SideView
from game.engine.state import Move
from game.model import CrisisError, Side

VERSION = 1
MAX_FRAME = 64 * 1024
"""Bytes in one websocket frame or request body; a letter needs far less."""
RATE = 20.0
"""Messages per second a connection may keep up ..."""
BURST = 40.0
"""... after a burst of this many; beyond that the connection is closed (policy violation)."""
MAX_ERRORS = 20
"""Refused messages a connection may send before it is closed."""

CLIENT_KINDS = ("join", "resume", "move", "read", "ping", "recommend", "draft")
"""What a client may send: claim a free seat, take back a seat with its credential, move, say it
left the last turn's report (its turn clock starts), ping."""
SERVER_KINDS = ("seat", "view", "error", "pong")


class ProtocolError(CrisisError):
    """A message the server refuses; the message says why (it is sent back to the client)."""


@dataclass(frozen=True)
class Message:
    """One client message, checked for shape (not yet for meaning)."""

    kind: str
    body: dict[str, Any]


def parse(text: str | bytes) -> Message:
    """A client's frame as a Message, or a ProtocolError that says what is wrong with it."""
    if len(text) > MAX_FRAME:
        raise ProtocolError(f"frame of {len(text)} bytes is over the limit of {MAX_FRAME}")
    try:
        body = json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        raise ProtocolError(f"not JSON: {err}") from None
    if not isinstance(body, dict):
        raise ProtocolError(f"a message is a JSON object, not {type(body).__name__}")
    kind = body.get("kind")
    if kind not in CLIENT_KINDS:
        raise ProtocolError(f"unknown message kind {kind!r}; kinds: {', '.join(CLIENT_KINDS)}")
    return Message(str(kind), body)


def field(body: dict[str, Any], key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
    """`body[key]` if it is of `kind`, else a ProtocolError naming the key."""
    value = body.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ProtocolError(f"{key!r} should be {name}, not {value!r:.60}")
    return value


def side_of(value: Any) -> Side:
    try:
        return Side(value)
    except ValueError:
        raise ProtocolError(f"no side {value!r:.40}; sides: kennedy, khrushchev") from None


def move_of(value: Any, side: Side) -> Move:
    """A move from its JSON, for `side` (a seat moves only for itself)."""
    if not isinstance(value, dict):
        raise ProtocolError(f"'move' should be an object, not {value!r:.60}")
    try:
        return schema.load({**value, "side": side.value}, Move, "move")
    except schema.SchemaError as err:
        raise ProtocolError(f"not a move: {err}") from None


@functools.cache
def scenario_version(scenario_id: str) -> str:
    """A short hash of the scenario's files as this program has them (server and client compare it)."""
    from game.persistence.fingerprint import fingerprint
    from game.scenario import catalog

    return fingerprint(catalog.get(scenario_id)).hash[:12]


def encode(kind: str, **body: Any) -> str:
    return json.dumps({"kind": kind, **body}, separators=(",", ":"), ensure_ascii=False)


# ---- a side's view -----------------------------------------------------------------------


def view_to_dict(view: SideView) -> dict[str, Any]:
    """A SideView as JSON-ready data (game.schema); `view_from_dict` gives back an equal view."""
    return dict(schema.dump(view))


def view_from_dict(d: Any) -> SideView:
    try:
        return schema.load(d, SideView, "view")
    except schema.SchemaError as err:
        raise ProtocolError(f"not a side's view: {err}") from None
