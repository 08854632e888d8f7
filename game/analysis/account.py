"""What became of each term at the end of a game: agreed and kept, agreed and broken, still owed, or
given without any agreement (by a deed, or by what the deeds set in motion), told beside the ending
so that its words are checked against the state (playtest N3, N7)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.analysis.told import news_words
from game.analysis.war_cause import war_cause
from game.dates import short_date
from game.diplomacy import Verification
from game.engine.letters import CHECKS, Status
from game.engine.negotiation import check_barred
from game.engine.state import GameState, kept_entry
from game.engine.word import reads_public, word_record
from game.engine.work import read_env
from game.model import Scenario, Side


@dataclass(frozen=True)
class Term:
    """One term's fate at the end."""

    term: str
    giver: Side
    status: str
    """`done`, `pending`, `later`, `late` or `broken` for an obligation (`again`: a promise for later
    that a later agreement bargained again); `unagreed` for a term given without an agreement and
    not seen carried out (a deed's promise: "not now but later"), `unagreed-done` for one whose
    carrying out the state shows (told "and carried out")."""
    agreement: str = ""
    """The agreement's id ('' for a term given without one)."""
    public: bool = True
    """Whether it reads as public at the end: given in public, or leaked or revealed since."""
    verification: str = ""
    """How it is checked (`un`, `aerial`), '' if unchecked."""
    blocked: bool = False
    """Whether a third party bars its check."""
    again_in: str = ""
    """For `again`: the id of the later agreement that bargained it again."""
    broken_on: str = ""
    """For `broken`: the date of the turn it was broken ('' if the log does not tell)."""
    done_after: str = ""
    """For `broken`, where the final state shows the term carried out all the same: the date of the
    deed that did it, or `since` if no deed of the log did it alone."""


def fates(s: Scenario, state: GameState) -> tuple[Term, ...]:
    """Every obligation of every agreement, as it stands at the end; then each term given without an
    agreement: offered by a deed taken in the game (`offers`), or whose `on_agree`/`on_done` flags are
    set with no agreement to set them."""
    n = s.negotiation
    if n is None:
        return ()
    tracks = {tr.id for tr in s.tracks}

    def flags(term: str, done: bool = False) -> list[str]:
        """The flags a term sets true when carried out (`done`), or when agreed or carried out."""
        t = n.term(term)
        return [
            e.name for e in (*(() if done else t.on_agree), *t.on_done) if e.value and e.name not in tracks
        ]

    out: list[Term] = []
    names = read_env(s, state)
    for a in state.agreements:
        for o in a.obligations:
            status = str(o.status)
            if o.status is Status.PENDING and o.due is None:
                status = "later"
            if (
                status != "broken"
                and (made := flags(o.term, done=True))
                and all(f in state.flags for f in made)
            ):
                status = "done"  # carried out by a deed before its day (the quarantine lifted)
            verification = "" if o.verification.value == "none" else o.verification.value
            blocked = check_barred(state.blocked, o)
            fate = Term(o.term, o.giver, status, a.id, reads_public(o, names), verification, blocked)
            out.append(_broken(s, state, fate) if status == "broken" else fate)
    for i, t in enumerate(out):  # a promise for later bargained again with a day: told once, by the later
        again = next((u for u in out[i + 1 :] if u.term == t.term and u.agreement != t.agreement), None)
        if t.status == "later" and again is not None:
            out[i] = replace(t, status="again", again_in=again.agreement)
    # a term held, or broken and then carried out all the same (told on its broken line: H7)
    held = {t.term for t in out if t.status != "broken" or t.done_after}
    given: dict[str, Side] = {}
    for record in state.log:
        for move in record.moves:
            for term in s.decision(move.decision).offers:
                given.setdefault(term, move.side)
    for term_of in n.terms:
        set_by = flags(term_of.id)
        if set_by and all(f in state.flags for f in set_by):
            given.setdefault(term_of.id, term_of.giver)
    out.extend(
        Term(term, side, "unagreed-done" if _carried_out(s, state, term) else "unagreed")
        for term, side in given.items()
        if term not in held
    )
    return tuple(out)


def _broken(s: Scenario, state: GameState, t: Term) -> Term:
    """`t` (broken) with the date it was broken (the turn whose record breaks its agreement's
    promise) and, if the state shows it carried out all the same, when (playtest H7: 'broken on Nov
    2, 1962, and carried out all the same on Nov 12, 1962')."""
    entry = kept_entry(t.agreement, t.term, Status.BROKEN)
    broken_on = next((r.date for r in state.log if entry in r.kept), "")
    if not _carried_out(s, state, t.term):
        return replace(t, broken_on=broken_on)
    assert s.negotiation is not None
    made = {e.name for e in s.negotiation.term(t.term).on_done if e.value is True}
    done_after = next(
        (
            r.date
            for r in state.log
            if r.date >= broken_on
            and any(
                made and made <= {e.name for e in s.decision(m.decision).effects if e.value is True}
                for m in r.moves
            )
        ),
        "since",
    )
    return replace(t, broken_on=broken_on, done_after=done_after)


def _carried_out(s: Scenario, state: GameState, term: str) -> bool:
    """Whether the final state shows `term` carried out: it declares what carrying it out sets
    (`on_done`), and every such flag and track stands so (E4: a promise is not a deed)."""
    assert s.negotiation is not None
    done = [e for e in s.negotiation.term(term).on_done if e.value is not None]
    tracks = {tr.id for tr in s.tracks}
    return bool(done) and all(
        state.track(e.name) == e.value if e.name in tracks else (e.name in state.flags) == bool(e.value)
        for e in done
    )


_SAYS = {
    "done": "carried out",
    "pending": "agreed, not yet carried out",
    "later": "promised for later",
    "late": "agreed, and overdue",
    "broken": "agreed, and broken",
    "again": "bargained again",
}


_LOOSE = {
    "unagreed-done": "Given without an agreement, and carried out",
    "unagreed": "Promised without an agreement",
}


def account(s: Scenario, state: GameState) -> list[str]:
    """The fates in plain lines, one per agreement and one for what was given without one (a term
    given and then gone back on is told as that), then one per confidence broken and per word gone
    back on, then why it came to war, if it did (`war_cause`; [] if none of these)."""
    n = s.negotiation
    if n is None:
        return war_cause(s, state)
    lines: list[str] = []
    terms = fates(s, state)
    dates = {a.id: a.date for a in state.agreements}
    for aid in dict.fromkeys(t.agreement for t in terms if t.agreement):
        parts = [_named(s, t) + f": {_says(t)}" for t in terms if t.agreement == aid]
        lines.append(f"Agreed ({aid}, {dates[aid]}): " + "; ".join(parts) + ".")
    words = word_record(s, state)
    reneged = {(w.side, w.term) for _, w in words if w.kind == "reneged"}
    for status, head in _LOOSE.items():
        loose = [_named(s, t) for t in terms if t.status == status and (t.giver, t.term) not in reneged]
        if loose:
            lines.append(f"{head}: " + "; ".join(loose) + ".")
    for record, w in words:
        deed = next(m.decision for m in record.moves if m.side is w.side)
        head, body = news_words(s, w, None)
        lines.append(f'{head} ({record.date}, "{s.decision(deed).label}"): {body}')
    return lines + war_cause(s, state)


def _says(t: Term) -> str:
    """A term's fate in words: 'bargained again in A4', 'agreed, and broken on Nov 2, 1962, and carried
    out all the same on Nov 12, 1962'."""
    said = _SAYS[t.status] + (f" in {t.again_in}" if t.again_in else "")
    if t.broken_on:
        said += f" on {short_date(t.broken_on)}"
    if t.done_after:
        said += ", and carried out all the same" + (
            " since" if t.done_after == "since" else f" on {short_date(t.done_after)}"
        )
    return said


def _check(t: Term) -> str:
    """A term's check in the words the letters use ('UN check'), and whether a third party bars it."""
    return CHECKS[Verification(t.verification or "none")] + (" blocked" if t.blocked else "")


def _named(s: Scenario, t: Term) -> str:
    assert s.negotiation is not None
    checked = t.status != "again" and t.verification
    marks = [m for m, on in (("secret", not t.public), (_check(t), checked)) if on]
    label = s.negotiation.term(t.term).label + (f" ({', '.join(marks)})" if marks else "")
    return f"{s.sides[t.giver].short}: {label}"
