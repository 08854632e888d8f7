"""What the reader found in a letter: the terms, the words that named them, their modifiers."""

from __future__ import annotations

from dataclasses import dataclass

from game.diplomacy import Answer, Cue, Offer, Tone


@dataclass(frozen=True)
class Mark:
    """A modifier read, and the words it came from."""

    cue: Cue
    start: int
    end: int
    days: int = 0


@dataclass(frozen=True)
class Found:
    """One term read from the letter, with the words that named it and its modifiers."""

    offer: Offer
    give: bool
    """True: the writer undertakes it; False: the writer asks it of the other side."""
    spans: tuple[tuple[int, int], ...]
    """Where the words that named it stand in the text (start, end)."""
    marks: tuple[Mark, ...] = ()
    refused: bool = False
    """Named under a negation ("we will not ..."): not part of the proposal."""
    doubt: str = ""
    """Why the words and the term disagree on who does it ("only Khrushchev can give this; you
    wrote 'we will'"): not part of the proposal unless the player keeps it."""

    @property
    def term(self) -> str:
        return self.offer.term


@dataclass(frozen=True)
class Reading:
    """What the reader found in a letter."""

    found: tuple[Found, ...] = ()
    tone: Tone = Tone.FIRM
    answer: Answer | None = None
    """Accept or reject when the words say so ("we accept", "not acceptable")."""
    notes: tuple[str, ...] = ()
    """What the reader read but could not use, and why."""
    channel: str | None = None
    """The channel the words name ("through your ambassador"), if any: the first named."""
    channel_at: tuple[int, int] = (0, 0)
    """Where the words that name it stand."""

    @property
    def gives(self) -> tuple[Offer, ...]:
        return tuple(f.offer for f in self.found if f.give and not f.refused and not f.doubt)

    @property
    def demands(self) -> tuple[Offer, ...]:
        return tuple(f.offer for f in self.found if not f.give and not f.refused and not f.doubt)

    @property
    def refused(self) -> tuple[Found, ...]:
        return tuple(f for f in self.found if f.refused)
