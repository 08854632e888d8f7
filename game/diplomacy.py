"""The scenario's negotiation: terms, channels, parties, personalities, templates, real letters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from game.conditions import Expr
from game.record import Record
from game.sides import SIDES, Effects, Side, Stance


class Tone(StrEnum):
    CONCILIATORY = "conciliatory"
    FIRM = "firm"
    THREATENING = "threatening"


class Timing(StrEnum):
    """When a promised term is to be carried out."""

    NOW = "now"
    """Within a few days."""
    DAYS = "days"
    """Within a stated number of days."""
    LATER = "later"
    """Some time later, no date given ("not now but later")."""


class Verification(StrEnum):
    NONE = "none"
    AERIAL = "aerial"
    UN = "un"


CHECK_KINDS = frozenset(v.value for v in Verification if v is not Verification.NONE)
"""The kinds of check an event's `blocks:` may name beside terms ('un': no UN inspector at all)."""


class Fit(StrEnum):
    """What must hold of a letter for some words to fit it (the scenario's `fits:`)."""

    OFFERS = "offers"
    """The letter gives terms."""
    UNCHANGED = "unchanged"
    """It gives the very terms the side's last letter gave (there was a last letter)."""
    MOVED = "moved"
    """It gives a term the side's last letter did not (there was a last letter)."""
    LATER = "later"
    """The side has written at least two letters before it."""


class Answer(StrEnum):
    """What a letter does with the letter it replies to."""

    ACCEPT = "accept"
    COUNTER = "counter"
    REJECT = "reject"


@dataclass(frozen=True, eq=False, repr=False)
class Term(Record):
    """Something one side can promise the other in a deal."""

    id: str
    label: str
    """What is promised, e.g. 'Remove the missiles from Cuba'."""
    giver: Side
    """The side that carries it out."""
    phrase: str
    """How a letter names it: 'remove the weapons you describe as offensive'."""
    value: Mapping[Side, int]
    """What it is worth to each side (the giver's value is usually negative)."""
    public_value: Mapping[Side, int] = field(default_factory=dict)
    """Added to `value` when the term is given in public."""
    later_value: Mapping[Side, int] = field(default_factory=dict)
    """Added when it is to be done 'later', with no date."""
    verification_value: Mapping[Verification, Mapping[Side, int]] = field(default_factory=dict)
    """Added for each kind of verification."""
    days: int = 30
    """Days to carry it out when the timing is 'days' and no number is given."""
    available: Expr | None = None
    """The term can be offered or demanded only while this holds."""
    on_agree: Effects = ()
    on_done: Effects = ()
    on_broken: Effects = ()
    covers: Mapping[Side, tuple[str, ...]] = field(default_factory=dict)
    """Terms a side holds this one also to include (a reading the other may not share)."""
    verifiable: bool = True
    public_only: bool = False
    """It cannot be done in secret (a treaty, lifting a blockade)."""
    excludes: tuple[str, ...] = ()
    """Terms that cannot stand in one proposal with this one (the relation holds both ways)."""
    needs: tuple[str, ...] = ()
    """Terms that give this one its worth: without one of them in the same deal, or agreed already,
    the term is worth only `alone_value`."""
    alone_value: Mapping[Side, int] = field(default_factory=dict)
    """What the term is worth to each side without any of `needs` (in place of `value`)."""
    historical: bool = False
    description: str = ""
    source: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Channel(Record):
    """A way letters go between the leaders (public or private, and how fast)."""

    id: str
    label: str
    public: bool
    """A public letter is heard by the world and commits its sender."""
    delay_hours: int
    """From sending to reading."""
    leak: Expr | None = None
    """Chance each turn that a secret term sent this way becomes public."""
    available: Expr | None = None
    sides: tuple[Side, ...] = SIDES
    description: str = ""
    by: str = ""
    """How a letter is said to go this way, after its tone: 'by private letter', 'through Robert
    Kennedy and Dobrynin' (absent: 'through' and the label)."""

    @property
    def way(self) -> str:
        return self.by or f"through {self.label}"


@dataclass(frozen=True, eq=False, repr=False)
class Party(Record):
    """A third party to the crisis (Castro, U Thant, NATO...)."""

    id: str
    name: str
    role: str
    red_lines: str
    """What this party will not accept, in a sentence or two."""


@dataclass(frozen=True, eq=False, repr=False)
class Personality(Record):
    """How a computer opponent negotiates: how soon it concedes, what it favours."""

    label: str
    concession: float
    """The aspiration curve's exponent: below 1 concedes late (boulware), 1 linearly, above 1 early."""
    stances: Mapping[Stance, float]
    """How much this personality favours each stance of decision."""
    patience: float = 0.5
    """Below this share of the phase left, a deal at the reservation value is taken."""
    escalates: bool = False
    """Answers an insulting offer with a threat."""
    complies: bool = True
    """Carries out its obligations on time (a hawk may drag its feet)."""
    anchors_high: bool = False
    """Hopes for everything at once, rather than for the best deal the other side could accept."""
    fear: float = 1.0
    """How much the risk of war weighs in its look-ahead: below 1 it gambles, above 1 it shies."""
    bluffs: float = 0.0
    """Chance each turn that it threatens without a deed to match, or quietly breaks a secret promise."""
    rivalry: float = 0.8
    """How much the other side's score counts against its own in the look-ahead (0: not at all; at
    1 a settlement looks no better than a war, and no deal is ever struck)."""
    hope: float = 4.0
    """How much more than going on an ending must be worth at the very start of the crisis."""
    dread: float = 10.0
    """What starting a war this very turn costs it beyond the war's own scores (times `fear`)."""
    leverage: float = 35.0
    """What pressure its own deed puts on the crisis's clock is worth to it, per unit of pressure."""
    style: float = 1.5
    """How much its taste in deeds (`stances`) weighs beside the look-ahead."""
    description: str = ""


@dataclass(frozen=True)
class Offer:
    """One term with its modifiers, as a letter gives or demands it (a real one or the game's).

    Its own generated == and hash, not `Record`'s: the AI hashes offers (its model of the other side,
    its bundles) thousands of times a game, where the generated ones are faster."""

    term: str
    public: bool = True
    timing: Timing = Timing.NOW
    days: int = 0
    """For timing 'days': how many (0: the term's own default)."""
    verification: Verification = Verification.NONE


@dataclass(frozen=True, eq=False, repr=False)
class RealLetter(Record):
    """A letter or message sent in the real crisis, dated and attributed."""

    id: str
    date: dt.date
    sender: Side
    channel: str
    title: str
    summary: str
    """What it said and proposed, in our words."""
    historical: bool
    tone: Tone = Tone.FIRM
    gives: tuple[Offer, ...] = ()
    demands: tuple[Offer, ...] = ()
    answers: str = ""
    """Id of the real letter it answers."""
    answer: Answer | None = None
    quote: str = ""
    """A brief quotation, attributed by `sender` and `date`."""
    source: tuple[str, ...] = ()


CLASHES = 4096
"""How many sets of terms `Negotiation.clash` remembers before it starts again."""


@dataclass(frozen=True, eq=False, repr=False)
class Negotiation(Record):
    """The scenario's diplomacy: its channels, terms, reservation values and letter words."""

    channels: tuple[Channel, ...]
    terms: tuple[Term, ...]
    reservation: Mapping[Side, Expr]
    """What no deal is worth to each side now; may read the tracks and `time_left` (1 to 0)."""
    templates: Mapping[Side, Mapping[str, tuple[str, ...]]]
    """Per side, per intent (propose, accept, counter, reject, threaten), letter openings and
    closings with {to}, {from}, {gives}, {demands}, {date} to fill in."""
    personalities: Mapping[str, Personality] = field(default_factory=dict)
    parties: tuple[Party, ...] = ()
    letters: tuple[RealLetter, ...] = ()
    tone_effects: Mapping[Tone, Effects] = field(default_factory=dict)
    """What a letter's tone does to the tracks when it is read."""
    audience_cost: Mapping[Side, Effects] = field(default_factory=dict)
    """Applied to a side that breaks a term it gave in public (or that leaked)."""
    breach_cost: Mapping[Side, Effects] = field(default_factory=dict)
    """Applied to a side that breaks any term it gave."""
    pressure: Mapping[str, float] = field(default_factory=dict)
    """What moves the negotiators' one clock over the crisis on, beyond the calendar: a condition
    (a flag, an event, a term's state) and how far it pushes the clock while it holds (0-1)."""
    offers_stand: int = 0
    """How many turns a proposal stands once it has arrived: after that it has lapsed and can no
    longer be accepted (0: it stands for the whole crisis)."""
    reasons: Mapping[Side, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    """Per side, per cause (a `pressure` name, or `time`): sentences a letter gives as its reason
    for conceding."""
    fits: Mapping[str, tuple[Fit, ...]] = field(default_factory=dict)
    """Words of a template or a reason (as written there) -> what must hold of a letter for them
    to be said in it; the writer never says them otherwise (playtest N2)."""
    voices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Words of a template (as written there) -> the personalities (`personalities` ids) whose
    voice they are: only those say them, and each prefers its own (playtest N6: the hawk's and the
    dove's first letters were word for word the same)."""

    def term(self, term_id: str) -> Term:
        return self._terms[term_id]

    def clash(self, terms: Iterable[str]) -> tuple[str, str] | None:
        """Two of `terms` that cannot share a proposal, or None (remembered per set of terms: the
        negotiators ask it of every letter and bundle)."""
        key = frozenset(terms)
        memo = self._clashes
        if key in memo:
            return memo[key]
        if len(memo) >= CLASHES:
            memo.clear()
        found = memo[key] = self._clash(key)
        return found

    def _clash(self, terms: frozenset[str]) -> tuple[str, str] | None:
        chosen = sorted(t for t in terms if t in self._terms)
        for i, a in enumerate(chosen):
            for b in chosen[i + 1 :]:
                if b in self._terms[a].excludes or a in self._terms[b].excludes:
                    return a, b
        return None

    @cached_property
    def _clashes(self) -> dict[frozenset[str], tuple[str, str] | None]:
        return {}

    def channel(self, channel_id: str) -> Channel:
        return self._channels[channel_id]

    def channel_or_none(self, channel_id: str) -> Channel | None:
        return self._channels.get(channel_id)

    @cached_property
    def _terms(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    @cached_property
    def _channels(self) -> dict[str, Channel]:
        return {c.id: c for c in self.channels}


class Cue(StrEnum):
    """What a phrase in a letter's own words says about its terms (the scenario's `phrases: cues`)."""

    GIVE = "give"
    """The writer undertakes something ("we will", "we are ready to")."""
    ASK = "ask"
    """The writer asks it of the other side ("you must", "we ask that")."""
    PUBLIC = "public"
    SECRET = "secret"
    NOW = "now"
    LATER = "later"
    DAYS = "days"
    """Opens a number of days, weeks or months ("within" thirty days)."""
    UN = "un"
    AERIAL = "aerial"
    NEGATION = "negation"
    REFUSAL = "refusal"
    """Said after a term, refuses it ("the Jupiter question is closed")."""
    CONDITION = "condition"
    """Opens a condition ("if", "provided that"): a 'not' inside it does not withdraw a term."""
    ACCEPT = "accept"
    REJECT = "reject"
    THREATENING = "threatening"
    CONCILIATORY = "conciliatory"


@dataclass(frozen=True, eq=False, repr=False)
class Phrases(Record):
    """How a letter in a player's own words names the terms and their modifiers."""

    terms: Mapping[str, tuple[str, ...]]
    """Per term id, the phrases and synonyms that name it (its `phrase` counts too)."""
    cues: Mapping[Cue, tuple[str, ...]] = field(default_factory=dict)
    """Per modifier, the words that say it."""
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per word, others that mean the same in a letter ('missiles': rockets)."""
    channels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per channel id, the words that say a letter goes that way ('through your ambassador')."""


TERM_STATES = (
    "offered",
    "agreed",
    "public",
    "secret",
    "later",
    "dated",
    "verified",
    "un_checked",
    "done",
    "broken",
    "blocked",
    "disputed",
)
"""Each term `t` gives conditions the names `t_offered`, `t_agreed`, ... (see the scenario README)."""


def term_names(negotiation: Negotiation | None) -> set[str]:
    """The names the negotiation adds to what conditions may read."""
    if negotiation is None:
        return set()
    return {f"{t.id}_{s}" for t in negotiation.terms for s in TERM_STATES} | {"time_left"}
