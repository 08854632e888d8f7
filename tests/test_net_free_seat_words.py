"""A free seat reads the same in `crisis tables` and `crisis class status` as on the desk (H19, H4):
'free: default orders' when a timer gives its orders, 'free: the hawk AI' with an AI on timeout,
'free' alone when there is no timer (the turn waits); not 'human (open)'."""

from __future__ import annotations

import asyncio

from game.cli import main
from game.net import client
from tests.net_support import run, served


def test_crisis_tables_says_who_gives_a_free_seats_orders(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def listed() -> dict[str, str]:
        async with served(tmp_path / "t.db") as (url, hub, records):
            plain = await client.create_table(url, "thirteen-days", 3, {"khrushchev": "dove"})
            timed = await client.create_table(url, "thirteen-days", 4, {})
            ai = await client.create_table(url, "thirteen-days", 5, {})
            hub.control(hub.tables[timed["code"]], "timer", {"minutes": 3})
            hub.control(hub.tables[ai["code"]], "timer", {"minutes": 3, "on_timeout": "hawk"})
            loop = asyncio.get_running_loop()
            assert await loop.run_in_executor(None, main, ["tables", "--server", url]) == 0
            assert not records.tracebacks()
            return {"plain": plain["code"], "timed": timed["code"], "ai": ai["code"]}

    codes = run(listed())
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert "(open)" not in "".join(lines.values())
    assert "[kennedy: free, khrushchev: dove]" in lines[codes["plain"]]
    assert "[kennedy: free: default orders, khrushchev: free: default orders]" in lines[codes["timed"]]
    assert "kennedy: free: the hawk AI" in lines[codes["ai"]]


def test_crisis_class_status_says_it_as_the_desk_does(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))

    async def status() -> None:
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 2, 5, None, minutes=3)
            args = ["class", "status", made["code"], "--server", url, "--teacher", made["teacher"]]
            assert await asyncio.get_running_loop().run_in_executor(None, main, args) == 0
            assert not records.tracebacks()

    run(status())
    rows = [line for line in capsys.readouterr().out.splitlines() if "awaiting" in line]
    assert len(rows) == 2 and all(
        "[kennedy free: default orders, khrushchev free: default orders]" in r for r in rows
    )
