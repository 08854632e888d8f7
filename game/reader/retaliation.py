"""Threats said as a condition: "If you resume the tests, we will resume ours" (play-test G25).

A sentence whose condition is the other side's act ("if you ...") and whose other clause says this
side will do the same ("we will resume ours", "we will do the same", "we will answer in kind") is a
threat of retaliation, whatever cue words it has. Not when either clause names a term: "if you stop
the tests, we will stop ours" and "we will remove the Jupiters if you remove the missiles" are
exchanges, not threats.
"""

from __future__ import annotations

from collections.abc import Collection

from game.diplomacy import Cue
from game.reader.words import STOP, Token

IN_KIND = frozenset({"same", "likewise", "kind", "similarly", "too"})
"""Words after 'we will' that say the act is the other side's own, answered in kind."""
_SKIP = STOP | {"not", "also", "then", "surely", "certainly", "simply", "do", "ours", "mine", "our"}


def retaliations(
    toks: list[Token],
    stems: list[str],
    sentence: list[int],
    cues: list[tuple[Cue, int, int]],
    named: Collection[int],
) -> int:
    """How many sentences threaten to answer the other side's act in kind; `named`: the token
    indexes of the terms read (a clause that names one offers an exchange)."""
    found: set[int] = set()
    for cue, i, j in cues:
        if cue is not Cue.CONDITION or sentence[i] in found or "you" not in _words(toks, i, j + 2):
            continue
        end = _clause_end(toks, sentence, j)
        if any(i <= k < end for k in named):
            continue
        acts = {s for s in stems[j:end] if s.isalpha() and s not in _SKIP and s != "you"}
        for other, a, b in cues:
            if other is not Cue.GIVE or sentence[a] != sentence[i] or i <= a < end:
                continue
            said = [
                (t.word, s)
                for t, s in zip(toks[b : b + 6], stems[b : b + 6], strict=False)
                if t.word not in _SKIP and s.isalpha()
            ]
            if any(b <= k < b + 6 for k in named):
                continue
            if said and (said[0][1] in acts or any(w in IN_KIND for w, _ in said)):
                found.add(sentence[i])
                break
    return len(found)


def _words(toks: list[Token], i: int, j: int) -> set[str]:
    return {t.word for t in toks[i:j]}


def _clause_end(toks: list[Token], sentence: list[int], j: int) -> int:
    """Past the last token of the condition opened before token `j`: its comma or its sentence's end."""
    k = j
    while k < len(toks) and sentence[k] == sentence[j] and toks[k].word not in {",", ";", "."}:
        k += 1
    return k
