"""An AI letter's reason is said only while it holds (playtest H9): the tanks at the Berlin sector line
were given as the reason to settle in October 1962, a year after Berlin had cooled, because the flag
behind the reason never cleared; and `crisis validate` names a reason whose flag nothing clears."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ai.policies import POLICIES
from game.errors import ScenarioError
from game.model import SIDES
from game.scenario import catalog
from game.scenario.load import load
from game.sim import play

from .conftest import FIXTURES

BERLIN = ("sector line in Berlin", "a few metres apart in Berlin")


@pytest.mark.parametrize("seed", [0, 1])
def test_no_letter_gives_berlin_as_its_reason_once_berlin_has_cooled(seed):
    s = catalog.get("cuban-missile-crisis")
    game = play(s, dict(zip(SIDES, (POLICIES["pragmatist"], POLICIES["hawk"]), strict=True)), seed)
    assert {"berlin_showdown_news", "berlin_cools"} <= game.state.fired  # there was a showdown, and it ended
    cooled = next(r.date for r in game.state.log if "berlin_cools" in r.events)
    late = [m.id for m in game.state.mail if m.sent[:10] > cooled and any(b in m.letter.text for b in BERLIN)]
    assert not late, late
    assert "berlin_showdown" not in game.state.flags


def test_validate_names_a_reason_whose_flag_nothing_clears(tmp_path: Path):
    text = (FIXTURES / "talks.yaml").read_text()
    assert "pressure:" not in text
    path = tmp_path / "talks.yaml"
    # the fixture's quarantine flag: set by the blockade, cleared by nothing
    said = "  pressure: {quarantine: 0.1}\n  reasons: {kennedy: {quarantine: [Our ships are at sea.]}}\n"
    path.write_text(text.replace("  reservation:", said + "  reservation:", 1))
    with pytest.raises(ScenarioError) as err:
        load(path)
    assert any("'quarantine'" in p.message and "never cleared" in p.message for p in err.value.problems)
