"""Teams: several students on one side of a table. The leader sends the move and the letters; advisors
(the scenario's advisors of that side: Robert Kennedy, McNamara, ...; Mikoyan, Gromyko, ...) see the
same view, recommend a decision with a line of reasoning, and draft letters the leader may send.

The server's half. Everything a team member does is stored as a control of the table (action "team"),
so it is in the table's log, survives a restart and is exported; a side's team is sent only to that side.
An advisor's credential is 128 bits, kept hashed, as a seat's is. In a class made with teams, students
fill the leaders' seats first (every table can start), then join as advisors where a team is smallest.
"""

from __future__ import annotations

import hmac
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game import schema
from game.engine.letters import Letter
from game.model import SIDES, Side
from game.net.protocol import ProtocolError, encode
from game.net.protocol import field as need
from game.net.tables import Table, hash_credential, new_credential, normal_code
from game.persistence.format import MAX_NAME  # a save keeps the names a table was given

if TYPE_CHECKING:
    from game.net.classes import ClassSpec
    from game.net.hub import Conn, Hub

TEAM = "team"
"""The action of a team's controls."""
LEADER = "leader"
MAX_REASON = 300
MAX_TEXT = 4000
KINDS = ("recommend", "draft")
"""The client kinds teams add: an advisor's recommendation, an advisor's draft letter."""

_ADVISING: weakref.WeakKeyDictionary[Conn, Member] = weakref.WeakKeyDictionary()
"""Connections held by advisors (a leader's connection is an ordinary seat's)."""


@dataclass(frozen=True)
class Member:
    """One student of a side's team."""

    side: Side
    role: str
    """'leader', or the id of the scenario's advisor the student plays."""
    name: str
    key: str = ""
    """An advisor's credential, hashed (a leader's credential is the seat's)."""


def clean_name(value: Any) -> str:
    """A student's name as typed: printable, at most MAX_NAME characters; a ProtocolError otherwise."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProtocolError(f"'name' should be text, not {value!r:.40}")
    name = " ".join("".join(ch for ch in value if ch.isprintable()).split())
    if len(name) > MAX_NAME:
        raise ProtocolError(f"a name has at most {MAX_NAME} characters, not {len(name)}")
    return name


def _team(table: Table) -> list[dict[str, Any]]:
    return [c for c in table.controls if c.get("action") == TEAM]


def enabled(table: Table) -> bool:
    """Whether the table's sides are teams (its class was made with --teams)."""
    return any(c.get("kind") == "on" for c in _team(table))


def members(table: Table, side: Side | None = None) -> list[Member]:
    """The team members who joined, in order (of one side, or of both)."""
    out = []
    for c in _team(table):
        if c.get("kind") == "join" and (side is None or c.get("side") == side.value):
            out.append(
                Member(Side(c["side"]), str(c["role"]), str(c.get("name") or ""), str(c.get("key") or ""))
            )
    return out


def advisor_of(table: Table, credential: str) -> Member | None:
    digest = hash_credential(credential)
    for m in members(table):
        if m.key and hmac.compare_digest(m.key, digest):
            return m
    return None


def open_roles(table: Table, side: Side) -> list[str]:
    """The scenario's advisors of `side` no student plays yet, in the scenario's order."""
    taken = {m.role for m in members(table, side)}
    return [a.id for a in table.game.scenario.advisors if a.side is side and a.id not in taken]


def advisor_name(table: Table, role: str) -> str:
    for a in table.game.scenario.advisors:
        if a.id == role:
            return a.name
    return role


# ---- the hub's hooks ----------------------------------------------------------------------


def enable(hub: Hub, table: Table) -> None:
    """Make the table's sides teams (when its class is made with teams)."""
    if not enabled(table):
        hub.control(table, TEAM, {"kind": "on"})


def joined(hub: Hub, table: Table, side: Side, body: dict[str, Any]) -> None:
    """A student took a leader's seat at a teams table: the team's first member, in the table's log."""
    if enabled(table):
        name = clean_name(body.get("name")) or table.names.get(side.value, "")
        hub.control(table, TEAM, {"kind": "join", "side": side.value, "role": LEADER, "name": name})


def names(table: Table) -> list[str]:
    """The names of the students at the table: the leaders' (as they took the seats), then advisors'."""
    leaders = [n for n in table.names.values() if n]
    return leaders + [m.name for m in members(table) if m.role != LEADER and m.name]


def glance(table: Table) -> dict[str, Any]:
    """What the teacher's console adds to a table's glance: every student's name and the team sizes."""
    if not enabled(table):
        return {"names": names(table)}
    sizes = {side.value: len(members(table, side)) for side in SIDES}
    return {"names": names(table), "team_sizes": sizes}


def part(table: Table, side: Side) -> dict[str, Any] | None:
    """What a side's seats are sent of their own team (never the other side's): who is in it, and this
    turn's recommendations and drafts. None where the table has no teams."""
    if not enabled(table):
        return None
    turn = table.game.state.turn
    notes = [c for c in _team(table) if c.get("side") == side.value and c.get("turn") == turn]
    return {
        "members": [
            {
                "name": m.name,
                "role": m.role,
                "title": "leader" if m.role == LEADER else advisor_name(table, m.role),
            }
            for m in members(table, side)
        ],
        "recommendations": [
            {
                "by": c["name"],
                "role": c["role"],
                "title": advisor_name(table, c["role"]),
                "decision": c["decision"],
                "reason": c["reason"],
            }
            for c in notes
            if c.get("kind") == "recommend"
        ],
        "drafts": [
            {"by": c["name"], "role": c["role"], "letter": c["letter"], "n": n}
            for n, c in enumerate(notes)
            if c.get("kind") == "draft"
        ],
    }


def place(hub: Hub, klass: ClassSpec) -> tuple[Table, Side, str] | None:
    """Where the next student of a teams class sits as an advisor (table, side, advisor id): the smallest
    team with a role left. None while a leader's seat is free (or the class has no teams)."""
    tables = [hub.tables[c] for c in klass.tables if c in hub.tables]
    playing = [t for t in tables if not (t.game.is_over() or t.broken or getattr(t, "ended", False))]
    if not any(enabled(t) for t in playing) or any(t.open_seats() for t in playing):
        return None
    best: tuple[int, int, int, Table, Side, str] | None = None
    for n, t in enumerate(playing):
        for s_n, side in enumerate(SIDES):
            roles = open_roles(t, side) if enabled(t) else []
            if roles:
                key = (len(members(t, side)), n, s_n, t, side, roles[0])
                if best is None or key[:3] < best[:3]:
                    best = key
    if best is None:
        raise ProtocolError(f"every seat and every advisor's role in class {klass.code} is taken")
    return best[3], best[4], best[5]


async def handle(hub: Hub, conn: Conn, kind: str, body: dict[str, Any]) -> bool:
    """Take a message that concerns teams; False (nothing done) for the hub's own messages."""
    if kind == "join" and conn.table is None:
        return await _join(hub, conn, body)
    if kind == "resume" and conn.table is None:
        return await _resume(hub, conn, body)
    member = _ADVISING.get(conn)
    if kind == "move" and member is not None:
        raise ProtocolError(
            f"only the leader of the {member.side.value} team sends the move; "
            "as an advisor, recommend a decision (it goes to the leader's screen)"
        )
    if kind not in KINDS:
        return False
    if member is None or conn.table is None:
        raise ProtocolError(f"only an advisor of a team sends '{kind}' (join a class made with teams)")
    table = conn.table
    if table.game.is_over() or getattr(table, "ended", False):
        raise ProtocolError(f"table {table.code} is over; there is nothing left to advise")
    note = _recommendation(table, member, body) if kind == "recommend" else _draft(table, member, body)
    hub.control(table, TEAM, {"side": member.side.value, "role": member.role, "name": member.name, **note})
    await hub.broadcast(table)
    return True


async def _join(hub: Hub, conn: Conn, body: dict[str, Any]) -> bool:
    """A student joins a teams class whose leaders' seats are all taken: seated as an advisor."""
    code = body.get("code")
    klass = hub.classes.get(normal_code(code)) if isinstance(code, str) else None
    spot = place(hub, klass) if klass is not None else None
    if spot is None:
        return False
    table, side, role = spot
    credential = new_credential()
    member = Member(side, role, clean_name(body.get("name")), hash_credential(credential))
    detail = {"kind": "join", "side": side.value, "role": role, "name": member.name, "key": member.key}
    hub.control(table, TEAM, detail)
    _seat(hub, conn, table, member)
    from game.net.hub import send

    title = advisor_name(table, role)
    seat = encode("seat", code=table.code, side=side.value, credential=credential, role=role, title=title)
    await send(conn, seat)
    await hub.broadcast(table)
    return True


async def _resume(hub: Hub, conn: Conn, body: dict[str, Any]) -> bool:
    """An advisor comes back with their credential (a table's code or the class's)."""
    credential, code = body.get("credential"), body.get("code")
    if not isinstance(credential, str) or not isinstance(code, str):
        return False
    klass = hub.classes.get(normal_code(code))
    for c in klass.tables if klass is not None else (normal_code(code),):
        table = hub.tables.get(c)
        member = advisor_of(table, credential) if table is not None else None
        if table is not None and member is not None:
            _seat(hub, conn, table, member)
            await hub.broadcast(table)
            return True
    return False


def _recommendation(table: Table, member: Member, body: dict[str, Any]) -> dict[str, Any]:
    decision = need(body, "decision", str)
    if decision not in {m.decision for m in table.game.legal_moves(member.side)}:
        raise ProtocolError(f"{decision!r:.60} is not a decision the {member.side.value} team may take now")
    reason = " ".join(need(body, "reason", str).split())
    if not reason:
        raise ProtocolError("a recommendation gives a line of reasoning ('reason')")
    if len(reason) > MAX_REASON:
        raise ProtocolError(f"a reason has at most {MAX_REASON} characters, not {len(reason)}")
    return {"kind": "recommend", "decision": decision, "reason": reason}


def _draft(table: Table, member: Member, body: dict[str, Any]) -> dict[str, Any]:
    try:
        letter = schema.load(need(body, "letter", dict), Letter, "letter")
    except schema.SchemaError as err:
        raise ProtocolError(f"not a letter: {err}") from None
    if len(letter.text) > MAX_TEXT:
        raise ProtocolError(f"a letter has at most {MAX_TEXT} characters, not {len(letter.text)}")
    if letter.channel not in table.game.view(member.side).channels:
        raise ProtocolError(f"the {member.side.value} team cannot write by {letter.channel!r:.40} now")
    return {"kind": "draft", "letter": schema.dump(letter)}


def _seat(hub: Hub, conn: Conn, table: Table, member: Member) -> None:
    if table.broken:
        raise ProtocolError(f"table {table.code} cannot be played: {table.broken}")
    conn.table, conn.side = table, member.side
    _ADVISING[conn] = member
    hub.conns.setdefault(table.code, set()).add(conn)


def advising(conn: Conn) -> Member | None:
    """The advisor holding this connection, if an advisor does."""
    return _ADVISING.get(conn)
