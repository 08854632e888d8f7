"""The line history took, played by the historical policy: real events only, in their real order."""

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.model import SIDES, Side
from game.scenario import catalog

HISTORICAL = {side: POLICIES["historical"] for side in SIDES}
NAMES = ["cuban-missile-crisis", "thirteen-days", "il28-endgame"]


def _play(name: str, seed: int):
    s = catalog.get(name)
    return s, sim.play(s, HISTORICAL, seed)


def _first(game, found) -> str | None:
    """The date of the first turn where `found(turn)` holds."""
    return next((t.date for t in game.state.log if found(t)), None)


OVER_THE_EDGE = {"b59_fires", "maultsby_fired_on"}
"""The incidents nobody ordered that may still turn the historical road to war (docs/calibration.md)."""


@pytest.mark.parametrize("name", NAMES)
def test_the_historical_line_fires_only_what_happened(name):
    """Until one of the calibrated near-misses goes over the edge, nothing invented happens."""
    s = catalog.get(name)
    invented = {}
    for seed in range(1, 41):
        game = sim.play(s, HISTORICAL, seed)
        fired = [(e, t.date) for t in game.state.log for e in t.events]
        first = next(((e, d) for e, d in fired if not s.event(e).historical), None)
        if first is None:
            continue
        if first[0] in OVER_THE_EDGE and game.outcome().ending == "accidental_war":
            continue
        invented[seed] = first
    assert invented == {}


@pytest.mark.parametrize("name", ["cuban-missile-crisis", "il28-endgame"])
@pytest.mark.parametrize("seed", [1, 2, 3, 7])
def test_the_bombers_end_in_their_real_order(name, seed):
    s, game = _play(name, seed)
    dates = {
        "thirty days": _first(game, lambda t: any(m.decision == "thirty_days" for m in t.moves)),
        "Castro threatens": _first(game, lambda t: "castro_writes_u_thant" in t.events),
        "Castro gives way": _first(game, lambda t: "castro_gives_way" in t.events),
        "Kennedy announces": _first(game, lambda t: any(m.decision == "announce_and_lift" for m in t.moves)),
    }
    assert dates == {
        "thirty days": "1962-11-14",
        "Castro threatens": "1962-11-15",
        "Castro gives way": "1962-11-19",
        "Kennedy announces": "1962-11-20",
    }
    assert game.outcome().ending == "historical_settlement"
    assert game.state.log[-1].date == "1962-11-20"
    assert s.event("castro_gives_way").party == "castro"
    assert s.event("castro_writes_u_thant").party == "castro"


def test_castros_consent_waits_for_moscow_and_mikoyan(campaign):
    event = campaign.event("castro_gives_way")
    assert event.historical and event.when is not None
    names = event.when.source
    for needed in ("il28_withdrawn", "send_mikoyan", "castro_writes_u_thant"):
        assert needed in names


def test_the_dre_raid_of_august_1962_is_history_and_happens(campaign):
    raid = campaign.event("exile_raid")
    assert raid.historical and raid.chance is None
    assert "dre-raid-1962-08-24" in raid.source
    game = sim.play(campaign, HISTORICAL, 1)
    # told in the report of the first turn on or after August 24 (G10: no news before its day)
    assert _first(game, lambda t: "exile_raid" in t.events) == "1962-09-04"


def test_the_november_12_message_is_dated_the_evening_it_was_given(campaign):
    letter = next(r for r in campaign.negotiation.letters if r.id == "nov13_announcement")
    assert letter.date.isoformat() == "1962-11-12"
    assert "rfk-1962-11-12-oral" in letter.source
    reply = next(r for r in campaign.negotiation.letters if r.id == "oct27_kennedy_reply")
    assert campaign.negotiation.channel(reply.channel).public


def test_crisis_letters_covers_the_whole_campaign_in_date_order(capsys):
    from game.cli import main

    assert main(["letters"]) == 0
    out = capsys.readouterr().out
    dated = [line.split()[0] for line in out.splitlines() if line[:4] in ("1961", "1962")]
    assert dated == sorted(dated)
    wanted = ("1961-06-04", "1961-09-29", "1961-10-16", "1962-10-26")
    wanted += ("1962-11-12", "1962-11-15", "1962-11-20")
    assert [day for day in wanted if day not in dated] == []
    assert "handed back" in out  # the private letter on Turkey that Robert Kennedy returned on October 30


PRESIDIUM = ("presidium_oct25", "presidium_oct27", "presidium_oct28")


def test_the_presidium_sessions_are_told_on_their_days_to_khrushchev_only(campaign):
    game = sim.play(campaign, HISTORICAL, 1)
    days = {e: _first(game, lambda t, e=e: e in t.events) for e in PRESIDIUM}
    assert days == dict(zip(PRESIDIUM, ("1962-10-25", "1962-10-27", "1962-10-28"), strict=True))
    assert {campaign.event(e).known_to for e in PRESIDIUM} == {(Side.KHRUSHCHEV,)}
