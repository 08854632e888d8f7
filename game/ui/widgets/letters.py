"""The letters panel on the desk: the draft, agreements in force, and letters received and sent, newest first.

Everything comes from one side's `SideView`: a letter still on its way to that side is not in it, and
the other side's unsent draft lives in the session under the other side, never shown here.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from game.diplomacy import Answer
from game.engine.letters import Letter, Mail
from game.engine.match import SideView
from game.model import Scenario, Side
from game.ui import letter_text as lt
from game.ui.session import leader


def newest_first(letters: tuple[Mail, ...], viewer: Side | None = None) -> list[Mail]:
    """Newest first; of letters sent the same hour, the one received before the one sent."""
    return sorted(letters, key=lambda m: (m.sent, m.sender is not viewer, m.id), reverse=True)


def draft_block(
    s: Scenario, view: SideView, draft: Letter | None, compliance: tuple[tuple[str, str], ...]
) -> str:
    """The letter and the promises this side will send with its next decision."""
    lines = []
    if draft is not None:
        lines.append(
            f"[b $accent]Your letter[/] goes with your decision: "
            f"{escape(lt.channel_label(s, draft.channel))} · {draft.tone.value}"
        )
        terms = lt.terms_block(s, draft, "You", "")
        if draft.answer is not None:
            words = lt.answer_text(draft)  # 'ACCEPTS letter L1h': the verb quieter, the id as it is
            lines.append(f"  {words.split(' ', 1)[0].lower()} {words.split(' ', 1)[-1]}")
        lines.append(terms or "  [$text-muted]no terms[/]")
    for term, how in compliance:
        verb = "[b $error]break[/]" if how == "break" else "[b $warning]delay[/]"
        lines.append(f"You will {verb}: {escape(lt.promise_label(s, term))}")
    return "\n".join(lines)


def draft_line(draft: Letter) -> str:
    """The draft on one line: an acceptance or a refusal by the letter it answers (H13: an acceptance
    read "Your letter goes with your decision (0 offered, 0 asked)"), else its terms counted."""
    if draft.answer in (Answer.ACCEPT, Answer.REJECT):
        verb = "accept" if draft.answer is Answer.ACCEPT else "reject"
        return f"[b $accent]You {verb}[/] letter {escape(draft.reply_to or '')} (with your decision)"
    counters = f"counters letter {escape(draft.reply_to or '')}: " if draft.answer is Answer.COUNTER else ""
    return (
        f"[b $accent]Your letter[/] goes with your decision "
        f"({counters}{len(draft.gives)} offered, {len(draft.demands)} asked)"
    )


def compact_markup(
    s: Scenario, view: SideView, draft: Letter | None = None, compliance: tuple[tuple[str, str], ...] = ()
) -> str:
    """One line each, for a narrow desk: the draft, promises, agreements, letters."""
    lines = []
    if draft is not None:
        lines.append(draft_line(draft))
    for term, how in compliance:
        lines.append(f"You will [b $error]{how}[/]: {escape(lt.promise_label(s, term))}")
    chosen = dict(compliance)
    for a in reversed(view.agreements):
        lines += [
            lt.obligation_line(
                s,
                o,
                view.side,
                view.date,
                names=view.term_names,
                choice=lt.choice(chosen, a.id, o.term),
            )
            for o in a.obligations
            if o.status != "done"
        ]
    for mail in newest_first(view.letters, view.side):
        head = "[$accent]>[/] to" if mail.sender is view.side else "[$success]<[/] from"
        who = leader(s, mail.sender.other if mail.sender is view.side else mail.sender)
        sent = lt.day(mail.sent, lt.with_year(s, mail.sent, view.date))
        lines.append(f"{head} {escape(who)} {sent}: {lt.mail_summary(s, mail, view.side)}")
    return "\n".join(lines)


def panel_markup(
    s: Scenario, view: SideView, draft: Letter | None = None, compliance: tuple[tuple[str, str], ...] = ()
) -> str:
    blocks = []
    mine = draft_block(s, view, draft, compliance)
    if mine:
        blocks.append(mine)
    for a in reversed(view.agreements):
        blocks.append(
            lt.agreement_block(s, a, view.side, view.date, names=view.term_names, chosen=dict(compliance))
        )
    for mail in newest_first(view.letters, view.side):
        blocks.append(
            lt.mail_block(s, mail, view.side, prose=False, today=view.date, agreements=view.agreements)
        )
    if not blocks:
        return "[$text-muted]No letters yet. Press l to write one; it goes with your next decision.[/]"
    return "\n\n".join(blocks)


class LettersPanel(VerticalScroll):
    """The viewer's letters and agreements; `show` redraws it from a view."""

    def compose(self):  # noqa: ANN201
        yield Static(id="letters-text")

    def show(
        self,
        s: Scenario,
        view: SideView,
        draft: Letter | None = None,
        compliance: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.set_class(not (view.letters or view.agreements or draft or compliance), "-empty")
        n_in = sum(1 for m in view.letters if m.sender is not view.side)
        n_out = len(view.letters) - n_in
        self.border_title = f"Letters · {n_in} in, {n_out} out" if view.letters else "Letters"
        wide = self.app.size.width >= 120  # narrow: the desk shows this panel in the briefing's place on e
        self.border_subtitle = "l: write · m: read, answer" if wide else "e: letters · l: write · m: read"
        render = panel_markup if wide else compact_markup
        self.query_one("#letters-text", Static).update(
            Content.from_markup(render(s, view, draft, compliance))
        )
