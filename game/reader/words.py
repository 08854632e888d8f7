"""Words as the reader compares them: tokens with their place in the text, stems, stop words."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"u\.\s?n\.|[a-z]+(?:['’][a-z]+)*|\d+|[.;:!?(),]", re.IGNORECASE)
BREAKS = frozenset(".;:!?")
"""Tokens that end a sentence (or a clause that stands alone)."""
PUNCT = BREAKS | {",", "(", ")"}
STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "from",
        "in",
        "on",
        "at",
        "by",
        "with",
        "for",
        "and",
        "or",
        "that",
        "this",
        "these",
        "those",
        "its",
        "their",
        "our",
        "your",
        "his",
        "her",
        "all",
        "any",
        "some",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "it",
        "which",
        "who",
        "as",
        "so",
        "such",
    ]
)
"""Words a term's phrase may leave out or put in without changing what it names."""
_SUFFIXES = ("ing", "ed", "es", "s")
_IRREGULAR = {
    "n't": "not",
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "shan't": "shall not",
}


@dataclass(frozen=True)
class Token:
    word: str
    """Lower case, as written (apostrophes kept)."""
    start: int
    end: int
    """Where it stands in the text: text[start:end]."""


def tokens(text: str) -> list[Token]:
    """The words and sentence marks of `text`, lower case; "won't" is two words, "U.N." one."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group(0).lower().replace("’", "'")
        a, b = m.span()
        if word.startswith("u.") and word.endswith("."):
            out.append(Token("un", a, b))
            continue
        if word in _IRREGULAR:
            out.extend(Token(w, a, b) for w in _IRREGULAR[word].split())
        elif word.endswith("n't"):
            out.extend((Token(word[:-3], a, b - 3), Token("not", b - 3, b)))
        elif word.endswith("'s"):
            out.append(Token(word[:-2], a, b - 2))
        else:
            out.append(Token(word, a, b))
    return out


def stem(word: str) -> str:
    """A crude English stem, enough that 'removed', 'removes' and 'remove' meet ('remov')."""
    if word == "never":
        return "not"
    if not word.isalpha() or len(word) <= 3:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ed", "ing") and word[-1] == word[-2] and word[-1] not in "ls":
                word = word[:-1]  # 'admitted' -> 'admit'
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    if word.endswith("i") and len(word) > 4:  # 'supplies' -> 'suppli' -> 'suppl'; 'supply' -> 'suppl'
        word = word[:-1]
    if word.endswith("y") and len(word) > 4:
        word = word[:-1]
    return word


def phrase_stems(phrase: str, *, keep_stop: bool = False) -> tuple[str, ...]:
    """The stems a phrase is matched by (without stop words, unless `keep_stop`)."""
    return tuple(
        stem(t.word) for t in tokens(phrase) if t.word not in PUNCT and (keep_stop or t.word not in STOP)
    )
