"""The terminal gone (SIGHUP, SIGTERM, a hung-up tty): the game (`crisis play`, `crisis join`) closes as a
quit does, status 128+signal."""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import termios
from typing import TYPE_CHECKING, Any

from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App

CHECK_EVERY = 1.0
"""Seconds between looks at the terminal: on a hung-up tty Textual's input thread spins (reads of
nothing, textual 8.2; Textualize/textual#6690) instead of ending, and no SIGHUP comes when it is
ignored (nohup, some job runners) or when the tty was not the game's controlling terminal."""


def watch(app: App[int]) -> None:
    """End `app` as `hang_up` does on SIGHUP or SIGTERM, or once its terminal is found hung up."""
    if app.is_headless:  # a test's app: the signals are the test runner's
        return
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGHUP, signal.SIGTERM):
        loop.add_signal_handler(sig, hang_up, app, sig)
    app.set_interval(CHECK_EVERY, lambda: hang_up(app, signal.SIGHUP) if hung_up(0) else None)


def hang_up(app: App[int], sig: int) -> None:
    """Leave now, as a confirmed quit does: every turn played is in the autosave already (the farewell
    goes to the terminal if it is still there), and the status says which signal ended the game."""
    if app.return_code is not None:
        return
    if hung_up(0) or hung_up(1) or hung_up(2):
        _mute()
    app.exit(128 + sig)


def hung_up(fd: int) -> bool:
    """Whether `fd` is a terminal that has gone (its line hung up: every read is empty, every write
    fails); a pipe, a file or a live terminal is not."""
    try:
        termios.tcgetattr(fd)
    except termios.error as err:
        return err.args[0] == errno.EIO
    return False


def _mute() -> None:
    """Point the standard streams at /dev/null: the last writes (Textual's, the farewell) then go
    nowhere instead of failing with EIO."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def driver_for(chosen: type[Driver]) -> type[Driver]:
    """The driver to run the game with: Textual's own choice, its Unix terminal driver made safe for a
    terminal that hangs up (`HangUpDriver`)."""
    return HangUpDriver if chosen is LinuxDriver else chosen


class HangUpDriver(LinuxDriver):
    """Textual's Unix driver, less two ways a hung-up terminal stopped the game from ever leaving
    (textual 8.2, private names: checked by tests/test_ui_hangup.py on a real pseudo-terminal)."""

    def _sigcont_application(self, *args: Any) -> None:
        """The kernel sends SIGCONT with SIGHUP: on a hung-up tty there is nothing to resume. Textual
        would start a second input thread and a writer that fails at once; the game then hung on
        leaving, 1 time in 3 closed as the opponent thought (/tmp stress runs, 2026-12-02)."""
        if not hung_up(self.fileno):
            super()._sigcont_application(*args)

    def write(self, data: str) -> None:
        """Nothing, once the writer thread has stopped on a failed write (EIO): its queue of 30 would
        otherwise fill and block the app for good."""
        writer = self._writer_thread
        if writer is None or writer.is_alive():
            super().write(data)
