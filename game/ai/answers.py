"""A player's short answer to a letter (accept or reject), in the scenario's words: the desk, a
networked seat and the text game all send it the same way."""

from __future__ import annotations

from game.ai.negotiator import Negotiator
from game.diplomacy import Answer, Tone
from game.engine.letters import Letter, Mail
from game.engine.match import SideView
from game.model import Scenario


def answer_letter(s: Scenario, view: SideView, seed: int, mail: Mail, answer: Answer) -> Letter:
    """A short answer to `mail` (accept or reject), by its channel if open, in the scenario's words."""
    channel = mail.letter.channel if mail.letter.channel in view.channels else (view.channels or ("",))[0]
    gives, demands = (mail.letter.demands, mail.letter.gives) if answer is Answer.ACCEPT else ((), ())
    try:
        words = Negotiator(s, view, seed, "pragmatist").write(answer.value, gives, demands)
    except (KeyError, ValueError, AssertionError):
        words = ""
    tone = Tone.CONCILIATORY if answer is Answer.ACCEPT else Tone.FIRM
    return Letter(channel, tone, (), (), words, mail.id, answer)
