"""The scenario's frozen shape: its phases, decisions, events, endings and the rest, with lookups by id.

Its parts with a job of their own live beside it and are re-exported here: sides (game.sides), tracks
(game.tracks), hidden aims (game.aims), injects (game.injects), the narrow errors (game.errors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from game.aims import ChapterObjectives, Objective
from game.conditions import Env, Expr
from game.diplomacy import Negotiation, Offer, Phrases
from game.errors import CrisisError, IllegalMoveError, Problem, ScenarioError, StateError
from game.injects import MAX_INJECT_TEXT, Inject, InjectKind
from game.record import Record
from game.sides import SIDES, Effect, Effects, Side, Stance
from game.tracks import Escalation, HigherIs, Role, Thresholds, Track

# fmt: off
__all__ = [  # re-exported: part of the model, each kept in a module of its own job
    "SIDES", "Effect", "Effects", "Side", "Stance", "Escalation", "HigherIs", "Role", "Thresholds", "Track",
    "ChapterObjectives", "Objective", "Inject", "InjectKind", "MAX_INJECT_TEXT",
    "CrisisError", "IllegalMoveError", "Problem", "ScenarioError", "StateError",
]
# fmt: on


class Kind(StrEnum):
    """What sort of ending a game reached."""

    SETTLEMENT = "settlement"
    STANDOFF = "standoff"
    LIMITED_WAR = "limited-war"
    NUCLEAR_WAR = "nuclear-war"


class Fires(StrEnum):
    """When an event is considered: on entering its phase, or after every turn's moves."""

    ENTER = "enter"
    TURN = "turn"


# ---- the scenario -------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class DateRange(Record):
    """The first and last day of a span (a scenario, a phase)."""

    start: dt.date
    """First day."""
    end: dt.date
    """Last day."""


@dataclass(frozen=True, eq=False, repr=False)
class SideInfo(Record):
    """Who leads a side, and how the game names it."""

    leader: str
    """Full name, e.g. 'John F. Kennedy'."""
    country: str
    """e.g. 'United States'."""
    title: str = ""
    """e.g. 'President'."""
    short: str = ""
    """How the game names this side in one word, e.g. 'Kennedy'."""


@dataclass(frozen=True, eq=False, repr=False)
class Source(Record):
    """A document the scenario cites, by id."""

    id: str
    title: str
    """What the source is, as a citation."""
    author: str = ""
    url: str = ""
    notes: str = ""
    """Path (relative to the scenario file) of our seeds notes; their fact ids become
    citable as `<source id>.<fact id>`."""
    date: dt.date | None = None
    """When the document was written, spoken or sent (a letter, speech, memorandum)."""
    archive: bool = False
    """A whole archive, volume or collection: citing it alone names no document."""


@dataclass(frozen=True, eq=False, repr=False)
class Flag(Record):
    """A fact that is true or false in a game (set by effects, read by conditions)."""

    id: str
    description: str
    start: bool = False
    known_to: tuple[Side, ...] = SIDES
    """Sides that see this flag before `revealed_when` holds."""
    revealed_when: Expr | None = None
    """Once this holds, both sides see the flag."""


@dataclass(frozen=True, eq=False, repr=False)
class Advisor(Record):
    """One of a leader's advisors, who gives counsel."""

    id: str
    name: str
    role: str
    side: Side


@dataclass(frozen=True, eq=False, repr=False)
class Text(Record):
    """A passage of story, marked as what really happened or as the game's invention."""

    text: str
    historical: bool
    source: tuple[str, ...] = ()
    assumes: Expr | None = None
    """The facts the words take for granted ("the plan was to finish in secret": the missiles not yet
    announced nor found); the text is told only in a state where this holds. Absent: none."""
    variants: tuple[Text, ...] = ()
    """The same passage told where `assumes` does not hold: the first variant, in order, whose own
    `assumes` holds (or that has none) is told instead."""

    def told(self, env: Env) -> Text:
        """The passage as told in a state whose names read `env`: this text or the first variant
        that fits it (this text itself when none does; `crisis validate` reports that case)."""
        if self.assumes is None or self.assumes.fn(env):
            return self
        for v in self.variants:
            if v.assumes is None or v.assumes.fn(env):
                return v
        return self


@dataclass(frozen=True, eq=False, repr=False)
class Counsel(Record):
    """An advisor's recommendation of a decision, with the reason."""

    advisor: str
    """Advisor id."""
    recommends: str
    """Decision id."""
    reason: str
    historical: bool
    source: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Decision(Record):
    """An order a leader can give in a phase."""

    id: str
    label: str
    """A few words, imperative: 'Order the quarantine'."""
    description: str
    """What it means, in a sentence or two."""
    historical: bool
    """True when the text tells what a leader really did (then it cites a source)."""
    stance: Stance = Stance.MODERATE
    effects: Effects = ()
    requires: Expr | None = None
    """Open only while this holds."""
    once: bool = False
    """Can be taken only once in a game."""
    covert: bool = False
    """The other side does not learn of the move when the turn resolves."""
    defies: tuple[str, ...] = ()
    """Terms this decision goes against ("Keep the quarantine in place" defies `lift_quarantine`):
    taken while its side owes one of them, it breaks that promise."""
    offers: tuple[str, ...] = ()
    """Terms of its own side it gives, or says it gives ("Write to Kennedy: untie the knot" offers
    `withdraw_missiles`): the AI takes it only beside a word that gives them too."""
    asks: tuple[str, ...] = ()
    """Terms of the other side it asks for in return (the knot letter asks `no_invasion_pledge`)."""
    in_confidence: tuple[str, ...] = ()
    """Of its `offers`, those it gives only in secret (the Jupiters, through Robert Kennedy)."""
    reveals: tuple[str, ...] = ()
    """Terms, of either side, that it makes public (Moscow telling the world of Robert Kennedy's
    promise reveals `remove_jupiters`): taken while such a term stands agreed in confidence, it
    breaks that confidence, which a side that keeps its word does not do."""
    note: str = ""
    """What really happened at this point (shown after the decision)."""
    source: tuple[str, ...] = ()
    taken_on: tuple[dt.date, ...] = ()
    """The dates of the turns on which the leader really gave this order: history's one answer to
    'what was done on that date' (`game.engine.history`)."""


@dataclass(frozen=True, eq=False, repr=False)
class Event(Record):
    """Something that happens without either leader choosing it: news, an incident, a reaction."""

    id: str
    title: str
    text: str
    historical: bool
    fires: Fires = Fires.TURN
    when: Expr | None = None
    chance: Expr | None = None
    """Probability (0-1) each time `when` holds; may read the tracks. Absent: certain."""
    once: bool = True
    flash: bool = False
    """An alarm the player must not miss (an incident nobody ordered)."""
    effects: Effects = ()
    known_to: tuple[Side, ...] = SIDES
    party: str = ""
    """The third party whose reaction this is (Castro, U Thant, NATO...), if any."""
    blocks: tuple[str, ...] = ()
    """Terms whose verification this event blocks (Castro refusing inspection), and kinds of check
    (`un`, `aerial`) it bars for every promise checked that way, agreed before or after it."""
    source: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Transition(Record):
    """An edge of the phase graph: where a phase goes, and when."""

    to: str
    """A phase id, an ending id, or `end` (the first ending whose condition holds)."""
    when: Expr | None = None
    """Absent: at the phase's deadline (after its last turn)."""
    trigger: str = "advance"
    note: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Phase(Record):
    """A chapter of the crisis: its dates, each side's briefing and decisions, and where it leads."""

    id: str
    title: str
    dates: DateRange
    briefing: Mapping[Side, Text]
    decisions: Mapping[Side, tuple[Decision, ...]]
    transitions: tuple[Transition, ...]
    calendar: tuple[dt.date, ...] = ()
    """The dates of the phase's turns, in order; absent: every `step` days over `dates`."""
    step: int = 1
    """Days between turns when no calendar is given."""
    counsel: tuple[Counsel, ...] = ()
    events: tuple[Event, ...] = ()
    war: str = ""
    """A war chapter's risk in plain words, told of an order that may lead into it ("American bombs
    fall on the missile sites ..."): the player has never seen the chapter (G18)."""


@dataclass(frozen=True, eq=False, repr=False)
class Ending(Record):
    """How a game can end: its headline, its epilogue and each side's scores."""

    id: str
    headline: str
    epilogue: str
    kind: Kind
    historical: bool
    scores: Mapping[Side, Mapping[str, Expr]]
    """Per side, per axis: a number or an expression over the final tracks (0-10)."""
    when: Expr | None = None
    """For `to: end`: the first ending in file order whose condition holds is reached."""
    date: dt.date | None = None
    """The date a historical ending was reached in reality."""
    source: tuple[str, ...] = ()
    holds: Expr | None = None
    """What must be true of the final state for the headline and epilogue to be true (absent:
    always). The engine never ends a game on an ending whose `holds` is false."""
    variant_of: str = ""
    """The ending this one tells another way, where the terms differ (the pledge given in public,
    the Jupiters traded openly): a game sent to that ending reaches the first of its variants, in
    file order, whose `holds` is true, and the ending itself only when none is."""


@dataclass(frozen=True, eq=False, repr=False)
class Question(Record):
    """A discussion question for the debrief, offered when `when` holds at the end of a game."""

    id: str
    text: str
    when: Expr | None = None
    """Reads the final tracks, flags, taken decisions and fired events, the ending's id, and its kind
    as `settlement`, `standoff`, `limited_war` or `nuclear_war`. Absent: always asked."""
    source: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Start(Record):
    """Where a game begins: the phase, the date and the state before the first turn."""

    phase: str
    date: dt.date | None = None
    """Defaults to the phase's first calendar date."""
    tracks: Mapping[str, int] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    """Flags set at the start, beyond those whose `start` is true."""
    taken: tuple[str, ...] = ()
    """Decisions counted as already taken (the history before the start)."""
    fired: tuple[str, ...] = ()
    """Events counted as already fired."""
    agreements: tuple[Pact, ...] = ()
    """Agreements already in force (their `on_agree` effects are taken as already made)."""


@dataclass(frozen=True, eq=False, repr=False)
class Pact(Record):
    """An agreement made before the start: its date and its terms, each with its modifiers."""

    date: dt.date
    terms: tuple[Offer, ...]
    note: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Claim(Record):
    """Words an ending may say only where a fact holds at the end ('nuclear war': the missiles flew),
    checked against each ending's `holds` at load and against played games' final states."""

    pattern: str
    """A regular expression (case-insensitive) over the ending's headline and epilogue."""
    fact: Expr
    """What the words assert, in the condition language."""
    says: str
    """The fact in plain words, for the message."""


@dataclass(frozen=True, eq=False)
class Scenario:
    """A whole scenario, checked and frozen: what the engine plays."""

    id: str
    title: str
    summary: str
    dates: DateRange
    sides: Mapping[Side, SideInfo]
    sources: tuple[Source, ...]
    tracks: tuple[Track, ...]
    phases: tuple[Phase, ...]
    endings: tuple[Ending, ...]
    start: Start
    format: int = 1
    flags: tuple[Flag, ...] = ()
    advisors: tuple[Advisor, ...] = ()
    axes: Mapping[str, str] = field(
        default_factory=lambda: {
            "survival": "Survival",
            "security": "Security",
            "prestige": "Prestige",
            "history": "Closeness to history",
        }
    )
    """Score axes: id -> label."""
    events: tuple[Event, ...] = ()
    """Events considered in every phase (after the phase's own)."""
    interrupts: tuple[Transition, ...] = ()
    """Transitions checked in every phase, before the phase's own."""
    questions: tuple[Question, ...] = ()
    """Discussion questions for the debrief, each chosen by the game's choices."""
    injects: tuple[Inject, ...] = ()
    """The facilitator's catalogue of news, intelligence, rumours and events for a class."""
    negotiation: Negotiation | None = None
    """Terms, channels, parties and personalities for letters across the table."""
    escalation: Escalation | None = None
    """Which track counts each side's own escalation (see `Escalation`)."""
    claims: tuple[Claim, ...] = ()
    """What endings' words may claim only where it is so (see `Claim`)."""
    objectives: tuple[ChapterObjectives, ...] = ()
    """Hidden aims per chapter and side (see `Objective`): drawn only in games played with them on."""
    phrases: Phrases | None = None
    """How letters in a player's own words name the terms (read by `game.reader`)."""
    retired: frozenset[str] = frozenset()
    """Ids of decisions and events in phases that a scenario built on another dropped: a start's
    history and conditions may still name them."""
    citations: frozenset[str] = frozenset()
    """Every citable id: source ids and `<source>.<fact>` ids from seeds notes."""
    path: str = ""
    """The file it was loaded from."""
    files: tuple[str, ...] = ()
    """The file it was loaded from, then each file it extends, in that order (resolved paths)."""

    def phase(self, phase_id: str) -> Phase:
        return self._phases[phase_id]

    def ending(self, ending_id: str) -> Ending:
        return self._endings[ending_id]

    def is_ending(self, node_id: str) -> bool:
        return node_id in self._endings

    def headline(self, ending_id: str) -> str:
        """An ending in the scenario's words, its headline, not its id (J14); an id it lacks, as it is."""
        return self._endings[ending_id].headline if ending_id in self._endings else ending_id

    def decision(self, decision_id: str) -> Decision:
        return self._decisions[decision_id]

    def event(self, event_id: str) -> Event:
        return self._events[event_id]

    def track(self, track_id: str) -> Track:
        return self._tracks[track_id]

    def with_role(self, role: Role) -> Track | None:
        """The track that plays `role`, if the scenario has one."""
        return self._roles.get(role)

    @property
    def risk(self) -> Track:
        """The risk of war: the track whose role is `risk` (`crisis validate` makes sure there is one)."""
        track = self._roles.get(Role.RISK)
        if track is None:
            raise CrisisError(f"scenario {self.id!r} has no track whose role is 'risk'")
        return track

    def who(self, side: Side) -> str:
        """A side's short name ('Kennedy'), else its id."""
        return self.sides[side].short or side.value

    def leader(self, side: Side) -> str:
        """The one-word name of a side ('Kennedy'), else its leader's name, else its id in capitals."""
        info = self.sides.get(side)
        return (info.short or info.leader) if info else side.value.title()

    def term_label(self, term: str) -> str:
        """The negotiation's label for a term, or its id if there is none."""
        try:
            return self.negotiation.term(term).label if self.negotiation else term
        except KeyError:
            return term

    @property
    def historical_ending(self) -> Ending:
        return next(e for e in self.endings if e.historical)

    # Indexes by id, made on first use (cached_property writes the instance's __dict__, which a frozen
    # dataclass allows; they are not fields, so equality, repr and replace() ignore them).

    @cached_property
    def _phases(self) -> dict[str, Phase]:
        return {p.id: p for p in self.phases}

    @cached_property
    def _endings(self) -> dict[str, Ending]:
        return {e.id: e for e in self.endings}

    @cached_property
    def _tracks(self) -> dict[str, Track]:
        return {t.id: t for t in self.tracks}

    @cached_property
    def _roles(self) -> dict[Role, Track]:
        return {t.role: t for t in reversed(self.tracks) if t.role is not None}  # the first, if two

    @cached_property
    def _events(self) -> dict[str, Event]:
        return {e.id: e for e in (*self.events, *(e for p in self.phases for e in p.events))}

    def inject(self, inject_id: str) -> Inject:
        return self._injects[inject_id]

    @cached_property
    def _injects(self) -> dict[str, Inject]:
        return {i.id: i for i in self.injects}

    @cached_property
    def _decisions(self) -> dict[str, Decision]:
        return {d.id: d for p in self.phases for side in SIDES for d in p.decisions.get(side, ())}
