"""A table: one game on the server, its seats and their credentials, and the checks on a move (no I/O)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from game import schema
from game.ai.policies import POLICIES, historical
from game.engine import injects, rules
from game.engine.letters import Status
from game.engine.match import Game
from game.engine.state import GameState, Move, promise_key, split_promise
from game.model import SIDES, CrisisError, Scenario, Side
from game.net.clock import DEFAULT, Clock
from game.net.protocol import ProtocolError

HUMAN = "human"
Persist = Callable[[int, int, Move, str], None]
"""(seq, turn, move, digest after it): stores one move."""
CODE_ALPHABET = "ACDEFHJKLMNPQRTUVWXY3479"
"""Letters and digits that cannot be mistaken for one another when read aloud or off a board."""
CODE_LENGTH = 6


def new_code(taken: Collection[str]) -> str:
    """A short join code not in `taken`."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def normal_code(text: str) -> str:
    """A join code as typed (any case, spaces or dashes) in its stored form."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def new_credential() -> str:
    """A seat's secret: 128 random bits."""
    return secrets.token_hex(16)


def hash_credential(credential: str) -> str:
    return hashlib.sha256(credential.encode()).hexdigest()


def check_seats(seats: dict[str, str]) -> dict[Side, str]:
    """Each side 'human' or a policy name; a CrisisError that says what is allowed otherwise."""
    out = {}
    for side in SIDES:
        who = seats.get(side.value, HUMAN)
        if who != HUMAN and who not in POLICIES:
            allowed = ", ".join([HUMAN, *sorted(POLICIES)])
            raise CrisisError(f"{side.value}: {who!r} is not a seat; use one of {allowed}")
        out[side] = who
    extra = set(seats) - {side.value for side in SIDES}
    if extra:
        raise CrisisError(f"{sorted(extra)!r} are not sides (kennedy, khrushchev)")
    return out


@dataclass(frozen=True)
class TableSpec:
    """What a table is made of, stored once when it is created."""

    code: str
    scenario: str
    """A bundled scenario id."""
    seed: int
    seats: dict[Side, str]
    """'human' or the policy that plays the side on the server."""
    salt: str
    """Keys the state id sent to clients, so it reveals nothing about the hidden state."""
    owner: str
    """Hash of the table owner's credential (may export the table before it ends)."""
    created: str


@dataclass(frozen=True)
class Stored:
    """One move as stored: its number in the table's log, the move, and the state digest after it."""

    seq: int
    move: Move
    digest: str


@dataclass
class Table:
    """A table being played: the spec, the game, who holds each human seat."""

    spec: TableSpec
    game: Game
    holders: dict[Side, str] = field(default_factory=dict)
    """Side -> hash of the credential of whoever took the seat."""
    moves: int = 0
    """Moves stored so far."""
    broken: str = ""
    """Why the table could not be restored, if it could not."""
    paused: bool = False
    """Paused by the facilitator: no move counts until it is resumed."""
    ended: bool = False
    """Ended by the facilitator (the class is over): no move counts any more."""
    revealed: bool = False
    """The facilitator turned history's spoilers on for everyone."""
    clock: Clock = field(default_factory=Clock)
    names: dict[str, str] = field(default_factory=dict)
    """Side -> the name the student gave when taking the seat (shown to the table and the teacher)."""
    bots: dict[str, str] = field(default_factory=dict)
    """Side -> the AI policy of a bot client that took the seat (`crisis join --bot`)."""
    controls: list[dict[str, Any]] = field(default_factory=list)
    """The facilitator's controls and the timeouts, in order: {'action', 'at', 'turn', ...}."""

    @property
    def code(self) -> str:
        return self.spec.code

    def __post_init__(self) -> None:
        self._turn = (self.game.state.turn, self.game.state.digest())

    def state_id(self) -> str:
        """Names the turn being played: a keyed hash of the state as the turn began.

        Moves carry it, so a move sent twice or after a reconnect is refused as stale. Keyed by the
        table's salt and taken before either side moved, it tells a client nothing it could test
        guesses of the hidden state (or of the other side's move) against."""
        key = bytes.fromhex(self.spec.salt)
        return hmac.new(key, self._turn[1].encode(), "blake2s").hexdigest()[:24]

    def apply(self, move: Move, persist: Persist | None = None) -> str:
        """Apply `move` and return the state digest after it.

        The engine refuses an illegal move (IllegalMoveError) and nothing changes; `persist`, if
        given, stores the move before the table moves on, so a move is counted only once it is stored.
        """
        state = rules.apply(self.game.scenario, self.game.state, move)
        digest = state.digest()
        if persist is not None:
            persist(self.moves, self.game.state.turn, move, digest)
        self.game.state = state
        self.moves += 1
        if not state.pending:
            self._turn = (state.turn, digest)
        return digest

    def note(self, action: str, detail: dict[str, Any], now: float | None = None) -> None:
        """Take in a stored control: pause, resume, timer, timeout, reveal or end (`now`: not replaying)."""
        self.controls.append({"action": action, **detail})
        if action in ("pause", "resume"):
            self.paused = action == "pause"
            if now is not None:
                (self.clock.pause if self.paused else self.clock.resume)(now)
        elif action == "timer":
            self.clock.set(detail.get("minutes"), detail.get("on_timeout"), self, now, detail.get("reading"))
        elif action == "name":
            self.names[str(detail.get("side"))] = str(detail.get("name", ""))
        elif action == "bot":
            self.bots[str(detail.get("side"))] = str(detail.get("policy", ""))
        elif action == "reveal":
            self.revealed = True
        elif action == "end":
            self.ended = True
            self.clock.stop()

    def policy_seed(self, side: Side) -> int:
        """The seed a seat's AI plays with: keyed by the table's salt, so it tells nothing of the chance
        rolls (the game's seed, which would, is never sent)."""
        key = bytes.fromhex(self.spec.salt)
        return int(hmac.new(key, f"policy:{side.value}".encode(), "blake2s").hexdigest()[:8], 16)

    def timeout_moves(self, sides: list[str] | None = None) -> list[tuple[Side, Move, str]]:
        """The moves given for the seats still awaited (of `sides`, if given) when their time runs out,
        and by whom."""
        g, how = self.game, self.clock.on_timeout
        out = []
        for name in self.waiting_for():
            if sides is not None and name not in sides:
                continue
            side = Side(name)
            view = g.view(side)
            if how in POLICIES and how != DEFAULT:
                out.append((side, POLICIES[how](g.scenario, view, self.policy_seed(side)), f"the {how} AI"))
            else:
                m = historical(g.scenario, view, self.policy_seed(side))
                out.append((side, Move(m.side, m.decision), "the scenario's default"))
        return out

    def notices(self, side: Side) -> list[dict[str, Any]]:
        """What the facilitator did that this side is told: its injects and its timed-out turns."""
        s = self.game.scenario
        out: list[dict[str, Any]] = [
            {"turn": x.turn, "kind": x.kind.value, "title": x.title, "text": x.text, "id": x.id}
            for x in injects.seen(s, self.game.state, side)
        ]
        for c in self.controls:
            if c["action"] == "timeout" and c.get("side") == side.value:
                text = timeout_text(s.decision(c["decision"]).label, str(c.get("by", "")))
                out.append({"turn": c["turn"], "kind": "timeout", "title": "Time ran out", "text": text})
        return sorted(out, key=lambda n: n["turn"])

    def seat_of(self, credential: str) -> Side | None:
        """The side whose seat `credential` holds, or None."""
        digest = hash_credential(credential)
        for side, held in self.holders.items():
            if hmac.compare_digest(held, digest):
                return side
        return None

    def unseated(self) -> bool:
        """Nobody has sat down at a table of human seats: its clock waits for its players."""
        return not self.holders and HUMAN in self.spec.seats.values()

    def open_seats(self) -> list[Side]:
        return [side for side in SIDES if self.spec.seats[side] == HUMAN and side not in self.holders]

    def check(self, side: Side, turn: int, state_id: str, move: Move) -> None:
        """Refuse a stale, doubled or out-of-turn move; the engine checks the rest when it applies it."""
        if self.broken:
            raise ProtocolError(f"table {self.code} cannot be played: {self.broken}")
        g = self.game
        if g.is_over():
            raise ProtocolError(f"table {self.code} is over ({g.state.ending})")
        if self.ended:
            raise ProtocolError(f"table {self.code} was ended by the facilitator; the move was not sent")
        if self.paused:
            raise ProtocolError(f"table {self.code} is paused by the facilitator; the move was not sent")
        if turn != g.state.turn or not hmac.compare_digest(state_id.encode(), self.state_id().encode()):
            raise ProtocolError(
                f"stale move: it was for turn {turn}, the table is at turn {g.state.turn}; "
                "nothing was applied (the view that follows shows where the table stands)"
            )
        if any(m.side is side for m in g.state.pending):
            raise ProtocolError(f"{side.value} has already moved in turn {turn}; a move counts once")
        if side not in g.sides_to_act():
            raise ProtocolError(f"{side.value} has no move to make in turn {turn}")
        if move.compliance and (problem := promise_problem(g.state, side, move)):
            raise ProtocolError(f"{problem}; the move was not applied")

    def bot_moves(self) -> list[Move]:
        """The moves the server's own policies make now (as `game.sim.play` makes them offline)."""
        g = self.game
        out: list[Move] = []
        if g.is_over() or self.broken or self.paused or self.ended:
            return out
        for side in g.sides_to_act():
            policy = self.spec.seats[side]
            if policy != HUMAN and not any(m.side is side for m in g.state.pending):
                out.append(POLICIES[policy](g.scenario, g.view(side), self.spec.seed))
        return out

    def waiting_for(self) -> list[str]:
        g = self.game
        if g.is_over():
            return []
        moved = {m.side for m in g.state.pending}
        return [side.value for side in g.sides_to_act() if side not in moved]

    def summary(self, connected: Callable[[Side], bool] | None = None) -> dict[str, Any]:
        """What anyone may know of the table: no view, no credential."""
        g, st = self.game, self.game.state
        out = g.outcome() if g.is_over() else None
        return {
            "code": self.code,
            "scenario": self.spec.scenario,
            "created": self.spec.created,
            "turn": st.turn,
            "date": st.date,
            "phase": st.phase if not g.is_over() else None,
            "state": self.state_word(),
            "ending": out.ending if out else None,
            "kind": out.kind.value if out else None,
            "waiting_for": self.waiting_for(),
            "broken": self.broken or None,
            "minutes_per_turn": self.clock.minutes,
            "on_timeout": self.clock.on_timeout,
            "seats": {
                side.value: {
                    "player": self.spec.seats[side],
                    "taken": self.spec.seats[side] != HUMAN or side in self.holders,
                    "connected": bool(connected and connected(side)),
                    **({"bot": self.bots[side.value]} if side.value in self.bots else {}),
                }
                for side in SIDES
            },
        }

    def state_word(self) -> str:
        g = self.game
        if self.broken:
            return "broken"
        return "over" if g.is_over() else "ended" if self.ended else "paused" if self.paused else "playing"

    def export(self) -> dict[str, Any]:
        """Everything needed to rebuild the game offline: scenario, seed, who played, every move."""
        from game.persistence.tree import move_log

        return {
            "code": self.code,
            "scenario": self.spec.scenario,
            "seed": self.spec.seed,
            "sides": {side.value: self.spec.seats[side] for side in SIDES},
            "names": dict(self.names),  # who sat there, as the class report names them (K13)
            "moves": [schema.dump(m) for _, m in move_log(self.game.state)],
            "digest": self.game.state.digest(),
        }


def free_seat(minutes: float | None, on_timeout: str) -> str:
    """How a free seat is told everywhere (the desk, `crisis tables`, `crisis class status`): who gives its
    orders when the turn's time runs out ('free: default orders', 'free: the hawk AI'), or 'free' alone
    when there is no timer (the turn waits for a player)."""
    if minutes is None:
        return "free"
    return "free: default orders" if on_timeout == DEFAULT else f"free: the {on_timeout} AI"


def timeout_text(label: str, by: str) -> str:
    """What a seat is told of its turn played for it: 'Your time ran out: the default order was given
    (Choose the quarantine).' (`by`: 'the scenario's default' or 'the hawk AI', as the log keeps it)."""
    given = "the default order was given" if by in ("", "the scenario's default") else f"{by} gave the order"
    return f"Your time ran out: {given} ({label})."


def promise_problem(state: GameState, side: Side, move: Move) -> str | None:
    """Why `move` cannot delay or break the promises it names, or None: each key ('A2:term', or a term
    alone for every agreement's) must name a promise `side` owes now (pending or late), once. (Its shape,
    delay or break, was checked as it was read: `protocol.move_of`.)"""
    owed = [
        (a.id, o.term)
        for a in state.agreements
        for o in a.obligations
        if o.giver is side and o.status in (Status.PENDING, Status.LATE)
    ]
    keys = [key for key, _ in move.compliance]
    for key in keys:
        agreement, term = split_promise(key)
        if not any(t == term and agreement in ("", a) for a, t in owed):
            open_ = ", ".join(promise_key(a, t) for a, t in owed) or "none"
            return f"{side.value} owes no promise {key!r} now (promises owed: {open_})"
    if len(set(keys)) < len(keys):
        return f"each promise is kept, delayed or broken once in an order, not {keys!r}"
    return None


def from_export(s: Scenario, data: dict[str, Any], what: str) -> Game:
    """The game of a table's `export()`, its moves replayed here; CrisisError naming `what` if they
    come to another state than the server's (another version of the game)."""
    game = Game(s, int(data["seed"]))
    for entry in data["moves"]:
        game.apply(schema.load(entry, Move))
    if game.state.digest() != data["digest"]:
        raise CrisisError(f"{what}: the moves replay to another state here (another game version?)")
    return game


def new_spec(
    s: Scenario, seed: int, seats: dict[Side, str], taken: Collection[str], created: str
) -> tuple[TableSpec, str]:
    """A new table's spec and the owner's credential (returned once, stored only hashed)."""
    owner = new_credential()
    spec = TableSpec(
        code=new_code(taken),
        scenario=s.id,
        seed=seed,
        seats=dict(seats),
        salt=secrets.token_hex(16),
        owner=hash_credential(owner),
        created=created,
    )
    return spec, owner
