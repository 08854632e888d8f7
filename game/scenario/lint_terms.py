"""Checks on a scenario's negotiation: terms, channels, templates, personalities, real letters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.diplomacy import CHECK_KINDS, Negotiation, Offer, Term
from game.model import SIDES, Problem, Scenario
from game.scenario.checks import Names, check_effects, check_expr, check_sources, problem
from game.scenario.convert import suggest

INTENTS = ("propose", "accept", "counter", "reject", "threaten")
MOTIVES = ("unacceptable", "not_enough", "too_soon", "threatened", "broken_word", "holding")
"""Reasons a negotiator gives for not giving ground, besides the clock's causes: terms worse than no
deal, not enough yet, a deal that would settle the crisis badly, a threat, a broken word, nothing
changed since its last offer (the scenario's `reasons:` may give words for each)."""
PLACEHOLDERS = ("to", "from", "gives", "demands", "date", "reason")
_FIELD = re.compile(r"\{([^{}]*)\}")


def lint_negotiation(s: Scenario, n: Negotiation, names: Names) -> Iterator[Problem]:
    terms = {t.id: t for t in n.terms}
    channels = {c.id for c in n.channels}
    parties = {p.id for p in n.parties}
    clash = names.tracks | names.flags | names.decisions | names.events
    seen: set[str] = set()
    for t in n.terms:
        if t.id in seen:
            yield problem(t, "id", f"term id {t.id!r} is used twice")
        seen.add(t.id)
        taken = sorted(name for name in names.terms if name.startswith(f"{t.id}_") and name in clash)
        if taken:
            yield problem(t, "id", f"term {t.id!r} would read as {taken[0]!r}, which is already declared")
        for side in SIDES:
            if side not in t.value:
                yield problem(t, "value", f"term {t.id!r} gives no value for {side.value}")
        for covered in t.covers.values():
            for other in covered:
                if other not in terms:
                    yield problem(
                        t,
                        "covers",
                        f"term {t.id!r} covers {other!r}, which is not a term{suggest(other, terms)}",
                    )
        yield from lint_relations(t, terms)
        yield from check_expr(t.available, names.readable, f"term {t.id!r}")
        for key in ("on_agree", "on_done", "on_broken"):
            yield from check_effects(getattr(t, key), names, f"{key} of term {t.id!r}")
        yield from check_sources(t, t.source, t.historical, s, f"term {t.id!r}")
    yield from _defies(s, terms)
    yield from _carries(s, n.terms, names)
    for c in n.channels:
        yield from check_expr(c.leak, names.readable, f"the leak chance of channel {c.id!r}")
        yield from check_expr(c.available, names.readable, f"channel {c.id!r}")
        if c.delay_hours < 0:
            yield problem(c, "delay_hours", f"channel {c.id!r} delivers before it is sent")
    for side in SIDES:
        if side not in n.reservation:
            yield problem(n, "reservation", f"no reservation value for {side.value}")
        if side not in n.templates:
            yield problem(n, "templates", f"no letter templates for {side.value}")
    for name, push in n.pressure.items():
        if name not in names.readable:
            yield problem(
                n,
                "pressure",
                f"pressure {name!r} is not a name conditions read{suggest(name, names.readable)}",
            )
        if not 0 <= push <= 1:
            yield problem(n, "pressure", f"pressure {name!r} pushes the clock by {push}, not between 0 and 1")
    for side, causes in n.reasons.items():
        # words for one of its deeds (a scenario built on another keeps the words of the deeds it dropped)
        deeds = {d.id for p in s.phases for d in p.decisions.get(side, ())} | s.retired
        for cause, texts in causes.items():
            if cause != "time" and cause not in n.pressure and cause not in MOTIVES and cause not in deeds:
                yield problem(
                    n,
                    "reasons",
                    f"reason {cause!r} for {side.value} is not a pressure or 'time' (nor a motive: "
                    f"{', '.join(MOTIVES)}; nor a deed){suggest(cause, [*n.pressure, 'time', *MOTIVES])}",
                )
            for text in texts:
                if _FIELD.search(text):
                    yield problem(
                        n, "reasons", f"reason {text[:30]!r}... has a {{blank}}; reasons are plain sentences"
                    )
    said = [
        " ".join(text.split())
        for book in (n.templates, n.reasons)
        for kinds in book.values()
        for texts in kinds.values()
        for text in texts
    ]
    for words in n.fits:
        if not any(words in text for text in said):
            yield problem(n, "fits", f"fits: {words!r} is in no template or reason (words as written there)")
    for words, kinds in n.voices.items():
        if not any(words in text for text in said):
            yield problem(n, "voices", f"voices: {words!r} is in no template (words as written there)")
        for kind in kinds:
            if kind not in n.personalities:
                known = ", ".join(sorted(n.personalities))
                yield problem(n, "voices", f"voices: {words!r} names {kind!r}, not a personality ({known})")
    yield from _voices_leave_words(n)
    yield from _lasting_reasons(s, n)
    for expr in n.reservation.values():
        yield from check_expr(expr, names.readable, "a reservation value")
    for side, intents in n.templates.items():
        for intent, texts in intents.items():
            if intent not in INTENTS:
                yield problem(
                    n,
                    "templates",
                    f"template intent {intent!r} for {side.value} is not one of "
                    f"{', '.join(INTENTS)}{suggest(intent, INTENTS)}",
                )
            for text in texts:
                for name in _FIELD.findall(text):
                    if name not in PLACEHOLDERS:
                        yield problem(
                            n,
                            "templates",
                            f"template {text[:30]!r}... uses {{{name}}}; allowed: {', '.join(PLACEHOLDERS)}",
                        )
        for intent in INTENTS:
            if not intents.get(intent):
                yield problem(n, "templates", f"{side.value} has no {intent!r} template")
    for name, p in n.personalities.items():
        if p.concession <= 0:
            yield problem(p, "concession", f"personality {name!r} needs a concession exponent above 0")
        if not 0 <= p.rivalry < 0.9:
            yield problem(
                p,
                "rivalry",
                f"personality {name!r}: rivalry {p.rivalry} is not from 0 to below 0.9 (no deal is struck)",
            )
        for field in ("hope", "dread", "leverage", "style", "fear"):
            if getattr(p, field) < 0:
                yield problem(p, field, f"personality {name!r}: {field} {getattr(p, field)} is below 0")
    letters = {letter.id for letter in n.letters}
    for letter in n.letters:
        what = f"real letter {letter.id!r}"
        if letter.channel not in channels:
            yield problem(
                letter,
                "channel",
                f"{what} goes by {letter.channel!r}, not a channel{suggest(letter.channel, channels)}",
            )
        if letter.answers and letter.answers not in letters:
            yield problem(
                letter,
                "answers",
                f"{what} answers {letter.answers!r}, not a letter{suggest(letter.answers, letters)}",
            )
        yield from _proposals(letter, "gives", letter.gives, terms, letter.sender, what)
        yield from _proposals(letter, "demands", letter.demands, terms, letter.sender.other, what)
        yield from check_sources(letter, letter.source, letter.historical, s, what)
    for pact in s.start.agreements:
        for offer in pact.terms:
            if offer.term not in terms:
                yield problem(
                    pact,
                    "terms",
                    f"the start's agreement names term {offer.term!r}, "
                    f"which does not exist{suggest(offer.term, terms)}",
                )
    for event in (*s.events, *(e for p in s.phases for e in p.events)):
        if event.party and event.party not in parties:
            yield problem(
                event,
                "party",
                f"event {event.id!r} belongs to {event.party!r}, not a party{suggest(event.party, parties)}",
            )
        for term in event.blocks:
            if term not in terms and term not in CHECK_KINDS:
                hint = suggest(term, [*terms, *sorted(CHECK_KINDS)])
                yield problem(
                    event,
                    "blocks",
                    f"event {event.id!r} blocks {term!r}, not a term or a kind of check{hint}",
                )


def lint_relations(t: Term, terms: dict[str, Term]) -> Iterator[Problem]:
    """`excludes`, `needs` and `alone_value`: names that are terms, and relations that make sense."""
    for key in ("excludes", "needs"):
        for other in getattr(t, key):
            if other == t.id:
                yield problem(t, key, f"term {t.id!r} {key} itself")
            elif other not in terms:
                yield problem(
                    t, key, f"term {t.id!r} {key} {other!r}, which is not a term{suggest(other, terms)}"
                )
    for other in sorted(set(t.excludes) & set(t.needs)):
        yield problem(t, "needs", f"term {t.id!r} both needs and excludes {other!r}")
    if t.alone_value and not t.needs:
        yield problem(t, "alone_value", f"term {t.id!r} has an alone_value but needs no other term")


def _proposals(
    letter: object, key: str, items: tuple[Offer, ...], terms: dict, giver: object, what: str
) -> Iterator[Problem]:
    for p in items:
        if p.term not in terms:
            yield problem(
                letter, key, f"{what} names term {p.term!r}, which does not exist{suggest(p.term, terms)}"
            )
        elif terms[p.term].giver != giver:
            yield problem(letter, key, f"{what} {key} {p.term!r}, which is the other side's to give")


def _defies(s: Scenario, terms: dict[str, Term]) -> Iterator[Problem]:
    """Each decision's `defies` and `offers` name terms its own side gives (a deed cannot break or
    give the other side's promise), its `asks` terms the other side gives, and what it gives
    `in_confidence` is among what it offers."""
    for phase in s.phases:
        for side, decisions in phase.decisions.items():
            for d in decisions:
                for key, giver in (("defies", side), ("offers", side), ("asks", side.other)):
                    for term in getattr(d, key):
                        t = terms.get(term)
                        if t is None:
                            yield problem(
                                d,
                                key,
                                f"decision {d.id!r} {_VERBS[key]} {term!r}, which is not a term"
                                f"{suggest(term, terms)}",
                            )
                        elif t.giver is not giver and key == "asks":
                            yield problem(
                                d,
                                key,
                                f"decision {d.id!r} asks for {term!r}, which is its own side's to give",
                            )
                        elif t.giver is not giver:
                            yield problem(
                                d,
                                key,
                                f"decision {d.id!r} is {side.value}'s, but {term!r} is "
                                f"{t.giver.value}'s to give",
                            )
                for term in d.reveals:
                    if term not in terms:
                        yield problem(
                            d,
                            "reveals",
                            f"decision {d.id!r} reveals {term!r}, which is not a term{suggest(term, terms)}",
                        )
                for term in d.in_confidence:
                    if term not in d.offers:
                        yield problem(
                            d,
                            "in_confidence",
                            f"decision {d.id!r} gives {term!r} in confidence but does not offer it",
                        )


def _carries(s: Scenario, terms: tuple[Term, ...], names: Names) -> Iterator[Problem]:
    """A decision that carries a term out (its effects set every flag the term's `on_done` sets)
    requires each flag the term both needs (`available`) and switches off: no quarantine lifted
    that was never proclaimed (playtest J3)."""
    for t in terms:
        done = {(e.name, e.value) for e in t.on_done if e.name in names.flags}
        ends = {name for name, value in done if not value}
        if t.available is None or not (ends & t.available.names):
            continue
        for phase in s.phases:
            for decisions in phase.decisions.values():
                for d in decisions:
                    if not done <= {(e.name, e.value) for e in d.effects}:
                        continue
                    read = d.requires.names if d.requires is not None else frozenset()
                    missing = sorted((ends & t.available.names) - read)
                    if missing:
                        yield problem(
                            d,
                            "requires",
                            f"decision {d.id!r} carries out {t.id!r}, but its `requires` does not read "
                            f"{', '.join(missing)}, which carrying it out switches off",
                        )


_VERBS = {"defies": "defies", "offers": "offers", "asks": "asks for"}


def _lasting_reasons(s: Scenario, n: Negotiation) -> Iterator[Problem]:
    """A reason for a pressure flag that no effect ever clears is said for the rest of the game once
    the flag is set (H9: the tanks at the Berlin sector line given as the reason a year later)."""
    books = (
        *(d.effects for p in s.phases for ds in p.decisions.values() for d in ds),
        *(e.effects for e in (*s.events, *(e for p in s.phases for e in p.events))),
        *(getattr(t, key) for t in n.terms for key in ("on_agree", "on_done", "on_broken")),
        *n.tone_effects.values(),
        *n.audience_cost.values(),
        *(i.effects for i in s.injects),
    )
    changes = [e for effects in books for e in effects]
    set_on = {e.name for e in changes if e.value is True} | set(s.start.flags)
    set_on |= {f.id for f in s.flags if f.start}
    lasting = set_on - {e.name for e in changes if e.value is False}  # set in this story, cleared nowhere
    flags = {f.id for f in s.flags}
    for side, causes in n.reasons.items():
        for cause in causes:
            if cause in n.pressure and cause in flags and cause in lasting:
                yield problem(
                    n,
                    "reasons",
                    f"reason {cause!r} for {side.value}: flag {cause!r} is never cleared, so its words are"
                    " said for the rest of the game once it is set (clear it when it stops being true)",
                )


def _voices_leave_words(n: Negotiation) -> Iterator[Problem]:
    """Every personality keeps a template for every shape of letter (what it names: what is given,
    what is asked, both) that the side's templates of an intent have: `voices:` must not leave one
    without words (a dove's proposal that only asks was written as no words at all)."""
    if not n.voices:
        return
    for side, intents in n.templates.items():
        for intent, texts in intents.items():
            shapes = {_shape(t) for t in texts}
            for kind in n.personalities:
                said = {
                    _shape(t)
                    for t in texts
                    if all(kind in kinds for words, kinds in n.voices.items() if words in t)
                }
                for shape in sorted(shapes - said, key=sorted):
                    named = " and ".join(f"{{{x}}}" for x in sorted(shape)) or "no terms"
                    yield problem(
                        n,
                        "voices",
                        f"voices: the {kind} has no {side.value} {intent!r} template naming {named} "
                        "(every other is another personality's voice)",
                    )


def _shape(template: str) -> frozenset[str]:
    """Which of {gives} and {demands} a template names."""
    return frozenset(x for x in ("gives", "demands") if f"{{{x}}}" in template)
