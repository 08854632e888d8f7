"""How to play over the network (? on the network desk): the local help's rules and letters, with this
desk's keys in place of the local game's (no advisors, no saves, no second player at the keyboard)."""

from __future__ import annotations

from game.ui.screens.help import HELP

KEPT = ("How to win", "Letters, counters and promises", "The end")
"""The local help's sections that hold on the network desk (the desk's own page says the rest)."""

KEYS = """## Keys

| key | what it does |
|---|---|
| 1-9, 0 | highlight a decision; again to order it |
| Enter | give the highlighted order |
| w | write a letter (it goes with your next order) |
| a, c, x | accept, counter or reject the newest proposal |
| d | discard the letter ready to go |
| m | read and answer letters (Enter opens one to scroll); then o for your promises, h for the real letters |
| o, h | your promises; the real letters |
| n, b | the news, the briefing |
| u | in a team: send the team's draft |
| t, g | at the end, on the front page: the timeline, the endings gallery |
| ? or F1 | help about the page you are on, then this |
| arrows, PgUp, PgDn | scroll a page (such as this one) |
| ctrl+q | quit (the server keeps your seat: crisis join takes it back) |
"""
"""The network desk's keys (RemoteApp.BINDINGS, the front page's t and g)."""


EDITS = (
    (" (or both, two players at one keyboard)", ""),
    (" The badge on the letters key counts the letters you have not read.", ""),
    ("Press **l** to **write**", "Press **w** to **write**"),
)
"""The local help's words that the network desk says otherwise: (words, in their place)."""


def general(local: str | None = None) -> str:
    """The network desk's 'How to play', as Markdown, made from the local help (`local`: its text,
    by default help.md's). A ValueError if a section of KEPT or the words of an edit are not there:
    help.md was reworded, and the network desk's help would silently say the local game's keys."""
    text = HELP.read_text(encoding="utf-8") if local is None else local
    for old, new in EDITS:
        if old not in text:
            raise ValueError(f"the network help edits {old!r}, which help.md no longer says")
        text = text.replace(old, new)
    intro, *sections = text.split("\n## ")
    found = {s.split("\n", 1)[0].strip(): s for s in sections}
    if missing := [title for title in KEPT if title not in found]:
        raise ValueError(f"the network help keeps the sections {missing!r}, which help.md no longer has")
    kept = [f"## {s.strip()}\n" for s in sections if s.split("\n", 1)[0].strip() in KEPT]
    return "\n".join([intro.strip() + "\n", *kept[:-1], KEYS, *kept[-1:]])
