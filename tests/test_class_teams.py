"""Teams on loopback (port 0, bounded): leaders first, then advisors; an advisor's recommendation and draft
reach the leader's screen (and only that side's); an advisor's move is refused; the leader's move counts."""

from __future__ import annotations

import asyncio
import json

import aiohttp
from textual.widgets import Input, Static

from game.model import Side
from game.net import client
from game.net.client import Seat
from game.scenario import catalog
from game.ui.classroom.team import ReasonScreen
from game.ui.remote import RemoteApp
from game.ui.widgets.decisions import DecisionPanel
from tests.net_support import LIMIT, run, served, until


class Socket:
    """A raw websocket seat: send a message, read frames until one of a kind arrives (bounded)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.last: dict = {}
        self.frames: list[str] = []
        """Every frame received, as sent."""

    async def send(self, kind: str, **body) -> None:  # noqa: ANN003
        await self.ws.send_str(json.dumps({"kind": kind, **body}))

    async def until(self, check) -> dict:  # noqa: ANN001
        while True:
            msg = await asyncio.wait_for(self.ws.receive(), LIMIT)
            assert msg.type is aiohttp.WSMsgType.TEXT, msg
            self.frames.append(msg.data)
            frame = json.loads(msg.data)
            if frame.get("kind") == "view":
                self.last = frame
            if check(frame):
                return frame


async def seated(session, url: str, code: str, name: str, side: str | None = None) -> tuple[Socket, dict]:  # noqa: ANN001
    sock = Socket(await session.ws_connect(client.ws_url(url)))
    await sock.send("join", code=code, name=name, side=side)
    seat = await sock.until(lambda f: f.get("kind") in ("seat", "error"))
    assert seat["kind"] == "seat", seat
    await sock.until(lambda f: f.get("kind") == "view")
    return sock, seat


def test_a_team_advisor_recommends_and_drafts_and_cannot_move(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, hub, records):
            made = await client.create_class(url, "thirteen-days", 1, 4, None, teams=True)
            code = made["code"]
            table = hub.tables[made["tables"][0]["code"]]
            async with aiohttp.ClientSession() as session:
                jfk, jfk_seat = await seated(session, url, code, "Ada")
                nsk, nsk_seat = await seated(session, url, code, "Boris")
                rfk, rfk_seat = await seated(session, url, code, "Cleo")
                mikoyan, mik_seat = await seated(session, url, code, "Dmitri")
                assert [
                    (s["side"], s.get("role", "leader")) for s in (jfk_seat, nsk_seat, rfk_seat, mik_seat)
                ] == [
                    ("kennedy", "leader"),
                    ("khrushchev", "leader"),
                    ("kennedy", "rfk"),
                    ("khrushchev", "mikoyan"),
                ]
                assert rfk_seat["title"] == "Robert F. Kennedy"
                # the advisor sees the side's view, as the leader does
                assert rfk.last["view"]["legal"] and rfk.last["side"] == "kennedy"
                legal = [m["decision"] for m in rfk.last["view"]["legal"]]
                # an advisor's move is refused, and nothing is applied
                move = dict(rfk.last["view"]["legal"][0])
                del move["side"]
                await rfk.send("move", turn=1, state=rfk.last["state"], move=move)
                refused = await rfk.until(lambda f: f.get("kind") == "error")
                assert "only the leader of the kennedy team" in refused["reason"]
                assert table.game.state.pending == ()
                # a recommendation with its reason reaches the leader's frames
                await rfk.send("recommend", decision=legal[-1], reason="Buy time for the back channel")
                frame = await jfk.until(lambda f: f.get("kind") == "view" and f["team"]["recommendations"])
                assert frame["team"]["recommendations"] == [
                    {
                        "by": "Cleo",
                        "role": "rfk",
                        "title": "Robert F. Kennedy",
                        "decision": legal[-1],
                        "reason": "Buy time for the back channel",
                    }
                ]
                names = [(m["name"], m["role"]) for m in frame["team"]["members"]]
                assert names == [("Ada", "leader"), ("Cleo", "rfk")]
                # a draft letter too; the other side's frames carry only their own team
                channel = rfk.last["view"]["channels"][0]
                letter = {"channel": channel, "tone": "firm", "text": "Mr. Chairman, let us talk."}
                await rfk.send("draft", letter=letter)
                frame = await jfk.until(lambda f: f.get("kind") == "view" and f["team"]["drafts"])
                assert frame["team"]["drafts"][0]["letter"]["text"] == "Mr. Chairman, let us talk."
                theirs = await nsk.until(lambda f: f.get("kind") == "view" and len(f["team"]["members"]) == 2)
                assert [m["name"] for m in theirs["team"]["members"]] == ["Boris", "Dmitri"]
                # refused: a decision not open, no reason, a recommendation from a leader
                for bad, why in (
                    ({"decision": "no_such_thing", "reason": "x"}, "is not a decision"),
                    ({"decision": legal[0], "reason": "  "}, "line of reasoning"),
                ):
                    await rfk.send("recommend", **bad)
                    assert why in (await rfk.until(lambda f: f.get("kind") == "error"))["reason"]
                await jfk.send("recommend", decision=legal[0], reason="me")
                assert "only an advisor" in (await jfk.until(lambda f: f.get("kind") == "error"))["reason"]
                # the advisor comes back with the credential: the same role, and recommends again
                await rfk.ws.close()
                again = Socket(await session.ws_connect(client.ws_url(url)))
                await again.send("resume", code=code, credential=rfk_seat["credential"])
                frame = await again.until(lambda f: f.get("kind") in ("view", "error"))
                assert frame["kind"] == "view" and frame["side"] == "kennedy"
                await again.send("recommend", decision=legal[0], reason="Second thoughts")
                frame = await jfk.until(
                    lambda f: f.get("kind") == "view" and len(f["team"]["recommendations"]) == 2
                )
                assert frame["team"]["recommendations"][1]["by"] == "Cleo"
                # the leader's move counts
                lead = dict(jfk.last["view"]["legal"][0])
                del lead["side"]
                await jfk.send("move", turn=1, state=jfk.last["state"], move=lead)
                await jfk.until(lambda f: f.get("kind") == "view" and f["view"]["my_move"])
                assert [(m.side, m.decision) for m in table.game.state.pending] == [
                    (Side.KENNEDY, lead["decision"])
                ]
                await nsk.until(lambda f: f.get("kind") == "view" and f["waiting_for"] == ["khrushchev"])
                for sock in (jfk, nsk, mikoyan, again):
                    await sock.ws.close()
                # Khrushchev's team never received a word of Kennedy's team
                for words in ("Cleo", "back channel", "Second thoughts", "let us talk", '"role":"rfk"'):
                    assert not any(words in f for f in nsk.frames + mikoyan.frames), words
            # everything the team wrote is in the table's log
            notes = [c for c in table.controls if c["action"] == "team"]
            kinds = [(c.get("kind"), c.get("name")) for c in notes]
            assert ("recommend", "Cleo") in kinds and ("draft", "Cleo") in kinds
            assert kinds.count(("recommend", "Cleo")) == 2
            return records.tracebacks()

    assert run(main(), LIMIT * 3) == []


def test_the_leader_sees_a_recommendation_beside_the_decision_and_an_advisor_recommends_with_pilot(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_class(url, "thirteen-days", 1, 4, None, teams=True)
            code = made["code"]
            table = hub.tables[made["tables"][0]["code"]]
            async with aiohttp.ClientSession() as session:
                await seated(session, url, code, "Boris", "khrushchev")  # Kennedy's leader is the app
                app = RemoteApp(s, Seat(url, code, side="kennedy", retries=2, delay=0.05, name="Ada"))
                async with app.run_test(size=(120, 40)) as pilot:
                    await until(pilot, lambda: app.view is not None and app.view.legal, "the leader's view")
                    rfk, _ = await seated(session, url, code, "Cleo")
                    decision = app.view.legal[1].decision
                    await rfk.send("recommend", decision=decision, reason="Quiet pressure first")
                    about = lambda: str(app.query_one("#decision-about", Static).render())  # noqa: E731
                    feed = lambda: str(app.query_one("#remote-feed", Static).render())  # noqa: E731
                    await until(
                        pilot, lambda: "Quiet pressure first" in feed(), "the reason in the team panel"
                    )
                    assert "Cleo (Robert F. Kennedy)" in feed().replace("\n", " ")
                    await pilot.press("2")  # the recommended decision, highlighted
                    assert "Cleo (Robert F. Kennedy)" in about().replace("\n", " ")
                    # the advisor drafts a letter; the leader takes it up (u) and sends it with the order
                    channel = app.view.channels[0]
                    words = "Mr. Chairman, let us both step back."
                    await rfk.send("draft", letter={"channel": channel, "tone": "firm", "text": words})
                    await until(pilot, lambda: words in feed().replace("\n", " "), "the draft on the screen")
                    await pilot.press("u")
                    await until(pilot, lambda: app.draft is not None, "the draft taken up")
                    await pilot.press("2", "enter")
                    await until(pilot, lambda: table.game.state.pending, "the order given")
                    (given,) = table.game.state.pending
                    assert (given.side, given.decision) == (Side.KENNEDY, decision)
                    assert given.letter is not None and given.letter.text == words
                    await app.action_quit()
                # an advisor's screen: a decision picked then Enter asks why, and sends a recommendation
                adv = RemoteApp(s, Seat(url, code, retries=2, delay=0.05, name="Dmitri"))
                async with adv.run_test(size=(120, 40)) as pilot:
                    await until(pilot, lambda: adv.view is not None and adv.view.legal, "the advisor's view")
                    assert adv.seat.role != "leader"
                    first = adv.query_one(DecisionPanel).moves[0].decision
                    await pilot.press("1", "enter")  # picked, then Enter (B15)
                    await until(pilot, lambda: isinstance(adv.screen, ReasonScreen), "asked why")
                    adv.screen.query_one(Input).value = "Hold firm one more day"
                    await pilot.press("enter")
                    notes = lambda: [c for c in table.controls if c.get("kind") == "recommend"]  # noqa: E731
                    await until(pilot, lambda: len(notes()) == 2, "the recommendation stored")
                    assert (notes()[-1]["decision"], notes()[-1]["reason"]) == (
                        first,
                        "Hold firm one more day",
                    )
                    assert [m.side for m in table.game.state.pending] == [Side.KENNEDY]  # none of the advisor
                    await adv.action_quit()

    run(main(), LIMIT * 3)


def test_an_advisor_takes_the_role_back_after_a_restart_and_a_stray_cannot(tmp_path):
    async def main():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_class(url, "thirteen-days", 1, 4, None, teams=True)
            code = made["code"]
            async with aiohttp.ClientSession() as session:
                socks = [await seated(session, url, code, name) for name in ("Ada", "Boris", "Cleo")]
                credential = socks[2][1]["credential"]
                for sock, _ in socks:
                    await sock.ws.close()
        async with served(tmp_path / "t.db") as (url, hub, records):  # the server restarted
            table = hub.tables[made["tables"][0]["code"]]
            async with aiohttp.ClientSession() as session:
                back = Socket(await session.ws_connect(client.ws_url(url)))
                await back.send("resume", code=code, credential=credential)
                frame = await back.until(lambda f: f.get("kind") in ("view", "error"))
                assert frame["kind"] == "view" and [m["name"] for m in frame["team"]["members"]] == [
                    "Ada",
                    "Cleo",
                ]
                legal = [m["decision"] for m in frame["view"]["legal"]]
                await back.send("recommend", decision=legal[0], reason="Still here")
                await back.until(lambda f: f.get("kind") == "view" and f["team"]["recommendations"])
                stray = Socket(await session.ws_connect(client.ws_url(url)))
                await stray.send("resume", code=code, credential="0" * 32)
                refused = await stray.until(lambda f: f.get("kind") == "error")
                assert "holds no seat" in refused["reason"]
                await stray.send("recommend", decision=legal[0], reason="I am not in this team")
                await back.ws.close()
                await stray.ws.close()
            notes = [c for c in table.controls if c.get("kind") == "recommend"]
            assert [(c["name"], c["reason"]) for c in notes] == [("Cleo", "Still here")]
            return records.tracebacks()

    assert run(main(), LIMIT * 2) == []
