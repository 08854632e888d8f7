"""Citations: every text marked historical names its document, and our working notes are never a source."""

import dataclasses

import pytest

from game.scenario import catalog
from game.scenario.lint_citations import archive_only, citation_warnings

NAMES = ["cuban-missile-crisis", "thirteen-days", "il28-endgame"]


@pytest.mark.parametrize("name", NAMES)
def test_no_historical_text_cites_only_an_archive(name):
    assert [str(w) for w in citation_warnings(catalog.get(name))] == []


def test_a_text_citing_only_archives_is_warned_about(campaign):
    event = next(e for p in campaign.phases for e in p.events if e.id == "b59_surfaces")
    bare = dataclasses.replace(event, source=("frus-xi", "nsa-cmc"))
    object.__setattr__(bare, "_at", event._at)
    phase = next(p for p in campaign.phases if event in p.events)
    changed = dataclasses.replace(phase, events=tuple(bare if e is event else e for e in phase.events))
    phases = tuple(changed if p is phase else p for p in campaign.phases)
    scenario = dataclasses.replace(campaign, phases=phases)
    warnings = [w.message for w in citation_warnings(scenario)]
    assert warnings == [
        "warning: event 'b59_surfaces' is marked historical but cites only archive-level sources "
        "('frus-xi', 'nsa-cmc'); cite the document (a dated letter, memorandum, speech or FRUS document) "
        "or a seed fact"
    ]


def test_archives_beside_a_document_or_a_seed_fact_are_fine(campaign):
    assert archive_only(campaign, ("frus-xi",))
    assert not archive_only(campaign, ("frus-xi", "khrushchev-1962-10-26-letter"))
    assert not archive_only(campaign, ("frus-xi", "brenner.nov12_gentlemans_word"))
    assert not archive_only(campaign, ())


def test_the_archives_are_marked_and_the_documents_dated(campaign):
    by_id = {src.id: src for src in campaign.sources}
    archives = {i for i, src in by_id.items() if src.archive}
    assert archives >= {"frus-vi", "frus-xi", "nsa-cmc", "wilson-center"}
    letter = by_id["khrushchev-1962-10-26-letter"]
    assert (letter.date.isoformat(), letter.url) == (
        "1962-10-26",
        "https://history.state.gov/historicaldocuments/frus1961-63v06/d65",
    )


@pytest.mark.parametrize("name", NAMES)
def test_our_working_notes_are_never_a_source(name):
    s = catalog.get(name)
    assert "history-md" not in {src.id for src in s.sources}
    assert not any("HISTORY.md" in src.title for src in s.sources)
