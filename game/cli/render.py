"""Plain-text renderings of games, tallies, scenarios and letters for the `crisis` commands."""

from __future__ import annotations

import textwrap
from pathlib import Path

from game.analysis.debrief import aim_rows
from game.analysis.history import ON_ITS_DATE
from game.analysis.odds import bracket
from game.engine.history import given_on_its_date
from game.engine.letters import CHECKS, Mail, Offer, offer_marks
from game.engine.match import Game
from game.engine.objectives import axis_label
from game.engine.state import GameState, Move, TurnRecord, split_kept
from game.model import SIDES, Scenario


def _label(s: Scenario, r: TurnRecord, move: Move) -> str:
    mark = " *" if given_on_its_date(s, r.phase, r.date, move) else ""
    return f"{s.decision(move.decision).label}{mark}"


def _event_title(s: Scenario, event: str) -> str:
    e = s.event(event)
    return f"{'FLASH: ' if e.flash else ''}{e.title}"


def game_text(game: Game) -> str:
    """A finished game turn by turn: moves, letters, agreements, events, the ending and scores."""
    s, st = game.scenario, game.state
    lines = [f"{s.title} - seed {st.seed}", ""]
    for e in st.opening:
        lines.append(f"  {'':>3}  {'':10}  ! {_event_title(s, e)}")
    for r in st.log:
        moves = {m.side: m for m in r.moves}
        lines.append(f"  {r.turn:>3}  {r.date}  [{s.phase(r.phase).title}]")
        for side in SIDES:
            lines.append(f"       {s.sides[side].short or side.value:>11}: {_label(s, r, moves[side])}")
        lines += talk_lines(s, st, r)
        for e in r.events:
            lines.append(f"       {'':>11}  ! {_event_title(s, e)}")
        if r.to and not s.is_ending(r.to):
            lines.append(f"       {'':>11}  -> {s.phase(r.to).title}")
    out = game.outcome()
    assert out is not None
    end = s.ending(out.ending)
    real = " - as it really happened" if end.historical else ""
    lines += [
        "",
        f"  {end.headline}",
        f"  kind of ending: {end.kind.value.replace('-', ' ')}{real}",  # the headline names it (J14)
        f"  orders {ON_ITS_DATE}: {out.history_share:.0%}   (* marks them)",
    ]
    for side in SIDES:
        scores = ", ".join(f"{axis_label(s, a).lower()} {v}" for a, v in out.scores[side].items())
        lines.append(f"  {s.sides[side].short or side.value}: {scores}")
    for row in aim_rows(s, out.objectives):
        lines.append(f"  {s.sides[row.side].short or row.side.value}'s hidden aim: {row}")
    return "\n".join(lines)


def talk_lines(s: Scenario, st: GameState, r: TurnRecord) -> list[str]:
    """A turn's letters sent (`>`), agreements struck (`=`), promises not kept and secrets leaked (`!`)."""
    lines = []
    mail = {m.id: m for m in st.mail}
    for letter_id in r.sent:
        lines.append(f"       {'':>11}  > {letter_line(s, mail[letter_id])}")
    for agreement_id in r.agreed:
        agreement = next(a for a in st.agreements if a.id == agreement_id)
        terms = ", ".join(term_text(s, o.term, o.public) for o in agreement.obligations)
        lines.append(f"       {'':>11}  = AGREED: {terms}")
    for _, term, status in map(split_kept, r.kept):
        if status != "done":
            lines.append(f"       {'':>11}  ! {term_text(s, term, True)}: {status}")
    for term in r.leaks:
        lines.append(f"       {'':>11}  ! LEAKED: {term_text(s, term, True)}")
    return lines


def term_text(s: Scenario, term: str, public: bool) -> str:
    label = s.negotiation.term(term).label if s.negotiation else term
    return label if public else f"{label} (secret)"


def offer_text(s: Scenario, offer: Offer) -> str:
    """A term as a letter gives or asks it: 'Remove the IL-28 bombers (≤30 days, aerial check)'."""
    marks = offer_marks(s.negotiation, offer)
    label = term_text(s, offer.term, True)
    return f"{label} ({', '.join(marks)})" if marks else label


def letter_line(s: Scenario, mail: Mail) -> str:
    """One letter on one line: who wrote, by what channel, and what it says in terms."""
    letter = mail.letter
    channel = s.negotiation.channel(letter.channel).label if s.negotiation else letter.channel
    who = s.sides[mail.sender].short or mail.sender.value
    parts = []
    if letter.answer is not None:
        parts.append(f"{letter.answer.value}s {letter.reply_to}")
    if letter.gives:
        parts.append("offers " + "; ".join(offer_text(s, o) for o in letter.gives))
    if letter.demands:
        parts.append("asks " + "; ".join(offer_text(s, o) for o in letter.demands))
    real = " [the real letter]" if letter.real else ""
    return f"{mail.id} {who}, {channel}, {letter.tone.value}: {', '.join(parts) or 'no terms'}{real}"


def tally_text(s: Scenario, result: dict) -> str:
    """How often each ending and kind came in many games."""
    runs = result["runs"]
    lines = [f"{s.title}: {runs} games (in brackets: the 95% interval of each share)", "", "  endings:"]
    for ending, n in result["endings"].items():
        e = s.ending(ending)
        mark = " (historical)" if e.historical else ""
        lines.append(f"    {n / runs:6.1%} {bracket(n, runs):>10}  {n:>6}  {ending} [{e.kind.value}]{mark}")
    lines.append("  kinds:")
    for kind, n in result["kinds"].items():
        lines.append(f"    {n / runs:6.1%} {bracket(n, runs):>10}  {n:>6}  {kind}")
    return "\n".join(lines)


def letters_text(s: Scenario) -> str:
    """The scenario's real letters, dated and attributed, with what each proposed and its source."""
    if s.negotiation is None or not s.negotiation.letters:
        return f"{s.title}: no real letters in this scenario"
    titles = {src.id: src.title for src in s.sources}
    lines: list[str] = []
    for real in s.negotiation.letters:
        who = s.sides[real.sender].leader
        lines.append(f"{real.date}  {real.title}")
        lines.append(f"  {who}, {s.negotiation.channel(real.channel).way}; {real.tone.value}")
        lines.append(textwrap.fill(real.summary, 96, initial_indent="  ", subsequent_indent="  "))
        if real.quote:
            lines.append(f'  "{real.quote}" ({who}, {real.date})')
        for label, offers in (("offers", real.gives), ("asks", real.demands)):
            for p in offers:
                modifiers = ", ".join(
                    x
                    for x in (
                        "public" if p.public else "secret",
                        p.timing.value if p.timing.value != "days" else f"within {p.days} days",
                        CHECKS[p.verification],
                    )
                    if x
                )
                lines.append(f"    {label}: {s.negotiation.term(p.term).label} ({modifiers})")
        if real.answers:
            lines.append(f"    {real.answer.value if real.answer else 'answers'}: {real.answers}")
        cited = "; ".join(titles.get(c.split(".")[0], c) for c in real.source)
        lines += [f"  source: {cited}", ""]
    return "\n".join(lines)


def scenario_lines(s: Scenario) -> str:
    """A scenario in the `crisis scenarios` list: id, dates, title; size and summary."""
    return (
        f"{s.id:24} {s.dates.start} - {s.dates.end}  {s.title}\n"
        f"{'':24} {len(s.phases)} phases, {len(s.endings)} endings. {s.summary}"
    )


def broken_line(path: Path, problems: int) -> str:
    return f"{path.stem:24} (broken: {problems} problem(s); run 'crisis validate {path}')"
