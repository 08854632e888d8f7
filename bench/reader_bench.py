"""The letter reader's time per letter (wall and CPU, median and 99th percentile), and its build time.

Run: python bench/reader_bench.py [--rounds N] [--typing]
Aim: under 20 ms a letter, so the composer can read while the player types. --typing also types a
letter key by key into the composer's own-words screen (the real app, headless) and times each key
from press to the screen idle again: the reading, the panel redrawn, the text area updated.
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
    parser.add_argument("--typing", action="store_true", help="also time typing into the composer")
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
    long = " ".join(i.text for i in items)
    t0, c0 = time.perf_counter(), time.process_time()
    reader.read(long, items[0].side)
    print(
        f"all {len(items)} letters as one text ({len(long)} characters): "
        f"{(time.perf_counter() - t0) * 1000:.1f} ms wall, {(time.process_time() - c0) * 1000:.1f} ms CPU"
    )
    if args.typing:
        letter = "we will not invade cuba if you remove the missiles under un supervision within ten days"
        kw, kc = typing(letter)
        print(f"typing {len(letter)} keys into the own-words composer:")
        print(f"per key (wall): {spread(kw)}")
        print(f"per key (CPU): {spread(kc)}")


def typing(letter: str) -> tuple[list[float], list[float]]:
    """Per key: wall and CPU seconds from the press until the app is idle, reading and panel included."""
    import asyncio
    import tempfile

    from game.persistence.gallery import Gallery
    from game.ui.app import CrisisApp
    from game.ui.screens.desk import GameScreen
    from game.ui.screens.free_letter import FreeLetterScreen
    from game.ui.session import Setup

    wall: list[float] = []
    cpu: list[float] = []

    async def go() -> None:
        setup = Setup("thirteen-days", "kennedy", "pragmatist", 3, True)
        app = CrisisApp(setup, skip_menu=True, think_time=0, gallery=Gallery(Path(tempfile.mkdtemp())))
        async with app.run_test(size=(130, 40)) as pilot:
            for _ in range(40):
                if isinstance(app.screen, GameScreen):
                    break
                await pilot.press("enter")
                await pilot.pause()
            await pilot.press("l")
            await pilot.press("ctrl+o")
            assert isinstance(app.screen, FreeLetterScreen)
            for ch in letter:
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press("space" if ch == " " else ch)
                wall.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            assert app.screen.text == letter, app.screen.text

    asyncio.run(go())
    return wall, cpu


if __name__ == "__main__":
    main()
