"""Where words stand in a letter: sentences, windows of nearby words, character spans, numbers of days."""

from __future__ import annotations

from bisect import bisect_right

from game.diplomacy import Cue
from game.reader.words import BREAKS, PUNCT, Token

NUMBERS = {
    **{
        w: i
        for i, w in enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
            ]
        )
    },
    "a": 1,
    "an": 1,
    "fourteen": 14,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "ninety": 90,
}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "month": 30, "months": 30}
HOURS = frozenset({"hour", "hours"})
"""Units shorter than a day: 48 hours are 2 days, 12 hours 1 (a day begun is a day)."""


def bare_days(toks: list[Token], sentence: list[int]) -> list[tuple[Cue, int, int]]:
    """A sentence that is only a number of days, weeks or months, as a days cue before it."""
    out = []
    for i, t in enumerate(toks):
        starts = i == 0 or sentence[i - 1] != sentence[i]
        if starts and (t.word.isdigit() or t.word in NUMBERS) and days(toks, i)[0]:
            past = days(toks, i)[1]
            if past == len(toks) or toks[past].word in BREAKS:
                out.append((Cue.DAYS, i, i))
    return out


def by_sentence(cues: list, sentence: list[int]) -> dict[int, list]:
    out: dict[int, list] = {}
    for c in cues:
        out.setdefault(sentence[c[1]], []).append(c)
    return out


def sentences(toks: list[Token]) -> list[int]:
    """The sentence number of each token (a break belongs to the sentence it ends)."""
    out, n = [], 0
    for t in toks:
        out.append(n)
        if t.word in BREAKS:
            n += 1
    return out


def windows(positions: list[list[int]], sentence: list[int], reach: int) -> list[list[int]]:
    """Every place the words stand in the phrase's order within one sentence and `reach` tokens:
    from each place of the first word, the nearest of each next word (the shortest span from there)."""
    found = []
    for i in positions[0]:
        combo = [i]
        for later in positions[1:]:
            k = bisect_right(later, combo[-1])
            if k == len(later) or sentence[later[k]] != sentence[i] or later[k] - i > reach:
                break
            combo.append(later[k])
        else:
            found.append(combo)
    return found


def days(toks: list[Token], j: int) -> tuple[int | None, int]:
    """The days in '<number> <unit>' after a days cue ending at token `j` (0 for a range such as
    'four or five months'), and the token past the unit."""
    k = j
    while k < len(toks) and toks[k].word in ("the", "next"):
        k += 1
    if k > j and k < len(toks) and toks[k].word in ("day", "week", "fortnight", "month", "hour"):
        return UNITS.get(toks[k].word, 1), k + 1  # "within the week", "within the hour"
    numbers: list[int] = []
    joined = False  # an 'or' or 'to' since the last number: a range
    while k < len(toks):
        word = toks[k].word
        if word.isdigit() or word in NUMBERS:
            n = int(word) if word.isdigit() else NUMBERS[word]
            if numbers and not joined and 20 <= numbers[-1] < 100 and numbers[-1] % 10 == 0 and 0 < n < 10:
                numbers[-1] += n  # "forty-eight", "twenty four"
            else:
                numbers.append(n)
            joined = False
        elif numbers and word in ("or", "to"):
            joined = True
        else:
            break
        k += 1
    if not numbers or k >= len(toks) or (toks[k].word not in UNITS and toks[k].word not in HOURS):
        return None, j
    if len(numbers) > 1:
        return 0, k + 1
    if toks[k].word in HOURS:
        return max(1, min(-(-numbers[0] // 24), 365)), k + 1
    return max(1, min(numbers[0] * UNITS[toks[k].word], 365)), k + 1


def spans(at: list[int], toks: list[Token]) -> tuple[tuple[int, int], ...]:
    """Runs of neighbouring tokens as character spans."""
    spans: list[tuple[int, int]] = []
    for i in at:
        a, b = toks[i].start, toks[i].end
        if spans and i - 1 in at and toks[i - 1].word not in PUNCT:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return tuple(spans)
