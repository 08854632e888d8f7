"""The network desk's status line at 80 columns (play-test G26): a student seated alone still reads the
turn's time left, with the hint to the free seat after it."""

from __future__ import annotations

from game.net import client
from game.net.client import Seat
from game.scenario import catalog
from game.ui.remote import RemoteApp
from tests.net_support import run, served, until


def seen(app: RemoteApp) -> str:
    """The status line as the screen shows it (cut at its edge), not the text behind it."""
    line = app.screen_stack[0].query_one("#remote-connection")
    return line.render_line(0).text


def test_a_student_alone_at_80_columns_sees_the_time_left_and_the_free_seat(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path / "data"))
    s = catalog.get("thirteen-days")

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_table(url, "thirteen-days", 3, {})
            hub.control(hub.tables[made["code"]], "timer", {"minutes": 5})
            app = RemoteApp(s, Seat(url, made["code"], side="kennedy", retries=2, delay=0.05))
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: app.view is not None, "the first view")
                await until(pilot, lambda: "left on this turn" in app.connection, "the clock")
                line = seen(app)
                assert len(line) <= 80 and "left on this turn" in line, line
                minutes, seconds = line.split()[0].split(":")  # the 5-minute turn, as much of it as is left
                assert 4 * 60 <= int(minutes) * 60 + int(seconds) <= 5 * 60, line  # a busy machine is slow
                assert "connected" in line and "other seat free" in app.connection
                await app.action_quit()

    run(main())
