"""The wide desk (120 columns and more) gives each column room, and its top line is whole."""

from __future__ import annotations

import asyncio

import pytest

from .test_ui_support import make_app, screen_text, to_desk


@pytest.mark.parametrize("size", [(120, 40), (160, 50)])
def test_the_briefing_column_is_readable_and_the_top_line_whole(tmp_path, size):
    async def go():
        app = make_app(tmp_path, "thirteen-days", "khrushchev", seed=1019)
        async with app.run_test(size=size) as pilot:
            desk = await to_desk(pilot)
            briefing = desk.query_one("#briefing-box")
            assert briefing.size.width >= 30, f"briefing {briefing.size.width} cells wide at {size}"
            assert desk.query_one("#side-panel").size.width >= 24  # inside its border and padding
            assert desk.query_one("#decisions").size.width >= 40
            top = screen_text(app).splitlines()[0]
            assert "…" not in top, top
            assert "The ExComm" in top and "Khrushchev" in top

    asyncio.run(go())
