"""A scenario that starts in the middle of the story tells the history it takes as made as
background, not as this turn's situation (play-test 7, G16: thirteen-days' Oct 16 listed "Kennedy and
Khrushchev have agreed to meet" and the Bay of Pigs among the facts of the day)."""

from __future__ import annotations

from game.ai.policies import POLICIES
from game.engine.match import Game
from game.model import SIDES, Side
from game.scenario import catalog
from game.ui import text

STALE = (
    "Kennedy and Khrushchev have met at a summit.",
    "Khrushchev has set a six-month deadline on Berlin.",
    "The exile brigade has been destroyed at the Bay of Pigs.",
)


def _sections(told: str) -> dict[str, str]:
    """The briefing's blocks of facts by heading ('The situation', 'Background', ...)."""
    out: dict[str, str] = {}
    for block in told.split("\n\n"):
        head, _, rest = block.partition("\n")
        for name in ("The situation", "New in this chapter", "Still true", "Background"):
            if head.startswith(f"[b]{name}[/b]"):
                out[name] = rest
    return out


def test_thirteen_days_tells_the_campaigns_facts_as_background():
    s = catalog.get("thirteen-days")
    for side in SIDES:
        view = Game(s, 41636).view(side)
        blocks = _sections(text.briefing(s, view))
        assert all(fact in blocks["Background"] for fact in STALE), blocks
        assert not any(fact in blocks.get("The situation", "") for fact in STALE)


def test_background_stays_background_in_a_later_chapter_and_news_is_news():
    """Past the first chapter, the background is not 'still true' news; a fact set in play is new."""
    s = catalog.get("thirteen-days")
    game = Game(s, 5)
    start = game.state.phase
    while game.state.phase == start and not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["historical"](s, game.view(side), 5))
    view = game.view(Side.KENNEDY)
    blocks = _sections(text.briefing(s, view, earlier=frozenset(view.flags)))
    assert all(fact in blocks["Background"] for fact in STALE[:2])
    assert not any(fact in blocks.get("Still true", "") for fact in STALE)
    fresh = _sections(text.briefing(s, view, earlier=frozenset()))
    assert "quarantine" in fresh["New in this chapter"].lower()  # set in play: this chapter's news


def test_the_campaign_opens_with_its_situation_and_no_background():
    s = catalog.get("cuban-missile-crisis")
    blocks = _sections(text.briefing(s, Game(s, 1).view(Side.KENNEDY)))
    assert STALE[2] in blocks["The situation"] and "Background" not in blocks
