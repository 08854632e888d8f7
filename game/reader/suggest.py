"""Suggestions for sentences the rules read nothing in, from a small embedding model (optional).

WordLlama (the `embed` extra) ships its weights inside its package; it is loaded from there with
downloads disabled, so nothing here touches the network. A suggestion is only a suggestion: it never
enters a reading, and the player (or an author with `crisis read-letter --suggest`) decides.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from game.diplomacy import Negotiation, Phrases
from game.model import Scenario
from game.reader.reading import Reading
from game.reader.words import BREAKS, tokens
from game.sides import Side

THRESHOLD = 0.5
"""Cosine similarity a sentence needs with a term's description to suggest it."""
MARGIN = 0.1
"""How far ahead of the second term the first must be."""
MIN_WORDS = 3


class Embedder(Protocol):
    """What the suggester needs of a model: unit vectors for texts (WordLlama's `embed`)."""

    def embed(self, texts: Sequence[str], norm: bool = ...) -> Any: ...


@dataclass(frozen=True)
class Suggestion:
    """A term the model thinks a sentence may be about, which the rules did not read."""

    term: str
    give: bool
    start: int
    end: int
    """The sentence, as text[start:end]."""
    score: float


class Suggester:
    def __init__(self, negotiation: Negotiation, phrases: Phrases | None, model: Embedder) -> None:
        self.n, self.model = negotiation, model
        said = phrases.terms if phrases else {}
        self.terms = [t.id for t in negotiation.terms]
        docs = [f"{t.label}. {t.phrase}. {', '.join(said.get(t.id, ()))}" for t in negotiation.terms]
        self.vectors = [list(map(float, v)) for v in model.embed(docs, norm=True)]

    def suggest(
        self, text: str, side: Side, reading: Reading, terms: Iterable[str] | None = None
    ) -> tuple[Suggestion, ...]:
        """For each sentence with no term read and a few words, the likeliest term if it stands out."""
        allowed = set(terms) if terms is not None else set(self.terms)
        allowed -= {f.term for f in reading.found}
        read_at = [a for f in reading.found for a, _ in f.spans]
        spans = [(a, b) for a, b in _sentences(text) if not any(a <= x < b for x in read_at)]
        spans = [(a, b) for a, b in spans if len(tokens(text[a:b])) >= MIN_WORDS]
        if not spans or not allowed:
            return ()
        vectors = self.model.embed([text[a:b] for a, b in spans], norm=True)
        out: dict[str, Suggestion] = {}
        for (a, b), v in zip(spans, vectors, strict=True):
            ranked = sorted(
                (sum(x * float(y) for x, y in zip(t, v, strict=True)), term)
                for t, term in zip(self.vectors, self.terms, strict=True)
                if term in allowed
            )[::-1]
            best, term = ranked[0]
            second = ranked[1][0] if len(ranked) > 1 else 0.0
            if best >= THRESHOLD and best - second >= MARGIN and (term not in out or out[term].score < best):
                out[term] = Suggestion(term, self.n.term(term).giver is side, a, b, round(best, 3))
        return tuple(sorted(out.values(), key=lambda s: s.start))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for t in tokens(text):
        if start is None:
            start = t.start
        if t.word in BREAKS:
            spans.append((start, t.end))
            start = None
    if start is not None:
        spans.append((start, len(text.rstrip())))
    return spans


def available() -> bool:
    """Whether the embedding model is installed (`pip install 'missile-crisis[embed]'`)."""
    try:
        import wordllama  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=4)
def suggester_for(s: Scenario) -> Suggester | None:
    """The suggester for a scenario, or None when the model is not installed. Loads offline only."""
    if s.negotiation is None or not available():
        return None
    import wordllama
    from wordllama import WordLlama

    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return Suggester(s.negotiation, s.phrases, model)
