"""The AI's letters do not repeat themselves over a campaign (playtest E29: the pragmatist Khrushchev
opened three letters, in April, August and February, with the same sentence), every template reads
back to whatever terms it is filled with, and none names an event of one year in a campaign of two."""

from __future__ import annotations

import re
from itertools import product

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.model import SIDES
from game.reader import reader_for
from game.scenario import catalog

KINDS = ("hawk", "dove", "pragmatist")


@pytest.fixture(scope="module")
def campaign():
    return catalog.get("cuban-missile-crisis")


def _heads(templates: dict) -> list[re.Pattern[str]]:
    """Each template's opening (up to its first blank other than the date, at most 60 characters, as
    the writer tells them apart), as a pattern for a letter's text."""
    heads = set()
    for texts in templates.values():
        for text in texts:
            head = " ".join(text.split()).replace("{date}", "\0").split("{", 1)[0][:60]
            heads.add("^" + r"\S+".join(re.escape(part) for part in head.split("\0")))
    return [re.compile(h) for h in sorted(heads, key=len, reverse=True)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_campaign_s_letters_rarely_open_with_words_their_side_used_before(campaign, kind):
    """Self-play over the whole campaign: before E29's templates the pragmatist repeated an opening in
    three letters of four, the dove in three of five, the hawk in two of seven."""
    letters = repeats = 0
    for seed in range(4):
        game = sim.play(campaign, {side: POLICIES[kind] for side in SIDES}, seed)
        for side in SIDES:
            heads = _heads(campaign.negotiation.templates[side])
            used: set[str] = set()
            for mail in game.state.mail:
                if mail.sender is not side or not mail.letter.text or mail.letter.real:
                    continue
                text = " ".join(mail.letter.text.split())
                head = next((h.pattern for h in heads if h.match(text)), None)
                if head is None:
                    continue  # words only (a deed's), no template
                letters += 1
                repeats += head in used
                used.add(head)
    assert letters >= 40, letters
    assert repeats / letters < 0.1, (repeats, letters)


def _filled(template: str, gives: list, demands: list) -> str:
    """`template` as the writer fills it: each term's phrase, '(this in confidence)' after a secret one."""

    def names(offers: list) -> str:
        parts = [t.phrase if public else f"{t.phrase} (this in confidence)" for t, public in offers]
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)

    fill = {"gives": names(gives), "demands": names(demands), "from": "K.", "to": "P.", "date": "1962-05-01"}
    return re.sub(r"\{(\w+)\}", lambda m: fill[m.group(1)], template)


@pytest.mark.parametrize("side", SIDES, ids=lambda side: side.value)
def test_every_template_that_names_terms_reads_back_to_any_it_is_filled_with(campaign, side):
    """Each proposal, counter and threat template, filled with every term of each side in turn (alone
    and with others, in public and in confidence), is read as giving and asking exactly those terms:
    a 'not' before a blank, or a 'between us' anywhere, would change what the letter offers."""
    n = campaign.negotiation
    reader = reader_for(campaign)
    mine = [t for t in n.terms if t.giver is side]
    theirs = [t for t in n.terms if t.giver is not side]
    m, k = len(mine), len(theirs)
    wrong = []
    for intent in ("propose", "counter", "threaten"):
        for template in n.templates[side][intent]:
            for i, public, other in product(range(max(m, k)), (True, False), (True, False)):
                pairs = 1 + i % 2  # one term a side, or two
                gives = [(mine[i % m], public), (mine[(i + 1) % m], not public)][:pairs]
                demands = [(theirs[i % k], other), (theirs[(i + 3) % k], not other)][:pairs]
                gives = [(t, p or t.public_only) for t, p in gives] if "{gives}" in template else []
                demands = [(t, p or t.public_only) for t, p in demands] if "{demands}" in template else []
                text = _filled(template, gives, demands)
                reading = reader.read(text, side)
                meant = {("give", t.id, p) for t, p in gives} | {("ask", t.id, p) for t, p in demands}
                read = {("give", o.term, o.public) for o in reading.gives}
                read |= {("ask", o.term, o.public) for o in reading.demands}
                if read != meant:
                    wrong.append((text, sorted(read ^ meant)))
                    break
    assert not wrong, wrong


def test_no_template_names_an_event_of_one_year(campaign):
    """The campaign runs from April 1961 (Berlin) to November 1962: what belongs to a moment comes
    through the blanks ({gives}, {demands}) or the reasons, never the template's own words."""
    dated = re.compile(r"cuba|missile|rocket|quarantine|blockade|turk|jupiter|berlin|bomber|IL-28", re.I)
    said = [
        text
        for intents in campaign.negotiation.templates.values()
        for texts in intents.values()
        for text in texts
        if dated.search(text)
    ]
    assert not said, said
