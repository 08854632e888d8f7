"""Continuity: no chapter card, briefing or report tells the player a fact the game has made untrue.

Two checks, both reported by `crisis validate`:

- *Declared facts against the states a text is shown in.* A briefing may declare the facts its words
  take for granted (`assumes:`) and give `variants:` told where they do not hold; an event's `when`
  and a decision's `requires` are what their texts may take for granted. `crisis validate` plays the
  scenario's paths (`game/analysis/continuity.py`: every policy pair, seeded and bounded) and hands
  every text shown, with the state it is shown in, to `check`: a briefing none of whose variants fits
  that state, or a text whose words name a fact (the LEXICON) false in that state, is a finding.
- *Words that name a fact without declaring it* (`undeclared`, no play needed): a text whose words
  match the LEXICON while its own condition reads none of the names the fact is made of.
- *Texts shown before their day* (G10): words of the LEXICON with a `since` day ("the Party
  Congress") said on an earlier turn, and news whose text opens with a day later than the day it is
  reported on (`dateline`).

The LEXICON is a short list of phrases that assert something about the game's present state (the plan
"to finish in secret", "the missiles are coming out", "the quarantine stays"), each with the fact it
asserts in the scenario's condition language. A phrase whose fact names something a scenario does not
declare is left out for that scenario, so the list serves any scenario built on the campaign.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from game.conditions import Env, Expr, parse
from game.diplomacy import term_names
from game.model import SIDES, Decision, Ending, Event, Problem, Scenario, Side, Text
from game.scenario.checks import Names, check_expr, check_sources, problem


@dataclass(frozen=True)
class Word:
    """Words that assert a fact about the state the text is shown in."""

    pattern: str
    """A regular expression (case-insensitive) over the text, its lines joined."""
    fact: str
    """What the words assert, in the condition language."""
    says: str
    """The fact in plain words, for the message."""
    since: str = ""
    """The day (ISO) before which the words name something that had not yet happened ('' none):
    a text saying them is not to be shown on an earlier date, whatever the state (G10)."""


_QUARANTINE_STAYS = (
    r"\bthe quarantine stays\b|\bkeeps? the American ships on the line\b|\bkeeps? the quarantine in place\b"
)
"""Words that say the quarantine holds: it is in force, and no agreement has a day to lift it (B8)."""
_QUARANTINE_STAYED = r"\bthe quarantine stayed\b|\bthe quarantine went on\b"
"""Words that say, looking back from the end, that the quarantine was never lifted."""

LEXICON: tuple[Word, ...] = (
    Word(
        r"\bfinish in secret\b|\bbefore the secret is out\b|\bthe secret must hold\b"
        r"|\bmakes the secret harder\b|\bdoubt that Moscow would ever risk offensive missiles\b"
        r"|\bso that nobody guesses\b|\breveal the missiles\b|\bhear about the missiles\b",  # H6
        "not deployment_announced",
        "the deployment is still a secret (Moscow has not announced it)",
    ),
    Word(
        r"\bbrings you the\s+news\b",
        "u2_photographs",
        "the missiles have just been found, by the U-2 flight of October 14",
    ),
    Word(
        r"\bthe film from Sunday's U-2 flight\b",
        "u2_photographs or not (early_discovery or cargo_spotted or open_sites_photographed)",
        "the missiles were found as they were in history, not earlier",
    ),
    Word(
        r"\bmissiles are on the island\b|\bsites are rising\b|\bsites in Cuba are still being finished\b",
        "missiles >= 2 and not missiles_withdrawn",
        "the missiles are ashore in Cuba and have not been given up",
    ),
    Word(
        r"\bthe missiles are coming out\b|\byou have given up the missiles\b|\bthe missiles are going\b",
        "missiles_withdrawn",
        "Moscow has agreed to take the missiles out",
    ),
    Word(
        r"\bpromise in return: no invasion\b",
        "no_invasion_pledge",
        "Washington has pledged not to invade Cuba",
    ),
    Word(
        r"\bin secret,\s+the Jupiters\b|\bpromise on the Jupiters\b|\bJupiters were traded only in secret\b",
        "turkey_secret and not turkey_public",
        "the Jupiters were promised in secret",
    ),
    Word(
        r"\bseen and verified\b",
        "accept_broadcast or withdraw_missiles_verified or withdraw_missiles_blocked"
        " or not withdraw_missiles_agreed",
        "the removal of the missiles was accepted on the radio on the President's terms, or agreed with"
        " its verification (kept, or barred by Castro), or not by letter at all (N7)",
    ),
    Word(
        r"\b(?:learns?|learned|hears?|heard)\b[^.]*?\b(?:from|on) the radio\b",
        "accept_broadcast or turkey_public",
        "the bargain went out on the radio: Moscow accepted by broadcast, or it was struck in the open (N18)",
    ),
    Word(
        r"\bgot nothing for them\b|\bnothing in return\b",
        "not (no_invasion_pledge or turkey_secret or turkey_public or lift_quarantine_agreed"
        " or stop_exile_raids_agreed or stop_overflights_agreed or reciprocal_inspection_agreed)",
        "Moscow was given nothing, by agreement or by deed, for its missiles",
    ),
    Word(
        r"\bNothing about the American missiles in Turkey\b",
        "not turkey_secret and not turkey_public and not remove_jupiters_agreed",
        "no promise on the Jupiters stands",
    ),
    Word(
        r"\bNo pledge against invasion was given\b",
        "not no_invasion_pledge",
        "Washington has given no pledge not to invade",
    ),
    Word(
        _QUARANTINE_STAYS,
        "quarantine_on and not quarantine_lifted",
        "the quarantine is in force",
    ),
    Word(
        _QUARANTINE_STAYED,
        "quarantine_on and not quarantine_lifted",
        "the quarantine was still in force at the end",
    ),
    Word(
        _QUARANTINE_STAYS,
        "not lift_quarantine_dated",
        "no agreement has set a day to lift the quarantine",
    ),
    Word(
        r"\bcalls? the quarantine piracy\b|\bsuspend the arms shipments and the quarantine\b"
        r"|\bthe quarantine has turned into a fight\b",
        "quarantine_on",
        "the quarantine is in force",
    ),
    Word(
        r"\bFriday night's letter\b|\bLast night's letter\b",
        "knot_of_war_letter",
        "Khrushchev wrote to Kennedy on Friday night, offering the missiles for a pledge",
    ),
    Word(
        r"\ba quarantine on offensive\s+weapons\b|\ba blockade, not a landing\b",
        "blockade_decided or quarantine_on",
        "Kennedy has chosen the quarantine",
    ),
    Word(
        r"\byou have had an idea: put Soviet rockets in Cuba\b",
        "not anadyr",
        "the missiles for Cuba are still only an idea",
    ),
    Word(
        r"\byour deadline stands\b|\bhe will sign his German\s+treaty by the end of the year\b",
        "aide_memoire",
        "Khrushchev has set his six-month deadline on Berlin",
    ),
    Word(
        r"\bthe strike has gone in\b|\bAmerican bombers have struck Cuba\b",
        "air_strike",
        "American aircraft have struck Cuba",
    ),
    Word(
        r"\bthe landings have begun\b|\bthe Americans have landed\b",
        "invasion",
        "American forces have landed in Cuba",
    ),
    Word(
        r"\bIL-28 jet bombers\b.*\bare still in Cuba\b|\bthe IL-28 bombers are next\b",
        "not il28_withdrawn",
        "the IL-28 bombers have not been given up",
    ),
    Word(
        r"\bthe Americans do\s+not know it\b|\bweapons no one has told you about\b",
        "not tactical_nuclear_use",
        "no nuclear weapon has yet been fired in Cuba",
    ),
    Word(
        r"\bevery day ashore costs\b",
        "not ceasefire",
        "the fighting goes on",
    ),
    Word(
        r"\bMoscow has said nothing yet\b|\bThe marshals want an answer\b",
        "not jupiters_struck and not berlin_fighting",
        "Moscow has not struck back",
    ),
    Word(
        r"\bthe wall\b|\bthe wire\b",
        "berlin_wall",
        "the sector border in Berlin has been sealed",
    ),
    Word(
        r"\bParty Congress\b",
        "true",
        "the 22nd Party Congress has met (it opened on October 17, 1961)",
        since="1961-10-17",
    ),
    Word(
        r"\bat the checkpoint\b|\bCheckpoint Charlie\b|\bFriedrichstrasse\b",
        "berlin_wall",
        "the wall stands and the stand-off at Checkpoint Charlie has begun (October 22, 1961)",
        since="1961-10-22",
    ),
)


@dataclass(frozen=True)
class Sighting:
    """A text as one side read it, and the state it was read in."""

    obj: Text | Event | Decision | Ending
    """What was shown: the briefing (as told), the event, the decision or the ending's epilogue."""
    what: str
    """Names it for a message: "the kennedy briefing of phase 'excomm'"."""
    text: str
    env: Env
    """The state it is shown in, as conditions read it."""
    where: str
    """The game and turn that showed it (for the message)."""
    date: str = ""
    """The day (ISO) it is shown on: the turn's, or the report's for an event ('' not known)."""


@cache
def lexicon(names: frozenset[str]) -> tuple[tuple[Word, re.Pattern[str], Expr], ...]:
    """The LEXICON entries whose facts read only `names`, compiled."""
    out = []
    for w in LEXICON:
        fact = parse(w.fact)
        if fact.names <= names:
            out.append((w, re.compile(w.pattern, re.IGNORECASE | re.DOTALL), fact))
    return tuple(out)


def readable(s: Scenario) -> frozenset[str]:
    """Every name a condition of `s` may read."""
    names = {t.id for t in s.tracks} | {f.id for f in s.flags} | set(s.retired)
    for phase in s.phases:
        names |= {d.id for side in SIDES for d in phase.decisions.get(side, ())}
        names |= {e.id for e in phase.events}
    names |= {e.id for e in s.events}
    return frozenset(names | term_names(s.negotiation) | {"turn", "phase_turn", "deadline"})


def check(s: Scenario, shown: Iterable[Sighting]) -> list[Problem]:
    """Each text shown in a state that contradicts it: once per text and fact, with the first game
    that showed it."""
    words = lexicon(readable(s))
    found: dict[tuple[int, str], Problem] = {}
    matches: dict[int, list[tuple[Word, re.Match[str], Expr]]] = {}
    for seen in shown:
        if isinstance(seen.obj, Text) and seen.obj.assumes is not None and not seen.obj.assumes(seen.env):
            key = (id(seen.obj), "assumes")
            if key not in found:
                found[key] = problem(
                    seen.obj,
                    "assumes",
                    f"{seen.what} assumes {seen.obj.assumes.source!r}, which is false in {seen.where}, and"
                    " no variant fits that state: add one",
                )
        said = matches.get(id(seen.obj))
        if said is None:  # each text's words are read once, however often it is shown
            flat = " ".join(seen.text.split())
            found_words = [(w, regex.search(flat), fact) for w, regex, fact in words]
            said = matches[id(seen.obj)] = [(w, m, fact) for w, m, fact in found_words if m is not None]
        for w, match, fact in said:
            early = bool(w.since and seen.date and seen.date < w.since)
            if not early and fact(seen.env):
                continue
            key = (id(seen.obj), w.pattern)
            if key not in found:
                why = (
                    f"{seen.where} is before {w.since}; require a later turn"
                    if early
                    else f"in {seen.where} that is false ({w.fact!r}); declare it and give a variant"
                    " where it does not hold"
                )
                found[key] = problem(
                    seen.obj,
                    _KEYS.get(type(seen.obj), ""),
                    f"{seen.what} says {match.group(0)!r} ({w.says}), but {why}",
                )
        told = dateline(seen.text, seen.date) if isinstance(seen.obj, Event) and seen.date else None
        if told is not None and told.isoformat() > seen.date and (id(seen.obj), "dateline") not in found:
            found[(id(seen.obj), "dateline")] = problem(
                seen.obj,
                "text",
                f"{seen.what} is news of {told.isoformat()}, but {seen.where} reports it on {seen.date}:"
                " let it fire on a turn dated on or after its day",
            )
    return sorted(found.values())


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATELINE = re.compile(rf"\s*({'|'.join(_MONTHS)}) (\d{{1,2}})(?:, (\d{{4}}))?\.")


def dateline(text: str, shown: str) -> dt.date | None:
    """The day a news item's text opens with ("October 21, 1961." or "August 24.", a day without its
    year read in the year of `shown`, the ISO day it is shown on), or None if it opens with none."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    year = int(m.group(3) or shown[:4])
    return dt.date(year, _MONTHS.index(m.group(1)) + 1, int(m.group(2)))


def undeclared(s: Scenario) -> list[Problem]:
    """Texts whose words name a fact of the LEXICON while their own condition reads none of its names."""
    words = lexicon(readable(s))
    out = []
    for obj, what, text, names in texts(s):
        flat = " ".join(text.split())
        for w, regex, fact in words:
            match = regex.search(flat)
            if match is not None and fact.names and not (fact.names & names):
                key = _DECLARES[type(obj)]
                out.append(
                    problem(
                        obj,
                        _KEYS.get(type(obj), ""),
                        f"{what} says {match.group(0)!r} ({w.says}) but its {key!r} does not declare it"
                        f" ({w.fact!r})",
                    )
                )
    return sorted(set(out))


def texts(s: Scenario) -> Iterator[tuple[Text | Event | Decision | Ending, str, str, frozenset[str]]]:
    """Every chapter briefing (each variant with what it and the texts before it declare), event and
    decision description and ending's epilogue, with the names its condition reads (what it may take
    for granted: an ending's `holds`)."""
    for phase in s.phases:
        for side, brief in phase.briefing.items():
            what = f"the {side.value} briefing of phase {phase.id!r}"
            chain = (brief, *brief.variants)
            for i, t in enumerate(chain):
                names = frozenset(n for t2 in chain[: i + 1] if t2.assumes for n in t2.assumes.names)
                yield t, what if i == 0 else f"variant {i} of {what}", t.text, names
        for side in SIDES:
            for d in phase.decisions.get(side, ()):
                yield d, f"decision {d.id!r}", d.description, _names(d.requires)
        for e in phase.events:
            yield e, f"event {e.id!r}", e.text, _names(e.when)
    for e in s.events:
        yield e, f"event {e.id!r}", e.text, _names(e.when)
    for end in s.endings:
        yield end, f"the epilogue of ending {end.id!r}", end.epilogue, _names(end.holds)


_DECLARES = {Text: "assumes", Event: "when", Decision: "requires", Ending: "holds"}
_KEYS = {Text: "text", Ending: "epilogue"}
"""The field a finding points at (the line its words are on), where it is not the object's own."""


def _names(expr: Expr | None) -> frozenset[str]:
    return expr.names if expr is not None else frozenset()


def briefing_label(phase: str, side: Side, brief: Text, told: Text) -> str:
    """Names the passage `told` of a chapter's briefing for a message."""
    what = f"the {side.value} briefing of phase {phase!r}"
    index = next((i for i, v in enumerate(brief.variants, 1) if v is told), 0)
    return f"variant {index} of {what}" if index else what


def lint_briefings(s: Scenario, names: Names) -> Iterator[Problem]:
    """Load-time checks of the briefings' variants: declared names, citations, and a variant that
    can be told (only the last may leave out `assumes`)."""
    for phase in s.phases:
        for side, brief in phase.briefing.items():
            what = f"the {side.value} briefing of phase {phase.id!r}"
            for i, t in enumerate((brief, *brief.variants)):
                label = what if i == 0 else f"variant {i} of {what}"
                yield from check_expr(t.assumes, names.readable, f"what {label} assumes")
                if i:
                    yield from check_sources(t, t.source, t.historical, s, label)
                if t.variants and i:
                    message = f"{label} has variants of its own: list them all under the briefing"
                    yield problem(t, "variants", message)
            if brief.variants and brief.assumes is None:
                yield problem(
                    brief, "variants", f"{what} has variants but no 'assumes': they would never be told"
                )
            for i, v in enumerate(brief.variants[:-1], 1):
                if v.assumes is None:
                    message = f"variant {i} of {what} has no 'assumes': the variants after it are never told"
                    yield problem(v, "assumes", message)
