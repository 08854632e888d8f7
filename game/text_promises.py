"""The text game's promises: `p` lists what this side owes, `p 2 break` (or delay, keep) chooses for one.

A choice goes with the side's next decision, as on the full game's promises page, and names the
agreement it is made in (a term promised in two agreements is kept or broken in each on its own)."""

from __future__ import annotations

from game.engine.letters import Letter, Obligation
from game.engine.match import SideView
from game.engine.state import Compliance, promise_key
from game.engine.word import reads_public
from game.model import Scenario
from game.promises import breach_cost, order_breaks, owed
from game.text_letters import date_text, offer_label, wrap

Chosen = dict[str, Compliance]
"""Compliance keys (`promise_key`) chosen this turn; a promise not in it is kept."""

WAYS = ("keep", "delay", "break")


def line(s: Scenario, view: SideView, agreement: str, o: Obligation, chosen: Chosen) -> str:
    how = chosen.get(promise_key(agreement, o.term), "keep")
    due = f"due {date_text(s, o.due, view.date)}" if o.due else "due later"
    late = " (LATE)" if o.status == "late" else ""
    public = reads_public(o, view.term_names)
    cost = (breach_cost(s, o, view.side, public) or "trust") + (
        "" if public else ", more if the secret gets out"
    )
    what = f"{offer_label(s, o.term, public)}, agreement {agreement}, {due}{late}"
    return f"{how.upper()}: {what}; to break it costs {cost}"


def command(s: Scenario, view: SideView, chosen: Chosen, typed: str) -> None:
    """`p`: the list; `p N WAY`: choose WAY for promise N. Says what it did, or why it cannot."""
    rows = owed(view)
    words = typed.lower().split()[1:]
    if not rows:
        print("  You owe nothing under any agreement now.")
        return
    if not words:
        print(wrap("Your promises (kept unless you choose otherwise; a choice goes with your decision):"))
        for n, (a, o) in enumerate(rows, 1):
            print(wrap(f"[{n}] {line(s, view, a, o, chosen)}", "      "))
        print(f"  Type p N keep, p N delay or p N break (N from 1 to {len(rows)}).")
        return
    if (
        len(words) != 2
        or not words[0].isdigit()
        or not 1 <= int(words[0]) <= len(rows)
        or words[1] not in WAYS
    ):
        print(f"  Type p N keep, p N delay or p N break, with N from 1 to {len(rows)} ('p' lists them).")
        return
    agreement, o = rows[int(words[0]) - 1]
    key = promise_key(agreement, o.term)
    if words[1] == "keep":
        chosen.pop(key, None)
    else:
        chosen[key] = Compliance(words[1])
    print(wrap(f"[{words[0]}] {line(s, view, agreement, o, chosen)}", "      "))


def acceptance_breaks(
    s: Scenario, view: SideView, reply: Letter | None, shown: dict[str, str]
) -> list[tuple[int, str, str]]:
    """(number, decision, warning) for each order whose warning the reply changes: an acceptance
    whose promise that order would break at once (playtest K1), told after the `y` that made it."""
    now = order_breaks(s, view, reply)
    return [
        (n, m.decision, now[m.decision])
        for n, m in enumerate(view.legal, 1)
        if m.decision in now and now[m.decision] != shown.get(m.decision)
    ]
