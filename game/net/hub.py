"""The hub: every table on a server, the store behind them, who sits at which seat, and the frames
each seat receives. It decides nothing the engine decides: it checks a move with the engine, stores
it, and sends each seat `Game.view(side)` and the public facts of its table, never the seed."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from game import schema
from game.ai.policies import POLICIES
from game.engine import injects
from game.engine.match import Game
from game.engine.state import Move
from game.engine.war_orders import war_orders
from game.model import CrisisError, Side
from game.net import protocol, teams
from game.net.classes import ClassSpec, seat_table
from game.net.protocol import ProtocolError, encode, scenario_version
from game.net.protocol import field as need
from game.net.storage import SeatTaken, Storage
from game.net.tables import HUMAN, Table, check_seats, hash_credential, new_credential, new_spec, normal_code

log = logging.getLogger("crisis.net")


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


async def send(conn: Conn, text: str) -> None:
    with contextlib.suppress(ConnectionError, RuntimeError):  # the peer went away: its loop ends
        await conn.ws.send_str(text)


class Hub:
    """Every table on the server, the store behind them, and who is connected to which seat."""

    def __init__(
        self,
        storage: Storage,
        scenario: Callable[[str], Any] | None = None,
        *,
        play: bool = True,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        """`play=False` only reads the tables (no policy moves): for exporting from a server's file."""
        from game.scenario import catalog

        self.storage = storage
        self.scenario = scenario or catalog.get
        self.tables: dict[str, Table] = {}
        self.conns: dict[str, set[Conn]] = {}
        self.play = play
        self.clock = clock
        self.wall = wall
        """The wall clock: a turn's deadline is stored in it, so a restarted server resumes the turn."""
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
            table = Table(spec, game, dict(record.holders))
            for action, detail in record.controls:
                table.note(action, detail)
            for stored in record.moves:
                try:
                    digest = table.apply(stored.move)
                except CrisisError as err:
                    table.broken = f"move {stored.seq + 1} no longer replays: {err}"
                    break
                if digest != stored.digest:
                    table.broken = f"move {stored.seq + 1} replays to another state (the rules changed)"
                    break
            table.clock.restore(record.clock, table, self.clock(), self.wall())
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
        log.info("table %s created: %s, %s", spec.code, s.id, _seats_text(table))
        return table, owner

    def table(self, code: Any) -> Table:
        if not isinstance(code, str):
            raise ProtocolError(f"'code' should be a join code, not {code!r:.40}")
        if normal_code(code) in self.unplayable:
            raise ProtocolError(
                f"table {normal_code(code)} cannot be played: {self.unplayable[normal_code(code)]}"
            )
        table = self.tables.get(normal_code(code))
        if table is None:
            raise ProtocolError(f"no table {code[:12]!r} on this server")
        return table

    def apply(self, table: Table, move: Move) -> None:
        """Store `move`, then apply it (a move counts once it is stored); the turn's clock follows."""

        def persist(seq: int, turn: int, move: Move, digest: str) -> None:
            self.storage.append(table.code, seq, turn, json.dumps(schema.dump(move)), digest)

        table.apply(move, persist)
        table.clock.follow(table, self.clock())
        self.keep_clock(table)

    def control(self, table: Table, action: str, detail: dict[str, Any] | None = None) -> None:
        """Store a facilitator's control (or a timeout) in the table's log, then note it."""
        detail = {"at": table.moves, "turn": table.game.state.turn, **(detail or {})}
        self.storage.control(table.code, action, detail)
        table.note(action, detail, self.clock())
        self.keep_clock(table)

    def keep_clock(self, table: Table) -> None:
        """Store the table's turn clock if it changed (a new turn, a pause, a new timer)."""
        if self.play and (saved := table.clock.stored(self.clock(), self.wall())) is not None:
            self.storage.clock(table.code, saved)

    def play_bots(self, table: Table) -> None:
        """Let the server's policies move until a human seat is awaited or the game ends."""
        if not self.play:
            return
        while moves := table.bot_moves():
            for move in moves:
                self.apply(table, move)
        table.clock.follow(table, self.clock())
        self.keep_clock(table)

    def move(self, table: Table, side: Side, body: dict[str, Any]) -> None:
        turn = need(body, "turn", int)
        state_id = need(body, "state", str)
        move = protocol.move_of(body.get("move"), side)
        table.check(side, turn, state_id, move)
        self.apply(table, move)
        self.play_bots(table)

    def inject(self, table: Table, move: Move) -> None:
        """Send a facilitator's inject to the table: a move the engine checks and the log keeps."""
        if table.broken or table.ended:
            raise ProtocolError(f"table {table.code} takes no more moves")
        problem = injects.problem(table.game.scenario, table.game.state, move)
        if problem:
            raise ProtocolError(f"table {table.code}: {problem}")
        self.apply(table, move)

    def expire(self) -> list[Table]:
        """Give the timed-out seats' moves (the class's choice: the default or an AI's); the tables moved."""
        now, moved = self.clock(), []
        for table in self.tables.values():
            if table.paused or table.ended or table.broken:
                continue
            if table.clock.stop_reading(now):  # a seat's reading time is up: the seats see its clock run
                self.keep_clock(table)
                moved.append(table)
            if not table.clock.expired(now):
                continue
            if table.unseated():
                table.clock.restart(table, now)  # nobody has sat down: the game waits for its players
                self.keep_clock(table)
                continue
            due = table.clock.due(now, table.waiting_for())  # a seat that read the report has longer
            if not due:
                continue
            for side, move, how in table.timeout_moves(due):
                self.control(table, "timeout", {"side": side.value, "decision": move.decision, "by": how})
                self.apply(table, move)
                log.info("table %s: %s's time ran out; %s (%s)", table.code, side.value, move.decision, how)
            self.play_bots(table)  # (which starts the next turn's clock and stores it)
            if table not in moved:
                moved.append(table)
        return moved

    def read(self, table: Table, side: Side, body: dict[str, Any]) -> bool:
        """A seat left the last turn's report: its clock for the turn starts (H4). False if it was not
        reading, or the message is for a turn already past."""
        if need(body, "turn", int) != table.game.state.turn:  # (while paused too: the time spent counts)
            return False
        if not table.clock.read(side.value, self.clock()):
            return False
        self.keep_clock(table)
        return True

    # ---- seats ---------------------------------------------------------------------------

    def frame(self, table: Table, side: Side) -> str:
        """The one message a seat gets about the table: built from `view(side)` and public facts."""
        g = table.game
        return encode(
            "view",
            code=table.code,
            side=side.value,
            scenario=table.spec.scenario,
            scenario_version=scenario_version(table.spec.scenario),
            policy_seed=table.policy_seed(side),
            state=table.state_id(),
            waiting_for=table.waiting_for(),
            paused=table.paused,
            ended=table.ended,
            revealed=table.revealed,
            timer=table.clock.public(self.clock(), table.unseated(), side.value, table.waiting_for()),
            on_timeout=table.clock.on_timeout,  # who gives a free or late seat's orders
            readers=table.clock.reading_now(self.clock()),  # the seats still on the last report (H4)
            notices=table.notices(side),
            seats=self.seats(table),
            view=protocol.view_to_dict(g.view(side)),
            team=teams.part(table, side),
            wars=war_orders(g.scenario, g.state, side),  # its orders that may start a war: it asks first
        )

    def seats(self, table: Table) -> dict[str, Any]:
        """The seats with the students' names: for the table's own seats and its teacher, not the public."""
        seats = self.summary(table)["seats"]
        return {side: {**seat, "name": table.names.get(side)} for side, seat in seats.items()}

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
        if await teams.handle(self, conn, message.kind, body):  # teams' messages and advisors (classroom)
            return
        if message.kind in ("join", "resume"):
            await self._seat(conn, message.kind, body)
            return
        if conn.table is None or conn.side is None:
            raise ProtocolError("join a table first (kinds 'join' or 'resume')")
        if message.kind == "read":  # the seat left the report: the other seat and the teacher see it
            if teams.advising(conn) is None and self.read(conn.table, conn.side, body):  # the leader's
                await self.broadcast(conn.table)
            return
        self.move(conn.table, conn.side, body)
        await self.broadcast(conn.table)

    async def _seat(self, conn: Conn, kind: str, body: dict[str, Any]) -> None:
        if conn.table is not None:
            raise ProtocolError(f"this connection already holds a seat at {conn.table.code}")
        code = body.get("code")
        klass = self.classes.get(normal_code(code)) if isinstance(code, str) else None
        if klass is not None and kind == "join":
            table = seat_table(self, klass)
        elif klass is not None:  # the seat a credential holds at one of the class's tables
            credential = need(body, "credential", str)
            held = [self.tables[c] for c in klass.tables if self.tables[c].seat_of(credential)]
            table = held[0] if held else self.table(klass.tables[0])
        else:
            table = self.table(code)
        if table.broken:
            raise ProtocolError(f"table {table.code} cannot be played: {table.broken}")
        _same_version(table, body)
        if kind == "join":
            side, credential = self._join(table, body)
            teams.joined(self, table, side, body)  # the student's name, in the table's log (classroom)
            await send(conn, encode("seat", code=table.code, side=side.value, credential=credential))
        else:
            side = self._resume(table, body)
        conn.table, conn.side = table, side
        self.conns.setdefault(table.code, set()).add(conn)
        did = "joined" if kind == "join" else "resumed"
        log.info("%s %s the %s seat at %s", conn.peer, did, side.value, table.code)
        await self.broadcast(table)

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
        if table.unseated():  # the first student: a full turn's time from now (not what the wait left)
            table.clock.restart(table, self.clock())
            self.keep_clock(table)
        table.holders[side] = digest
        name = need(body, "name", str, optional=True)
        if name is not None and (name := " ".join(name.split())[:40]):
            self.control(table, "name", {"side": side.value, "name": name})
        bot = need(body, "bot", str, optional=True)
        if bot in POLICIES:  # `crisis join --bot`: the computer plays this seat, not a student (H19)
            self.control(table, "bot", {"side": side.value, "policy": bot})
        return side, credential

    def _resume(self, table: Table, body: dict[str, Any]) -> Side:
        credential = need(body, "credential", str)
        side = table.seat_of(credential)
        if side is None:
            raise ProtocolError(f"that credential holds no seat at {table.code}")
        return side


def _same_version(table: Table, body: dict[str, Any]) -> None:
    """Refuse a client whose scenario differs from the server's: their games would part at once."""
    theirs = need(body, "scenario_version", str, optional=True)
    ours = scenario_version(table.spec.scenario)
    if theirs is not None and theirs != ours:
        from game import __version__

        raise ProtocolError(
            f"this game has version {theirs[:12]!r} of the scenario {table.spec.scenario!r}, the server "
            f"has version {ours!r} (game {__version__}): install the server's version of the game to join"
        )


def _seats_text(table: Table) -> str:
    return ", ".join(f"{side.value} {who}" for side, who in table.spec.seats.items())
