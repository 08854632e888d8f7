"""The network protocol: message kinds, limits, and one side's view as JSON (from `Game.view` only)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from game.engine.game import SeenTurn, SideView
from game.engine.letters import agreement_from_dict, agreement_to_dict, mail_from_dict, mail_to_dict
from game.engine.negotiation import News
from game.engine.state import Move, move_from_dict, move_to_dict
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

CLIENT_KINDS = ("join", "resume", "move", "ping")
"""What a client may send: claim a free seat, take back a seat with its credential, move, ping."""
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
        move = move_from_dict({**value, "side": side.value})
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ProtocolError(f"not a move: {type(err).__name__} {err}") from None
    return move


def encode(kind: str, **body: Any) -> str:
    return json.dumps({"kind": kind, **body}, separators=(",", ":"), ensure_ascii=False)


# ---- a side's view -----------------------------------------------------------------------


def view_to_dict(view: SideView) -> dict[str, Any]:
    """A SideView as JSON-ready data; `view_from_dict` gives back an equal view."""
    return {
        "side": view.side.value,
        "date": view.date,
        "phase": view.phase,
        "turn": view.turn,
        "turns_left": view.turns_left,
        "tracks": dict(view.tracks),
        "flags": sorted(view.flags),
        "my_move": move_to_dict(view.my_move) if view.my_move else None,
        "other_has_moved": view.other_has_moved,
        "legal": [move_to_dict(m) for m in view.legal],
        "log": [
            {
                "turn": t.turn,
                "date": t.date,
                "phase": t.phase,
                "moves": [move_to_dict(m) if m else None for m in t.moves],
                "events": list(t.events),
                "to": t.to,
                "news": [_news_dict(n) for n in t.news],
            }
            for t in view.log
        ],
        "opening": list(view.opening),
        "ending": view.ending,
        "letters": [mail_to_dict(m) for m in view.letters],
        "agreements": [agreement_to_dict(a) for a in view.agreements],
        "channels": list(view.channels),
        "terms": list(view.terms),
        "term_names": dict(view.term_names),
        "time_left": view.time_left,
        "briefing": view.briefing,
    }


def view_from_dict(d: dict[str, Any]) -> SideView:
    try:
        return SideView(
            side=Side(d["side"]),
            date=str(d["date"]),
            phase=str(d["phase"]),
            turn=int(d["turn"]),
            turns_left=int(d["turns_left"]),
            tracks={str(k): int(v) for k, v in d["tracks"].items()},
            flags=frozenset(str(f) for f in d["flags"]),
            my_move=move_from_dict(d["my_move"]) if d["my_move"] else None,
            other_has_moved=bool(d["other_has_moved"]),
            legal=tuple(move_from_dict(m) for m in d["legal"]),
            log=tuple(
                SeenTurn(
                    int(t["turn"]),
                    str(t["date"]),
                    str(t["phase"]),
                    tuple(move_from_dict(m) if m else None for m in t["moves"]),
                    tuple(str(e) for e in t["events"]),
                    t["to"],
                    tuple(_news(n) for n in t.get("news", ())),
                )
                for t in d["log"]
            ),
            opening=tuple(str(e) for e in d["opening"]),
            ending=d["ending"],
            letters=tuple(mail_from_dict(m) for m in d["letters"]),
            agreements=tuple(agreement_from_dict(a) for a in d["agreements"]),
            channels=tuple(str(c) for c in d["channels"]),
            terms=tuple(str(t) for t in d["terms"]),
            term_names={str(k): bool(v) for k, v in d["term_names"].items()},
            time_left=float(d["time_left"]),
            briefing=str(d.get("briefing", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ProtocolError(f"not a side's view: {type(err).__name__} {err}") from None


def _news_dict(n: News) -> dict[str, Any]:
    return {
        "kind": n.kind,
        "term": n.term,
        "side": n.side.value if n.side else None,
        "agreement": n.agreement,
        "terms": list(n.terms),
    }


def _news(d: dict[str, Any]) -> News:
    side = Side(d["side"]) if d.get("side") else None
    return News(
        str(d["kind"]), d.get("term"), side, d.get("agreement"), tuple(str(t) for t in d.get("terms", ()))
    )
