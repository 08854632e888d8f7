"""The letter reader's time per letter (wall and CPU, median and 99th percentile), and its build time.

Run: python bench/reader_bench.py [--rounds N]
Aim: under 20 ms a letter, so the composer can read while the player types.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.reader.read import Reader  # noqa: E402
from game.scenario import catalog  # noqa: E402
from tests.reader.score import letters  # noqa: E402


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def spread(xs: list[float]) -> str:
    return f"median {statistics.median(xs) * 1000:.2f} ms, p99 {pct(xs, 0.99) * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="times each letter is read")
    args = parser.parse_args()
    s = catalog.get("cuban-missile-crisis")
    assert s.negotiation is not None
    w0, c0 = time.perf_counter(), time.process_time()
    reader = Reader(s.negotiation, s.phrases)
    build = (time.perf_counter() - w0, time.process_time() - c0)
    items = letters()
    cold_wall, wall, cpu = [], [], []
    for item in items:  # the first reading of a letter corrects its misspellings (then cached)
        t0 = time.perf_counter()
        reader.read(item.text, item.side)
        cold_wall.append(time.perf_counter() - t0)
    for _ in range(args.rounds):
        for item in items:
            t0, c0 = time.perf_counter(), time.process_time()
            reader.read(item.text, item.side)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    chars = statistics.mean(len(i.text) for i in items)
    print(f"reader build: {build[0] * 1000:.1f} ms wall, {build[1] * 1000:.1f} ms CPU")
    print(f"{len(items)} letters, {chars:.0f} characters on average, {args.rounds} rounds")
    print(f"first reading (wall): {spread(cold_wall)}")
    for name, xs in (("wall", wall), ("CPU", cpu)):
        print(f"per letter ({name}): {spread(xs)}")


if __name__ == "__main__":
    main()
