"""Letters in the plain text game: each one shown in full as it arrives, and 'y'/'x' to answer one."""

from __future__ import annotations

import shutil
import textwrap

from game.diplomacy import Answer, Offer
from game.engine import rules
from game.engine.letters import Letter, Mail, awaiting_answer, offer_marks, with_year
from game.engine.match import Game
from game.model import Scenario, Side

ANSWER_HINT = (
    "'y' accepts its proposal, 'x' rejects it (your answer goes with your decision); "
    "or just choose a decision and leave it unanswered."
)


def _width() -> int:
    return min(shutil.get_terminal_size((80, 24)).columns, 100) - 2


def wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), _width(), initial_indent=indent, subsequent_indent=indent)


def _hanging(line: str) -> str:
    """`line` wrapped to the terminal, its later lines under its text after the label (K6)."""
    return textwrap.fill(line, _width(), subsequent_indent=" " * 12)


def arrivals(s: Scenario, letters: tuple[Mail, ...], side: Side, known: set[str], today: str) -> None:
    """Each letter from the other side that has arrived since it was last told, in full (told once)."""
    new = [m for m in letters if m.id not in known and m.sender is not side and m.delivered]
    for mail in new:
        known.add(mail.id)
        print(letter_text(s, mail, today))
    if any(m in awaiting_answer(letters, side) for m in new):
        print(wrap(ANSWER_HINT, "    "))


def offer_label(s: Scenario, term: str, public: bool = True) -> str:
    label = s.negotiation.term(term).label if s.negotiation else term
    return label if public else f"{label} (secret)"


def offer_text(s: Scenario, offer: Offer) -> str:
    """'Remove the IL-28 bombers (secret, ≤30 days, UN check)'."""
    marks = offer_marks(s.negotiation, offer)
    label = offer_label(s, offer.term)
    return f"{label} ({', '.join(marks)})" if marks else label


def date_text(s: Scenario, stamp: str, today: str | None = None) -> str:
    """'Oct 26', with its year when the scenario runs over more than one (or it is not this year's)."""
    from game.dates import short_date

    text = short_date(stamp[:10])
    return text if with_year((s.dates.start.year, s.dates.end.year), stamp, today) else text.rsplit(",", 1)[0]


def letter_text(s: Scenario, mail: Mail, today: str | None = None) -> str:
    """A letter in full, plain: who sent it and when, by what channel, its tone, what it offers and
    asks, its words."""
    letter = mail.letter
    channel = s.negotiation.channel(letter.channel).label if s.negotiation else letter.channel
    when = date_text(s, mail.arrives, today)
    leader = s.sides[mail.sender].leader.upper()
    head = f"  A LETTER FROM {leader} ({mail.id}, {channel}, {letter.tone.value}),"
    if len(f"{head} arrived {when}") <= _width():
        lines = [f"\n{head} arrived {when}"]
    else:  # K6: the date whole on a line of its own, not broken after its month
        lines = ["\n" + wrap(head, "  "), f"    arrived {when}"]
    if letter.answer is not None:
        lines.append(f"    It {letter.answer.value}s your letter {letter.reply_to}.")
    lines += [_hanging(f"    offers: {offer_text(s, o)}") for o in letter.gives]
    lines += [_hanging(f"    asks:   {offer_text(s, o)}") for o in letter.demands]
    if letter.text:
        lines.append(wrap(f'"{letter.text}"', "    "))
    return "\n".join(lines)


def answer(game: Game, side: Side, open_letters: list[Mail], typed: str) -> Letter | None:
    """The answer typed ('y' or 'x', then a letter's id for another than the newest), if it can go;
    else None, and why it cannot is said (play-test F18: no letter, or an unknown one)."""
    from game.ai.answers import answer_letter  # only when a letter is answered

    s, view = game.scenario, game.view(side)
    how, *rest = typed.lower().split()
    if not open_letters:
        print("  No letter to answer: none waits for your answer now.")
        return None
    mail = open_letters[-1]
    if rest:
        match = [m for m in open_letters if m.id.lower() == rest[0]]
        if not match:
            ids = ", ".join(m.id for m in open_letters)
            print(f"  No letter {typed.split()[1]}; letters you can answer: {ids}.")
            return None
        mail = match[0]
    reply = Answer.ACCEPT if how == "y" else Answer.REJECT
    letter = answer_letter(s, view, game.state.seed, mail, reply)
    channel = letter.channel
    why = rules.letter_problem(s, game.state, side, letter) if channel else "no channel is open to you now"
    if why:
        print(f"  That answer cannot go: {why}")
        return None
    verb = "accept" if reply is Answer.ACCEPT else "reject"
    print(wrap(f"You will {verb} letter {mail.id} with your decision. Now choose the decision (a number)."))
    return letter
