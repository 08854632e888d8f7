"""An advisor's recommendation and draft go out in Textual workers (run_worker with a coroutine): they
run, and a failure to send is said on the screen, never lost."""

from __future__ import annotations

import asyncio
import json

from textual.app import App

from game.engine.letters import Letter
from game.scenario import catalog
from game.ui.classroom.team import ReasonScreen, ask_reason, send_draft

from .test_ui_support import told


class FakeSocket:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    async def send_str(self, text: str) -> None:
        self.sent.append(json.loads(text))


class FakeSeat:
    def __init__(self, ws: FakeSocket | None) -> None:
        self.ws = ws


def _notices(app: App) -> list[str]:
    return [n.message for n in told(app)]


async def _idle(app: App, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.01)
        if not [w for w in app.workers if w.group == "team" and not w.is_finished]:
            return


def test_a_draft_is_sent_and_a_lost_connection_is_said():
    async def go():
        app: App[None] = App()
        async with app.run_test() as pilot:
            ws = FakeSocket()
            send_draft(app, FakeSeat(ws), Letter("hotline", text="Talk first"))  # type: ignore[arg-type]
            await _idle(app, pilot)
            assert ws.sent and ws.sent[0]["letter"]["text"] == "Talk first"
            assert any("Your draft is on your leader's screen" in n for n in _notices(app))
            send_draft(app, FakeSeat(None), Letter("hotline"))  # type: ignore[arg-type]
            await _idle(app, pilot)
            assert any("not connected: the draft was not sent" in n for n in _notices(app))
            assert app.return_code is None  # the app goes on

    asyncio.run(go())


def test_a_recommendation_goes_out_with_its_reason_or_says_why_not():
    s = catalog.get("thirteen-days")
    decision = next(iter(s._decisions))

    async def go():
        app: App[None] = App()
        async with app.run_test() as pilot:
            for ws in (FakeSocket(), None):
                ask_reason(app, FakeSeat(ws), s, decision)  # type: ignore[arg-type]
                await pilot.pause()
                assert isinstance(app.screen, ReasonScreen)
                await pilot.press(*"to buy time", "enter")
                await _idle(app, pilot)
                if ws is not None:
                    assert ws.sent == [{"kind": "recommend", "decision": decision, "reason": "to buy time"}]
            notices = _notices(app)
            assert any("Recommended to your leader" in n for n in notices)
            assert any("not connected: the recommendation was not sent" in n for n in notices)

    asyncio.run(go())
