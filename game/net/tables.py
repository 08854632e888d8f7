"""A table: one game on the server, its seats and their credentials, and the checks on a move (no I/O)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from game import schema
from game.ai.policies import POLICIES
from game.engine import rules
from game.engine.game import Game
from game.engine.state import Move
from game.model import SIDES, CrisisError, Scenario, Side
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

    def seat_of(self, credential: str) -> Side | None:
        """The side whose seat `credential` holds, or None."""
        digest = hash_credential(credential)
        for side, held in self.holders.items():
            if hmac.compare_digest(held, digest):
                return side
        return None

    def open_seats(self) -> list[Side]:
        return [side for side in SIDES if self.spec.seats[side] == HUMAN and side not in self.holders]

    def check(self, side: Side, turn: int, state_id: str, move: Move) -> None:
        """Refuse a stale, doubled or out-of-turn move; the engine checks the rest when it applies it."""
        if self.broken:
            raise ProtocolError(f"table {self.code} cannot be played: {self.broken}")
        g = self.game
        if g.is_over():
            raise ProtocolError(f"table {self.code} is over ({g.state.ending})")
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

    def bot_moves(self) -> list[Move]:
        """The moves the server's own policies make now (as `game.sim.play` makes them offline)."""
        g = self.game
        out: list[Move] = []
        if g.is_over() or self.broken or self.paused:
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
            "seed": self.spec.seed,
            "created": self.spec.created,
            "turn": st.turn,
            "date": st.date,
            "phase": st.phase if not g.is_over() else None,
            "state": "broken"
            if self.broken
            else "over"
            if g.is_over()
            else "paused"
            if self.paused
            else "playing",
            "ending": out.ending if out else None,
            "kind": out.kind.value if out else None,
            "waiting_for": self.waiting_for(),
            "broken": self.broken or None,
            "seats": {
                side.value: {
                    "player": self.spec.seats[side],
                    "taken": self.spec.seats[side] != HUMAN or side in self.holders,
                    "connected": bool(connected and connected(side)),
                }
                for side in SIDES
            },
        }

    def export(self) -> dict[str, Any]:
        """Everything needed to rebuild the game offline: scenario, seed, who played, every move."""
        from game.persistence.tree import move_log

        return {
            "code": self.code,
            "scenario": self.spec.scenario,
            "seed": self.spec.seed,
            "sides": {side.value: self.spec.seats[side] for side in SIDES},
            "moves": [schema.dump(m) for _, m in move_log(self.game.state)],
            "digest": self.game.state.digest(),
        }


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
