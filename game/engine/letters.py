"""Letters, agreements and obligations as plain values, and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.diplomacy import Answer, Offer, Timing, Tone, Verification

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


@dataclass(frozen=True)
class Obligation:
    term: str
    giver: Side
    public: bool
    verification: Verification
    due: str | None
    """ISO date by which it is to be done; None for 'later'."""
    status: str = "pending"
    """pending, late, done or broken."""


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


# ---- JSON ------------------------------------------------------------------------------


def offer_to_dict(o: Offer) -> dict[str, Any]:
    return {
        "term": o.term,
        "public": o.public,
        "timing": o.timing.value,
        "days": o.days,
        "verification": o.verification.value,
    }


def offer_from_dict(d: dict[str, Any]) -> Offer:
    return Offer(
        str(d["term"]),
        bool(d.get("public", True)),
        Timing(d.get("timing", "now")),
        int(d.get("days", 0)),
        Verification(d.get("verification", "none")),
    )


def letter_to_dict(letter: Letter) -> dict[str, Any]:
    return {
        "channel": letter.channel,
        "tone": letter.tone.value,
        "gives": [offer_to_dict(o) for o in letter.gives],
        "demands": [offer_to_dict(o) for o in letter.demands],
        "text": letter.text,
        "reply_to": letter.reply_to,
        "answer": letter.answer.value if letter.answer else None,
        "real": letter.real,
    }


def letter_from_dict(d: dict[str, Any]) -> Letter:
    return Letter(
        channel=str(d["channel"]),
        tone=Tone(d.get("tone", "firm")),
        gives=tuple(offer_from_dict(o) for o in d.get("gives", ())),
        demands=tuple(offer_from_dict(o) for o in d.get("demands", ())),
        text=str(d.get("text", "")),
        reply_to=d.get("reply_to"),
        answer=Answer(d["answer"]) if d.get("answer") else None,
        real=str(d.get("real", "")),
    )


def mail_to_dict(m: Mail) -> dict[str, Any]:
    return {
        "id": m.id,
        "sender": m.sender.value,
        "letter": letter_to_dict(m.letter),
        "sent": m.sent,
        "arrives": m.arrives,
        "delivered": m.delivered,
    }


def mail_from_dict(d: dict[str, Any]) -> Mail:
    return Mail(
        str(d["id"]),
        Side(d["sender"]),
        letter_from_dict(d["letter"]),
        str(d["sent"]),
        str(d["arrives"]),
        bool(d["delivered"]),
    )


def agreement_to_dict(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.id,
        "date": a.date,
        "proposal": a.proposal,
        "acceptance": a.acceptance,
        "obligations": [
            {
                "term": o.term,
                "giver": o.giver.value,
                "public": o.public,
                "verification": o.verification.value,
                "due": o.due,
                "status": o.status,
            }
            for o in a.obligations
        ],
        "disputed": [[side.value, term] for side, term in a.disputed],
    }


def agreement_from_dict(d: dict[str, Any]) -> Agreement:
    return Agreement(
        str(d["id"]),
        str(d["date"]),
        str(d["proposal"]),
        str(d["acceptance"]),
        tuple(
            Obligation(
                str(o["term"]),
                Side(o["giver"]),
                bool(o["public"]),
                Verification(o["verification"]),
                o["due"],
                str(o["status"]),
            )
            for o in d["obligations"]
        ),
        tuple((Side(side), str(term)) for side, term in d.get("disputed", ())),
    )
