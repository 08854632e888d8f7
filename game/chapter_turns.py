"""How many turns a chapter has left, in words that claim no more than the game knows (G20): a
chapter that an event or an order can end before its last date has "at most" so many."""

from __future__ import annotations

from functools import cache

from game.model import Scenario


@cache
def ends_early(s: Scenario, phase_id: str) -> bool:
    """True if the chapter may end before its last turn: an interrupt or an edge of its own fires on
    a condition that does not wait for the deadline."""
    edges = (*s.interrupts, *s.phase(phase_id).transitions)
    return any(t.when is not None and "deadline" not in t.when.names for t in edges)


def turns_left(s: Scenario, phase_id: str, after: int, where: str = " in this chapter") -> str:
    """The turns a player still has in the chapter, this one counted ('at most 3 turns left in this
    chapter'); `after`: the turns after this one (`SideView.turns_left`). The chapter page, the
    briefing, the desk's top line and the text game all say it so."""
    if after <= 0:
        return "the chapter's last turn" if where else "last turn"
    count = f"{after + 1} turns left{where}"
    return f"at most {count}" if ends_early(s, phase_id) else count
