"""A class: many tables under one join code, seated as students arrive, steered by the teacher.

Students join with the class code (the server seats each at the next free seat, table by table);
the teacher's credential, printed once when the class is made, is needed to see the class and steer
it: pause and resume, turn timers, injects, revealing history, ending the class, exporting it.
Controls are stored like moves (append-only), so they survive a restart; an inject is a move in the
table's log (`game.engine.injects`), so replays and digests stay exact. The HTTP routes are in
`class_routes`; the admin API is written up in docs/class-api.md.
"""

from __future__ import annotations

import hmac
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.ai.policies import POLICIES
from game.engine import injects
from game.model import SIDES, InjectKind, Role
from game.net import teams
from game.net.clock import DEFAULT, MAX_MINUTES, MAX_READING, MIN_MINUTES
from game.net.protocol import ProtocolError, side_of
from game.net.protocol import field as need
from game.net.tables import Table, hash_credential, new_code, new_credential, normal_code

if TYPE_CHECKING:
    from game.net.hub import Hub

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
    minutes, reading = _minutes(body), _reading(body)
    on_timeout = need(body, "on_timeout", str, optional=True) or DEFAULT
    if on_timeout != DEFAULT and on_timeout not in POLICIES:
        raise ProtocolError(f"on_timeout: {on_timeout!r} is neither 'default' nor a policy ({_policies()})")
    codes = []
    for n in range(count):
        seats = {"khrushchev": fill} if fill else {}
        table, _ = hub.create(
            {"scenario": body.get("scenario"), "seed": None if seed is None else seed + n, "seats": seats}
        )
        if minutes is not None or on_timeout != DEFAULT or reading is not None:
            read = {} if reading is None else {"reading": reading}
            hub.control(table, "timer", {"minutes": minutes, "on_timeout": on_timeout, **read})
        if need(body, "teams", bool, optional=True):
            teams.enable(hub, table)  # several students a side (classroom: game/net/teams.py)
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
        if table.open_seats() and not table.game.is_over() and not table.ended:
            return table
    raise ProtocolError(f"every seat in class {spec.code} is taken")


def teacher_of(hub: Hub, code: str, credential: str) -> ClassSpec:
    spec = hub.classes.get(normal_code(code))
    if spec is None:
        raise ProtocolError(f"no class {code[:12]!r} on this server")
    if not hmac.compare_digest(hash_credential(credential), spec.teacher):
        raise PermissionError(f"only the teacher of class {spec.code} may do that")
    return spec


def tables_of(hub: Hub, spec: ClassSpec, table: str | None = None) -> list[Table]:
    """The class's tables, or the one named (which must be the class's)."""
    if table is None:
        return [hub.tables[c] for c in spec.tables]
    if normal_code(table) not in spec.tables:
        raise ProtocolError(f"table {table[:12]!r} is not in class {spec.code}")
    return [hub.tables[normal_code(table)]]


def status(hub: Hub, spec: ClassSpec) -> dict[str, Any]:
    """What the teacher's console shows: every table at a glance."""
    tables = tables_of(hub, spec)
    minutes = {t.clock.minutes for t in tables}
    return {
        "code": spec.code,
        "scenario": spec.scenario,
        "created": spec.created,
        "minutes_per_turn": minutes.pop() if len(minutes) == 1 else None,
        "revealed": all(t.revealed for t in tables),
        "ended": all(t.ended for t in tables),
        "students": sum(students(t) for t in tables),
        "tables": [glance(hub, t) for t in tables],
    }


def inject_titles(table: Table, turn: int) -> list[str]:
    """The injects sent in `turn`, as the log shows them: 'to all: A U-2 is shot down over Cuba' (H19:
    the console counted them, its log did not show them)."""
    sent = injects.sent_in(table.game.scenario, table.game.state, turn)
    return [f"to {to}: {item.title or item.text}" for to, item in sent]


def students(table: Table) -> int:
    """The seats taken by students (a bot client's, `crisis join --bot`, is the computer's)."""
    return sum(side.value not in table.bots for side in table.holders)


def glance(hub: Hub, table: Table) -> dict[str, Any]:
    """One table for the teacher: its public summary, the tracks, letters, timer, timeouts, injects."""
    st = table.game.state
    out = table.game.outcome() if table.game.is_over() else None
    return {
        **hub.summary(table),
        "seats": hub.seats(table),
        "seed": table.spec.seed,
        "headline": out.headline if out else None,
        "tracks": dict(st.tracks),
        "letters": len(st.mail),
        "agreements": len(st.agreements),
        "timer": table.clock.public(hub.clock(), table.unseated()),
        "timeouts": sum(1 for c in table.controls if c["action"] == "timeout"),
        "injects": len(st.injects),
        "news": headlines(table)[-3:],
        **by_role(table),
        "turns": len(st.log),
        **teams.glance(table),
    }


def by_role(table: Table) -> dict[str, Any]:
    """A table's risk of war and state of alert, found by their roles in the scenario (the wire keeps
    the keys 'risk' and 'defcon'), with the risk's scale and lines (the console and projector colour by them).
    """
    s, tracks = table.game.scenario, dict(table.game.state.tracks)
    risk, alert = s.risk, s.with_role(Role.ALERT)
    return {
        "risk": tracks.get(risk.id),
        "defcon": tracks.get(alert.id) if alert is not None else None,
        "risk_lines": {"max": risk.max, "warning": risk.lines.warning, "danger": risk.lines.danger},
    }


def headlines(table: Table) -> list[str]:
    """The titles of events both sides know of, in the order they happened: what a newspaper prints."""
    s, st = table.game.scenario, table.game.state
    out = []
    for event_id in (*st.opening, *(e for r in st.log for e in r.events)):
        event = s.event(event_id)
        if set(event.known_to) == set(SIDES):
            out.append(event.title)
    return out


async def pause(hub: Hub, spec: ClassSpec, table: str | None, paused: bool) -> list[str]:
    """Pause or resume one table of the class, or all of them; returns the codes changed."""
    changed = []
    for t in tables_of(hub, spec, table):
        if t.paused != paused and not t.ended:
            hub.control(t, "pause" if paused else "resume")
            changed.append(t.code)
            if not paused:
                hub.play_bots(t)
            await hub.broadcast(t)
    return changed


async def timer(hub: Hub, spec: ClassSpec, body: dict[str, Any]) -> dict[str, Any]:
    """Set or change (or, with minutes null, stop) the turn timer of one table or all of them."""
    minutes, reading = _minutes(body), _reading(body)
    on_timeout = need(body, "on_timeout", str, optional=True)
    if on_timeout is not None and on_timeout != DEFAULT and on_timeout not in POLICIES:
        raise ProtocolError(f"on_timeout: {on_timeout!r} is neither 'default' nor a policy ({_policies()})")
    changed = []
    for t in tables_of(hub, spec, need(body, "table", str, optional=True)):
        if t.ended or t.game.is_over():
            continue
        read = {"reading": t.clock.reading if reading is None else reading}
        hub.control(t, "timer", {"minutes": minutes, "on_timeout": on_timeout or t.clock.on_timeout, **read})
        changed.append(t.code)
        await hub.broadcast(t)
    return {"changed": changed, "minutes": minutes}


def catalogue(hub: Hub, spec: ClassSpec) -> dict[str, Any]:
    s = hub.scenario(spec.scenario)
    items = [
        {
            "id": i.id,
            "kind": i.kind.value,
            "title": i.title,
            "text": " ".join(i.text.split()),
            "date": i.date.isoformat() if i.date else None,
            "historical": i.historical,
            "effects": [_effect(e) for e in i.effects],
            "source": list(i.source),
        }
        for i in s.injects
    ]
    return {"injects": items, "kinds": [k.value for k in InjectKind]}


async def inject(hub: Hub, spec: ClassSpec, body: dict[str, Any]) -> dict[str, Any]:
    """Send a catalogue item (`id`) or the teacher's own words (`text`, `kind`) to a table or all of them,
    to one side or both; each is a move in that table's log."""
    item = need(body, "id", str, optional=True)
    words = need(body, "text", str, optional=True)
    if (item is None) == (words is None):
        raise ProtocolError("an inject has either an 'id' from the catalogue or a 'text', not both")
    kind = need(body, "kind", str, optional=True) or InjectKind.NEWS.value
    if kind not in {k.value for k in InjectKind}:
        raise ProtocolError(f"no kind of inject {kind!r}; kinds: {', '.join(k.value for k in InjectKind)}")
    wanted = need(body, "side", str, optional=True)
    audience = side_of(wanted) if wanted is not None else None
    move = injects.make(audience, item or "", kind=InjectKind(kind), text=" ".join((words or "").split()))
    tables = [t for t in tables_of(hub, spec, need(body, "table", str, optional=True)) if _open(t)]
    if not tables:
        raise ProtocolError("no table of the class is still being played")
    for t in tables:  # all checked before any is sent: a refused inject reaches no table
        if why := injects.problem(t.game.scenario, t.game.state, move):
            raise ProtocolError(f"table {t.code}: {why}")
    for t in tables:
        hub.inject(t, move)
        await hub.broadcast(t)
    shown = injects.parse(tables[0].game.scenario, move)[1]
    return {
        "sent": [t.code for t in tables],
        "inject": {"id": shown.id, "kind": shown.kind.value, "title": shown.title, "text": shown.text},
        "side": audience.value if audience else None,
    }


async def everyone(hub: Hub, spec: ClassSpec, action: str) -> list[str]:
    """'reveal' (history's spoilers on for everyone) or 'end' (no more moves) on every table."""
    changed = []
    for t in tables_of(hub, spec):
        if (action == "reveal" and not t.revealed) or (action == "end" and not t.ended):
            hub.control(t, action)
            changed.append(t.code)
            await hub.broadcast(t)
    return changed


def full(hub: Hub, spec: ClassSpec, code: str) -> dict[str, Any]:
    """One table in full for the teacher: its log, both sides' letters, what each side has seen."""
    from game import schema
    from game.net.protocol import view_to_dict

    (table,) = tables_of(hub, spec, code)
    g, s = table.game, table.game.scenario
    log = [
        {
            "turn": r.turn,
            "date": r.date,
            "phase": r.phase,
            "moves": [
                {"side": m.side.value, "decision": m.decision, "label": s.decision(m.decision).label}
                for m in r.moves
            ],
            "events": [s.event(e).title for e in r.events],
            "injects": inject_titles(table, r.turn),
            "to": r.to,
        }
        for r in g.state.log
    ]
    return {
        **glance(hub, table),
        "log": log,
        "mail": [schema.dump(m) for m in g.state.mail],
        "views": {side.value: view_to_dict(g.view(side)) for side in SIDES},
        "notices": {side.value: table.notices(side) for side in SIDES},
        "injects_now": inject_titles(table, g.state.turn),  # sent in the turn being played
        "controls": table.controls,
    }


def export(hub: Hub, spec: ClassSpec) -> dict[str, Any]:
    """Every table as a save document (`crisis replay` loads each), with the class and the controls."""
    from game.persistence.fingerprint import fingerprint
    from game.persistence.format import MAIN, new_document, to_data
    from game.persistence.tree import line_of

    saves, controls = {}, {}
    for t in tables_of(hub, spec):
        sides = {side.value: t.spec.seats[side] for side in SIDES}
        line = line_of(t.game, sides, names=t.names)
        saves[t.code] = to_data(new_document(fingerprint(t.game.scenario), t.spec.seed, (line,), MAIN))
        controls[t.code] = t.controls
    return {"class": status(hub, spec), "saves": saves, "controls": controls}


def projector(hub: Hub, spec: ClassSpec) -> dict[str, Any]:
    """The wall: spoiler-free and public (no seats, letters or secrets): the code, each table's risk of
    war, the headlines as the tables make them, the endings reached."""
    tables = tables_of(hub, spec)
    endings: Counter[str] = Counter()
    rows = []
    for n, t in enumerate(tables, 1):
        out = t.game.outcome() if t.game.is_over() else None
        if out:
            endings[out.headline] += 1
        news = headlines(t)
        rows.append(
            {
                "n": n,
                "risk": by_role(t)["risk"],
                "state": t.state_word(),
                "date": t.game.state.date,
                "headline": out.headline if out else (news[-1] if news else None),
            }
        )
    seated = sum(len(t.holders) for t in tables)  # seats taken, a bot's too: the wall counts who joined
    started = any(t.game.state.log for t in tables)
    over = all(t.game.is_over() or t.ended for t in tables)
    return {
        "code": spec.code,
        "scenario": spec.scenario,
        "state": "over" if over else "playing" if started else "arriving",
        "students": seated,
        "tables": rows,
        "endings": dict(endings),
        "created": spec.created,
        "names": [name for t in tables for name in teams.names(t)],
        **({f"risk_{k}": v for k, v in by_role(tables[0])["risk_lines"].items()} if tables else {}),
    }


def _open(table: Table) -> bool:
    return not (table.ended or table.broken or table.game.is_over())


def _minutes(body: dict[str, Any]) -> float | None:
    minutes = need(body, "minutes", (int, float), optional=True)
    if minutes is None:
        minutes = need(body, "minutes_per_turn", (int, float), optional=True)
    if minutes is not None and (isinstance(minutes, bool) or not MIN_MINUTES <= minutes <= MAX_MINUTES):
        raise ProtocolError(f"minutes per turn: {MIN_MINUTES} to {MAX_MINUTES:g}, not {minutes!r}")
    return None if minutes is None else float(minutes)


def _reading(body: dict[str, Any]) -> float | None:
    """The seconds a seat may read the last turn's report before its clock starts (None: unchanged)."""
    seconds = need(body, "reading", (int, float), optional=True)
    if seconds is not None and (isinstance(seconds, bool) or not 0 <= seconds <= MAX_READING):
        raise ProtocolError(f"reading: 0 to {MAX_READING:g} seconds of report reading, not {seconds!r}")
    return None if seconds is None else float(seconds)


def _policies() -> str:
    return ", ".join(sorted(POLICIES))


def _effect(e: Any) -> str:
    if e.value is not None:
        return f"{e.name} = {e.value}"
    return f"{e.name} {e.delta:+d}"
