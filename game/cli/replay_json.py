"""The letters and agreements of a game as `crisis replay --json` gives them (K13).

Each letter: {"id": "L1h", "turn": 1, "from": "khrushchev", "to": "kennedy", "sent": "1962-10-16T12",
"arrives": "1962-10-16T22", "delivered": true, "channel": "private_letter", "tone": "firm",
"answer": "accept" | "counter" | "reject" | null, "reply_to": letter id | null, "real": the real
letter it reproduces | "", "gives": [offer, ...], "asks": [offer, ...], "text": "..."}.

An offer: {"term": id, "label": the term's words, "public": bool, "timing": "now" | "days" | "later",
"days": the days given (timing "days"; else null), "check": "none" | "aerial" | "un"}.

Each agreement: {"id": "A1", "turn": 9, "date": "1962-10-27", "proposal": letter id, "acceptance":
letter id, "obligations": [{"giver": side, "term", "label", "public", "due": date | null (later),
"status": "pending" | "late" | "done" | "broken", "check", "blocked": its check was refused}],
"disputed": [{"side", "term"}: a term the side reads into it that the other never gave]}.
"""

from __future__ import annotations

from typing import Any

from game.diplomacy import Offer, Timing
from game.engine.letters import Agreement, Mail, offer_days
from game.engine.negotiation import check_barred
from game.engine.state import GameState
from game.model import Scenario


def letters(s: Scenario, st: GameState) -> list[dict[str, Any]]:
    """Every letter sent in the game, in the order sent."""
    turns = {letter_id: r.turn for r in st.log for letter_id in r.sent}
    return [_letter(s, m, turns.get(m.id)) for m in st.mail]


def agreements(s: Scenario, st: GameState) -> list[dict[str, Any]]:
    """Every agreement struck, and how each of its promises stands at the end of the replay."""
    turns = {agreement_id: r.turn for r in st.log for agreement_id in r.agreed}
    return [_agreement(s, a, turns.get(a.id), st.blocked) for a in st.agreements]


def _letter(s: Scenario, m: Mail, turn: int | None) -> dict[str, Any]:
    x = m.letter
    return {
        "id": m.id,
        "turn": turn,
        "from": m.sender.value,
        "to": m.sender.other.value,
        "sent": m.sent,
        "arrives": m.arrives,
        "delivered": m.delivered,
        "channel": x.channel,
        "tone": x.tone.value,
        "answer": x.answer.value if x.answer else None,
        "reply_to": x.reply_to,
        "real": x.real,
        "gives": [_offer(s, o) for o in x.gives],
        "asks": [_offer(s, o) for o in x.demands],
        "text": x.text,
    }


def _offer(s: Scenario, o: Offer) -> dict[str, Any]:
    return {
        "term": o.term,
        "label": s.term_label(o.term),
        "public": o.public,
        "timing": o.timing.value,
        "days": offer_days(s.negotiation, o) if o.timing is Timing.DAYS else None,
        "check": o.verification.value,
    }


def _agreement(s: Scenario, a: Agreement, turn: int | None, blocked: frozenset[str]) -> dict[str, Any]:
    return {
        "id": a.id,
        "turn": turn,
        "date": a.date,
        "proposal": a.proposal,
        "acceptance": a.acceptance,
        "obligations": [
            {
                "giver": o.giver.value,
                "term": o.term,
                "label": s.term_label(o.term),
                "public": o.public,
                "due": o.due,
                "status": o.status.value,
                "check": o.verification.value,
                "blocked": check_barred(blocked, o),  # the term, or the kind of check (J8)
            }
            for o in a.obligations
        ],
        "disputed": [{"side": side.value, "term": term} for side, term in a.disputed],
    }
