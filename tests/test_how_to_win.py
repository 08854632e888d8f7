"""The "how to win" box says which way each track moves a score, read from the endings' expressions."""

from game.model import Side
from game.scenario import catalog
from game.ui.rules_text import how_to_win


def test_prestige_says_which_escalation_raises_it_and_which_lowers_it():
    s = catalog.get("cuban-missile-crisis")
    kennedy = how_to_win(s, Side.KENNEDY)
    khrushchev = how_to_win(s, Side.KHRUSHCHEV)
    assert "higher with Khrushchev's escalation" in kennedy or "and Khrushchev's escalation;" in kennedy
    assert "lower with Kennedy's escalation" in kennedy
    assert "lower with Khrushchev's escalation" in khrushchev
    assert "US credibility" in kennedy and "US credibility" not in khrushchev
    assert "your " not in kennedy + khrushchev


def test_every_scenario_names_only_tracks_that_move_its_scores():
    for sid in ("cuban-missile-crisis", "thirteen-days", "il28-endgame"):
        s = catalog.get(sid)
        labels = {t.label for t in s.tracks}
        for side in Side:
            for line in how_to_win(s, side).splitlines():
                if "at the end, " not in line:
                    continue
                named = line.split("at the end, ", 1)[1].rstrip(".")
                for part in named.replace("higher with ", "").replace("lower with ", "").split("; "):
                    for item in part.replace(" and ", ", ").split(", "):
                        assert item in labels, (sid, side, item)


def test_security_counts_the_settlements_whose_score_reads_the_terms_agreed():
    """Playtest E16: il28's card said Kennedy's security was 'highest in a limited war (6)': the
    settlements, whose security reads the terms agreed (inspection, the Jupiters' date), were left
    out. Scores stay within 0-10 however the terms fall."""
    for sid in ("cuban-missile-crisis", "thirteen-days", "il28-endgame"):
        for side in Side:
            security = next(
                line for line in how_to_win(catalog.get(sid), side).splitlines() if "Security" in line
            )
            assert "highest in a settlement (up to " in security and "with the terms agreed" in security, (
                security
            )
            assert "(11" not in security
