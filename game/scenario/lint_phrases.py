"""Checks on a scenario's `phrases:`: the terms they name exist, and no phrase names two things."""

from __future__ import annotations

from collections.abc import Iterator

from game.model import Problem, Scenario
from game.reader.words import phrase_stems
from game.scenario.checks import problem
from game.scenario.convert import suggest


def lint_phrases(s: Scenario) -> Iterator[Problem]:
    p = s.phrases
    if p is None:
        return
    if s.negotiation is None:
        yield problem(p, "", "the scenario has phrases but no negotiation: there are no terms to name")
        return
    terms = {t.id: t for t in s.negotiation.terms}
    owner: dict[frozenset[str], tuple[str, str]] = {}
    for t in s.negotiation.terms:
        for text in (t.phrase, t.label):
            owner.setdefault(frozenset(phrase_stems(text)), (t.id, text))
    for term, texts in p.terms.items():
        if term not in terms:
            yield problem(
                p, "terms", f"phrases name the term {term!r}, which is not a term{suggest(term, terms)}"
            )
            continue
        for text in texts:
            words = frozenset(phrase_stems(text))
            if not words:
                yield problem(p, "terms", f"phrase {text!r} of term {term!r} has no word that names anything")
                continue
            other, said = owner.setdefault(words, (term, text))
            if other != term:
                yield problem(
                    p,
                    "terms",
                    f"phrase {text!r} of term {term!r} reads the same as {said!r} of term {other!r}: "
                    "a letter could not tell them apart",
                )
    cue_owner: dict[tuple[str, ...], str] = {}
    for cue, texts in p.cues.items():
        for text in texts:
            cue_words = phrase_stems(text, keep_stop=True)
            if not cue_words:
                yield problem(p, "cues", f"cue {text!r} for {cue.value!r} has no words")
                continue
            other_cue = cue_owner.setdefault(cue_words, cue.value)
            if other_cue != cue.value:
                yield problem(
                    p, "cues", f"cue {text!r} is given for both {other_cue!r} and {cue.value!r}: say which"
                )
    meaning: dict[str, str] = {}
    for word, others in p.synonyms.items():
        for other in others:
            said = meaning.setdefault(other.lower(), word)
            if said != word:
                yield problem(p, "synonyms", f"synonym {other!r} is given for both {said!r} and {word!r}")
    channels = {c.id for c in s.negotiation.channels}
    for channel in p.channels:
        if channel not in channels:
            yield problem(
                p,
                "channels",
                f"phrases name the channel {channel!r}, which is not a channel{suggest(channel, channels)}",
            )
