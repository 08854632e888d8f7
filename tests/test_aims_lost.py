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


def test_an_aim_won_or_given_away_before_its_chapter_is_not_drawn():
    """K5 (play-test 10): Kennedy accepted a German peace treaty on May 12, 1961, and at Vienna drew
    "Concede nothing on Berlin"; Khrushchev drew "A Berlin concession" after "No atomic arms for West
    Germany" was agreed, and it was met with nothing done at Vienna."""
    s = catalog.get("cuban-missile-crisis")

    def drawn(**env: bool) -> set[str]:
        base = {"concede_berlin": False, "german_peace_treaty_agreed": False, "no_german_bomb_agreed": False}
        return {o for seed in range(60) for _, o in aims.draw(s, seed, 3, "vienna", {**base, **env})}

    assert {"k_nothing_on_berlin", "s_berlin_concession"} <= drawn()  # both drawn while open
    treaty = drawn(german_peace_treaty_agreed=True)
    assert not {"k_nothing_on_berlin", "s_berlin_concession"} & treaty
    assert "s_berlin_concession" not in drawn(no_german_bomb_agreed=True)
    assert "k_nothing_on_berlin" in drawn(no_german_bomb_agreed=True)  # Berlin itself not given away
