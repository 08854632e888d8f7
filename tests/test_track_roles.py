"""Track roles and thresholds: the game finds the risk of war and the state of alert by the role the
scenario gives a track, never by its id. `peril.yaml` is `talks.yaml` with its risk track named `peril`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.analysis.history import turning_points
from game.engine.match import Game
from game.engine.state import Move
from game.model import Role, Side
from game.scenario.load import load, problems_in
from game.ui.screens.desk import GameScreen

from .test_ui_support import make_app, settle

FIXTURES = Path(__file__).parent / "fixtures"
PERIL, TALKS, MINI = FIXTURES / "peril.yaml", FIXTURES / "talks.yaml", FIXTURES / "mini.yaml"
K, S = Side.KENNEDY, Side.KHRUSHCHEV


def _renamed(values: dict[str, int]) -> dict[str, int]:
    """A peril game's tracks as the talks game names them."""
    return {("risk" if k == "peril" else k): v for k, v in values.items()}


def test_each_scenario_names_its_risk_of_war_and_its_alert_by_role(campaign):
    peril = load(PERIL)
    assert peril.risk.id == "peril" and peril.risk.lines.danger == 7 and peril.with_role(Role.ALERT) is None
    assert (campaign.risk.id, campaign.with_role(Role.ALERT).id) == ("risk", "defcon")
    assert campaign.risk.lines.bands == (4, 6, 8) and campaign.risk.lines.jump == 2


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "changed.yaml"
    path.write_text(text)
    return [str(p) for p in problems_in(path)]


def test_a_missing_role_is_reported_where_the_tracks_are_with_the_roles_there_are(tmp_path):
    text = MINI.read_text()
    found = _problems(tmp_path, text.replace("higher_is: bad, role: risk, ", "higher_is: bad, "))
    line = text.splitlines().index("tracks:") + 2  # the tracks' list, under its key
    assert [p for p in found if "no track plays the role 'risk'" in p] == [
        f"{tmp_path / 'changed.yaml'}:{line}:3: no track plays the role 'risk': give the track of the "
        "risk of war `role: risk` and its `thresholds` (warning, danger, jump, bands); the roles are "
        "'risk' (the risk of war), 'alert' (the forces' state of alert (DEFCON))"
    ], found


def test_a_mistyped_role_is_reported_at_its_line_with_the_roles_there_are(tmp_path):
    text = MINI.read_text()
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "id: risk" in t)
    where = f"{tmp_path / 'changed.yaml'}:{line}:"
    mistyped = _problems(tmp_path, text.replace("role: risk", "role: rsk"))
    assert any(p.startswith(where) and "'rsk' is not allowed (did you mean 'risk'?)" in p for p in mistyped)
    unknown = _problems(tmp_path, text.replace("role: risk", "role: danger"))
    assert any(p.startswith(where) and "'danger' is not allowed (one of: risk, alert)" in p for p in unknown)


@pytest.mark.parametrize(
    ("was", "now", "message"),
    [
        ("danger: 7", "danger: 12", "track 'risk': its danger line 12 is outside 0..10"),
        ("warning: 4", "warning: 8", "track 'risk': its warning line 8 is past its danger line 7"),
        ("bands: [4, 6, 8]", "bands: [4, 8, 6]", "track 'risk': its bands [4, 8, 6] should rise"),
        ("jump: 2", "jump: 0", "track 'risk': a jump of 0 cannot happen on 0..10"),
        ("bands: [4, 6, 8]", "bands: [4, 6, 10]", "track 'risk': a band's top 10 is outside 0..9"),
        ("bands: [4, 6, 8]", "bands: []", "track 'risk' is the risk of war: the AI reads it in bands"),
        (", thresholds: {warning: 4, danger: 7, jump: 2, bands: [4, 6, 8]}", "", "declares no thresholds"),
        ("higher_is: bad, role: risk", "role: risk", "is the risk of war: its rise should be bad"),
        ("known_to: [khrushchev]}", "known_to: [khrushchev], role: risk}", "as track 'risk' does"),
    ],
)
def test_a_wrong_line_or_a_role_played_twice_is_reported_at_its_track(tmp_path, was, now, message):
    text = MINI.read_text()
    assert was in text
    found = _problems(tmp_path, text.replace(was, now, 1))
    lines = text.replace(was, now, 1).splitlines()
    assert any(
        message in p and lines[int(p.split(":")[1]) - 1].lstrip().startswith("- {id: ") for p in found
    ), found


def test_every_bundled_scenario_and_fixture_declares_its_risk_of_war(campaign):
    for path in (PERIL, TALKS, MINI):
        assert problems_in(path) == [], path


def _moves(game: Game) -> list[tuple]:
    """Every turn's moves, letters and all, as comparable text."""
    return [(r.turn, tuple(sorted(repr(m) for m in r.moves))) for r in game.state.log]


@pytest.mark.parametrize(
    ("kennedy", "khrushchev"),
    [("pragmatist", "hawk"), ("hawk", "pragmatist"), ("pragmatist", "pragmatist"), ("hawk", "dove")],
)
def test_the_ai_reads_the_risk_of_war_by_its_role_and_plays_the_same_games(kennedy, khrushchev):
    """The same seeds on talks and on peril: the same moves and letters, turn by turn, the same end."""
    talks, peril = load(TALKS), load(PERIL)
    for seed in range(6):
        policies = {K: POLICIES[kennedy], S: POLICIES[khrushchev]}
        a, b = sim.play(talks, policies, seed), sim.play(peril, policies, seed)
        assert _moves(b) == _moves(a), seed
        assert _renamed(dict(b.state.tracks)) == dict(a.state.tracks)
        assert b.state.ending == a.state.ending


def test_the_history_finds_the_jumps_of_the_risk_of_war_by_role():
    talks, peril = load(TALKS), load(PERIL)
    a, b = Game(talks, seed=1), Game(peril, seed=1)
    for game in (a, b):
        game.apply(Move(K, "strike"))
        game.apply(Move(S, "turn_back"))
    jumps = [t for t in turning_points(b) if t.kind == "risk"]
    assert jumps and [t.text for t in jumps] == [t.text for t in turning_points(a) if t.kind == "risk"]
    assert jumps[0].text.startswith("Risk of war up ")


def test_the_desk_shows_the_danger_line_of_a_risk_track_named_otherwise(tmp_path):
    async def go():
        app = make_app(tmp_path, str(PERIL), "kennedy", seed=3)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            desk = app.screen
            assert isinstance(desk, GameScreen)
            panel = desk.query_one("#side-panel")
            assert not panel.has_class("-danger")  # the peril starts at 3
            assert [m.decision for m in app.match.game.legal_moves(K)][:2] == ["blockade", "strike"]
            await pilot.press("2", "2")  # the strike, +5: past the danger line, 7
            for _ in range(40):
                await settle(pilot)
                if isinstance(app.screen, GameScreen) and app.match.game.state.log:
                    break
                await pilot.press("enter")
            peril = app.match.view(K).tracks["peril"]
            assert peril >= 7 and panel.has_class("-danger")
            app.theme = "projector"
            await settle(pilot)
            assert desk.query_one("#big-risk").value == str(peril)

    asyncio.run(go())


def test_the_class_console_shows_the_danger_line_of_a_risk_track_named_otherwise(tmp_path, monkeypatch):
    from rich.text import Text
    from textual.widgets import DataTable

    from game.net import client
    from game.ui.classroom.console import ConsoleApp
    from game.ui.classroom.link import ClassLink

    from .net_support import LIMIT, run, served, until

    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "peril.yaml").write_text(PERIL.read_text())
    monkeypatch.setenv("CRISIS_SCENARIOS", str(folder))

    def risk_cells(app: ConsoleApp) -> list:
        grid = app.get_default_screen_instance().query_one(DataTable)
        at = [c.key for c in grid.ordered_columns].index("risk")
        return [grid.get_cell_at((row, at)) for row in range(grid.row_count)]

    async def main():
        async with served(tmp_path / "t.db") as (url, hub, _):
            made = await client.create_class(url, "peril", 2, 3, None)
            first = hub.tables[made["tables"][0]["code"]]
            hub.apply(first, Move(K, "strike"))  # +5 on the peril: past the danger line
            hub.apply(first, Move(S, "turn_back"))
            peril = dict(first.game.state.tracks)["peril"]
            assert peril >= 7
            app = ConsoleApp(ClassLink(url, made["code"], made["teacher"]), poll=0.2)
            async with app.run_test(size=(100, 30)) as pilot:
                await until(pilot, lambda: len(risk_cells(app)) == 2, "both tables")
                hot, calm = risk_cells(app)
                assert isinstance(hot, Text) and hot.plain == str(peril) and "bold" in str(hot.style)
                assert calm == "3"  # below the line: plain
                await app.action_quit()

    run(main(), LIMIT * 3)
