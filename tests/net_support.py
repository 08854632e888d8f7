"""Helpers for the network tests: a server on loopback (port 0), in this process or as a real process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

from game import schema
from game.engine.match import Game
from game.engine.state import GameState, Move
from game.net.server import HUB, Hub, start
from game.net.sqlite import SqliteStorage
from game.scenario import catalog

from .waits import LIMIT as LIMIT  # the network tests' bounded waits, kept in tests/waits.py
from .waits import until as until

ROOT = Path(__file__).parent.parent


class Records(logging.Handler):
    """Every log record, to check that no client's mistake leaves a traceback or an error."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def tracebacks(self) -> list[str]:
        return [
            f"{r.name}: {r.getMessage()}" for r in self.records if r.exc_info or r.levelno >= logging.ERROR
        ]


@contextlib.asynccontextmanager
async def served(
    db: Path, web_sessions: int = 0, clocks: dict | None = None
) -> AsyncIterator[tuple[str, Hub, Records]]:
    """A server in this process on 127.0.0.1, any free port; its URL, hub and log records (`clocks`:
    the hub's monotonic and wall clocks, 'clock' and 'wall', to set the time without sleeping)."""
    records = Records()
    root = logging.getLogger()
    root.addHandler(records)
    old = logging.getLogger("crisis.net").level
    logging.getLogger("crisis.net").setLevel(logging.INFO)
    storage = SqliteStorage(db)
    runner, url = await start(storage, "127.0.0.1", 0, web_sessions=web_sessions, clocks=clocks)
    try:
        yield url, runner.app[HUB], records
    finally:
        await runner.cleanup()
        storage.close()
        root.removeHandler(records)
        logging.getLogger("crisis.net").setLevel(old)


def run(coro, limit: float = LIMIT):  # noqa: ANN001, ANN201
    """Run a coroutine to its end, failing the test (not hanging) if it takes over `limit` seconds."""
    return asyncio.run(asyncio.wait_for(coro, limit))


def seeded(policy, seed: int):  # noqa: ANN001, ANN201
    """The policy playing with `seed`, whatever the game's seed is (a bot plays with its policy seed)."""
    return lambda s, view, _: policy(s, view, seed)


def replayed(export: dict) -> Game:
    """The game an export describes, replayed through the engine here."""
    game = Game(catalog.get(export["scenario"]), export["seed"])
    for entry in export["moves"]:
        game.apply(schema.load(entry, Move))
    return game


def turn_starts(export: dict) -> tuple[dict[int, GameState], dict[int, list[dict]]]:
    """The state as each turn began, and the moves of each turn, from an export's moves."""
    game = Game(catalog.get(export["scenario"]), export["seed"])
    starts, moves = {1: game.state}, {}
    for entry in export["moves"]:
        moves.setdefault(game.state.turn, []).append(entry)
        game.apply(schema.load(entry, Move))
        if not game.state.pending:
            starts[game.state.turn] = game.state
    return starts, moves


@contextlib.contextmanager
def server_process(
    db: Path, port: int = 0, data: Path | None = None
) -> Iterator[tuple[subprocess.Popen, str]]:
    """`crisis serve` as a real process; yields it and its URL (read from what it prints)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data is not None:
        env["CRISIS_DATA_DIR"] = str(data)
    log = (db.parent / "server.log").open("a")  # a file, so a chatty server never blocks on a pipe
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--db", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        url = ""
        assert proc.stdout is not None
        for line in proc.stdout:  # ends if the process dies
            if line.startswith("crisis server on "):
                url = line.split()[3]
                break
        assert url, f"the server did not start: {(db.parent / 'server.log').read_text()}"
        yield proc, url
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=LIMIT)
        if proc.stdout:
            proc.stdout.close()
        log.close()


async def to_desk(pilot, app) -> None:  # noqa: ANN001
    """Close the report pages the network desk put up after a turn (Enter), so keys reach the desk."""
    while type(getattr(app, "reading", None)).__name__ == "TurnReport":
        await pilot.press("enter")
        await pilot.pause()
