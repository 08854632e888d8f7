"""Bounded waits for the tests: until something holds, failing after LIMIT seconds of wall time.

A limit here guards against a hang; it is never a timing check. It is generous because a loaded two-core
machine (CI beside six other processes) stretches wall time ten times and more: a count of pauses, or a
limit of a few seconds, turns that slowness into a red test.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

LIMIT = 240.0
"""Seconds one wait (a page composed, a network exchange) may take before the test fails."""


async def until(pilot, check: Callable[[], object], what: str, limit: float = LIMIT) -> None:  # noqa: ANN001
    """Let the app run until `check()` holds; fail the test saying `what` never happened after `limit` s."""
    loop = asyncio.get_running_loop()
    end = loop.time() + limit
    while not check():
        assert loop.time() < end, f"never: {what}"
        await pilot.pause(0.05)
