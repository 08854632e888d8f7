"""A player's short answer to a letter (accept or reject), in the scenario's words: the desk, a
networked seat and the text game all send it the same way."""

from __future__ import annotations

from game.ai.negotiator import Negotiator
from game.diplomacy import Answer, Tone
from game.engine.letters import Letter, Mail
from game.engine.match import SideView
from game.model import Scenario


def answer_channel(s: Scenario, view: SideView, mail: Mail) -> str:
    """The channel an answer to `mail` goes by: the one it came by; while that is closed, the first
    open one as private as it (play-test F13: a back-channel letter was answered on the radio)."""
    came = mail.letter.channel
    if came in view.channels or s.negotiation is None:
        return came if came in view.channels else (view.channels or ("",))[0]
    public = {c.id: c.public for c in s.negotiation.channels}
    alike = [c for c in view.channels if public.get(c) == public.get(came, False)]
    return (alike or list(view.channels) or [""])[0]


def answer_letter(s: Scenario, view: SideView, seed: int, mail: Mail, answer: Answer) -> Letter:
    """A short answer to `mail` (accept or reject), by its channel (`answer_channel`), in the
    scenario's words."""
    channel = answer_channel(s, view, mail)
    gives, demands = (mail.letter.demands, mail.letter.gives) if answer is Answer.ACCEPT else ((), ())
    try:
        words = Negotiator(s, view, seed, "pragmatist").write(answer.value, gives, demands)
    except (KeyError, ValueError, AssertionError):
        words = ""
    tone = Tone.CONCILIATORY if answer is Answer.ACCEPT else Tone.FIRM
    return Letter(channel, tone, (), (), words, mail.id, answer)
