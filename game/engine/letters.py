"""Letters, agreements and obligations as plain values (game.schema gives their JSON form)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from game.diplomacy import Answer, Negotiation, Offer, Timing, Tone, Verification

__all__ = ["Offer"]  # re-exported: letters are made of offers
from game.sides import Side


@dataclass(frozen=True)
class Letter:
    """What a side writes with its move: a channel, a tone, a proposal, and words."""

    channel: str
    tone: Tone = Tone.FIRM
    gives: tuple[Offer, ...] = ()
    """Terms the sender offers to carry out."""
    demands: tuple[Offer, ...] = ()
    """Terms the sender asks the other side to carry out."""
    text: str = ""
    reply_to: str | None = None
    """Id of the letter this one answers."""
    answer: Answer | None = None
    real: str = ""
    """Id of the real letter this one reproduces, if any."""

    @property
    def is_proposal(self) -> bool:
        return bool(self.gives or self.demands) and self.answer is not Answer.ACCEPT


@dataclass(frozen=True)
class Mail:
    """A letter once sent: who sent it, when, when it arrives, and whether it has been read."""

    id: str
    sender: Side
    letter: Letter
    sent: str
    """ISO date and hour, e.g. '1962-10-26T12'."""
    arrives: str
    delivered: bool = False


def awaiting_answer(letters: Iterable[Mail], side: Side) -> list[Mail]:
    """The other side's proposals delivered to `side` that it has not answered, oldest first (whether
    they have lapsed is the negotiation's to say: `negotiation.lapsed`)."""
    letters = tuple(letters)
    answered = {m.letter.reply_to for m in letters if m.sender is side}
    return [
        m
        for m in letters
        if m.sender is not side and m.delivered and m.letter.is_proposal and m.id not in answered
    ]


CHECKS = {Verification.NONE: "", Verification.AERIAL: "aerial check", Verification.UN: "UN check"}


def offer_days(n: Negotiation | None, offer: Offer) -> int:
    """The days an offer timed 'within N days' gives: its own, or its term's default."""
    if offer.days or n is None:
        return offer.days
    return n.term(offer.term).days


def timing_words(n: Negotiation | None, offer: Offer) -> str:
    """'now', 'later' or '≤30 days' ('≤1 day')."""
    if offer.timing is Timing.LATER:
        return "later"
    if offer.timing is Timing.DAYS:
        days = offer_days(n, offer)
        return f"≤{days} day{'' if days == 1 else 's'}"
    return "now"


def offer_marks(n: Negotiation | None, offer: Offer) -> list[str]:
    """What an offer adds to its term, as short words: 'secret', its timing unless now, its check."""
    marks = [] if offer.public else ["secret"]
    if offer.timing is not Timing.NOW:
        marks.append(timing_words(n, offer))
    if CHECKS[offer.verification]:
        marks.append(CHECKS[offer.verification])
    return marks


def with_year(span: tuple[int, int], stamp: str, today: str | None = None) -> bool:
    """Whether a date ('1962-10-26T22') needs its year: the scenario's `span` of years (first, last)
    is more than one (play-test F12: newest first read 'Sep 13, May 24, Jul 25'), or it is not the
    year of `today`."""
    return span[0] != span[1] or (today is not None and stamp[:4] != today[:4])


def longest_deadline(n: Negotiation) -> int:
    """The most days any letter of the scenario gives a term: a term's default, or a real letter's."""
    offers = [o for r in n.letters for o in (*r.gives, *r.demands)]
    return max([t.days for t in n.terms] + [o.days for o in offers], default=0)


class Status(StrEnum):
    """Where an obligation stands."""

    PENDING = "pending"
    LATE = "late"
    """Its day has passed and its giver chose to delay it."""
    DONE = "done"
    BROKEN = "broken"


@dataclass(frozen=True)
class Obligation:
    """A term one side has agreed to carry out, and how it stands."""

    term: str
    giver: Side
    public: bool
    verification: Verification
    due: str | None
    """ISO date by which it is to be done; None for 'later'."""
    status: Status = Status.PENDING


@dataclass(frozen=True)
class Agreement:
    """An accepted proposal: what each side owes, and what one side holds the words also cover."""

    id: str
    date: str
    proposal: str
    acceptance: str
    obligations: tuple[Obligation, ...]
    disputed: tuple[tuple[Side, str], ...] = ()
    """(side, term): the side reads the agreement as including a term the other never gave."""
