"""Letters, agreements and the real letters as markup: what the panel and the letter screens show."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from textual.markup import escape

from game.analysis.told import news_words
from game.dates import short_date
from game.diplomacy import Answer, Offer, RealLetter, Timing
from game.engine.letters import CHECKS, Agreement, Letter, Mail, Obligation, offer_days, offer_marks
from game.engine.letters import with_year as years_apart
from game.engine.negotiation import News, binds_anew
from game.engine.state import promise_key, split_promise
from game.engine.word import reads_public
from game.model import Scenario, Side
from game.promises import breach_cost, effects_text, owed  # noqa: F401 (the pages read them here)
from game.ui.session import leader, source_titles

VERIFY = CHECKS
STATUS = {
    "pending": "[$text-muted]pending[/]",
    "late": "[$warning]LATE[/]",
    "done": "[$success]done[/]",
    "broken": "[$error]BROKEN[/]",
}


def channel_label(s: Scenario, channel: str) -> str:
    return _label(s, "channel", channel)


def term_label(s: Scenario, term: str) -> str:
    return _label(s, "term", term)


def _label(s: Scenario, kind: str, key: str) -> str:
    """The scenario's label for a channel or term, or its id if the scenario has none."""
    n = s.negotiation
    try:
        return getattr(n, kind)(key).label if n else key
    except KeyError:
        return key


def modifiers(s: Scenario, offer: Offer) -> list[str]:
    """The marks of an offer: secret, timing (unless now), verification."""
    return ["[b $warning]secret[/]" if m == "secret" else m for m in offer_marks(s.negotiation, offer)]


def offer_line(s: Scenario, offer: Offer) -> str:
    marks = modifiers(s, offer)
    extra = f" [$text-muted]·[/] {' · '.join(marks)}" if marks else ""
    return f"{escape(term_label(s, offer.term))}{extra}"


ISO_DATE = re.compile(r"\b(1[89]\d\d)-(\d\d)-(\d\d)\b")


def prose_dates(text: str) -> str:
    """ISO dates in a letter's words as a letter writes them: '1962-10-30' -> 'October 30, 1962'."""

    def long(m: re.Match[str]) -> str:
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return m[0]
        return f"{d:%B} {d.day}, {d.year}"

    return ISO_DATE.sub(long, text)


def day(stamp: str, year: bool = False) -> str:
    """'1962-10-26T22' -> 'Oct 26' (the day, never cut), 'Oct 26, 1962' with the `year`."""
    text = short_date(stamp.partition("T")[0])
    return text if year else text.rsplit(",", 1)[0]


def when(stamp: str, year: bool = False) -> str:
    """'1962-10-26T22' -> 'Oct 26, 22:00' ('Oct 26, 1962, 22:00' with the `year`)."""
    date, _, hour = stamp.partition("T")
    text = day(date, year)
    return f"{text}, {hour}:00" if hour else text


def with_year(s: Scenario, stamp: str, today: str | None = None) -> bool:
    """Whether a date needs its year (`game.engine.letters.with_year`)."""
    return years_apart((s.dates.start.year, s.dates.end.year), stamp, today)


def terms_block(s: Scenario, letter: Letter | RealLetter, writer: str, other: str, indent: str = "  ") -> str:
    """Offers and asks, one term a line, from the writer's point of view."""
    lines = []
    s_ = "" if writer in ("You", "I") else "s"
    if letter.gives:
        lines.append(f"{indent}[b]{escape(writer)} offer{s_}:[/b]")
        lines += [f"{indent}  [$success]+[/] {offer_line(s, o)}" for o in letter.gives]
    if letter.demands:
        lines.append(f"{indent}[b]{escape(writer)} ask{s_}:[/b]")
        lines += [f"{indent}  [$error]-[/] {offer_line(s, o)}" for o in letter.demands]
    return "\n".join(lines)


def answer_text(letter: Letter) -> str:
    if letter.answer is None:
        return ""
    word = {Answer.ACCEPT: "ACCEPTS", Answer.COUNTER: "counters", Answer.REJECT: "rejects"}[letter.answer]
    return f"{word} letter {letter.reply_to}"


def mail_heading(s: Scenario, mail: Mail, viewer: Side, today: str | None = None) -> str:
    """One line: id, date (with its year when `with_year`), who to whom, channel, tone."""
    mine = mail.sender is viewer
    who = f"to {leader(s, mail.sender.other)}" if mine else f"from {leader(s, mail.sender)}"
    arrow = "[$accent]>[/]" if mine else "[$success]<[/]"
    state = "" if mail.delivered else " [$text-muted](on its way)[/]"
    stamp = mail.sent if mine else mail.arrives
    stamp = when(stamp, with_year(s, stamp, today))
    return (
        f"{arrow} [b]{escape(stamp)}[/b] {escape(who)}  [$text-muted]{mail.id}[/]\n"
        f"  [$accent]{escape(channel_label(s, mail.letter.channel))}[/] · {mail.letter.tone.value}{state}"
    )


def mail_summary(s: Scenario, mail: Mail, viewer: Side) -> str:
    """A compact line of what a letter does, for lists and toasts."""
    letter = mail.letter
    parts = []
    if letter.answer is not None:
        parts.append(answer_text(letter))
    if letter.gives:
        parts.append("offers " + "; ".join(offer_line(s, o) for o in letter.gives))
    if letter.demands:
        parts.append("asks " + "; ".join(offer_line(s, o) for o in letter.demands))
    return ", ".join(parts) or "no terms"


def agreed_already(s: Scenario, letter: Letter, agreements: Sequence[Agreement]) -> list[str]:
    """For a proposal whose terms agreements hold already (playtest H3: a counter repeating the
    agreement just made): which, in which agreement, and what accepting would add, as the engine
    binds it; and for a term it asks of the reader that an agreement holds for later, what accepting
    changes in that promise (K5: the Jupiters asked public and now, held secret and later) ([] if
    every term is new)."""
    offers = (*letter.gives, *letter.demands)
    new = [o for o in offers if binds_anew(agreements, o.term, o.timing is not Timing.LATER)]
    changed = [o for o in letter.demands if o in new and _later_now(o, agreements)]
    if len(new) == len(offers) and not changed:
        return []
    held: dict[str, list[str]] = {}
    for o in offers:
        if o in new:
            continue
        where = [a.id for a in agreements for x in a.obligations if x.term == o.term and x.status != "broken"]
        held.setdefault(where[-1], []).append(term_label(s, o.term))
    lines = []
    if held:
        said = "; ".join(f"{aid}: {', '.join(labels)}" for aid, labels in held.items())
        lines.append(f"Agreed already in {said}.")
    adds = [
        term_label(s, o.term) + (" now, not later" if _later_now(o, agreements) else "")
        for o in new
        if o not in changed
    ]
    if held or adds:
        lines.append("Accepting adds: " + (", ".join(adds) + "." if adds else "nothing."))
    lines += [_changes(s, o, agreements) for o in changed]
    return lines


def _changes(s: Scenario, offer: Offer, agreements: Sequence[Agreement]) -> str:
    """'Accepting makes your secret promise in A1 (Remove the Jupiters from Turkey) public, and due
    at once, not later.': what accepting `offer` (asked of the reader) does to its promise held for later."""
    held = [
        (a.id, x)
        for a in agreements
        for x in a.obligations
        if x.term == offer.term and x.status == "pending" and x.due is None
    ]
    secret = not any(x.public for _, x in held)
    days = offer_days(s.negotiation, offer)
    due = "at once" if offer.timing is Timing.NOW else f"within {days} day{'' if days == 1 else 's'}"
    public = "public, and " if secret and offer.public else ""
    return (
        f"Accepting makes your {'secret ' if secret else ''}promise in {held[-1][0]} "
        f"({term_label(s, offer.term)}) {public}due {due}, not later."
    )


def _later_now(offer: Offer, agreements: Sequence[Agreement]) -> bool:
    """Whether `offer` gives a day to a term the agreements hold only for 'later'."""
    return offer.timing is not Timing.LATER and any(
        x.term == offer.term and x.status == "pending" and x.due is None
        for a in agreements
        for x in a.obligations
    )


def mail_block(
    s: Scenario,
    mail: Mail,
    viewer: Side,
    *,
    prose: bool = True,
    today: str | None = None,
    agreements: Sequence[Agreement] = (),
) -> str:
    """A letter in full: heading, answer, terms (with what of them `agreements` hold already, for a
    proposal the viewer may accept), and its words."""
    letter = mail.letter
    writer = "You" if mail.sender is viewer else leader(s, mail.sender)
    other = leader(s, mail.sender.other) if mail.sender is viewer else "you"
    lines = [mail_heading(s, mail, viewer, today)]
    if letter.answer is not None:
        lines.append(f"  [b]{answer_text(letter)}[/b]")
    terms = terms_block(s, letter, writer, other)
    if terms:
        lines.append(terms)
        if mail.sender is not viewer and letter.is_proposal and agreements:
            lines += [f"  [$warning]{escape(x)}[/]" for x in agreed_already(s, letter, agreements)]
    elif letter.answer is None:
        lines.append("  [$text-muted]no terms[/]")
    if prose and letter.text:
        # flush left, after a blank line: a long paragraph wraps to the margin, so an indent would
        # hold for its first line only
        lines.append(f"\n[i]{escape(prose_dates(letter.text))}[/i]")
    if letter.real:
        lines.append("  [$text-muted](the real letter)[/]")
    return "\n".join(lines)


def obligation_line(
    s: Scenario,
    o: Obligation,
    viewer: Side,
    today: str | None = None,
    *,
    names: Mapping[str, object],
    choice: str = "keep",
) -> str:
    """One promise: its state, who owes what, by when; `secret` while it is (`names`: the view's
    `term_names`, so a leaked or revealed term is not). A pending promise whose day fell between two
    turns is DUE NOW: kept, it is carried out with the next order, and is not late (the engine counts
    it late only if it is delayed past its day); a delayed one past its day is LATE. `choice` is what
    the viewer chose for its own promise (`keep`, `delay`, `break`): what the next order does to it is
    told as that (playtest H10: not "kept" on a row marked BREAK)."""
    who = "you" if o.giver is viewer else leader(s, o.giver)
    passed = o.status in ("pending", "late") and o.due is not None and today is not None and o.due < today
    year = o.due is not None and with_year(s, o.due, today)
    due = f"by {day(o.due, year)}" if o.due else "later"
    if passed:
        due = f"was due {day(o.due or '', year)}"
    mine = o.giver is viewer and o.status in ("pending", "late")
    if mine and choice == "break":
        due += " · broken with your next order"
    elif mine and choice == "delay" and passed and o.status == "pending":
        due += " · late with your next order"
    elif passed and o.status == "pending" and choice == "keep":
        due += " · kept with " + ("your" if o.giver is viewer else "the") + " next order"
    marks = [due] + ([] if reads_public(o, names) else ["[b $warning]secret[/]"])
    if VERIFY[o.verification]:
        marks.append(VERIFY[o.verification])
    state = "[b $warning]DUE NOW[/]" if passed and o.status == "pending" else STATUS.get(o.status, o.status)
    return f"{state} {escape(who)}: {escape(term_label(s, o.term))} [$text-muted]·[/] {' · '.join(marks)}"


def choice(chosen: Mapping[str, str], agreement: str, term: str) -> str:
    """What the viewer chose for its promise of `term` in `agreement`: by the agreement's key, else
    the term's (every agreement's), else `keep`."""
    return chosen.get(promise_key(agreement, term), chosen.get(term, "keep"))


def agreement_block(
    s: Scenario,
    a: Agreement,
    viewer: Side,
    today: str | None = None,
    *,
    names: Mapping[str, object],
    chosen: Mapping[str, str] | None = None,
) -> str:
    """An agreement and its promises; `chosen`: the viewer's compliance by key (agreement's or term's)."""
    how = chosen or {}
    whence = f" [$text-muted](letter {escape(a.proposal)} accepted)[/]" if a.proposal else ""
    lines = [f"[b]Agreement {escape(a.id)}[/b], {escape(short_date(a.date))}{whence}"]
    lines += [
        f"  {obligation_line(s, o, viewer, today, names=names, choice=choice(how, a.id, o.term))}"
        for o in a.obligations
    ]
    for side, term in a.disputed:
        reader = "You hold" if side is viewer else f"{leader(s, side)} holds"
        lines.append(f"  [$warning]disputed:[/] {reader} it covers {escape(term_label(s, term))}")
    return "\n".join(lines)


_NEWS_STYLE = {
    "agreed": "b $success",
    "done": "$success",
    "late": "b $warning",
    "broken": "b $error",
    "leaked": "b $warning",
    "revealed": "b $error",
    "reneged": "b $error",
}


def news_lines(s: Scenario, news: Iterable[News], viewer: Side) -> list[str]:
    """A turn's news of the negotiation, for its report: agreements made, promises kept, late or
    broken, secrets out, confidences broken, words gone back on (the engine's `SeenTurn.news`, in
    the words of `analysis.told`)."""
    lines = []
    for n in news:
        head, body = news_words(s, n, viewer)
        lines.append(f"[{_NEWS_STYLE.get(n.kind, 'b')}]{escape(head)}[/]: {escape(body)}")
    return lines


def promise_label(s: Scenario, key: str) -> str:
    """A compliance key as a player reads it: the term, and its agreement where the key names one."""
    agreement, term = split_promise(key)
    return term_label(s, term) + (f" (agreement {agreement})" if agreement else "")


def real_letter_block(s: Scenario, r: RealLetter) -> str:
    writer = leader(s, r.sender)
    lines = [
        f"[b $accent]{escape(short_date(r.date.isoformat()))}[/]  [b]{escape(r.title)}[/b]",
        f"  {escape(writer)} · {escape(channel_label(s, r.channel))} · {r.tone.value}"
        + (f" · {r.answer.value}s {escape(r.answers)}" if r.answer and r.answers else ""),
        f"  {escape(' '.join(r.summary.split()))}",
    ]
    if r.quote:
        lines.append(f'  [i]"{escape(r.quote)}"[/i]')
    terms = terms_block(s, r, writer, leader(s, r.sender.other))
    if terms:
        lines.append(terms)
    if r.source:
        lines.append(f"  [$text-muted]Source: {escape('; '.join(source_titles(s, r.source)))}[/]")
    return "\n".join(lines)


def real_letters_shown(s: Scenario, date: str, spoilers: bool, over: bool) -> list[RealLetter]:
    """With spoilers off, only the real letters dated before the game's date (all at the end)."""
    letters = list(s.negotiation.letters) if s.negotiation else []
    if spoilers or over:
        return letters
    today = dt.date.fromisoformat(date)
    return [r for r in letters if r.date < today]


def same_day(mails: Iterable[Mail], day: dt.date) -> list[Mail]:
    return [m for m in mails if m.sent[:10] == day.isoformat()]


def arrival_line(s: Scenario, mail: Mail, read: str = "Press m to read it.") -> str:
    """A report's line (markup) for a letter just arrived: who wrote, and `arrival`."""
    return f"[b $accent]A letter from {escape(leader(s, mail.sender))}[/]: {escape(arrival(s, mail, read))}"


def arrival(s: Scenario, mail: Mail, read: str = "Press m to read it.") -> str:
    """A notice's words for a letter just arrived (plain text), ending with how to `read` it."""
    letter = mail.letter
    parts = [answer_text(letter)] if letter.answer is not None else []
    if letter.gives:
        parts.append(f"offers {len(letter.gives)} term{'s' if len(letter.gives) > 1 else ''}")
    if letter.demands:
        parts.append(f"asks {len(letter.demands)}")
    what = ", ".join(parts) or "no terms"
    return f"{channel_label(s, letter.channel)}, {letter.tone.value}: {what}. {read}"
