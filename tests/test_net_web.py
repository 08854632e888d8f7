"""Browser play on loopback: the page, a session that joins a table by its code, the cap, the cleanup."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import aiohttp
import pytest

from game.net import client
from tests.net_support import LIMIT, run, served


def children() -> list[str]:
    """Command lines of this process's live children (the browser sessions' game processes)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                out.append((stat.parent / "cmdline").read_text().replace("\0", " "))
        except (OSError, IndexError, ValueError):
            continue
    return [c for c in out if "game join" in c]


async def until(check, what: str) -> None:  # noqa: ANN001
    loop = asyncio.get_running_loop()
    end = loop.time() + LIMIT
    while not check():
        assert loop.time() < end, f"never: {what}"
        await asyncio.sleep(0.05)


def test_a_browser_joins_a_table_by_its_code_and_its_session_ends_with_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def main():
        async with served(tmp_path / "t.db", web_sessions=1) as (url, hub, records):
            made = await client.create_table(url, "thirteen-days", 3, {"khrushchev": "dove"})
            async with aiohttp.ClientSession() as session:
                async with session.get(url + "/") as r:  # the front page is the game
                    assert r.status == 200 and "textual.js" in await r.text()
                ws = await session.ws_connect(url.replace("http", "ws") + "/play/ws?width=100&height=30")
                await ws.receive()  # the game process has started and drawn
                assert len(children()) == 1
                # the cap: a second browser is told the server is full
                async with session.get(url + "/play/") as r:
                    assert r.status == 503 and "browser sessions" in await r.text()
                with pytest.raises(aiohttp.WSServerHandshakeError) as full:
                    await session.ws_connect(url.replace("http", "ws") + "/play/ws")
                assert full.value.status == 503
                # the student types the code: the session takes the Kennedy seat at that table
                await asyncio.sleep(1.0)  # the join screen is up
                await ws.send_str(json.dumps(["stdin", made["code"].lower() + "\r"]))
                table = hub.tables[made["code"]]
                pump = asyncio.create_task(drain(ws))
                await until(lambda: table.holders, "the browser's seat taken")
                await until(lambda: hub.connected(table, next(iter(table.holders))), "the seat connected")
                # the browser goes away: its game process ends and the seat shows as gone
                await ws.close()
                pump.cancel()
                await until(lambda: not children(), "the session's process ended")
                await until(lambda: not any(hub.conns.get(table.code, ())), "the seat disconnected")
                # a page from elsewhere may not open a session
                with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
                    await session.ws_connect(
                        url.replace("http", "ws") + "/play/ws", headers={"Origin": "https://evil.example"}
                    )
                assert foreign.value.status == 403
            return records.tracebacks()

    assert run(main(), limit=LIMIT * 2) == []


async def drain(ws: aiohttp.ClientWebSocketResponse) -> None:
    """Read what the session draws, as a browser would, so its output never blocks."""
    async for _ in ws:
        pass
