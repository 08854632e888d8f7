"""`crisis replay --json` holds the game's letters and agreements (play-test 10, K13: a deal was
nowhere in it but as `"to": "agreement_pledge_only"`)."""

from __future__ import annotations

import json

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.model import SIDES
from game.persistence import save
from game.scenario import catalog

from .cli_support import run

OFFER = {"term", "label", "public", "timing", "days", "check"}


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):  # noqa: ANN201
    """A thirteen-days game of two pragmatists (seed 2: nine letters, one agreement), as JSON."""
    game = sim.play(catalog.get("thirteen-days"), {side: POLICIES["pragmatist"] for side in SIDES}, 2)
    path = save(
        game,
        tmp_path_factory.mktemp("talk") / "g.json",
        sides=dict.fromkeys(("kennedy", "khrushchev"), "pragmatist"),
    )
    return game, path


def test_the_json_replay_lists_every_letter_with_its_terms(replayed, capsys):
    game, path = replayed
    code, out, err = run(capsys, "replay", path, "--json")
    assert code == 0, err
    letters = json.loads(out)["letters"]
    assert [x["id"] for x in letters] == [m.id for m in game.state.mail] and len(letters) == 9
    first = letters[0]
    assert {k: first[k] for k in ("id", "turn", "from", "to", "sent", "arrives", "channel", "tone")} == {
        "id": "L1h",
        "turn": 1,
        "from": "khrushchev",
        "to": "kennedy",
        "sent": "1962-10-16T12",
        "arrives": "1962-10-16T22",
        "channel": "private_letter",
        "tone": "firm",
    }
    assert first["answer"] is None and first["reply_to"] is None
    assert first["gives"] == [
        {
            "term": "withdraw_il28",
            "label": catalog.get("thirteen-days").negotiation.term("withdraw_il28").label,
            "public": False,
            "timing": "later",
            "days": None,
            "check": "aerial",
        }
    ]
    assert [o["term"] for o in first["asks"]][:2] == ["no_invasion_pledge", "remove_jupiters"]
    assert all(set(o) == OFFER for x in letters for o in x["gives"] + x["asks"])
    assert any(x["answer"] == "accept" and x["reply_to"] for x in letters)


def test_the_json_replay_lists_every_agreement_and_how_each_promise_stands(replayed, capsys):
    game, path = replayed
    code, out, err = run(capsys, "replay", path, "--json")
    (a1,) = json.loads(out)["agreements"]
    assert {k: a1[k] for k in ("id", "date", "proposal", "acceptance")} == {
        "id": "A1",
        "date": "1962-10-27",
        "proposal": "L8e",
        "acceptance": "L9h",
    }
    obligations = {o["term"]: o for o in a1["obligations"]}
    assert len(obligations) == 8
    missiles = obligations["withdraw_missiles"]
    assert missiles["giver"] == "khrushchev" and missiles["check"] == "aerial"
    assert missiles["blocked"] is True  # the check was refused (the state's blocked terms)
    assert (
        obligations["no_invasion_pledge"]["due"] is None
        and obligations["no_invasion_pledge"]["blocked"] is False
    )
    states = {o.term: o.status.value for o in game.state.agreements[0].obligations}
    assert {t: o["status"] for t, o in obligations.items()} == states


def test_a_check_barred_by_its_kind_is_blocked_in_the_json_too():
    """The session's review: Castro's bar on every UN check (J8) read `blocked: false` here while the
    ending's account said it was refused."""
    from game.cli.replay_json import _agreement
    from game.diplomacy import Verification
    from game.engine.letters import Agreement, Obligation
    from game.model import Side

    bombers = Obligation("withdraw_il28", Side.KHRUSHCHEV, True, Verification.UN, "1962-12-02")
    a = Agreement("A2", "1962-11-02", "L1e", "L1h", (bombers,), ())
    s = catalog.get("il28-endgame")
    assert _agreement(s, a, 2, frozenset({"un"}))["obligations"][0]["blocked"] is True
    assert _agreement(s, a, 2, frozenset({"aerial"}))["obligations"][0]["blocked"] is False
