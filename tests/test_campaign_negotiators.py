"""The default opponent negotiates in the campaign: a quick guard (not marked slow) beside the long
statistical tests of test_campaign_talks.py.

Written at integration: with the planning AI (issue 10) and the endings that follow from facts
(issue 9) together, pragmatist against pragmatist ordered the air strike on October 18 in every
game and every game ended in `ceasefire_standoff`. Whoever changes the AI or the rules sees it here.
"""

from collections import Counter

from game import sim
from game.ai.policies import POLICIES
from game.model import SIDES
from game.scenario import catalog

# 40 seeds (12 until the crossed-letters fix: seeds 0-11 all end in october_deal since, the public
# trade coming in 21 of 200 games, one of 0-39)
SEEDS = range(40)


def test_pragmatists_in_the_campaign_do_not_all_bomb_their_way_to_one_ending():
    s = catalog.get("cuban-missile-crisis")
    games = [sim.play(s, {side: POLICIES["pragmatist"] for side in SIDES}, seed) for seed in SEEDS]
    endings = Counter(g.state.ending for g in games)
    strikes = sum(
        any(
            m.decision in ("order_air_strike", "monday_air_strike", "quarantine_strike")
            for r in g.state.log
            for m in r.moves
        )
        for g in games
    )
    assert strikes <= len(SEEDS) // 3, f"the pragmatist bombed in {strikes} of {len(SEEDS)} games: {endings}"
    assert sum(bool(g.state.agreements) for g in games) >= len(SEEDS) // 3, endings
    assert len(endings) >= 2, endings
