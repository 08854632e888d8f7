"""What a side's deeds said against its word in a turn: a confidence revealed, or a term given by an
agreement, a letter or a deed and then defied (issue 10, playtest N14): news for both sides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from game.engine.letters import Agreement, Mail, Obligation, Status
from game.engine.negotiation import News
from game.engine.state import GameState, TurnRecord, split_kept
from game.model import SIDES, Scenario, Stance
from game.sides import Side


@cache
def telling(s: Scenario) -> frozenset[str]:
    """The decisions that may make such news: those that reveal or defy a term."""
    return frozenset(
        d.id for p in s.phases for side in SIDES for d in p.decisions.get(side, ()) if d.reveals or d.defies
    )


def reads_public(o: Obligation, names: Mapping[str, object]) -> bool:
    """Whether promise `o` reads as public now: given in public, or its term public since (leaked,
    revealed by a deed, given in a public letter), as conditions read `<term>_public` in `names`
    (a view's `term_names`, or a state's env)."""
    return o.public or bool(names.get(f"{o.term}_public"))


def word_news(
    s: Scenario,
    record: TurnRecord,
    earlier: Sequence[TurnRecord],
    mail: Iterable[Mail],
    agreements: Iterable[Agreement],
) -> tuple[News, ...]:
    """The confidences revealed and the words gone back on by the deeds of `record`, given the turns
    before it (`earlier`), the game's letters and its agreements.

    A deed that `reveals` a term is news whenever it is taken (`agreement`: the one that held the
    term in secret, if any). A deed that `defies` a term its side had given is news, given by an
    agreement in force (`agreement`: of those binding the side to the term unbroken, the one whose
    day for it comes first, a day before 'later', the newest first on a tie, as that is the promise
    the deed breaks first; an agreement made this turn counts when its side accepted it, in the same
    breath as the deed: the engine breaks the promises of the agreements before, playtest J6), else
    by its own letter sent before this turn (`letter`), else by a deed of an earlier turn that
    offered it (`deed`); where the engine broke a promise of the term this turn (that is `broken`
    news), only an agreement that still binds it is news besides."""
    told = telling(s)
    moves = [m for m in record.moves if m.decision in told]
    if not moves:
        return ()
    mail = list(mail)
    senders = {m.id: m.sender for m in mail}
    pacts = [a for a in agreements if a.date <= record.date]
    letters = [m for m in mail if m.sent[:10] < record.date]
    broken_now = {term for _, term, status in map(split_kept, record.kept) if status == Status.BROKEN}
    out: list[News] = []
    for move in moves:
        d, side = s.decision(move.decision), move.side
        for term in d.reveals:
            secret = (a.id for a in pacts for o in a.obligations if o.term == term and not o.public)
            held = next(secret, None)
            out.append(News("revealed", term, side, held))
        for term in d.defies if d.stance is Stance.HAWK else ():
            news = _gone_back(s, side, term, record, earlier, letters, pacts, senders)
            if news is not None and (news.agreement is not None or term not in broken_now):
                out.append(news)
    return tuple(out)


def _gone_back(
    s: Scenario,
    side: Side,
    term: str,
    record: TurnRecord,
    earlier: Sequence[TurnRecord],
    letters: list[Mail],
    pacts: list[Agreement],
    senders: Mapping[str, Side],
) -> News | None:
    """`reneged` news if `side` had given `term` before `record`'s turn (or accepted it in an
    agreement made that turn), else None."""
    bound = [
        (o.due or "9999", -i, a.id)
        for i, a in enumerate(pacts)
        if a.id not in record.agreed or senders.get(a.acceptance) is side
        for o in a.obligations
        if o.giver is side and o.term == term and o.status != Status.BROKEN
    ]
    if bound:
        return News("reneged", term, side, min(bound)[2])
    given = [m for m in letters if m.sender is side and any(o.term == term for o in m.letter.gives)]
    if given:
        return News("reneged", term, side, letter=given[-1].id)
    deeds = [
        m.decision
        for r in earlier
        for m in r.moves
        if m.side is side and term in s.decision(m.decision).offers
    ]
    if deeds:
        return News("reneged", term, side, deed=deeds[-1])
    return None


def word_record(s: Scenario, state: GameState) -> tuple[tuple[TurnRecord, News], ...]:
    """Every confidence revealed and every word gone back on in the game so far, with its turn."""
    log = state.log
    return tuple(
        (r, n)
        for i, r in enumerate(log)
        if any(m.decision in telling(s) for m in r.moves)
        for n in word_news(s, r, log[:i], state.mail, state.agreements)
    )
