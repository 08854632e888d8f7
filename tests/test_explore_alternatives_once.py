"""J14: `crisis explore` names each alternative once: two letters that read the same in the table (the
same channel, tone and terms) are one alternative, not two rows with one name."""

from __future__ import annotations

from collections import Counter

from game.ai.policies import POLICIES
from game.analysis.explore import Exploration, alternative_label, alternatives
from game.engine.match import Game, cut
from game.scenario import catalog


def test_no_two_alternatives_of_a_side_share_a_name():
    seen = 0
    for scenario in ("il28-endgame", "thirteen-days"):
        s = catalog.get(scenario)
        for seed in (1, 2, 3):
            game = Game(s, seed)
            while not game.is_over() and len(game.state.log) < 8:
                for side in game.sides_to_act():
                    game.apply(POLICIES["historical" if seed % 2 else "pragmatist"](s, game.view(side), seed))
            for at in range(1, len(game.state.log) + 1):
                moves = game.state.log[at - 1].moves
                played = {side: next((m for m in moves if m.side is side), None) for side in s.sides}
                x = Exploration(s, at, "", "", 0, seed, (), played, [], 1)
                alts = alternatives(cut(game, at), played)
                names = Counter((a.side, alternative_label(x, a)) for a in alts)
                twice = [name for name, n in names.items() if n > 1]
                assert not twice, (scenario, seed, at, twice)
                seen += sum(a.moves[0].letter is not None for a in alts)
    assert seen  # letters were explored


def test_the_explore_table_names_endings_by_their_headlines():
    from game.analysis.explore import explore
    from game.cli.render_saves import explore_text

    s = catalog.get("il28-endgame")
    game = Game(s, 1)
    for side in game.sides_to_act():
        game.apply(POLICIES["historical"](s, game.view(side), 1))
    x = explore(game, 1, runs=2, jobs=1)
    shown = explore_text(x)
    reached = {e for row in x.rows for e in row.endings}
    assert reached and all(s.ending(e).headline in shown for e in reached)
    assert not any(f"{e} " in shown.replace(s.ending(e).headline, "") for e in reached), shown
