"""A turn's news of the negotiation in plain words (the engine's `News`): the text game prints them,
the desk marks them up, the ending's account gathers the confidences revealed and words gone back on."""

from __future__ import annotations

from game.engine.negotiation import News
from game.model import Scenario, Side


def news_words(s: Scenario, n: News, viewer: Side | None) -> tuple[str, str]:
    """(heading, sentence) for one piece of news as `viewer` reads it ('You' for its own side)."""
    term = s.term_label(n.term) if n.term else ""
    who = "You" if n.side is viewer and viewer is not None else _who(s, n.side)
    if n.shared and n.agreement:  # a term of two agreements: which one's promise (H10)
        term += f" (agreement {n.agreement})"
    if n.kind == "agreed":
        terms = ", ".join(s.term_label(t) for t in n.terms) or "no terms"
        return f"Agreement {n.agreement or ''} made", f"{terms}."
    if n.kind == "done":
        return "Promise kept", f"{who} carried out {term}."
    if n.kind == "late":
        return "Promise late", f"{who} did not carry out {term} on its day."
    if n.kind == "broken":
        return "Promise broken", f"{who} broke {term}."
    if n.kind == "leaked":
        return "Leaked", f"the secret term {term} is now public."
    if n.kind == "revealed":
        held = f", agreed in confidence ({n.agreement})" if n.agreement else ", held in confidence"
        return "Confidence broken", f"{who} made public {term}{held}."
    if n.kind == "reneged":
        return "Word gone back on", f"{who} went back on {term}, given {given(s, n)}."
    return n.kind.capitalize(), term


def given(s: Scenario, n: News) -> str:
    """How the word gone back on in `n` had been given: 'in agreement A1', 'in letter L3h', 'by
    the deed "..."'."""
    if n.agreement:
        return f"in agreement {n.agreement}"
    if n.letter:
        return f"in letter {n.letter}"
    if n.deed:
        return f'by the deed "{s.decision(n.deed).label}"'
    return "before"


def _who(s: Scenario, side: Side | None) -> str:
    return "Nobody" if side is None else s.leader(side)
