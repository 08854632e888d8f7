"""Speed work that must change nothing: the same digests, the same games, the same saves."""

import dataclasses
import hashlib
import json

from game import sim
from game.ai.policies import POLICIES
from game.model import SIDES
from game.scenario import catalog


def _old_digest(state) -> str:
    """The digest as every save so far recorded it: the state's JSON without its log."""
    data = state.to_dict()
    del data["log"]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def test_the_digest_is_the_one_saves_recorded_at_every_turn():
    s = catalog.get("cuban-missile-crisis")
    for seed, kind in ((3, "random"), (5, "pragmatist")):
        game = sim.play(s, {side: POLICIES[kind] for side in SIDES}, seed)
        assert game.state.mail or kind == "random"
        for turn in range(1, len(game.state.log) + 1):
            state = dataclasses.replace(game.state, log=game.state.log[:turn])
            assert state.digest() == _old_digest(state)


def test_the_digest_reads_the_log_only_through_its_trail():
    s = catalog.get("cuban-missile-crisis")
    state = sim.play(s, {side: POLICIES["random"] for side in SIDES}, 11).state
    shorter = dataclasses.replace(state, log=state.log[:1])
    assert shorter.digest() == state.digest()
    assert dataclasses.replace(state, trail="0" * 24).digest() != state.digest()
    assert state.to_dict()["log"] and list(state.to_dict()) == list(_keys_in_order())


def _keys_in_order() -> tuple[str, ...]:
    return (
        "scenario", "seed", "phase", "date", "calendar", "phase_turn", "tracks", "flags", "taken",
        "fired", "pending", "log", "opening", "opening_rolls", "ending", "mail", "agreements",
        "blocked", "leaked", "trail",
    )  # fmt: skip
