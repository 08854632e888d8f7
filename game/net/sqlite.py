"""The SQLite adapter of `storage.Storage`: one file, append-only tables, WAL so a kill -9 loses nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game import schema
from game.engine.state import Move
from game.model import Side
from game.net.classes import ClassSpec
from game.net.storage import Record, SeatTaken, StorageError
from game.net.tables import Stored, TableSpec

SCHEMA = """
CREATE TABLE IF NOT EXISTS tables (
    code TEXT PRIMARY KEY, scenario TEXT NOT NULL, seed INTEGER NOT NULL, seats TEXT NOT NULL,
    salt TEXT NOT NULL, owner TEXT NOT NULL, created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seats (
    code TEXT NOT NULL REFERENCES tables(code), side TEXT NOT NULL, credential TEXT NOT NULL,
    PRIMARY KEY (code, side)
);
CREATE TABLE IF NOT EXISTS classes (
    code TEXT PRIMARY KEY, scenario TEXT NOT NULL, teacher TEXT NOT NULL, created TEXT NOT NULL,
    tables TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS controls (
    code TEXT NOT NULL REFERENCES tables(code), action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS clocks (
    code TEXT NOT NULL REFERENCES tables(code), clock TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS moves (
    code TEXT NOT NULL REFERENCES tables(code), seq INTEGER NOT NULL, turn INTEGER NOT NULL,
    side TEXT NOT NULL, move TEXT NOT NULL, digest TEXT NOT NULL,
    PRIMARY KEY (code, seq)
);
"""


class SqliteStorage:
    """Tables in one SQLite file (created if missing)."""

    def __init__(self, path: str | Path) -> None:
        from game.persistence.files import SaveError, database_file

        self.path = Path(path)
        try:
            if str(path) != ":memory:":  # the one file the user or the data folder names
                self.path = database_file(self.path)
            self.db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # with WAL: a killed process loses no commit
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(controls)")}
            if "detail" not in columns:  # a store made before controls had details
                self.db.execute("ALTER TABLE controls ADD COLUMN detail TEXT NOT NULL DEFAULT '{}'")
        except (sqlite3.Error, OSError, SaveError) as err:
            raise StorageError(f"cannot open the table store {str(path)!r}: {err}") from None

    def create(self, spec: TableSpec) -> None:
        seats = json.dumps({side.value: who for side, who in spec.seats.items()})
        self._write(
            "INSERT INTO tables VALUES (?, ?, ?, ?, ?, ?, ?)",
            (spec.code, spec.scenario, spec.seed, seats, spec.salt, spec.owner, spec.created),
        )

    def claim(self, code: str, side: Side, credential_hash: str) -> None:
        try:
            self._write("INSERT INTO seats VALUES (?, ?, ?)", (code, side.value, credential_hash))
        except SeatTaken:
            raise SeatTaken(f"the {side.value} seat at table {code} is taken") from None

    def append(self, code: str, seq: int, turn: int, move_json: str, digest: str) -> None:
        side = json.loads(move_json)["side"]
        self._write("INSERT INTO moves VALUES (?, ?, ?, ?, ?, ?)", (code, seq, turn, side, move_json, digest))

    def records(self) -> Iterator[Record]:
        try:
            specs = self.db.execute("SELECT * FROM tables ORDER BY rowid").fetchall()
            for code, scenario, seed, seats, salt, owner, created in specs:
                spec = TableSpec(
                    code=code,
                    scenario=scenario,
                    seed=seed,
                    seats={Side(k): v for k, v in json.loads(seats).items()},
                    salt=salt,
                    owner=owner,
                    created=created,
                )
                holders = {
                    Side(side): cred
                    for side, cred in self.db.execute(
                        "SELECT side, credential FROM seats WHERE code = ?", (code,)
                    )
                }
                moves = tuple(
                    Stored(seq, schema.load(json.loads(move), Move), digest)
                    for seq, move, digest in self.db.execute(
                        "SELECT seq, move, digest FROM moves WHERE code = ? ORDER BY seq", (code,)
                    )
                )
                controls = tuple(
                    (action, json.loads(detail))
                    for action, detail in self.db.execute(
                        "SELECT action, detail FROM controls WHERE code = ? ORDER BY rowid", (code,)
                    )
                )
                clock = self.db.execute(
                    "SELECT clock FROM clocks WHERE code = ? ORDER BY rowid DESC LIMIT 1", (code,)
                ).fetchone()
                yield Record(spec, holders, moves, controls, json.loads(clock[0]) if clock else None)
        except sqlite3.Error as err:
            raise StorageError(f"cannot read the table store {str(self.path)!r}: {err}") from None

    def create_class(self, spec: ClassSpec) -> None:
        tables = json.dumps(list(spec.tables))
        self._write(
            "INSERT INTO classes VALUES (?, ?, ?, ?, ?)",
            (spec.code, spec.scenario, spec.teacher, spec.created, tables),
        )

    def control(self, code: str, action: str, detail: dict[str, Any]) -> None:
        self._write("INSERT INTO controls VALUES (?, ?, ?)", (code, action, json.dumps(detail)))

    def clock(self, code: str, clock: dict[str, Any]) -> None:
        self._write("INSERT INTO clocks VALUES (?, ?)", (code, json.dumps(clock)))

    def classes(self) -> Iterator[ClassSpec]:
        from game.net.classes import ClassSpec

        try:
            rows = self.db.execute("SELECT * FROM classes ORDER BY rowid").fetchall()
        except sqlite3.Error as err:
            raise StorageError(f"cannot read the table store {str(self.path)!r}: {err}") from None
        for code, scenario, teacher, created, tables in rows:
            yield ClassSpec(code, scenario, teacher, created, tuple(json.loads(tables)))

    def close(self) -> None:
        self.db.close()

    def _write(self, sql: str, params: tuple) -> None:
        try:
            self.db.execute(sql, params)
        except sqlite3.IntegrityError as err:
            raise SeatTaken(f"already stored: {err}") from None
        except sqlite3.Error as err:
            raise StorageError(f"cannot write to the table store {str(self.path)!r}: {err}") from None
