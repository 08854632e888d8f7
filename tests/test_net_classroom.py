"""A class on loopback, steered by its teacher: fifteen tables of bots all reach an ending; pauses, timers
and injects change what the logs say and nothing else; every exported save replays to the same digests."""

from __future__ import annotations

import asyncio
import json

from game import persistence, schema
from game.ai.policies import POLICIES, historical
from game.cli import main
from game.engine.state import Move
from game.model import Side
from game.net import client
from game.scenario import catalog
from game.sim import play
from tests.net_support import LIMIT, run, seeded, served

POLICY = ["pragmatist", "hawk", "dove", "random"]


def _default(s, view, seed):  # noqa: ANN001, ANN202
    """What a timed-out seat is given: the scenario's default (the historical order, no letter)."""
    m = historical(s, view, seed)
    return Move(m.side, m.decision)


def _or_default(policy, timed: set):  # noqa: ANN001, ANN202
    """`policy`, except at the turns where the log says this side's time ran out."""
    return lambda s, view, seed: (
        _default(s, view, seed) if (view.turn, view.side.value) in timed else policy(s, view, seed)
    )


async def _seat_all(url: str, hub, code: str, policies: list[str]) -> list[asyncio.Task]:  # noqa: ANN001
    """Bots join the class's code one after the other (so each is seated at the next free seat)."""
    seats = []
    for policy in policies:
        seats.append(asyncio.create_task(client.play_bot(url, code, policy)))
        while sum(len(t.holders) for t in hub.tables.values()) < len(seats):
            await asyncio.sleep(0.01)
    return seats


def _replays(doc: dict, path) -> persistence.Loaded:  # noqa: ANN001
    path.write_text(json.dumps(doc))
    loaded = persistence.load(path)
    assert loaded.stopped is None, loaded.stopped
    return loaded


def test_a_class_of_fifteen_bot_tables_all_end_and_every_save_replays(tmp_path, capsys):
    async def main_():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 15, 100, None)
            code, teacher = made["code"], made["teacher"]
            tables = [t["code"] for t in made["tables"]]
            # the news reaches every table before anyone moves: a move in each table's log
            sent = await client.class_call(
                url,
                code,
                teacher,
                "POST",
                "inject",
                {"text": "Radio Moscow: talks at the UN", "kind": "news"},
            )
            assert sent["sent"] == tables
            seats = await _seat_all(url, hub, code, [POLICY[n % 4] for n in range(30)])
            done = await asyncio.gather(*seats)
            status = await client.class_status(url, code, teacher)
            export = await client.class_call(url, code, teacher, "GET", "export")
            projector = await client.call(url, "GET", f"/api/classes/{code}/projector")
            return done, status, export, projector, records.tracebacks()

    done, status, export, projector, tracebacks = run(main_(), limit=LIMIT * 2)
    assert tracebacks == []
    assert len(done) == 30 and all(seat.frame["view"]["ending"] for seat in done)
    assert [t["state"] for t in status["tables"]] == ["over"] * 15 and status["students"] == 0  # bots (H19)
    assert all(seat["bot"] in POLICY for t in status["tables"] for seat in t["seats"].values())
    assert sum(projector["endings"].values()) == 15 and projector["state"] == "over"
    assert all(seat.frame["notices"][0]["text"] == "Radio Moscow: talks at the UN" for seat in done)
    for n, t in enumerate(status["tables"]):
        doc = export["saves"][t["code"]]
        loaded = _replays(doc, tmp_path / f"{t['code']}.json")
        assert loaded.game.state.ending == t["ending"] and len(loaded.game.state.injects) == 1
        assert loaded.game.state.digest() == doc["lines"][0]["digest"]
        if n == 0:  # and `crisis replay` takes it as any save
            assert main(["replay", str(tmp_path / f"{t['code']}.json"), "--json"]) == 0
            assert json.loads(capsys.readouterr().out)["ending"] == t["ending"]


def test_pauses_timers_and_injects_change_the_logs_and_nothing_else(tmp_path):
    """Table 1 is paused and resumed, table 2 gets news without effects, table 3's Khrushchev never
    comes and its turn timer moves for him: each table plays as the same game offline would."""

    async def main_():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 3, 40, None)
            code, teacher = made["code"], made["teacher"]
            one, two, three = (t["code"] for t in made["tables"])

            async def call(route: str, body: dict) -> dict:
                return await client.class_call(url, code, teacher, "POST", route, body)

            await call("pause", {"table": one, "paused": True})
            await call("inject", {"table": two, "id": "scali_fomin_channel", "side": "kennedy"})
            await call("inject", {"table": two, "text": "A rumour of a coup", "kind": "rumour", "side": None})
            timed = await call("timer", {"table": three, "minutes": 0.01})
            assert timed == {"changed": [three], "minutes": 0.01}
            seats = await _seat_all(url, hub, code, ["pragmatist", "hawk", "dove", "random", "pragmatist"])
            while not hub.tables[one].game.state.log and hub.tables[two].game.is_over() is False:
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)
            assert hub.tables[one].game.state.turn == 1  # paused: no move counted
            await call("pause", {"table": one, "paused": False})
            done = await asyncio.gather(*seats)
            export = await client.class_call(url, code, teacher, "GET", "export")
            full = await client.class_call(url, code, teacher, "GET", f"tables/{three}")
            return made, done, export, full, records.tracebacks()

    made, done, export, full, tracebacks = run(main_(), limit=LIMIT * 2)
    assert tracebacks == []
    s = catalog.get("thirteen-days")
    policies = [("pragmatist", "hawk"), ("dove", "random"), ("pragmatist", None)]
    for n, (t, pair) in enumerate(zip(made["tables"], policies, strict=True)):
        seeds = {seat.side: seat.frame["policy_seed"] for seat in done if seat.code == t["code"]}
        # a seat whose time ran out was given the default, as the log says (a slow bot's too)
        timed = {(c["turn"], c["side"]) for c in export["controls"][t["code"]] if c["action"] == "timeout"}
        kennedy = _or_default(seeded(POLICIES[pair[0]], seeds["kennedy"]), timed)
        khrushchev = (
            _or_default(seeded(POLICIES[pair[1]], seeds["khrushchev"]), timed) if pair[1] else _default
        )
        offline = play(s, {Side.KENNEDY: kennedy, Side.KHRUSHCHEV: khrushchev}, 40 + n)
        doc = export["saves"][t["code"]]
        moves = [m["move"] for m in doc["lines"][0]["moves"]]
        decisions = [m for m in moves if not m["decision"].startswith("inject:")]
        assert decisions == [schema.dump(m) for r in offline.state.log for m in r.moves], n
        loaded = _replays(doc, tmp_path / f"{n}.json")
        assert loaded.game.state.ending == offline.state.ending
        controls = export["controls"][t["code"]]
        assert {c["policy"] for c in controls if c["action"] == "bot"} <= set(POLICIES)  # bot seats (H19)
        actions = [c["action"] for c in controls if c["action"] != "bot"]
        if n == 0:
            assert actions == ["pause", "resume"] and doc["lines"][0]["digest"] == offline.state.digest()
        if n == 1:
            assert len(moves) - len(decisions) == 2 and actions == []
            assert loaded.game.state.digest() != offline.state.digest()  # the log holds the news
        if n == 2:
            timeouts = [c for c in export["controls"][t["code"]] if c["action"] == "timeout"]
            assert actions[0] == "timer" and len(timeouts) >= len(offline.state.log) > 0
            assert sum(c["side"] == "khrushchev" for c in timeouts) == len(offline.state.log)
            assert doc["lines"][0]["digest"] == offline.state.digest()
    kennedy_two = next(seat for seat in done if seat.code == made["tables"][1]["code"])
    assert [x["kind"] for x in kennedy_two.frame["notices"]] == ["intelligence", "rumour"]
    assert full["timeouts"] > 0 and all(x["kind"] == "timeout" for x in full["notices"]["khrushchev"])


def test_the_teacher_steers_and_reports_from_the_command_line(tmp_path, capsys, monkeypatch):
    from game.net.server import serve_in_thread

    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    url, stop = serve_in_thread(tmp_path / "t.db", port=0)
    try:
        cmd = ["class", "new", "--server", url, "--scenario", "thirteen-days", "--tables", "2"]
        assert main([*cmd, "--seed", "3", "--minutes-per-turn", "30", "--json"]) == 0
        code = json.loads(capsys.readouterr().out)["code"]
        assert main(["class", "status", code, "--server", url]) == 0
        shown = capsys.readouterr().out
        assert "30 minutes a turn" in shown and shown.count("30:00 waits") == 2 and "risk" in shown  # (H15)
        assert shown.count("The ExComm: a week to decide") == 2 and " excomm " not in shown  # (J14)
        assert main(["class", "injects", code, "--server", url]) == 0
        assert "u2_shot_down" in capsys.readouterr().out
        assert main(["class", "inject", code, "u2_shot_down", "--server", url, "--side", "kennedy"]) == 0
        assert "sent to kennedy at" in capsys.readouterr().out
        assert (
            main(["class", "inject", code, "Moscow is quiet tonight", "--server", url, "--kind", "rumour"])
            == 0
        )
        assert main(["class", "timer", code, "--off", "--server", url]) == 0
        assert "no timer" in capsys.readouterr().out
        # without --server: the class's own server, which this machine kept beside the credential
        assert main(["class", "status", code]) == 0 and code in capsys.readouterr().out
        assert main(["class", "pause", code]) == 0 and "paused" in capsys.readouterr().out
        assert main(["class", "pause", code, "--resume"]) == 0
        assert main(["class", "inject", code, "A quiet night", "--kind", "news"]) == 0
        assert "sent to both sides" in capsys.readouterr().out
        # a mistyped id is named, with the nearest, never sent as news whose words are the id
        assert main(["class", "inject", code, "u2_shot_dwn"]) == 2
        said = capsys.readouterr().err
        assert "no inject 'u2_shot_dwn'" in said and "did you mean 'u2_shot_down'" in said
        # another server named: the message says which was tried and where the credential is kept
        assert main(["class", "status", code, "--server", "http://127.0.0.1:9"]) == 2
        said = capsys.readouterr().err
        assert "on http://127.0.0.1:9" in said and f"add --server {url}" in said
        assert main(["class", "timer", code, "--server", url]) == 2  # neither minutes nor --off
        assert "give the minutes per turn" in capsys.readouterr().err

        async def bots() -> None:
            await asyncio.gather(
                *(client.play_bot(url, code, p) for p in ("dove", "hawk", "pragmatist", "dove"))
            )

        run(bots())
        assert main(["class", "reveal", code, "--server", url]) == 0
        assert main(["class", "end", code, "--server", url]) == 0
        capsys.readouterr()
        assert main(["class", "status", code, "--server", url, "--json"]) == 0
        endings = {t["ending"] for t in json.loads(capsys.readouterr().out)["tables"]} - {None}
        assert main(["class", "status", code, "--server", url]) == 0
        shown = capsys.readouterr().out  # each ending's headline, not its id (J14)
        s = catalog.get("thirteen-days")
        assert endings and all(s.ending(e).headline in shown and e not in shown for e in endings), shown
        report = tmp_path / "debrief.html"
        assert main(["class", "report", code, "--server", url, "--format", "html", "-o", str(report)]) == 0
        capsys.readouterr()
        assert main(["class", "report", code, "--server", url]) == 0  # on the terminal: Markdown, not HTML
        md = capsys.readouterr().out
        assert md.startswith("# Class debrief") and "<html" not in md.lower()
    finally:
        stop()
    page = report.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "Class debrief" in page
    for heading in ("endings across the class", "parted from history", "letters that made agreements"):
        assert heading in md.lower()
    assert "2 tables, 2 reached an ending" in md and "1 inject(s) from the facilitator" not in md
    assert "3 inject(s) from the facilitator" in md  # the U-2 (Kennedy's), the rumour and the news (both)
    saves = sorted((tmp_path / "debrief-saves").glob("table-*.json"))
    assert len(saves) == 2 and len(list((tmp_path / "debrief-saves").glob("class-*.json"))) == 1
    assert main(["replay", str(saves[0]), "--json"]) == 0


def test_a_client_with_another_scenario_version_is_refused_naming_both(tmp_path):
    from game.net.protocol import scenario_version

    async def main_():
        async with served(tmp_path / "t.db") as (url, _, records):
            made = await client.create_table(url, "thirteen-days", 1, {})
            seat = client.Seat(url, made["code"], side="kennedy", retries=0, version="0123456789ab")
            try:
                await seat.run(lambda frame: asyncio.sleep(0, True))
                raise AssertionError("a seat of another scenario version was let in")
            except client.CrisisError as err:
                refused = str(err)
            same = client.Seat(url, made["code"], side="kennedy", version=scenario_version("thirteen-days"))
            frame = await same.run(lambda frame: asyncio.sleep(0, frame.get("kind") == "view"))
            return refused, frame, records.tracebacks()

    refused, frame, tracebacks = run(main_())
    ours = scenario_version("thirteen-days")
    assert "'0123456789ab'" in refused and repr(ours) in refused and "thirteen-days" in refused
    assert frame["scenario_version"] == ours and tracebacks == []


def test_only_the_teacher_steers_and_the_projector_tells_no_secrets(tmp_path):
    async def main_():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 2, 8, "hawk")
            code, teacher = made["code"], made["teacher"]
            seat = asyncio.create_task(client.play_bot(url, code, "dove", name="  Ada   Lovelace "))
            while not any(t.holders for t in hub.tables.values()):
                await asyncio.sleep(0.01)
            status = await client.class_status(url, code, teacher)
            public = await client.list_tables(url)
            assert status["tables"][0]["seats"]["kennedy"]["name"] == "Ada Lovelace"  # the teacher sees it
            assert "Ada" not in json.dumps(public)  # the public list of tables does not
            refusals = []
            for who, route, body in [
                ("student", "inject", {"id": "u2_shot_down"}),
                ("teacher", "inject", {"id": "no_such_thing"}),
                ("teacher", "inject", {"id": "u2_shot_down", "text": "both"}),
                ("teacher", "inject", {"text": "x" * 401}),
                ("teacher", "inject", {"text": "psst", "kind": "gossip"}),
                ("teacher", "timer", {"minutes": 0}),
                ("teacher", "timer", {"minutes": 5, "on_timeout": "nobody"}),
                ("teacher", "pause", {"table": "ZZZZZZ", "paused": True}),
            ]:
                credential = teacher if who == "teacher" else "0" * 32
                try:
                    await client.class_call(url, code, credential, "POST", route, body)
                    refusals.append(None)
                except client.CrisisError as err:
                    refusals.append(str(err))
            wall = await client.call(url, "GET", f"/api/classes/{code}/projector")
            done = await seat
            assert done.frame["seats"]["kennedy"]["name"] == "Ada Lovelace"  # and the table's seats do
            return refusals, wall, [t.game.state.injects for t in hub.tables.values()], records.tracebacks()

    refusals, wall, sent, tracebacks = run(main_())
    assert all(refusals), refusals
    assert "only the teacher" in refusals[0] and "no inject 'no_such_thing'" in refusals[1]
    assert "not both" in refusals[2] and "1 to 400 characters" in refusals[3] and "gossip" in refusals[4]
    assert "minutes per turn" in refusals[5] and "'nobody'" in refusals[6] and "not in class" in refusals[7]
    assert sent == [(), ()] and tracebacks == []  # nothing refused reached a table
    # the wall shows the class's clock and the names as students arrive (what the room sees anyway)
    # and the risk track's scale and lines (the scenario's, no secret) to colour the bars by
    assert set(wall) == {
        "code",
        "scenario",
        "state",
        "students",
        "tables",
        "endings",
        "created",
        "names",
        "risk_max",
        "risk_warning",
        "risk_danger",
    }
    assert all(set(row) == {"n", "risk", "state", "date", "headline"} for row in wall["tables"])


def test_the_table_store_is_only_made_where_the_user_or_the_data_folder_says(tmp_path, monkeypatch):
    from game.net.sqlite import SqliteStorage
    from game.net.storage import StorageError

    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    made = SqliteStorage(tmp_path / "data" / "server" / "tables.sqlite3")  # the data folder: made
    made.close()
    assert (tmp_path / "data" / "server" / "tables.sqlite3").is_file()
    for bad, says in [
        (tmp_path / "nowhere" / "t.db", "is not a folder"),  # a folder the user never made
        (tmp_path, "is a folder"),
    ]:
        try:
            SqliteStorage(bad)
            raise AssertionError(f"a store was opened at {bad}")
        except StorageError as err:
            assert says in str(err)
    assert not (tmp_path / "nowhere").exists()


def test_a_teacher_joining_their_own_class_from_the_same_machine_takes_a_seat(tmp_path, monkeypatch):
    """The teacher's credential is kept beside the seats; joining the class's code must not offer it as a
    seat's (the server would refuse: 'that credential holds no seat')."""
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    url = "http://127.0.0.1:8765"
    client.remember(url, "ABCDEF", "teacher", "t" * 32)
    assert client.recall(url, "abc-def") is None
    client.remember(url, "ABCDEF", "khrushchev", "k" * 32)
    assert client.recall(url, "ABCDEF") == "k" * 32 and client.recall(url, "ABCDEF", "teacher") == "t" * 32


def test_a_restarted_server_keeps_a_class_timers_injects_reveal_and_end(tmp_path):
    from game.net.server import Hub
    from game.net.sqlite import SqliteStorage

    async def main_():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_class(url, "thirteen-days", 2, 6, "dove", minutes=7)
            code, teacher = made["code"], made["teacher"]
            one, two = (t["code"] for t in made["tables"])
            # the timer is set before the bot plays: a game it plays may be over (6 turns) before a
            # call made after its first turn arrives, and a finished table keeps its timer
            await client.class_call(url, code, teacher, "POST", "timer", {"minutes": 2.5, "table": one})
            seat = asyncio.create_task(client.play_bot(url, code, "pragmatist"))
            while not hub.tables[one].game.state.log:
                await asyncio.sleep(0.01)
            await client.class_call(
                url, code, teacher, "POST", "inject", {"id": "u2_shot_down", "table": two}
            )
            await client.class_call(url, code, teacher, "POST", "reveal")
            await client.class_call(url, code, teacher, "POST", "end")
            await asyncio.wait_for(seat, 60)
            return code, one, two, {c: (t.game.state.digest(), t.controls) for c, t in hub.tables.items()}

    code, one, two, before = run(main_())
    storage = SqliteStorage(tmp_path / "t.db")
    try:
        hub = Hub(storage)  # as after a kill -9: every table replayed from the store, digests checked
        for c, (digest, controls) in before.items():
            t = hub.tables[c]
            assert not t.broken and t.game.state.digest() == digest and t.controls == controls
        assert hub.tables[one].clock.minutes == 2.5 and hub.tables[two].clock.minutes == 7
        assert len(hub.tables[two].game.state.injects) == 1
        assert all(
            t.ended and t.revealed and t.state_word() in ("ended", "over") for t in hub.tables.values()
        )
        assert code in hub.classes
    finally:
        storage.close()
