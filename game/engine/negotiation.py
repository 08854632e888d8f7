"""Letters across the table: sending, delivery, agreements, obligations, leaks, and what conditions read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache

from game.diplomacy import CHECK_KINDS, Answer, Negotiation, Timing, Verification
from game.engine.chance import draw
from game.engine.gates import gate
from game.engine.letters import Agreement, Letter, Mail, Obligation, Offer, Status
from game.engine.state import Compliance, GameState, Move, TurnRecord, kept_entry, promise_key, split_kept
from game.sides import Side

NOON = 12
"""Leaders write at noon of a turn's date."""


@cache
def stamp(date: str, hours: int = NOON) -> str:
    """An ISO date and hour, `hours` after midnight of `date` (may run into later days).

    Remembered: a game meets the same few hundred dates again and again."""
    day = dt.date.fromisoformat(date) + dt.timedelta(days=hours // 24)
    return f"{day.isoformat()}T{hours % 24:02d}"


@cache
def next_day(date: str) -> str:
    """The ISO date after `date` (remembered, as `stamp` is)."""
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def open_channels(n: Negotiation | None, side: Side, env: dict) -> tuple[str, ...]:
    """The channels `side` may write by now."""
    if n is None:
        return ()
    return gate(n, side, lambda: ((c.id, c.available, None) for c in n.channels if side in c.sides))(env)


def open_terms(n: Negotiation | None, env: dict) -> tuple[str, ...]:
    """The terms that may be offered or demanded now."""
    if n is None:
        return ()
    return gate(n, "terms", lambda: ((t.id, t.available, None) for t in n.terms))(env)


def turns_since(mail: Mail, dates: Iterable[str]) -> int:
    """How many of the turns on `dates` (the game's so far and this one) came after `mail` arrived."""
    return sum(1 for d in dates if d > mail.arrives[:10])


def lapsed(n: Negotiation | None, mail: Mail, dates: Iterable[str]) -> bool:
    """Whether the proposal in `mail` can no longer be accepted: more turns than the scenario's
    `offers_stand` have come since it arrived."""
    return n is not None and n.offers_stand > 0 and turns_since(mail, dates) > n.offers_stand


def check_letter(
    n: Negotiation | None,
    mail: Iterable[Mail],
    side: Side,
    letter: Letter,
    env: dict,
    dates: Iterable[str] = (),
) -> str | None:
    """Why `letter` cannot be sent by `side` now, given the letters so far and the dates of the turns
    (for proposals that have lapsed), or None if it can."""
    if n is None:
        return "this scenario has no letters"
    channel = n.channel_or_none(letter.channel)
    if channel is None:
        return f"no channel {letter.channel!r} (channels: {', '.join(c.id for c in n.channels)})"
    if side not in channel.sides:
        return f"{side.value} cannot write by {channel.id!r}"
    if channel.available is not None and not channel.available.fn(env):
        return f"the channel {channel.id!r} is not open yet"
    for offer, giver in [(o, side) for o in letter.gives] + [(o, side.other) for o in letter.demands]:
        term = n._terms.get(offer.term)  # type: ignore[attr-defined]
        if term is None:
            return f"no term {offer.term!r}"
        if term.giver is not giver:
            return f"{offer.term!r} is {term.giver.value}'s to give"
        if term.available is not None and not term.available.fn(env):
            return f"{term.label!r} is not on the table now"
        if offer.verification is not Verification.NONE and not term.verifiable:
            return f"{term.label!r} cannot be verified"
        if term.public_only and not offer.public:
            return f"{term.label!r} cannot be done in secret"
        if offer.days < 0:
            return f"{offer.days} days is not a time"
    if clash := n.clash(o.term for o in (*letter.gives, *letter.demands)):
        a, b = (n.term(t).label for t in clash)
        return f"{a!r} and {b!r} cannot stand in one proposal"
    if letter.answer is not None or letter.reply_to is not None:
        answered = next((m for m in mail if m.id == letter.reply_to), None)
        if answered is None or answered.sender is side or not answered.delivered:
            return f"there is no letter {letter.reply_to!r} from the other side to answer"
        if letter.answer is None:
            return "a reply should accept, counter or reject"
        if letter.answer is Answer.ACCEPT and not answered.letter.is_proposal:
            return f"letter {letter.reply_to!r} proposes nothing to accept"
        if letter.answer is Answer.ACCEPT and lapsed(n, answered, dates):
            return (
                f"the proposal in letter {letter.reply_to!r} has lapsed: a proposal stands for "
                f"{n.offers_stand} turns once it has arrived; answer it with a counter-proposal"
            )
    return None


class Table:
    """The negotiation's scratch state while a turn resolves (part of `work.Work`)."""

    def __init__(self, n: Negotiation | None, state: GameState | None) -> None:
        self.n = n
        self.mail: list[Mail] = list(state.mail) if state else []
        self.agreements: list[Agreement] = list(state.agreements) if state else []
        self.blocked: set[str] = set(state.blocked) if state else set()
        self.leaked: set[str] = set(state.leaked) if state else set()
        self.sent: list[str] = []
        self.delivered: list[str] = []
        self.agreed: list[str] = []
        self.kept: list[str] = []
        self.leaks: list[str] = []
        self.changed = True
        """Whether what conditions read may have changed since `names` was last asked."""

    # ---- each step of a turn --------------------------------------------------------------

    def send(self, moves: Iterable[Move], date: str, turn: int) -> None:
        for m in moves:
            if m.letter is None or self.n is None:
                continue
            channel = self.n.channel(m.letter.channel)
            mail = Mail(
                id=f"L{turn}{m.side.value[1]}",
                sender=m.side,
                letter=m.letter,
                sent=stamp(date),
                arrives=stamp(date, NOON + channel.delay_hours),
            )
            self.mail.append(mail)
            self.sent.append(mail.id)

    def deliver(self, horizon: str, apply_effects) -> None:  # noqa: ANN001
        """Read every letter that arrives by `horizon`; an acceptance makes an agreement."""
        assert self.n is not None
        for i, mail in enumerate(self.mail):
            if mail.delivered or mail.arrives > horizon:
                continue
            self.mail[i] = Mail(mail.id, mail.sender, mail.letter, mail.sent, mail.arrives, True)
            self.changed = True
            self.delivered.append(mail.id)
            apply_effects(self.n.tone_effects.get(mail.letter.tone, ()))
            if mail.letter.answer is Answer.ACCEPT:
                self._agree(mail, apply_effects)

    def _agree(self, acceptance: Mail, apply_effects) -> None:  # noqa: ANN001
        proposal = next(m for m in self.mail if m.id == acceptance.letter.reply_to)
        if any(a.proposal == proposal.id for a in self.agreements):
            return  # accepted once already
        assert self.n is not None
        date = acceptance.arrives[:10]
        obligations = tuple(
            self._obligation(o, giver, date)
            for offers, giver in (
                (proposal.letter.gives, proposal.sender),
                (proposal.letter.demands, acceptance.sender),
            )
            for o in offers
        )
        obligations = tuple(o for o in obligations if binds_anew(self.agreements, o.term, o.due is not None))
        if not obligations:
            return  # two acceptances crossed: the bargain is already struck
        disputed = _disputed(self.n, obligations)
        agreement = Agreement(
            f"A{len(self.agreements) + 1}", date, proposal.id, acceptance.id, obligations, disputed
        )
        self.agreements.append(agreement)
        self.agreed.append(agreement.id)
        for o in obligations:
            apply_effects(self.n.term(o.term).on_agree)

    def _obligation(self, offer: Offer, giver: Side, date: str) -> Obligation:
        assert self.n is not None
        day = dt.date.fromisoformat(date)
        if offer.timing is Timing.LATER:
            due = None
        elif offer.timing is Timing.DAYS:
            due = (day + dt.timedelta(days=offer.days or self.n.term(offer.term).days)).isoformat()
        else:
            due = (day + dt.timedelta(days=1)).isoformat()
        return Obligation(offer.term, giver, offer.public, offer.verification, due)

    def keep(
        self,
        moves: Iterable[Move],
        date: str,
        apply_effects,  # noqa: ANN001
        defied: Iterable[tuple[Side, str, bool]] = (),
    ) -> None:
        """Carry out, delay or break each open obligation, as its giver chose for it (its agreement's
        key) or for every promise of its term (the term's key, as older saves have it); `defied` holds
        (side, term, repudiates) for each term a side's decision this turn goes against, which
        breaks that side's promise of it where the deed breaks it (see `breaks`), in an agreement
        made this turn too when the side accepted it in the same order (playtest K1)."""
        assert self.n is not None
        if not self.agreements:
            return  # most turns of most games: nothing promised yet
        choice = {(m.side, term): how for m in moves for term, how in m.compliance}
        against = {(side, term): repudiates for side, term, repudiates in defied}
        heard: dict[str, bool] | None = None  # `<term>_public`, read at the first breach only
        for ai, agreement in enumerate(self.agreements):
            changed = agreement.obligations
            accepted_now = self._accepted_now(agreement)
            for oi, o in enumerate(agreement.obligations):
                if o.status == Status.BROKEN:
                    continue  # settled
                defied_now = (o.giver, o.term) in against and breaks(o, date, against[o.giver, o.term])
                if agreement.id in self.agreed and not (defied_now and o.giver is accepted_now):
                    continue  # agreed only this turn, and not defied by its acceptor in the same order
                how = choice.get((o.giver, promise_key(agreement.id, o.term)), choice.get((o.giver, o.term)))
                if defied_now:
                    how = Compliance.BREAK  # the deed says otherwise: the word is broken
                elif o.status == Status.DONE:
                    continue
                status: Status = o.status
                if how == Compliance.BREAK:
                    status = Status.BROKEN
                    apply_effects(self.n.term(o.term).on_broken)
                    apply_effects(self.n.breach_cost.get(o.giver, ()))
                    if heard is None:
                        heard = self.names()
                    if o.public or heard.get(f"{o.term}_public"):  # given, offered or told in public
                        apply_effects(self.n.audience_cost.get(o.giver, ()))
                elif how == Compliance.DELAY:
                    if o.due is not None and date > o.due and status != Status.LATE:
                        status = Status.LATE
                elif o.due is not None and date >= o.due:  # comply: done when its day comes
                    status = Status.DONE
                    apply_effects(self.n.term(o.term).on_done)
                if status != o.status:
                    self.changed = True
                    made = Obligation(o.term, o.giver, o.public, o.verification, o.due, status)
                    changed = (*changed[:oi], made, *changed[oi + 1 :])
                    self.kept.append(kept_entry(agreement.id, o.term, status))
            if changed is agreement.obligations:
                continue  # nothing carried out, late or broken: the agreement stands as it was
            self.agreements[ai] = Agreement(
                agreement.id,
                agreement.date,
                agreement.proposal,
                agreement.acceptance,
                changed,
                agreement.disputed,
            )

    def _accepted_now(self, agreement: Agreement) -> Side | None:
        """The side whose acceptance, sent this turn, made `agreement` this turn (None otherwise): its
        deeds of this turn against a term it gives there break the promise at once (playtest K1:
        "Remove the IL-28 bombers" accepted and "Say the bombers belong to Cuba" in one order)."""
        if agreement.id not in self.agreed or agreement.acceptance not in self.sent:
            return None
        return next((m.sender for m in self.mail if m.id == agreement.acceptance), None)

    def leak(self, seed: int, turn: int, env: dict) -> None:
        """Each secret term in a letter read this turn may become public, once, by its channel's chance."""
        assert self.n is not None
        if not self.delivered:
            return  # most turns: no letter read, nothing to leak
        read = set(self.delivered)
        for mail in self.mail:
            channel = self.n.channel(mail.letter.channel)
            if mail.id not in read or channel.public or channel.leak is None:
                continue
            for offer in (*mail.letter.gives, *mail.letter.demands):
                if offer.public or offer.term in self.leaked:
                    continue
                p = min(max(float(channel.leak.fn(env)), 0.0), 1.0)
                if draw(seed, turn, f"leak:{mail.id}:{offer.term}") < p:
                    self.leaked.add(offer.term)
                    self.leaks.append(offer.term)
                    self.changed = True

    def reveal(self, terms: Iterable[str]) -> None:
        """A deed this turn made `terms` public (`Decision.reveals`): from now on they read as
        leaked, though no chance drew it (its news is `revealed`, told by `word.word_news`)."""
        for term in terms:
            if term not in self.leaked:
                self.leaked.add(term)
                self.changed = True

    # ---- what conditions read ---------------------------------------------------------------

    def names(self) -> dict[str, bool]:
        """`<term>_offered`, `_agreed`, `_public`, ... for every term that is any of them."""
        out: dict[str, bool] = {}
        for mail in self.mail:
            if not mail.delivered:
                continue
            public = self.n.channel(mail.letter.channel).public if self.n else False
            for o in mail.letter.gives:
                out[f"{o.term}_offered"] = True
                if public and o.public:
                    out[f"{o.term}_public"] = True
        for agreement in self.agreements:
            for ob in agreement.obligations:
                if ob.status == "broken":
                    out[f"{ob.term}_broken"] = True
                    continue
                out[f"{ob.term}_agreed"] = True
                if ob.public:
                    out[f"{ob.term}_public"] = True
                if ob.status == "done":
                    out[f"{ob.term}_done"] = True
                if ob.verification is Verification.UN:
                    out[f"{ob.term}_un_checked"] = True  # barred or not: agreed so (K6)
                if check_barred(self.blocked, ob):
                    out[f"{ob.term}_blocked"] = True
                elif ob.verification is not Verification.NONE:
                    out[f"{ob.term}_verified"] = True
                out[f"{ob.term}_later" if ob.due is None else f"{ob.term}_dated"] = True
            for _, term in agreement.disputed:
                out[f"{term}_disputed"] = True
        for term in self.leaked:
            out[f"{term}_public"] = True
        for term in self.blocked - CHECK_KINDS:
            out[f"{term}_blocked"] = True
        for key in [k for k in out if k.endswith("_agreed")]:
            term = key[: -len("_agreed")]
            if not out.get(f"{term}_public"):
                out[f"{term}_secret"] = True
        settled = {o.term for a in self.agreements for o in a.obligations if o.status != "broken"}
        for key in [k for k in out if k.endswith("_disputed")]:
            if key[: -len("_disputed")] in settled:
                del out[key]
        return out


def check_barred(blocked: Collection[str], o: Obligation) -> bool:
    """Whether a third party bars the check of `o`: `blocked` (the state's) names its term, or its kind
    of check (Castro's "no UN inspector on Cuban soil" bars every UN check, J8)."""
    return o.verification is not Verification.NONE and (o.term in blocked or o.verification.value in blocked)


def binds_anew(agreements: Iterable[Agreement], term: str, dated: bool) -> bool:
    """Whether accepting a proposal with `term` (`dated`: with a day, not 'later') binds it anew: no
    agreement holds it unbroken, or one holds it only for 'later' and this gives it a day (the
    quarantine lifted now). A term agreed already is not bound again."""
    held = [o for a in agreements for o in a.obligations if o.term == term and o.status != "broken"]
    return not held or (dated and any(o.status == "pending" and o.due is None for o in held))


def owed(o: Obligation, date: str) -> bool:
    """Whether on `date` a deed against `o` breaks it: it was carried out (a pledge kept so far), or
    its day has come. A promise for later, or for a day still ahead, is not broken yet."""
    if o.status == Status.BROKEN:
        return False
    return o.status == Status.DONE or (o.due is not None and date >= o.due)


def breaks(o: Obligation, date: str, repudiates: bool) -> bool:
    """Whether a deed against `o` on `date` breaks it: it is owed now (see `owed`), or the deed
    repudiates it (a hawkish deed: going back on a promise not yet due breaks it as surely, playtest
    J6), where a deed that only holds the line until its day breaks nothing yet."""
    return owed(o, date) or (repudiates and o.status != Status.BROKEN)


def defied_promises(
    agreements: Iterable[Agreement], side: Side, terms: Iterable[str], date: str, repudiates: bool = False
) -> tuple[Obligation, ...]:
    """The obligations of `side` that a decision defying `terms` (a hawkish one: `repudiates`) would
    break on `date`."""
    wanted = set(terms)
    if not wanted:
        return ()
    return tuple(
        o
        for a in agreements
        for o in a.obligations
        if o.giver is side and o.term in wanted and breaks(o, date, repudiates)
    )


def pacts(n: Negotiation, made: Iterable) -> tuple[Agreement, ...]:
    """Agreements a scenario starts with, as if each had been accepted on its date."""
    table = Table(n, None)
    for i, pact in enumerate(made, 1):
        date = pact.date.isoformat()
        obligations = tuple(table._obligation(o, n.term(o.term).giver, date) for o in pact.terms)
        table.agreements.append(Agreement(f"A{i}", date, "", "", obligations, _disputed(n, obligations)))
    return tuple(table.agreements)


def _disputed(n: Negotiation, obligations: tuple[Obligation, ...]) -> tuple[tuple[Side, str], ...]:
    """(side, term) for each term a side reads the agreement as covering, though nobody gave it."""
    agreed = {o.term for o in obligations}
    return tuple(
        (reader, covered)
        for o in obligations
        for reader, terms in n.term(o.term).covers.items()
        for covered in terms
        if covered not in agreed and reader is not o.giver
    )


@dataclass(frozen=True)
class News:
    """One change in the negotiation during a turn, for its report."""

    kind: str
    """`agreed` (an agreement made), `done`, `late` or `broken` (an obligation), `leaked` (a secret
    term); `revealed` (a deed made a term public) and `reneged` (a deed defied a term its side had
    given, short of breaking a promise owed now): see `word.word_news`."""
    term: str | None = None
    """The term concerned (None for an agreement as a whole)."""
    side: Side | None = None
    """Who owes the obligation, or whose deed it was (None for an agreement or a leak)."""
    agreement: str | None = None
    """The agreement's id, for `agreed` and the obligations; for `revealed`, the one that held the
    term in secret; for `reneged`, the one that bound the side to the term."""
    terms: tuple[str, ...] = ()
    """For `agreed`: the terms it binds."""
    letter: str | None = None
    """For `reneged`: the side's own letter that gave the term (with no agreement binding it)."""
    deed: str | None = None
    """For `reneged`: the side's earlier decision that offered the term (with no agreement or letter)."""
    shared: bool = False
    """For an obligation's news: its term is promised in more than one agreement, so the words name
    which (playtest H10)."""


def news(record: TurnRecord, agreements: Iterable[Agreement]) -> tuple[News, ...]:
    """What changed in the negotiation during the turn `record`: agreements made, obligations
    carried out, late or broken (each with the agreement its record names), and secrets leaked."""
    by_id = {a.id: a for a in agreements}
    out: list[News] = []
    for aid in record.agreed:
        a = by_id.get(aid)
        out.append(News("agreed", agreement=aid, terms=tuple(o.term for o in a.obligations) if a else ()))
    for entry in record.kept:
        aid, term, status = split_kept(entry)
        if aid not in by_id:  # a record made before entries named their agreement: the first holding it
            aid = next((a.id for a in by_id.values() for o in a.obligations if o.term == term), "")
        giver = next((o.giver for o in by_id[aid].obligations if o.term == term), None) if aid else None
        shared = sum(1 for a in by_id.values() if any(o.term == term for o in a.obligations)) > 1
        out.append(News(status, term, giver, aid or None, shared=shared))
    out.extend(News("leaked", term) for term in record.leaks)
    return tuple(out)
