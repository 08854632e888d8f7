"""No hidden aim is drawn already lost (playtest J9: Kennedy drew "Keep the pledge unwritten ... make
no public pledge" a week after the pledge was promised in public, and on the first turn of the
bombers' chapter, whose October bargain gives it in public)."""

from game.engine import objectives as aims
from game.engine.match import Game
from game.engine.rules import read_env
from game.model import Side
from game.scenario import catalog


def test_an_aim_lost_at_the_draw_is_not_drawn():
    s = catalog.get("cuban-missile-crisis")
    drawn = {
        public: {
            o
            for seed in range(60)
            for _, o in aims.draw(s, seed, 5, "il28_dispute", {"no_invasion_pledge_public": public})
        }
        for public in (False, True)
    }
    assert "k_pledge_unwritten" in drawn[False]  # still drawn while it can be met
    assert "k_pledge_unwritten" not in drawn[True]
    assert {"k_bombers_out", "k_inspection"} <= drawn[True]


def test_the_bombers_chapter_opens_with_no_aim_already_lost():
    s = catalog.get("il28-endgame")
    for seed in range(30):
        game = Game(s, seed, objectives=True)
        for side, oid in game.state.objectives:
            aim = aims.by_id(s)[side, oid].objective
            if side is Side.KENNEDY:
                assert oid != "k_pledge_unwritten", seed
            assert aim.lost is None or not aim.lost.fn(read_env(s, game.state)), (seed, oid)
