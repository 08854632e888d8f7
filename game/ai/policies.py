"""Policies that choose a move from one side's view: historical, random, hawk, dove, pragmatist."""

from __future__ import annotations

from collections.abc import Callable

from game.ai import together
from game.ai.negotiator import Negotiator, Quiet
from game.diplomacy import Answer, Timing, Tone, Verification
from game.engine import history
from game.engine.chance import draw, uniform
from game.engine.letters import Letter, Offer
from game.engine.match import SideView
from game.engine.negotiation import lapsed
from game.engine.state import Move
from game.model import Scenario, Side, Stance

Policy = Callable[[Scenario, SideView, int], Move]
"""(scenario, the side's view, the game's seed) -> a legal move."""


def historical(s: Scenario, view: SideView, seed: int) -> Move:
    """What the leader really did on this date (the engine's one account, `history.on_date`), with
    the real letter of the day; off the historical road, the most cautious move open."""
    legal = _legal(view)
    real = history.on_date(s, view.phase, view.date, view.side)
    move = next((m for m in legal if real is not None and m.decision == real.id), None)
    for stance in (Stance.DOVE, Stance.MODERATE):
        move = move or next((m for m in legal if s.decision(m.decision).stance is stance), None)
    move = move or legal[0]
    letter = real_letter(s, view)
    return Move(move.side, move.decision, letter) if letter else move


def real_letter(s: Scenario, view: SideView) -> Letter | None:
    """The real letter this side sent on this date, as a letter in the game, if it can be sent. One
    that answered a letter this game has not seen (the other side, not history, wrote this game's
    letters) is sent all the same, its terms proposed afresh: the Oct 27 reply goes to an AI
    Khrushchev who never wrote the Oct 26 letter, as a proposal he may take or leave."""
    if s.negotiation is None:
        return None
    for real in s.negotiation.letters:
        if real.sender is not view.side or real.date.isoformat() != view.date:
            continue
        if real.channel not in view.channels or any(
            p.term not in view.terms for p in (*real.gives, *real.demands)
        ):
            continue
        dates = (*(seen.date for seen in view.log), view.date)
        answered = next(
            (
                m
                for m in view.letters
                if real.answers
                and m.letter.real == real.answers
                and m.delivered
                and not (real.answer is Answer.ACCEPT and lapsed(s.negotiation, m, dates))
            ),
            None,
        )
        if real.answer is not None and answered is None and _written_in_game(view, real.answers):
            continue  # what it answers came in this game and lapsed, or was answered already
        return Letter(
            channel=real.channel,
            tone=real.tone,
            gives=real.gives,
            demands=real.demands,
            text=real.summary,
            reply_to=answered.id if answered else None,
            answer=real.answer if answered else None,
            real=real.id,
        )
    return None


def _written_in_game(view: SideView, real_id: str) -> bool:
    """Whether the real letter `real_id` was written in this game (then only it may be answered)."""
    return any(m.letter.real == real_id for m in view.letters)


def random(s: Scenario, view: SideView, seed: int) -> Move:
    """Any legal move, uniformly, fixed by the seed and the turn; now and then a random letter."""
    legal = _legal(view)
    move = legal[uniform(seed, view.turn, _KEYS[view.side][0], len(legal))]
    letter = _random_letter(s, view, seed)
    return Move(move.side, move.decision, letter) if letter else move


_KEYS = {side: (f"policy:{side.value}", f"write:{side}", f"{side}:") for side in Side}
"""The random policy's draw keys for each side, written once (the same text each turn)."""
_TONES, _TIMINGS, _CHECKS = tuple(Tone), tuple(Timing), tuple(Verification)


def _random_letter(s: Scenario, view: SideView, seed: int) -> Letter | None:
    n = s.negotiation
    keys = _KEYS[view.side]
    # the draw first: seven turns in ten write nothing, and need not read the channels or terms
    if n is None or draw(seed, view.turn, keys[1]) > 0.3 or not view.channels or not view.terms:
        return None

    def roll(key: str, k: int) -> int:
        return uniform(seed, view.turn, keys[2] + key, k)

    channel = view.channels[roll("channel", len(view.channels))]
    incoming = [m for m in view.letters if m.sender is not view.side and m.delivered]
    if incoming and roll("reply", 2):
        answered = incoming[roll("which", len(incoming))]
        # the log's dates are read (and the log worked out) only for a proposal
        standing = answered.letter.is_proposal and not lapsed(
            n, answered, (*(seen.date for seen in view.log), view.date)
        )
        answers = [Answer.REJECT] + ([Answer.ACCEPT] if standing else [])
        return Letter(channel, Tone.FIRM, reply_to=answered.id, answer=answers[roll("answer", len(answers))])

    def offers(giver: Side, key: str) -> tuple[Offer, ...]:
        terms = [t for t in view.terms if n.term(t).giver is giver]
        chosen = sorted({terms[roll(f"{key}{i}", len(terms))] for i in range(roll(key, 3))}) if terms else []
        return tuple(
            Offer(
                t,
                public=n.term(t).public_only or bool(roll(f"pub:{t}", 2)),
                timing=_TIMINGS[roll(f"when:{t}", 3)],
                verification=_CHECKS[roll(f"ver:{t}", 3)] if n.term(t).verifiable else Verification.NONE,
            )
            for t in chosen
        )

    tone = _TONES[roll("tone", 3)]
    gives, demands = offers(view.side, "gives"), offers(view.side.other, "demands")
    if n.clash(o.term for o in (*gives, *demands)):
        return None  # terms that cannot stand in one proposal: no letter this turn
    return Letter(channel, tone, gives=gives, demands=demands)


def negotiate(kind: str, *, prose: bool = True) -> Policy:
    """A negotiator of the given personality (hawk, dove or pragmatist) whose deed and letter are
    chosen together (`ai/together.py`); with `prose` False its letters carry no words."""

    def choose(s: Scenario, view: SideView, seed: int) -> Move:
        if not view.legal:
            raise ValueError(f"{view.side.value} has no legal move on {view.date} in {view.phase!r}")
        return together.move((Negotiator if prose else Quiet)(s, view, seed, kind))

    choose.__name__ = kind
    choose.__doc__ = f"A {kind} negotiator."
    return choose


POLICIES: dict[str, Policy] = {
    "historical": historical,
    "random": random,
    "hawk": negotiate("hawk"),
    "dove": negotiate("dove"),
    "pragmatist": negotiate("pragmatist"),
}

QUIET: dict[str, Policy] = {
    **POLICIES,
    **{kind: negotiate(kind, prose=False) for kind in ("hawk", "dove", "pragmatist")},
}
"""The same policies, playing the same moves, whose letters carry no words: for games no one reads
(explore's runs, tallies of many games), where writing the words was a third to half of a
negotiating game's time."""


def _legal(view: SideView) -> tuple[Move, ...]:
    if not view.legal:
        raise ValueError(f"{view.side.value} has no legal move on {view.date} in {view.phase!r}")
    return view.legal
