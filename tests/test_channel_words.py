"""A channel is written as the way a letter goes, not as its author (playtest 6, F16: "firm letter
by Private letter", "threatening letter by Robert Kennedy and Dobrynin")."""

from game.analysis.explore import letter_note
from game.cli.render import letters_text
from game.diplomacy import Tone
from game.engine.letters import Letter, Offer
from game.engine.state import Move
from game.model import Side
from game.scenario import catalog


def _note(channel: str, tone: Tone) -> str:
    s = catalog.get("cuban-missile-crisis")
    letter = Letter(channel, tone, demands=(Offer("withdraw_missiles"),))
    return letter_note(s, Move(Side.KENNEDY, "hold_the_line", letter))


def test_explore_says_by_what_way_a_letter_went():
    assert _note("private_letter", Tone.FIRM).startswith("firm letter by private letter: asks ")
    assert _note("rfk_dobrynin", Tone.THREATENING).startswith(
        "threatening letter through Robert Kennedy and Dobrynin: asks "
    )


def test_every_channel_reads_after_the_word_letter():
    s = catalog.get("cuban-missile-crisis")
    assert s.negotiation is not None
    for channel in s.negotiation.channels:
        first = channel.way.split()[0]
        assert first in ("by", "through", "in", "on"), channel.id
        assert f"by {channel.label}" not in channel.way, channel.id


def test_the_real_letters_say_the_way_too():
    text = letters_text(catalog.get("cuban-missile-crisis"))
    assert "Khrushchev, by private letter;" in text
    assert ", by Private letter" not in text
