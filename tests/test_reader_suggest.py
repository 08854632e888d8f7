"""The optional embedding model only suggests terms for sentences the rules read nothing in, and loads
offline: with every network connection refused, it still loads from the weights in its package."""

import math
import socket

import pytest

from game.reader import reader_for
from game.reader.suggest import Suggester, suggester_for
from game.sides import Side


class Words:
    """A stand-in model: a sentence's vector counts its words (hashed), so shared words mean similar."""

    def embed(self, texts, norm=True):
        out = []
        for text in texts:
            v = [0.0] * 64
            for word in text.lower().replace(".", " ").replace(",", " ").split():
                v[sum(map(ord, word)) % 64] += 1.0
            size = math.sqrt(sum(x * x for x in v)) or 1.0
            out.append([x / size for x in v])
        return out


def _suggester(campaign):
    return Suggester(campaign.negotiation, campaign.phrases, Words())


def test_a_sentence_the_rules_miss_gets_a_suggestion_only(campaign):
    text = "Your quarantine, the quarantine and the quarantine! Remove the Jupiters from Turkey."
    reading = reader_for(campaign).read(text, Side.KHRUSHCHEV)
    hints = _suggester(campaign).suggest(text, Side.KHRUSHCHEV, reading)
    assert [f.term for f in reading.found] == ["remove_jupiters"]  # the rules read one sentence
    assert [(h.term, h.give) for h in hints] == [("lift_quarantine", False)]
    assert text[hints[0].start : hints[0].end] == "Your quarantine, the quarantine and the quarantine!"
    assert [o.term for o in reading.demands] == ["remove_jupiters"]  # a suggestion adds nothing


def test_no_suggestion_for_terms_off_the_table_or_for_a_sentence_already_read(campaign):
    text = "Your quarantine, the quarantine and the quarantine!"
    reading = reader_for(campaign).read(text, Side.KHRUSHCHEV)
    assert _suggester(campaign).suggest(text, Side.KHRUSHCHEV, reading)
    assert _suggester(campaign).suggest(text, Side.KHRUSHCHEV, reading, terms=["remove_jupiters"]) == ()
    read = "We will lift the quarantine."
    assert (
        _suggester(campaign).suggest(read, Side.KENNEDY, reader_for(campaign).read(read, Side.KENNEDY)) == ()
    )


def test_no_suggestion_for_a_few_words_or_words_unlike_any_term(campaign):
    for text in ("Thank you.", "The weather in Moscow has been cold and grey all week."):
        reading = reader_for(campaign).read(text, Side.KENNEDY)
        assert _suggester(campaign).suggest(text, Side.KENNEDY, reading) == ()


@pytest.fixture
def offline(monkeypatch):
    """Every network connection fails loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_wordllama_loads_from_its_package_with_the_network_refused(campaign, offline):
    pytest.importorskip("wordllama", reason="the embed extra is not installed")
    suggester_for.cache_clear()
    suggester = suggester_for(campaign)
    assert suggester is not None
    text = "Your quarantine is piracy."
    hints = suggester.suggest(text, Side.KHRUSHCHEV, reader_for(campaign).read(text, Side.KHRUSHCHEV))
    assert [(h.term, h.give) for h in hints] == [("lift_quarantine", False)]
