"""A server that stops tells its open connections so (close code 1001) instead of waiting for them."""

from __future__ import annotations

import asyncio

import aiohttp

from game.net import client
from game.net.server import start
from game.net.sqlite import SqliteStorage
from tests.net_support import run


def test_stopping_the_server_closes_each_open_connection_as_going_away(tmp_path):
    """A seat at a table and a connection that never joined one: both are told 1001 as the server stops
    (aiohttp otherwise waits up to a minute for each websocket to end on its own: `crisis serve` held
    Ctrl-C that long with a student connected, and a test that stopped its server waited 45 s)."""

    async def main():
        storage = SqliteStorage(tmp_path / "t.db")
        runner, url = await start(storage, "127.0.0.1", 0)
        try:
            made = await client.create_table(url, "thirteen-days", 3, {})
            async with aiohttp.ClientSession() as session:
                idle = await session.ws_connect(f"{url}/ws")
                seated = await session.ws_connect(f"{url}/ws")
                await seated.send_json({"kind": "join", "code": made["code"], "side": "kennedy"})
                first = await seated.receive_json()
                assert first["kind"] != "error", first
                stopping = asyncio.create_task(runner.cleanup())
                for ws in (idle, seated):
                    while (msg := await ws.receive()).type is aiohttp.WSMsgType.TEXT:
                        pass  # frames sent before the close
                    assert msg.type is aiohttp.WSMsgType.CLOSE, msg
                    assert ws.close_code == aiohttp.WSCloseCode.GOING_AWAY
                await stopping
        finally:
            await runner.cleanup()
            storage.close()

    run(main())
