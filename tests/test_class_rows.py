"""The console's rows and the wall from any status a server may send: old servers leave fields out, new
ones add them; nothing the server sends (or leaves out) may break the teacher's screen."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.ui.classroom import describe
from game.ui.classroom.rows import COLUMNS, cells, ordered
from game.ui.classroom.wall import from_projector, from_status

maybe_int = st.none() | st.integers(-5, 30)
text = st.text(max_size=12)
seat = st.fixed_dictionaries(
    {},
    optional={
        "player": st.sampled_from(["human", "dove"]),
        "taken": st.booleans(),
        "connected": st.booleans(),
    },
)
table = st.fixed_dictionaries(
    {"code": st.text(alphabet="ABCDEF379", min_size=6, max_size=6)},
    optional={
        "turn": st.integers(1, 60),
        "date": st.sampled_from(["1962-10-22", "1961-04-19", "", "not a date"]),
        "phase": st.none() | st.sampled_from(["excomm", "quarantine"]),
        "state": st.sampled_from(["playing", "paused", "over", "ended", "broken"]),
        "ending": st.none() | text,
        "headline": st.none() | text,
        "waiting_for": st.lists(st.sampled_from(["kennedy", "khrushchev"]), max_size=2),
        "tracks": st.dictionaries(st.sampled_from(["risk", "defcon", "missiles"]), maybe_int),
        "letters": maybe_int,
        "agreements": maybe_int,
        "timer": st.none()
        | st.fixed_dictionaries(
            {"minutes": st.none() | st.floats(0.1, 240), "seconds_left": st.none() | st.floats(0, 9999)}
        ),
        "news": st.lists(text, max_size=4),
        "seats": st.dictionaries(st.sampled_from(["kennedy", "khrushchev"]), seat),
        "controls": st.lists(
            st.fixed_dictionaries(
                {"action": st.sampled_from(["pause", "team", "timer"]), "turn": st.integers(0, 9)}
            )
        ),
    },
)


@settings(max_examples=60, deadline=None)
@given(st.lists(table, max_size=8), st.floats(0, 600), st.booleans())
def test_every_column_sorts_every_status_and_keeps_every_table(tables, since, reverse):
    for column in COLUMNS:
        rows = ordered(tables, column.key, reverse, since)
        assert sorted(n for n, _ in rows) == list(range(1, len(tables) + 1))
        for n, t in rows:
            row = cells(n, t, since, lambda t: str(t.get("phase") or "-"))
            assert len(row) == len(COLUMNS) and all(isinstance(c, str) for c in row)
            describe.heading(n, t)
            describe.summary(t, since)
            describe.log_text(t)
            describe.letters_text(t)


@settings(max_examples=60, deadline=None)
@given(st.lists(table, max_size=8), st.booleans())
def test_the_wall_from_any_status_numbers_every_table(tables, ended):
    wall = from_status({"code": "ABCDEF", "tables": tables, "ended": ended})
    assert [t.n for t in wall.tables] == list(range(1, len(tables) + 1))
    assert wall.stage in ("arriving", "playing", "over")
    assert sum(wall.endings.values()) <= len(tables)
    again = from_projector(
        {"code": "ABCDEF", "state": wall.stage, "tables": [t.__dict__ for t in wall.tables]}
    )
    assert again.tables == wall.tables


def test_a_timer_counts_down_while_playing_and_stands_still_while_paused():
    playing = {"code": "A", "state": "playing", "timer": {"minutes": 3, "seconds_left": 100.0}}
    paused = {**playing, "state": "paused"}
    left = [c.key for c in COLUMNS].index("left")
    assert cells(1, playing, 30.0, str)[left] == "1:10"
    assert cells(1, paused, 30.0, str)[left] == "1:40"
    assert cells(1, {**playing, "timer": None}, 30.0, str)[left] == "-"
    by_left = ordered([playing, paused, {"code": "B"}], "left", False, 30.0)
    assert [n for n, _ in by_left] == [1, 2, 3]  # the least time first, tables with no timer last
