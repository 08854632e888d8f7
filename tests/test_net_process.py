"""The server as a real process: killed with SIGKILL mid-game and restarted, its tables resume; the
network commands (table new, tables, join --bot, export) work against it."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys

from game import sim
from game.ai.policies import POLICIES
from game.cli import main
from game.model import Side
from game.net import client
from game.scenario import catalog
from tests.net_support import LIMIT, ROOT, run, server_process


def offline_digest(scenario: str, seed: int, kennedy: str, khrushchev: str) -> str:
    policies = {Side.KENNEDY: POLICIES[kennedy], Side.KHRUSHCHEV: POLICIES[khrushchev]}
    return sim.play(catalog.get(scenario), policies, seed).state.digest()


def test_a_server_killed_mid_game_resumes_its_tables(tmp_path):
    db = tmp_path / "tables.sqlite3"
    with server_process(db) as (first, url):
        port = int(url.rsplit(":", 1)[1])
        made = run(client.create_table(url, "thirteen-days", 7, {"khrushchev": "hawk"}))
        two = run(client.create_table(url, "il28-endgame", 2, {}))
        restarted: list = []

        async def play() -> None:
            killed = asyncio.Event()
            frames: list = []

            async def watch() -> None:
                while not any(f.get("kind") == "view" and f["view"]["turn"] >= 4 for f in frames):
                    await asyncio.sleep(0.01)
                os.kill(first.pid, signal.SIGKILL)  # mid-game, perhaps mid-move
                killed.set()

            watcher = asyncio.create_task(watch())
            bots = asyncio.gather(
                client.play_bot(url, made["code"], "pragmatist", frames=frames, retries=400, seed=7),
                client.play_bot(url, two["code"], "dove", side="kennedy", retries=400, seed=2),
                client.play_bot(url, two["code"], "random", side="khrushchev", retries=400, seed=2),
            )
            await killed.wait()
            await watcher
            await asyncio.get_running_loop().run_in_executor(None, first.wait)
            # the clients are retrying on their own; bring the server back on the same port
            cm = server_process(db, port=port)
            restarted.append(cm)
            await asyncio.get_running_loop().run_in_executor(None, cm.__enter__)
            await bots

        try:
            run(play(), limit=LIMIT * 2)
            one = run(client.export_table(url, made["code"]))
            other = run(client.export_table(url, two["code"]))
        finally:
            for cm in restarted:
                cm.__exit__(None, None, None)
    assert first.returncode == -signal.SIGKILL
    assert one["digest"] == offline_digest("thirteen-days", 7, "pragmatist", "hawk")
    assert other["digest"] == offline_digest("il28-endgame", 2, "dove", "random")
    log = (tmp_path / "server.log").read_text()
    assert "restored 2 table(s)" in log and "Traceback" not in log


def test_the_network_commands_against_a_running_server(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    db = tmp_path / "tables.sqlite3"
    with server_process(db) as (_, url):
        assert (
            main(["table", "new", "--server", url, "--scenario", "thirteen-days", "--seed", "5", "--json"])
            == 0
        )
        made = json.loads(capsys.readouterr().out)
        assert made["server"] == url and len(made["code"]) == 6
        # as a teacher types it, without --json: the table, its seed and seats, the owner's credential
        assert main(["table", "new", "--server", url, "--scenario", "il28-endgame", "--seed", "9"]) == 0
        said = capsys.readouterr().out
        assert "il28-endgame, seed 9" in said and f"open: crisis join {url}" in said
        assert "owner credential" in said
        code = made["code"]
        seats = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "game",
                    "join",
                    url,
                    code,
                    "--as",
                    side,
                    "--bot",
                    policy,
                    "--seed",
                    "5",
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            for side, policy in (("kennedy", "dove"), ("khrushchev", "random"))
        ]
        outs = [p.communicate(timeout=LIMIT)[0] for p in seats]
        assert [p.returncode for p in seats] == [0, 0]
        game = sim.play(
            catalog.get("thirteen-days"),
            {Side.KENNEDY: POLICIES["dove"], Side.KHRUSHCHEV: POLICIES["random"]},
            5,
        )
        headline = game.scenario.ending(game.state.ending).headline  # the scenario's words, not its id (J14)
        assert all(f"ending: {headline}" in out and game.state.ending not in out for out in outs)

        assert main(["tables", "--server", url, "--json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        over = [(t["code"], t["state"], t["ending"]) for t in listed if t["code"] == code]
        assert over == [(code, "over", game.state.ending)] and len(listed) == 2
        assert main(["tables", "--server", url]) == 0
        shown = capsys.readouterr().out
        assert code in shown and headline in shown and game.state.ending not in shown

        save = tmp_path / "net.json"
        assert main(["export", code, "--server", url, "-o", str(save)]) == 0
        said = capsys.readouterr().out
        assert f"turns, {headline})" in said and game.state.ending not in said
        assert main(["replay", str(save)]) == 0
        said = capsys.readouterr().out
        assert headline in said and f"ending: {game.state.ending}" not in said
        assert main(["replay", str(save), "--json"]) == 0
        replay = json.loads(capsys.readouterr().out)  # (the export's line was read above)
        assert replay["ending"] == game.state.ending

    # from the server's file, with the server stopped
    other = tmp_path / "db.json"
    assert main(["export", code.lower(), "--db", str(db), "-o", str(other)]) == 0
    assert main(["replay", str(other), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["ending"] == game.state.ending

    # mistakes: a clear message, no traceback
    assert main(["tables", "--server", "http://127.0.0.1:1"]) == 2
    assert "no crisis server at http://127.0.0.1:1" in capsys.readouterr().err
    assert main(["export", "NOPE", "--db", str(db), "-o", str(other)]) == 2
    assert "no table 'NOPE'" in capsys.readouterr().err
