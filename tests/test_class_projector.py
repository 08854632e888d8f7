"""The projector with Pilot against a live server on loopback: the code while students arrive, the class
playing, the endings; and nothing on it that one side may not know (port 0, bounded)."""

from __future__ import annotations

import asyncio

from textual.widgets import Static

from game.net import client
from game.scenario import catalog
from game.ui.classroom.link import ClassLink
from game.ui.classroom.projector import ProjectorApp
from game.ui.classroom.wall import bar, big, elapsed, from_status
from tests.net_support import LIMIT, run, served, until


def shown(app: ProjectorApp) -> str:
    """Every text on the wall that is displayed now."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static) if w.display)


def test_the_projector_shows_the_code_then_the_class_then_the_endings(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_class(url, "thirteen-days", 2, 11, None)
            code = made["code"]
            app = ProjectorApp(ClassLink(url, code, made["teacher"]), poll=0.2)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: "Waiting for the class" in shown(app), "the wall")
                assert app.theme == "projector"
                assert big(code, 76) in shown(app) and big(code, 76) != code  # the code in block letters
                assert f"crisis join {url} {code}" in shown(app)
                # two students arrive: the count goes up
                first = asyncio.create_task(client.play_bot(url, code, "pragmatist"))
                await until(pilot, lambda: "1 joined" in shown(app), "the first student")
                bots = [first] + [asyncio.create_task(client.play_bot(url, code, "hawk")) for _ in range(3)]
                await until(pilot, lambda: app.wall.stage != "arriving", "the class playing")
                done = await asyncio.gather(*bots)
                await until(pilot, lambda: app.wall.stage == "over", "every table over")
                await until(pilot, lambda: "endings the class reached" in shown(app), "the endings")
                endings = [s.ending(hub.tables[t["code"]].game.state.ending).headline for t in made["tables"]]
                for headline in set(endings):
                    assert f"{endings.count(headline):>2}" in shown(app) and headline in shown(app)
                # never a letter, a decision or a seat's name on the wall
                for seat in done:
                    for frame_letter in (seat.frame or {}).get("view", {}).get("letters", []):
                        text = frame_letter["letter"].get("text", "")
                        assert not text or text[:40] not in shown(app)
                assert "pragmatist" not in shown(app) and "hawk" not in shown(app)
                await app.action_quit()

    run(main(), LIMIT * 3)


def test_the_wall_from_a_status_shows_no_seat_and_counts_students():
    status = {
        "code": "ABCDEF",
        "scenario": "thirteen-days",
        "created": "2026-01-01T10:00:00Z",
        "tables": [
            {
                "code": "T1",
                "turn": 3,
                "state": "playing",
                "date": "1962-10-20",
                "tracks": {"risk": 6, "missiles": 3},
                "news": ["Quarantine proclaimed"],
                "seats": {
                    "kennedy": {"player": "human", "taken": True, "name": "Ada"},
                    "khrushchev": {"player": "dove", "taken": True},
                },
            },
            {"code": "T2", "turn": 1, "state": "paused", "date": "1962-10-16", "seats": {}},
        ],
    }
    wall = from_status(status)
    assert (wall.stage, wall.students, wall.names) == ("playing", 1, ("Ada",))
    assert [(t.n, t.risk, t.headline) for t in wall.tables] == [
        (1, 6, "Quarantine proclaimed"),
        (2, None, None),
    ]
    assert "missiles" not in repr(wall) and "dove" not in repr(wall)


def test_bars_and_the_clock():
    assert bar(5, 10, 10) == "█████░░░░░" and bar(None, 10, 4) == "····" and bar(12, 10, 3) == "███"
    import datetime as dt

    at = dt.datetime(2026, 1, 1, 11, 2, 5, tzinfo=dt.UTC)
    assert elapsed("2026-01-01T10:00:00Z", at) == "1:02:05"
    assert elapsed("2026-01-01T11:00:00Z", at) == "2:05"
    assert elapsed(None, at) == elapsed("not a time", at) == "0:00"
    assert big("WXYZ" * 30, 40) == "WXYZ" * 30  # too wide for the screen: plain text
