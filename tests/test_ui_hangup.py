"""The real game on a pseudo-terminal: a terminal that goes away (closed, hung up, SIGTERM, kill -9) costs
no turn played, and the game never outlives its terminal."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game import persistence as P
from game.engine.match import Game
from game.launch import _near
from game.model import Side
from game.scenario import catalog

EXIT_LIMIT = 60.0
"""Seconds the game may take to leave once its terminal has gone: a hang guard, not a timing check (the
game leaves within about a second on an idle machine)."""

PLAY_LIMIT = 240.0
"""Seconds to start the game and play a turn on a loaded machine (tests/waits.py's LIMIT)."""

CTTY = "import os, sys; os.close(os.open(os.ttyname(0), os.O_RDWR)); os.execv(sys.argv[1], sys.argv[1:])"
"""Run in a new session: the terminal becomes the game's controlling terminal (so closing it sends
SIGHUP, as closing a terminal window or killing tmux does), then the game replaces this process."""

GAME = ["play", "--as", "kennedy", "--scenario", "thirteen-days", "--seed", "7"]


class Terminal:
    """A pseudo-terminal of 80x24 running `python -m game ARGS`, its screen output read as it comes."""

    def __init__(self, args: list[str], *, controlling: bool) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        command = [sys.executable, "-m", "game", *args]
        if controlling:
            command = [sys.executable, "-c", CTTY, *command]
        env = {**os.environ, "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = bytearray()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """Take what the game writes, so that it never blocks on a full terminal."""
        while not self._stop.is_set():
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output.extend(data)

    def text(self) -> str:
        """What was written, less the escape sequences."""
        return re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z~]", "", self.output.decode("utf-8", "replace"))

    def keys(self, *keys: str) -> None:
        for key in keys:
            os.write(self.master, key.encode())
            time.sleep(0.3)

    def close(self) -> None:
        """Close the terminal, as a terminal window or an ssh connection does when it goes."""
        self._stop.set()
        self._reader.join()  # a read in progress would keep the terminal open
        os.close(self.master)
        self.master = -1

    def wait(self) -> int:
        """The game's exit status, failing the test if it outlives EXIT_LIMIT."""
        try:
            return self.process.wait(EXIT_LIMIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"the game was still running {EXIT_LIMIT:.0f} s after its terminal went")

    def end(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.master >= 0:
            self.close()


@contextlib.contextmanager
def terminal(args: list[str], *, controlling: bool = False) -> Iterator[Terminal]:
    term = Terminal(args, controlling=controlling)
    try:
        yield term
    finally:
        term.end()


def until(check: Callable[[], object], what: str, term: Terminal, act: Callable[[], None]) -> None:
    """Do `act` until `check()` holds; fail saying `what` never happened (with the screen's last words)."""
    end = time.monotonic() + PLAY_LIMIT
    while not check():
        assert term.process.poll() is None, f"the game left early:\n{term.text()[-2000:]}"
        assert time.monotonic() < end, f"never: {what}\n{term.text()[-2000:]}"
        act()


def turns_saved(data_dir: Path) -> int:
    path = data_dir / "saves" / "thirteen-days-seed7.json"
    if not path.exists():
        return 0
    return len(P.load(path).game.state.log)


def play_to(term: Terminal, data_dir: Path, turns: int) -> None:
    """Play Kennedy's first option until `turns` turns are in the autosave (Enter passes a page)."""
    until(
        lambda: turns_saved(data_dir) >= turns,
        f"{turns} turn(s) saved",
        term,
        lambda: term.keys("\r", "1", "\r"),
    )


def kennedy_did(data_dir: Path) -> list[str]:
    """Kennedy's decisions, turn by turn, in the game's autosave as it loads."""
    game = P.load(data_dir / "saves" / "thirteen-days-seed7.json").game
    return [m.decision for r in game.state.log for m in r.moves if m.side is Side.KENNEDY]


def first_option() -> str:
    """Kennedy's first option on the first turn of this game (the key 1)."""
    return Game(catalog.get("thirteen-days"), 7).legal_moves(Side.KENNEDY)[0].decision


@pytest.mark.parametrize(
    ("how", "status"),
    [
        ("window closed", 128 + signal.SIGHUP),
        ("window closed as the opponent thinks", 128 + signal.SIGHUP),
        ("terminal lost without a signal as the opponent thinks", 128 + signal.SIGHUP),
        pytest.param("SIGHUP", 128 + signal.SIGHUP, marks=pytest.mark.slow),  # "window closed" sends it
        ("SIGTERM", 128 + signal.SIGTERM),
    ],
)
def test_the_game_leaves_with_its_terminal_and_keeps_its_turns(data_dir, how, status):
    with terminal(GAME, controlling=how.startswith("window")) as term:
        play_to(term, data_dir, 1)
        if how.endswith("thinks"):  # on to the desk and a decision: the screen changes as the line goes
            term.keys("\r", "\r", "1", "\r")
        if how in ("SIGHUP", "SIGTERM"):
            term.process.send_signal(getattr(signal, how))
        else:
            term.close()
        assert term.wait() == status
    assert kennedy_did(data_dir)[0] == first_option()
    if how in ("SIGHUP", "SIGTERM"):  # the terminal is still there: told where the game is, and the
        # command that resumes it as the game was started here (`python -m game`, not `crisis`)
        save = data_dir / "saves" / "thirteen-days-seed7.json"
        command = f"{_near(Path(sys.executable), Path.cwd())} -m game play --load {save.name}"
        told = term.text().replace("\r", "")
        assert f"Resume with: {command}" in told or f"Resume with:\n  {command}\n" in told  # whole (G23)


def test_after_kill_9_the_game_is_offered_and_plays_on_in_its_file(data_dir):
    with terminal(GAME) as term:
        play_to(term, data_dir, 1)
        term.process.kill()
        assert term.wait() == -signal.SIGKILL
    kept = turns_saved(data_dir)  # 1, or 2 if the keys ran ahead of the check on a busy machine
    assert kept >= 1
    with terminal([]) as term:  # the new-game screen
        until(lambda: "Continue" in term.text(), "the new-game screen", term, lambda: time.sleep(0.2))
        shown = len(term.text())
        resumed = ("Your decision", "Enter to continue")  # the desk, or a page on it
        until(
            lambda: any(w in term.text()[shown:] for w in resumed),
            "the game resumed",
            term,
            lambda: term.keys("c"),
        )
        play_to(term, data_dir, kept + 1)
        term.close()
        assert term.wait() == 128 + signal.SIGHUP
    (line,) = P.lines(data_dir / "saves" / "thirteen-days-seed7.json")  # played on, not branched
    assert line.turns > kept
    assert kennedy_did(data_dir)[0] == first_option()


@pytest.mark.parametrize(
    ("how", "status"),
    [
        ("window closed", 128 + signal.SIGHUP),
        ("terminal lost without a signal", 128 + signal.SIGHUP),
        ("SIGTERM", 128 + signal.SIGTERM),
    ],
)
def test_a_seat_at_a_network_table_leaves_with_its_terminal(tmp_path, how, status):
    """`crisis join` (the RemoteApp, also behind browser sessions) on a table of a real server: its
    terminal gone, it leaves as the game does instead of spinning its input thread."""
    from game.net import client

    from .net_support import run, server_process

    with server_process(tmp_path / "tables.sqlite3") as (_, url):
        seats = {"kennedy": "human", "khrushchev": "historical"}
        code = run(client.create_table(url, "thirteen-days", 7, seats))["code"]
        args = ["join", url, code, "--as", "kennedy"]
        with terminal(args, controlling=how.startswith("window")) as term:
            until(lambda: f"table {code}" in term.text(), "the seat taken", term, lambda: time.sleep(0.2))
            if how == "SIGTERM":
                term.process.send_signal(signal.SIGTERM)
            else:
                term.close()
            assert term.wait() == status
