"""Fault attack: every entry point fed broken input, counting tracebacks, hangs and lost turns.

What it does (each part bounded in count and time, all files in a temporary folder):
- scenarios: the hostile fixtures, plus N mutations of the test scenario and of the campaign (a slice
  replaced by YAML-significant noise, a line duplicated or cut, a value swapped for a bad one), each
  loaded in this process under an alarm; a traceback is any exception other than ScenarioError.
- saves: N damaged and crafted saves of a real game (bytes flipped, cut, JSON values swapped at
  random paths with the checksum recomputed, plus the issue's crafted cases), each loaded and replayed
  through `crisis replay` in this process; a traceback is any exception other than CrisisError.
- command lines: bad choices, counts, paths and files for every command, each run as `python -m game`
  in a subprocess with a timeout; a traceback is 'Traceback' on stderr, a hang the timeout.
- kills: a process autosaving a campaign game every turn is killed with SIGKILL at a random moment,
  N times; each time the save must load (or not exist yet) and no temporary file may outlive the next
  save.

Run: python bench/fault_attack.py [--scenarios N] [--saves N] [--kills N] [--seed N]
Prints one line per part: cases, tracebacks, hangs, other failures; CPU time beside wall time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import string
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game import persistence as P  # noqa: E402
from game import sim  # noqa: E402
from game.ai.policies import POLICIES  # noqa: E402
from game.cli import main  # noqa: E402
from game.model import SIDES, CrisisError, ScenarioError  # noqa: E402
from game.persistence.format import checksum  # noqa: E402
from game.scenario.load import load  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini.yaml"
CAMPAIGN = ROOT / "scenarios" / "cuban-missile-crisis.yaml"
HANG = 20  # seconds: a case that takes longer counts as a hang
NOISE = string.printable + "&*[]{}:-|>!%@`'\"#\t\\"
BAD_VALUES = [
    "1962-10-32",
    "1962-13-45",
    "-5",
    "1e400",
    ".nan",
    "0",
    "-3",
    "100000000000",
    "*nowhere",
    "[[[[",
    "}}",
    "/etc/passwd",
    "../../x",
    "'" + "not " * 1500 + "x'",
    "'" + "+".join("1" * 2000) + "'",
    "~",
    "!!python/none",
]


class Hang(Exception):
    pass


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise Hang

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


class Tally:
    def __init__(self, name: str) -> None:
        self.name, self.cases, self.tracebacks, self.hangs, self.other = name, 0, 0, 0, 0
        self.examples: list[str] = []
        self.extra = ""
        self.wall, self.cpu = time.perf_counter(), _cpu()

    def note(self, kind: str, example: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 5:
            self.examples.append(f"{kind}: {example[:300]}")

    def line(self) -> str:
        wall, cpu = time.perf_counter() - self.wall, _cpu() - self.cpu
        return (
            f"{self.name:14} {self.cases:6} cases  {self.tracebacks:3} tracebacks  {self.hangs:3} hangs  "
            f"{self.other:3} other   wall {wall:6.1f} s  cpu {cpu:6.1f} s{self.extra}"
        )


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _run_in_process(tally: Tally, what: str, fn: Callable[[], object], expected: tuple[type, ...]) -> None:
    tally.cases += 1
    try:
        with (
            alarm(HANG),
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()),
        ):
            fn()
    except Hang:
        tally.note("hangs", what)
    except expected:
        pass
    except BaseException as err:  # noqa: BLE001 - counting exactly these
        if isinstance(err, KeyboardInterrupt):
            raise
        tally.note("tracebacks", f"{what}: {type(err).__name__}: {err} {traceback.format_exc(limit=-2)}")


# ---- scenarios -----------------------------------------------------------------------------------


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(5)
    if kind == 0:
        i = rng.randrange(len(text))
        noise = "".join(rng.choice(NOISE) for _ in range(rng.randrange(1, 30)))
        return text[:i] + noise + text[i + rng.randrange(0, 40) :]
    if kind == 1:
        i = rng.randrange(len(lines))
        return "".join(lines[:i] + [lines[i]] * rng.randrange(2, 4) + lines[i + 1 :])
    if kind == 2:
        return text[: rng.randrange(len(text))]
    if kind == 3:  # a value swapped for a bad one
        i = rng.randrange(len(lines))
        line = lines[i]
        if ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {rng.choice(BAD_VALUES)}\n"
        return "".join(lines)
    i = rng.randrange(len(lines))  # an alias bomb or a deep nest dropped in
    bomb = (
        "laughs: &a ["
        + ",".join(['"lol"'] * 9)
        + "]\n"
        + "".join(
            f"l{n}: &a{n} [" + ",".join([f"*a{n - 1}" if n > 1 else "*a"] * 9) + "]\n" for n in range(1, 9)
        )
    )
    return (
        "".join(lines[:i]) + rng.choice([bomb, "deep: " + "[" * 200 + "]" * 200 + "\n"]) + "".join(lines[i:])
    )


def attack_scenarios(n: int, rng: random.Random, folder: Path) -> Tally:
    tally = Tally("scenarios")
    files = sorted((FIXTURES / "bad").rglob("*.yaml"))
    bases = [MINI.read_text(), CAMPAIGN.read_text()]
    for i in range(n):
        path = folder / f"s{i}.yaml"
        path.write_text(_mutate(bases[i % 7 == 0], rng), encoding="utf-8")
        files.append(path)
    for path in files:
        _run_in_process(tally, str(path), lambda p=path: load(p), (ScenarioError,))
    return tally


# ---- saves ---------------------------------------------------------------------------------------


def _paths(doc: object, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*prefix, i))


def _crafted(doc: dict) -> list[tuple[str, Callable[[dict], None]]]:
    return [
        ("turn 1e9", lambda d: d["lines"][0]["moves"][-1].__setitem__("turn", 1_000_000_000)),
        ("path number", lambda d: d["scenario"].__setitem__("path", 5)),
        ("path list", lambda d: d["scenario"].__setitem__("path", [1, 2])),
        ("path passwd", lambda d: d["scenario"].__setitem__("path", "/etc/passwd")),
        ("skynet", lambda d: d["lines"][0]["sides"].__setitem__("khrushchev", "skynet")),
        ("forged move", lambda d: d["lines"][0]["moves"][0]["move"].__setitem__("decision", "x")),
    ]


def attack_saves(n: int, rng: random.Random, folder: Path) -> Tally:
    tally = Tally("saves")
    s = load(CAMPAIGN)
    game = sim.play(s, {side: POLICIES["random"] for side in SIDES}, 4)
    good = folder / "good.json"
    P.save(game, good, sides={"kennedy": "random", "khrushchev": "random"})
    raw = good.read_bytes()
    doc = json.loads(raw)
    paths = [p for p in _paths(doc) if p]
    values: list[object] = [
        None,
        True,
        -1,
        0,
        10**12,
        1.5,
        "",
        "x",
        [],
        {},
        [1],
        {"a": 1},
        "skynet",
        "/etc/passwd",
    ]
    cases: list[tuple[str, bytes]] = []
    for name, change in _crafted(doc):
        d = json.loads(raw)
        change(d)
        d["checksum"] = checksum(d)
        cases.append((name, json.dumps(d).encode()))
    cases.append(
        (
            "deep json",
            b'{"format": "missile-crisis-save", "version": 1, "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        )
    )
    cases.append(
        ("5000 digits", b'{"format": "missile-crisis-save", "version": 1, "seed": ' + b"9" * 5000 + b"}")
    )
    for i in range(n):
        kind = i % 3
        if kind == 0:  # a value swapped, checksum recomputed (or not)
            d = json.loads(raw)
            where = rng.choice(paths)
            target = d
            for key in where[:-1]:
                target = target[key]
            target[where[-1]] = rng.choice(values)
            if rng.random() < 0.7:
                d["checksum"] = checksum(d)
            cases.append((f"{where}", json.dumps(d).encode()))
        elif kind == 1:  # bytes flipped
            data = bytearray(raw)
            for _ in range(rng.randrange(1, 6)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            cases.append(("flipped", bytes(data)))
        else:  # cut short
            cases.append(("cut", raw[: rng.randrange(len(raw))]))
    for i, (name, data) in enumerate(cases):
        path = folder / f"save{i}.json"
        path.write_bytes(data)

        def go(p: Path = path, i: int = i) -> None:
            loaded = P.load(p)
            main(["replay", str(p)])
            main(["report", str(p)])
            if not loaded.game.is_over():
                P.save(
                    loaded.game,
                    folder / f"again{i}.json",
                    sides={"kennedy": "random", "khrushchev": "random"},
                )

        _run_in_process(tally, name, go, (CrisisError, SystemExit))
    for special in ("zero", "fifo"):
        path = folder / f"{special}.json"
        if special == "zero":
            path.symlink_to("/dev/zero")
        else:
            os.mkfifo(path)
        _run_in_process(tally, special, lambda p=path: P.load(p), (CrisisError,))
    return tally


# ---- command lines -------------------------------------------------------------------------------


def attack_commands(folder: Path) -> Tally:
    tally = Tally("command lines")
    save = folder / "cmd.json"
    subprocess.run(
        [sys.executable, "-m", "game", "simulate", "--seed", "3", "--save", str(save)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    fifo = folder / "cmd.fifo"
    os.mkfifo(fifo)
    big = folder / "big.yaml"
    big.write_text("# x\n" * 1_000_000)
    hostile = sorted((FIXTURES / "bad" / "hostile").glob("*.yaml"))
    lines: list[list[str]] = [
        ["play", "--as", "nobody"],
        ["play", "--opponent", "skynet"],
        ["play", "--seed", "x"],
        ["play", "--branch-at", "3"],
        ["play", "--load", str(fifo)],
        ["play", "--load", "/dev/zero"],
        ["play", "--load", str(folder / "none.json")],
        ["play", "--load", str(save), "--branch-at", "0"],
        ["play", "--load", str(save), "--branch-at", "999"],
        ["play", "--scenario", str(fifo)],
        ["play", "--scenario", "/dev/zero"],
        ["play", "--scenario", "nope"],
        ["play", "--text", "--scenario", str(big)],
        ["simulate", "--kennedy", "skynet"],
        ["simulate", "--khrushchev", ""],
        ["simulate", "--runs", "0"],
        ["simulate", "--runs", "-2"],
        ["simulate", "--runs", "x"],
        ["simulate", "--save", ""],
        ["simulate", "--save", str(folder / "no" / "dir" / "x.json")],
        ["simulate", "--runs", "3", "--save", "x.json"],
        ["simulate", "--scenario", str(fifo)],
        ["simulate", "--scenario", "/etc/passwd"],
        ["simulate", "--seed", "1e9"],
        ["validate", str(fifo)],
        ["validate", "/dev/zero"],
        ["validate", "/dev/urandom"],
        ["validate", str(big)],
        ["validate", str(folder)],
        ["validate", str(folder / "none.yaml")],
        ["graph", "--scenario", "x"],
        ["letters", "--scenario", str(fifo)],
        ["scenarios", "extra"],
        ["replay"],
        ["replay", str(fifo)],
        ["replay", "/dev/zero"],
        ["replay", str(save), "--line", "nope"],
        ["replay", f"{save}#nope"],
        ["compare", str(save)],
        ["compare", str(save), str(fifo)],
        ["explore", str(save), "--at", "0"],
        ["explore", str(save), "--at", "1", "--runs", "100000000"],
        ["explore", str(save), "--at", "1", "--jobs", "0"],
        ["explore", str(save), "--at", "1", "--jobs", "-2"],
        ["explore", str(save), "--at", "999", "--runs", "2"],
        ["explore", str(save), "--at", "1", "--side", "up"],
        ["explore", str(save), "--at", "1", "--policies", "skynet"],
        ["explore", str(save), "--at", "1", "--policies", ",,,", "--runs", "2"],
        ["report", str(save), "--format", "pdf"],
        ["report", str(save), "-o", ""],
        ["report", str(save), "-o", str(folder / "no" / "r.md")],
        ["report", str(save), "-o", str(folder)],
        ["report", str(fifo)],
        ["read-letter", "--scenario", str(fifo), "x"],
        ["nonsense"],
        ["simlate"],
        ["--version", "extra"],
        ["export", "CODE", "--db", str(fifo), "-o", str(folder / "e.json")],
    ]
    lines += [["validate", str(p)] for p in hostile]
    lines += [["simulate", "--scenario", str(p)] for p in hostile[::3]]
    for args in lines:
        tally.cases += 1
        try:
            done = subprocess.run(
                [sys.executable, "-m", "game", *args],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=HANG,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        except subprocess.TimeoutExpired:
            tally.note("hangs", " ".join(args))
            continue
        if "Traceback" in done.stderr:
            tally.note("tracebacks", f"{' '.join(args)}: {done.stderr[-300:]}")
        elif done.returncode not in (0, 1, 2):
            tally.note("other", f"{' '.join(args)}: exit {done.returncode} {done.stderr[-200:]}")
    return tally


# ---- kills in the middle of an autosave ----------------------------------------------------------

_WRITER = """
import sys
from game import sim
from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import SIDES
from game.persistence import save
from game.scenario import catalog
s = catalog.get("cuban-missile-crisis")
path = sys.argv[1]
for seed in range(1, 1000):
    game = Game(s, seed)
    while not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["random"](s, game.view(side), seed))
        save(game, path, sides={"kennedy": "random", "khrushchev": "random"})
    path = sys.argv[1].replace(".json", f"-{seed}.json")
"""


def attack_kills(n: int, rng: random.Random, folder: Path) -> Tally:
    tally = Tally("kills")
    caught = 0
    for i in range(n):
        path = folder / f"kill{i}.json"
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(1.0, 4.0))
        proc.kill()
        proc.wait()
        tally.cases += 1
        for save in sorted(folder.glob(f"kill{i}*.json")):
            try:
                P.load(save)
            except CrisisError as err:
                tally.note("other", f"kill {i}: {save.name} does not load: {err}")
        leftovers = list(folder.glob(f".kill{i}*.tmp"))
        caught += bool(leftovers)
        for leftover in leftovers:  # the next save of that file sweeps a dead writer's temporary file
            target = folder / leftover.name[1:].split(".json.", 1)[0]
            target = target.with_name(target.name + ".json")
            try:
                loaded = P.load(target)
                P.save(loaded.game, target, sides={"kennedy": "random", "khrushchev": "random"})
            except CrisisError:
                P.write_atomic(target, b"{}")
        still = [p.name for p in leftovers if p.exists()]
        if still:
            tally.note("other", f"kill {i}: temporary files outlived the next save: {still}")
    tally.extra = f"  ({caught} killed mid-write, each temporary file swept by the next save)"
    return tally


def main_() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenarios", type=int, default=300)
    ap.add_argument("--saves", type=int, default=300)
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--memory-limit", type=float, default=4.0, help="GB of address space (for old code)")
    ap.add_argument(
        "--skip", default="", help="comma-separated parts to skip (scenarios,saves,commands,kills)"
    )
    args = ap.parse_args()
    import resource

    limit = int(args.memory_limit * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    rng = random.Random(args.seed)
    skip = set(args.skip.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["CRISIS_DATA_DIR"] = str(folder / "data")
        tallies = []
        if "scenarios" not in skip:
            tallies.append(attack_scenarios(args.scenarios, rng, folder))
            print(tallies[-1].line(), flush=True)
        if "saves" not in skip:
            tallies.append(attack_saves(args.saves, rng, folder))
            print(tallies[-1].line(), flush=True)
        if "commands" not in skip:
            tallies.append(attack_commands(folder))
            print(tallies[-1].line(), flush=True)
        if "kills" not in skip:
            tallies.append(attack_kills(args.kills, rng, folder))
            print(tallies[-1].line(), flush=True)
        for t in tallies:
            for example in t.examples:
                print(f"  {t.name}: {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
