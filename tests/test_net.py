"""The game server on loopback: bot seats replay the offline game, views leak nothing, bad input refused."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import aiohttp
import pytest

from game import schema, sim
from game.ai.policies import POLICIES
from game.engine.match import Game, SeenTurn, SideView
from game.model import SIDES, Side
from game.net import client, protocol
from game.scenario import catalog
from tests.net_support import replayed, run, served, turn_starts

GAMES = [
    ("thirteen-days", 3, "hawk", "pragmatist"),
    ("thirteen-days", 2, "pragmatist", "hawk"),
    ("il28-endgame", 2, "random", "dove"),
    ("cuban-missile-crisis", 1, "historical", "historical"),
]


def offline(scenario: str, seed: int, kennedy: str, khrushchev: str) -> Game:
    policies = {Side.KENNEDY: POLICIES[kennedy], Side.KHRUSHCHEV: POLICIES[khrushchev]}
    return sim.play(catalog.get(scenario), policies, seed)


def test_a_view_round_trips_through_json():
    checked = 0
    for scenario, seed, kennedy, khrushchev in GAMES:
        s = catalog.get(scenario)
        policies = {Side.KENNEDY: POLICIES[kennedy], Side.KHRUSHCHEV: POLICIES[khrushchev]}
        game = Game(s, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                for who in SIDES:
                    view = game.view(who)
                    text = json.dumps(protocol.view_to_dict(view))
                    assert protocol.view_from_dict(json.loads(text)) == view
                    checked += 1
                game.apply(policies[side](s, game.view(side), seed))
    assert checked > 100


def test_the_view_codec_knows_every_field_of_a_view():
    """A field added to SideView or SeenTurn must be added to the protocol's JSON too."""
    view = Game(catalog.get("thirteen-days"), 1).view(Side.KENNEDY)
    data = protocol.view_to_dict(view)
    assert set(data) == {f.name for f in dataclasses.fields(SideView)}
    turn = SeenTurn(1, "1962-10-16", "excomm", (), (), None)
    assert set(protocol.view_to_dict(dataclasses.replace(view, log=(turn,)))["log"][0]) == {
        f.name for f in dataclasses.fields(SeenTurn)
    }


@pytest.mark.parametrize(("scenario", "seed", "kennedy", "khrushchev"), GAMES)
def test_two_bot_seats_play_the_offline_game(tmp_path, scenario, seed, kennedy, khrushchev):
    async def main():
        async with served(tmp_path / "t.db") as (url, _, records):
            made = await client.create_table(url, scenario, seed, {})
            await asyncio.gather(
                client.play_bot(url, made["code"], kennedy, side="kennedy", seed=seed),
                client.play_bot(url, made["code"], khrushchev, side="khrushchev", seed=seed),
            )
            return await client.export_table(url, made["code"]), records.tracebacks()

    export, tracebacks = run(main())
    game = offline(scenario, seed, kennedy, khrushchev)
    assert export["moves"] == [schema.dump(m) for r in game.state.log for m in r.moves]
    assert export["digest"] == game.state.digest()
    assert replayed(export).state.ending == game.state.ending
    assert tracebacks == []


def test_a_seat_played_on_the_server_plays_as_offline(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, _, _):
            made = await client.create_table(url, "thirteen-days", 9, {"khrushchev": "hawk"})
            assert made["seats"]["khrushchev"] == {"player": "hawk", "taken": True, "connected": False}
            await client.play_bot(url, made["code"], "dove", seed=9)
            return await client.export_table(url, made["code"])

    export = run(main())
    assert export["digest"] == offline("thirteen-days", 9, "dove", "hawk").state.digest()
    assert export["sides"] == {"kennedy": "human", "khrushchev": "hawk"}


# ---- leaks -------------------------------------------------------------------------------


def strings(data: object) -> set[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set(data) | {x for v in data.values() for x in strings(v)}
    if isinstance(data, list):
        return {x for v in data for x in strings(v)}
    return set()


def leaks(frame: dict, export: dict, starts: dict, moves: dict) -> set[str]:
    """What a frame to one side holds that the side may not know at that turn."""
    s = catalog.get(export["scenario"])
    me = Side(frame["side"])
    turn = frame["view"]["turn"]
    state = starts[turn]
    forbidden = {e.id for e in s.events if me not in e.known_to and e.id in state.fired}
    forbidden |= {t.id for t in s.tracks if me not in t.known_to}
    other_moves = [m for m in export["moves"] if m["side"] != me.value]
    covert = {m["decision"] for m in other_moves if s.decision(m["decision"]).covert}
    forbidden |= covert
    # letters on their way, or in the other side's move of this turn
    forbidden |= {
        m.letter.text for m in state.mail if m.sender is not me and not m.delivered and m.letter.text
    }
    pending = [e for e in moves.get(turn, ()) if e["side"] != me.value]
    forbidden |= {p["letter"]["text"] for p in pending if p.get("letter") and p["letter"].get("text")}
    # (a letter may repeat the words of one that arrived before: those words are known)
    forbidden -= {m.letter.text for m in state.mail if m.delivered or m.sender is me}
    found = strings(frame) & forbidden
    # the other side's decision this turn, outside the log of past turns
    current = {k: v for k, v in frame["view"].items() if k not in ("log", "letters", "agreements")}
    for p in pending:
        if p["decision"] in strings(current):
            found.add(p["decision"])
    return found


@pytest.mark.parametrize(("scenario", "seed"), [("thirteen-days", 7), ("thirteen-days", 2)])
def test_no_frame_shows_a_seat_what_its_side_may_not_know(tmp_path, scenario, seed):
    async def main():
        async with served(tmp_path / "t.db") as (url, _, _):
            made = await client.create_table(url, scenario, seed, {})
            frames: dict[str, list] = {"kennedy": [], "khrushchev": []}
            await asyncio.gather(
                *(
                    client.play_bot(url, made["code"], policy, side=side, frames=frames[side])
                    for side, policy in (("kennedy", "pragmatist"), ("khrushchev", "hawk"))
                )
            )
            return frames, await client.export_table(url, made["code"])

    frames, export = run(main())
    starts, moves = turn_starts(export)
    s = catalog.get(export["scenario"])
    # the test can fail: there are covert moves, hidden events and letters in transit to hide
    assert any(s.decision(m["decision"]).covert for m in export["moves"])
    assert any(m.get("letter", {}).get("text") for m in export["moves"])
    for side, got in frames.items():
        views = [f for f in got if f["kind"] == "view"]
        assert len(views) > 5 and all(f["side"] == side for f in views)
        assert all("seed" not in f for f in views)  # the seed would tell the chance rolls to come
        for frame in got:
            if frame["kind"] == "view":
                assert leaks(frame, export, starts, moves) == set(), (side, frame["view"]["turn"])
        # and the scan finds a leak when there is one: the whole state in a frame
        whole = {**views[1], "view": {**views[1]["view"], "state": starts[max(starts)].to_dict()}}
        assert leaks(whole, export, starts, moves)


# ---- bad input ---------------------------------------------------------------------------


async def _seat(session: aiohttp.ClientSession, url: str, hello: dict) -> tuple:
    ws = await session.ws_connect(client.ws_url(url))
    await ws.send_str(json.dumps(hello))
    frames = []
    while not frames or frames[-1]["kind"] != "view":
        frames.append(json.loads((await ws.receive()).data))
        if frames[-1]["kind"] == "error":
            break
    return ws, frames


async def _answer(ws: aiohttp.ClientWebSocketResponse) -> dict:
    return json.loads((await ws.receive()).data)


def test_bad_input_is_refused_and_other_tables_play_on(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            other = await client.create_table(url, "thirteen-days", 7, {})
            game = asyncio.gather(
                client.play_bot(url, other["code"], "pragmatist", side="kennedy", seed=7),
                client.play_bot(url, other["code"], "hawk", side="khrushchev", seed=7),
            )
            made = await client.create_table(url, "thirteen-days", 1, {"khrushchev": "dove"})
            code = made["code"]
            async with aiohttp.ClientSession() as session:
                # a wrong credential takes no seat
                ws, frames = await _seat(
                    session, url, {"kind": "resume", "code": code, "credential": "0" * 32}
                )
                assert frames[-1]["kind"] == "error" and "holds no seat" in frames[-1]["reason"]
                await ws.close()
                # malformed JSON and unknown kinds: a reason each
                ws, frames = await _seat(session, url, {"kind": "join", "code": code, "side": "kennedy"})
                seat, view = frames[0], frames[-1]
                assert seat["kind"] == "seat" and len(seat["credential"]) == 32
                await ws.send_str("{not json")
                assert "not JSON" in (await _answer(ws))["reason"]
                await _answer(ws)  # the view that follows every refusal
                await ws.send_str(json.dumps({"kind": "shout"}))
                assert "unknown message kind 'shout'" in (await _answer(ws))["reason"]
                await _answer(ws)
                await ws.send_str(json.dumps(["join"]))
                assert "JSON object" in (await _answer(ws))["reason"]
                await _answer(ws)
                # a move for the khrushchev seat is this seat's move (a seat moves only for itself)
                legal = view["view"]["legal"][0]
                move = {
                    "kind": "move",
                    "turn": 1,
                    "state": view["state"],
                    "move": {**legal, "side": "khrushchev"},
                }
                # a stale move: wrong state id, then wrong turn
                await ws.send_str(json.dumps({**move, "state": "f" * 24}))
                assert "stale move" in (await _answer(ws))["reason"]
                await _answer(ws)
                await ws.send_str(json.dumps({**move, "turn": 2}))
                assert "stale move" in (await _answer(ws))["reason"]
                await _answer(ws)
                # an illegal decision: the engine's reason
                await ws.send_str(json.dumps({**move, "move": {"decision": "nuke_everything"}}))
                assert "illegal move 'nuke_everything'" in (await _answer(ws))["reason"]
                await _answer(ws)
                # the real move counts once; the same move again is refused as stale
                await ws.send_str(json.dumps(move))
                after = await _answer(ws)
                assert after["kind"] == "view" and after["view"]["turn"] == 2
                assert after["view"]["log"][0]["moves"][0]["side"] == "kennedy"
                await ws.send_str(json.dumps(move))
                assert "stale move" in (await _answer(ws))["reason"]
                assert hub.tables[code].moves == 3  # the server's dove in turns 1 and 2, kennedy's once
                await ws.close()
                # the credential resumes the seat where the table stands
                ws, frames = await _seat(
                    session, url, {"kind": "resume", "code": code.lower(), "credential": seat["credential"]}
                )
                assert frames[-1]["view"]["turn"] == 2 and frames[-1]["side"] == "kennedy"
                await ws.close()
                # an oversize frame closes the connection (1009: message too big)
                ws, _ = await _seat(
                    session, url, {"kind": "resume", "code": code, "credential": seat["credential"]}
                )
                await ws.send_str(json.dumps({"kind": "ping", "pad": "x" * protocol.MAX_FRAME}))
                while not ws.closed and (await ws.receive()).type is not aiohttp.WSMsgType.CLOSE:
                    pass
                assert ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
                # a flood closes the connection (1008: policy violation)
                ws = await session.ws_connect(client.ws_url(url))
                for _ in range(int(protocol.BURST) * 3):
                    await ws.send_str(json.dumps({"kind": "ping"}))
                while not ws.closed and (await ws.receive()).type is not aiohttp.WSMsgType.CLOSE:
                    pass
                assert ws.close_code == aiohttp.WSCloseCode.POLICY_VIOLATION
                # a web page from elsewhere may not connect; the server's own page may
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(client.ws_url(url), headers={"Origin": "https://evil.example"})
                assert refused.value.status == 403
                host = url.split("://")[1]
                ws = await session.ws_connect(client.ws_url(url), headers={"Origin": f"http://{host}"})
                await ws.close()
                # an oversize or malformed request to the API: refused with a reason
                async with session.post(url + "/api/tables", data="x" * (protocol.MAX_FRAME + 1)) as r:
                    assert r.status == 413
                async with session.post(url + "/api/tables", data="{oops") as r:
                    assert r.status == 400 and "not JSON" in (await r.json())["error"]
                async with session.post(url + "/api/tables", json={"seats": {"kennedy": "god"}}) as r:
                    assert r.status == 400 and "'god' is not a seat" in (await r.json())["error"]
                async with session.post(url + "/api/tables", json={"scenario": "/etc/passwd"}) as r:
                    assert r.status == 400 and "by id" in (await r.json())["error"]
                async with session.get(url + f"/api/tables/{code}/export") as r:
                    assert r.status == 403  # not over, and no owner credential
                async with session.get(
                    url + f"/api/tables/{code}/export", headers={"X-Crisis-Owner": made["owner"]}
                ) as r:
                    assert r.status == 200 and len((await r.json())["moves"]) == 3
            await game
            done = await client.export_table(url, other["code"])
            return done, records.tracebacks()

    done, tracebacks = run(main())
    assert done["digest"] == offline("thirteen-days", 7, "pragmatist", "hawk").state.digest()
    assert tracebacks == []


def test_a_taken_seat_cannot_be_joined_again(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, _, _):
            made = await client.create_table(url, "thirteen-days", 1, {"khrushchev": "dove"})
            async with aiohttp.ClientSession() as session:
                first, frames = await _seat(session, url, {"kind": "join", "code": made["code"]})
                assert frames[0]["side"] == "kennedy"
                _, refused = await _seat(
                    session, url, {"kind": "join", "code": made["code"], "side": "kennedy"}
                )
                _, any_seat = await _seat(session, url, {"kind": "join", "code": made["code"]})
                _, server_seat = await _seat(
                    session, url, {"kind": "join", "code": made["code"], "side": "khrushchev"}
                )
            return refused[-1]["reason"], any_seat[-1]["reason"], server_seat[-1]["reason"]

    taken, full, server = run(main())
    assert "is taken" in taken and "no free seat" in full and "played by the server's dove" in server
