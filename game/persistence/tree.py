"""A game as a line of a save, and the tree of lines a save file holds (which only ever grows)."""

from __future__ import annotations

import dataclasses
import hashlib
import weakref

from game.engine import rules
from game.engine.match import Game
from game.engine.state import GameState, Move, TurnRecord
from game.model import Scenario
from game.persistence.files import SaveError
from game.persistence.format import MAIN, Line, MoveEntry, Opening, TurnEntry, letter_hash, now


def move_log(state: GameState) -> list[tuple[int, Move]]:
    """Every move of the game with its turn, in an order that replays it: each turn's, then pending.

    A facilitator's injects (game.engine.injects) come first in their turn: their effects wait for
    the turn to resolve, so this order replays to the same digests as the order they arrived in."""
    from game.engine.injects import moves_of_turn

    out = [(r.turn, m) for r in state.log for m in (*moves_of_turn(state, r.turn), *r.moves)]
    out += [(state.turn, m) for m in (*moves_of_turn(state, state.turn), *state.pending)]
    return out


def turn_entry(record: TurnRecord, after: GameState, digest: str) -> TurnEntry:
    """A save's record of a turn: the record's own fields, the tracks after it, the state's digest,
    and a hash of each letter sent (to name a hand-edited one, F8)."""
    own = {f.name: getattr(record, f.name) for f in dataclasses.fields(TurnEntry)[:-3]}
    named = {f"L{record.turn}{m.side.value[1]}": m.letter for m in record.moves if m.letter is not None}
    letters = {i: letter_hash(letter) for i, letter in named.items() if i in record.sent}
    return TurnEntry(**own, tracks=dict(after.tracks), digest=digest, letters=letters)


_memo: weakref.WeakKeyDictionary[Scenario, dict[str, str]] = weakref.WeakKeyDictionary()
"""Per scenario: the digest after each turn, keyed by a hash of the seed and the moves up to it.

The engine is deterministic, so a game saved after every turn need only digest its new turns:
`GameState.digest()` hashes the whole log, and digesting every turn of a long game again on each
autosave would cost time quadratic in its length."""


class Digests:
    """The state digest after each turn of one game, remembered in `_memo` across saves and loads."""

    def __init__(self, s: Scenario, seed: int, objectives: bool = False) -> None:
        self.memo = _memo.setdefault(s, {})
        if len(self.memo) > 200_000:
            self.memo.clear()
        # a game with hidden objectives digests otherwise than the same moves without them
        self.key = hashlib.blake2b(f"{seed}{':objectives' if objectives else ''}".encode(), digest_size=16)

    def move(self, move: Move) -> None:
        """Note a move made."""
        self.key.update(repr(move).encode())  # a frozen value's repr is exact and ordered

    def of(self, state: GameState) -> str:
        """The digest of `state`, reached by the moves noted so far."""
        done = self.key.hexdigest()
        if done not in self.memo:
            self.memo[done] = state.digest()
        return self.memo[done]


def line_of(
    game: Game, sides: dict[str, str], line_id: str = MAIN, names: dict[str, str] | None = None
) -> Line:
    """The game as a line: replayed from its start to record the state's digest after every turn
    (`names`: who sat at each side of a network table, by the name they gave).

    Raises SaveError if the game cannot be replayed from its own moves (a state made by hand).
    """
    s, target = game.scenario, game.state
    digests = Digests(s, target.seed, target.objectives_on)
    state = rules.new_game(s, target.seed, objectives=target.objectives_on)
    opening = Opening(events=state.opening, rolls=state.opening_rolls, digest=state.digest())
    moves, turns = [], []
    for turn, move in move_log(target):
        moves.append(MoveEntry(turn, move))
        digests.move(move)
        try:
            state = rules.apply(s, state, move)
        except ValueError as err:
            raise SaveError(f"this game cannot be saved: its moves do not replay ({err})") from None
        if len(state.log) == turn and not state.pending:
            turns.append(turn_entry(state.log[-1], state, digests.of(state)))
    if state != target:
        raise SaveError("this game cannot be saved: replaying its moves gives another state")
    return Line(
        id=line_id,
        saved=now(),
        sides=dict(sides),
        names={side: name for side, name in (names or {}).items() if name},
        objectives=target.objectives_on,
        opening=opening,
        moves=tuple(moves),
        turns=tuple(turns),
        digest=target.digest(),
        ending=target.ending,
    )


# ---- the tree ----------------------------------------------------------------------------


def place(lines: list[Line], new: Line, label: str = "") -> str:
    """Put `new` into the tree `lines` (in place) and return its id.

    The same moves as a line: that line, refreshed. Extends a line: that line, grown (the longest
    one). Otherwise a new branch, whose parent is the line it shares most turns with.
    """
    mine = _turns(new)
    same = [i for i, line in enumerate(lines) if _turns(line) == mine]
    extended = [i for i, line in enumerate(lines) if _prefix(_turns(line), mine)]
    if same or extended:
        i = same[0] if same else max(extended, key=lambda i: len(lines[i].moves))
        lines[i] = _refresh(lines[i], new)
        return lines[i].id
    if lines:
        shared = [_shared(_turns(line), mine) for line in lines]
        parent = max(range(len(lines)), key=lambda i: shared[i])
        new = dataclasses.replace(
            new, id=_next_id(lines), parent=lines[parent].id, branch_at=shared[parent] + 1
        )
    lines.append(dataclasses.replace(new, label=label))
    _tidy(lines, keep=new.id)
    return new.id


def _refresh(line: Line, new: Line) -> Line:
    """`line` with the game of `new`: its id, parent, branch point and label stay, and its players'
    names unless `new` names them (an exported class game saved again keeps the students' names)."""
    names = new.names or line.names
    return dataclasses.replace(
        new, id=line.id, parent=line.parent, branch_at=line.branch_at, label=line.label, names=names
    )


def _turns(line: Line) -> list[dict[str, Move]]:
    """The line's moves as one {side: move} per turn, in order; the last may be partial."""
    out: list[dict[str, Move]] = []
    for entry in line.moves:
        while len(out) < entry.turn:
            out.append({})
        out[entry.turn - 1][entry.move.side] = entry.move
    return out


def _prefix(a: list[dict[str, Move]], b: list[dict[str, Move]]) -> bool:
    """Whether `b` plays on from `a`: every move of `a` is in `b` at the same turn."""
    return len(a) <= len(b) and all(x.items() <= y.items() for x, y in zip(a, b, strict=False))


def _shared(a: list[dict[str, Move]], b: list[dict[str, Move]]) -> int:
    """Turns played alike from the start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _next_id(lines: list[Line]) -> str:
    numbers = [int(line.id[1:]) for line in lines if line.id[1:].isdigit()]
    return f"b{max(numbers, default=0) + 1}"


def _tidy(lines: list[Line], keep: str) -> None:
    """Drop branches that hold nothing of their own (all their moves are in another line)."""
    parents = {line.parent for line in lines}
    for line in list(lines[1:]):
        if line.id == keep or line.id in parents:
            continue
        mine = _turns(line)
        if any(other is not line and _prefix(mine, _turns(other)) for other in lines):
            lines.remove(line)
