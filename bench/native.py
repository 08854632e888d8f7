"""The optional compiled engine (mypyc): build it, remove it, and measure it beside pure Python.

The modules of game/engine/native.py's HOT are compiled with mypyc into extension modules placed
beside their sources (one shared library, game/engine/hot__mypyc); Python loads an extension before a
source of the same name, and falls back to the source when there is none. Nothing needs the build.

- `python bench/native.py` copies the checkout to a temporary folder, builds there and runs
  perf_bench's random and pragmatist campaigns and engine step in both trees, interleaved, CPU
  time beside wall; with `--fingerprint N`, the stored fingerprints are checked in the compiled
  tree too.
- `python bench/native.py --inplace` (`make native`) builds into this checkout; `--clean`
  (`make native-clean`) removes what it built. A source edited after the build makes the build
  stale (tests/test_same_games.py fails until it is rebuilt or removed).

Needs mypy (a dev dependency, which ships mypyc) and a C compiler.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine.native import HOT  # noqa: E402

GROUP = "game.engine.hot"
"""The shared library's module name (game/engine/hot__mypyc...so), inside the package so that an
installed checkout finds it."""
SETUP = """
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="missile-crisis-native",
    packages=[],
    ext_modules=mypycify({paths!r}, group_name={group!r}, opt_level="3"),
    script_args=["build_ext", "--inplace"],
)
"""


def sources(root: Path) -> list[str]:
    return [str(Path(*name.split(".")).with_suffix(".py")) for name in HOT]


def built(root: Path) -> list[Path]:
    """The extension modules a build left in `root`: one beside each source, and their shared library."""
    out = []
    for name in (*HOT, GROUP + "__mypyc"):
        folder, stem = name.rsplit(".", 1)
        out += (root / Path(*folder.split("."))).glob(f"{stem}.*.so")
    return sorted(out)


def build(root: Path) -> float:
    """Compile HOT in the checkout at `root` (in place); return the seconds it took (wall)."""
    script = SETUP.format(paths=sources(root), group=GROUP)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-c", script, "--build-temp", tmp],
            cwd=root,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    shutil.rmtree(root / "build", ignore_errors=True)
    return time.perf_counter() - start


def clean(root: Path) -> list[Path]:
    gone = built(root)
    for path in gone:
        path.unlink()
    return gone


def copy(dest: Path) -> Path:
    """What a game and its benchmarks need, copied from this checkout (no build, no caches)."""
    skip = shutil.ignore_patterns("__pycache__", "*.so", "*.pyc")
    for part in ("game", "scenarios", "seeds", "bench"):
        shutil.copytree(ROOT / part, dest / part, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def perf(root: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(root / "bench" / "perf_bench.py"), *args],
        cwd=root,
        check=False,
        capture_output=True,
        text=True,
    )
    return done.stdout + done.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inplace", action="store_true", help="build into this checkout")
    ap.add_argument("--clean", action="store_true", help="remove the build from this checkout")
    ap.add_argument("--seconds", type=float, default=3.0, help="CPU seconds of random campaigns per run")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each tree, interleaved")
    ap.add_argument("--fingerprint", type=int, default=0, metavar="N", help="check N seeds in the build")
    args = ap.parse_args()
    if args.clean:
        print("\n".join(f"removed {p.relative_to(ROOT)}" for p in clean(ROOT)) or "nothing to remove")
        return
    if args.inplace:
        took = build(ROOT)
        print(f"built {len(built(ROOT))} extension modules in {took:.0f} s (wall)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tree = copy(Path(tmp) / "native")
        print(f"mypyc build of {len(HOT)} modules: {build(tree):.0f} s wall")
        for n in range(args.rounds):
            for name, root in (("pure Python", ROOT), ("compiled", tree)):
                print(f"-- {name}, round {n + 1}")
                parts = ["--only", "random", "--only", "step", "--only", "pragmatist"]
                print(perf(root, *parts, "--seconds", str(args.seconds)))
        if args.fingerprint:
            print("-- compiled: the stored fingerprints")
            print(perf(tree, "--fingerprint", str(args.fingerprint)))


if __name__ == "__main__":
    main()
