"""The report's "in history" lines say whose history a note tells."""

from game.model import Side
from game.scenario import catalog
from game.ui.text import in_history


def test_a_note_on_the_players_other_choice_is_labelled_as_theirs():
    s = catalog.get("cuban-missile-crisis")
    first = s.phase(s.start.phase)
    decisions = [d for d in first.decisions[Side.KENNEDY] if d.note]
    chosen, real = decisions[0], decisions[1]
    text = in_history(s, chosen, real, Side.KENNEDY)
    assert f"really did: [b]{real.label}[/b]" in text
    assert "Your choice, in history:" in text
    same = in_history(s, real, real, Side.KENNEDY)
    assert "did the same" in same and "Your choice" not in same
