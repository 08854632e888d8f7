"""The game server under load: N concurrent tables of bot seats on one `crisis serve` process.

Run: python bench/net_bench.py [--tables 50] [--scenario thirteen-days] [--idle 500]
     python bench/net_bench.py --class --tables 30    (a class: one code, 60 students, a turn timer,
                                                       the teacher's news to every table, a pause)
Reports moves per second, the p50/p99 latency of a move (sent -> the view that shows it applied),
the server's memory (RSS) empty, with idle tables, its peak during the games and after them, and its
CPU time beside the wall time. Everything runs on 127.0.0.1; the server is started here and stopped
at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.policies import POLICIES  # noqa: E402
from game.net import client, protocol  # noqa: E402
from game.scenario import catalog  # noqa: E402

PAIRS = [
    ("pragmatist", "hawk"),
    ("hawk", "pragmatist"),
    ("dove", "random"),
    ("random", "dove"),
    ("historical", "historical"),
]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    import os

    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def seat(url: str, code: str, side: str | None, policy: str, latencies: list[float]) -> int:
    """One bot seat that times each of its moves; returns the moves it made."""
    choose, s = POLICIES[policy], None
    the_seat = client.Seat(url, code, side=side)
    sent: dict[str, float] = {}
    moves = 0

    async def on_frame(frame: dict) -> bool:
        nonlocal s, moves
        if frame.get("kind") == "error":  # refused (a pause): not a move's delay; sent again when resumed
            sent.clear()
        if frame.get("kind") != "view":
            return False
        view = protocol.view_from_dict(frame["view"])
        for state, t0 in list(sent.items()):
            if view.my_move is not None or frame["state"] != state or view.ending:
                latencies.append(time.perf_counter() - t0)
                del sent[state]
        if view.ending:
            return True
        if frame.get("paused"):
            sent.clear()
            return False
        if view.my_move is None and view.legal and frame["state"] not in sent:
            s = s or catalog.get(frame["scenario"])
            move = choose(s, view, int(frame["policy_seed"]))
            sent[frame["state"]] = time.perf_counter()
            moves += 1
            await the_seat.move(move)
        return False

    await the_seat.run(on_frame)
    return moves


async def bench(url: str, pid: int, tables: int, scenario: str, idle: int) -> None:
    empty = rss_kib(pid)
    for _ in range(idle):
        await client.create_table(url, scenario, 1, {})
    idle_rss = rss_kib(pid)
    codes = []
    for n in range(tables):
        made = await client.create_table(url, scenario, n + 1, {})
        codes.append((made["code"], PAIRS[n % len(PAIRS)]))
    latencies: list[float] = []
    cpu0, t0 = cpu_seconds(pid), time.perf_counter()
    counts = await asyncio.gather(
        *(
            seat(url, code, side, policy, latencies)
            for code, pair in codes
            for side, policy in zip(("kennedy", "khrushchev"), pair, strict=True)
        )
    )
    wall, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    after = rss_kib(pid)
    moves = sum(counts)
    lat = sorted(latencies)
    p = lambda q: lat[min(int(q * len(lat)), len(lat) - 1)] * 1000  # noqa: E731
    print(f"{tables} tables of {scenario}, {2 * tables} bot seats on one server (127.0.0.1)")
    print(f"  moves:           {moves} in {wall:.2f} s wall = {moves / wall:.0f} moves/s")
    print(f"  server CPU:      {cpu:.2f} s ({cpu / moves * 1000:.2f} ms per move)")
    print(f"  move latency:    p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {lat[-1] * 1000:.1f} ms")
    grown = (idle_rss - empty) / 1024
    print(f"  server memory:   empty {empty / 1024:.1f} MiB; {idle} idle tables +{grown:.1f} MiB")
    per = (idle_rss - empty) / max(idle, 1)
    print(
        f"                   = {per:.0f} KiB per idle table; after the {tables} games {after / 1024:.1f} MiB"
    )
    print(f"  median moves per table: {statistics.median(counts) * 2:.0f}")


async def peak(pid: int, into: list[int]) -> None:
    """Sample the server's RSS every 50 ms (until cancelled), keeping the largest."""
    while True:
        into[0] = max(into[0], rss_kib(pid))
        await asyncio.sleep(0.05)


async def classroom(url: str, pid: int, tables: int, scenario: str) -> None:
    """A class of `tables` tables: 2 x tables students join with the class's code; a 10-minute turn
    timer runs at every table (it never runs out here); the teacher sends news to every table and
    pauses and resumes them all while they play; the teacher's console polls the status twice a second."""
    empty = rss_kib(pid)
    made = await client.create_class(url, scenario, tables, 1, None, minutes=10.0)
    code, teacher = made["code"], made["teacher"]
    made_rss = rss_kib(pid)
    latencies: list[float] = []
    top = [made_rss]
    sampler = asyncio.create_task(peak(pid, top))
    polls: list[float] = []

    async def console() -> None:
        while True:
            t = time.perf_counter()
            await client.class_status(url, code, teacher)
            polls.append(time.perf_counter() - t)
            await asyncio.sleep(0.5)

    async def teacher_steers() -> None:
        await asyncio.sleep(1.0)
        await client.class_call(url, code, teacher, "POST", "inject", {"text": "Radio Moscow: talks go on"})
        await client.class_call(url, code, teacher, "POST", "pause", {"paused": True})
        await asyncio.sleep(0.5)
        await client.class_call(url, code, teacher, "POST", "pause", {"paused": False})

    watcher = asyncio.create_task(console())
    cpu0, t0, mine = cpu_seconds(pid), time.perf_counter(), time.process_time()
    students = []
    for n in range(2 * tables):  # students arrive one by one, as in a room
        policy = PAIRS[(n // 2) % len(PAIRS)][n % 2]
        students.append(asyncio.create_task(seat(url, code, None, policy, latencies)))
    counts = await asyncio.gather(*students, teacher_steers())
    wall, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    watcher.cancel()
    sampler.cancel()
    status = await client.class_status(url, code, teacher)
    moves = sum(c for c in counts if c)
    lat = sorted(latencies)
    p = lambda q: lat[min(int(q * len(lat)), len(lat) - 1)] * 1000  # noqa: E731
    over = sum(t["state"] == "over" for t in status["tables"])
    print(f"a class of {tables} tables of {scenario}: {2 * tables} students (bots) joined with one code")
    print(f"  tables ended:    {over} of {tables}")
    print(f"  moves:           {moves} in {wall:.2f} s wall = {moves / wall:.0f} moves/s")
    print(f"  server CPU:      {cpu:.2f} s ({cpu / max(moves, 1) * 1000:.2f} ms per move, with the console)")
    print(f"  move delay:      p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {lat[-1] * 1000:.1f} ms")
    print(f"  the clients:     {time.process_time() - mine:.2f} s CPU, all in this one process")
    polled = sorted(polls)
    print(f"  console polls:   {len(polls)}, median {statistics.median(polled) * 1000:.1f} ms")
    print(
        f"  server memory:   empty {empty / 1024:.1f} MiB, class made {made_rss / 1024:.1f} MiB, "
        f"peak {top[0] / 1024:.1f} MiB, after {rss_kib(pid) / 1024:.1f} MiB"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=50)
    ap.add_argument("--scenario", default="thirteen-days")
    ap.add_argument("--class", dest="klass", action="store_true", help="a class of --tables tables")
    ap.add_argument(
        "--idle", type=int, default=200, help="idle tables made first, to measure memory per table"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--port", "0", "--db", f"{tmp}/t.db"],
            cwd=Path(__file__).resolve().parents[1],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            url = ""
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("crisis server on "):
                    url = line.split()[3]
                    break
            if not url:
                print("the server did not start", file=sys.stderr)
                return 1
            if args.klass:
                work = classroom(url, proc.pid, args.tables, args.scenario)
            else:
                work = bench(url, proc.pid, args.tables, args.scenario, args.idle)
            asyncio.run(asyncio.wait_for(work, 600))
        finally:
            proc.kill()
            proc.wait()
            if proc.stdout:
                proc.stdout.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
