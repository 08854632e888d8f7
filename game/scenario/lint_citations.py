"""Warnings on citations: every historical text should name its document, not only an archive."""

from __future__ import annotations

from collections.abc import Iterator

from game.model import SIDES, Problem, Scenario
from game.scenario.checks import problem


def citation_warnings(s: Scenario) -> list[Problem]:
    """Each historical text that cites only whole archives (`archive: true` sources).

    A citation names a document when it is a seed fact (`<source>.<fact>`) or a source that is not
    marked `archive: true`. These are warnings, not errors: the scenario still loads and plays.
    """
    return sorted(set(_warnings(s)))


def archive_only(s: Scenario, cited: tuple[str, ...]) -> bool:
    """True when `cited` is not empty and every citation in it is a whole archive or collection."""
    archives = {src.id for src in s.sources if src.archive}
    return bool(cited) and all(c in archives for c in cited)


def _warnings(s: Scenario) -> Iterator[Problem]:
    for obj, cited, what in _historical_texts(s):
        if archive_only(s, cited):
            listed = ", ".join(repr(c) for c in cited)
            yield problem(
                obj,
                "source",
                f"warning: {what} is marked historical but cites only archive-level sources ({listed}); "
                "cite the document (a dated letter, memorandum, speech or FRUS document) or a seed fact",
            )


def _historical_texts(s: Scenario) -> Iterator[tuple[object, tuple[str, ...], str]]:
    for phase in s.phases:
        where = f"phase {phase.id!r}"
        for side, brief in phase.briefing.items():
            for i, text in enumerate((brief, *brief.variants)):
                if text.historical:
                    label = f"variant {i} of the" if i else "the"
                    yield text, text.source, f"{label} {side.value} briefing of {where}"
        for c in phase.counsel:
            if c.historical:
                yield c, c.source, f"the counsel of {c.advisor!r} in {where}"
        for side in SIDES:
            for d in phase.decisions.get(side, ()):
                if d.historical:
                    yield d, d.source, f"decision {d.id!r}"
        for e in phase.events:
            if e.historical:
                yield e, e.source, f"event {e.id!r}"
    for e in s.events:
        if e.historical:
            yield e, e.source, f"event {e.id!r}"
    for end in s.endings:
        if end.historical:
            yield end, end.source, f"ending {end.id!r}"
    if s.negotiation is not None:
        for t in s.negotiation.terms:
            if t.historical:
                yield t, t.source, f"term {t.id!r}"
        for letter in s.negotiation.letters:
            if letter.historical:
                yield letter, letter.source, f"letter {letter.id!r}"
