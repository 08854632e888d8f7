"""Who the words say will do a term decides give or ask; words that contradict the term are noted.

Play-test 6 F3: as Kennedy, "We will stop the nuclear tests if you accept a German peace treaty."
read as asking for the tests and giving the treaty: the reader went by the term alone and silently
turned the player's 'you' into 'I'.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.diplomacy import Offer
from game.reader import reader_for
from game.scenario import catalog
from game.sides import Side

K, S = Side.KENNEDY, Side.KHRUSHCHEV
OWN = {  # what each side can give, as a player writes it after 'we will' or 'you'
    K: ["lift the quarantine", "withdraw the Jupiter missiles from Turkey", "stop the raids on Cuba",
        "end the flights over Cuba", "accept a German peace treaty"],
    S: ["remove the missiles from Cuba", "take the IL-28 bombers out of Cuba", "stop the nuclear tests",
        "admit inspectors to Cuba", "guarantee the access to Berlin"],
}  # fmt: skip
RIGHT = [  # (shape, the writer's act, the other's act): the writer's subject on the writer's term
    "If you {x}, we will {y}.",
    "We will {y} if you {x}.",
    "We will {y}, provided that you {x}.",
    "You must {x}. In return we will {y}.",
    "You must {x}; in return, we {y}.",
    "We ask you to {x}, and we will {y}.",
    "We demand that you {x}. We are ready to {y}.",
    "You {x} and we {y}.",
    "I want you to {x}. I will {y}.",
    "Unless you {x}, we will not {y}.",
    "If you do not {x}, we will never {y}.",
    "We will never {y} unless you {x}.",
]


def read(text, side):
    s = catalog.get("cuban-missile-crisis")
    return reader_for(s).read(text, side)


def term_id(words: str, side: Side) -> str:
    r = read(f"{words}.", side)
    (found,) = r.found
    return found.term


F3 = "We will stop the nuclear tests if you accept a German peace treaty."


def test_the_play_test_letter_flips_nothing(capsys):
    r = read(F3, K)
    assert r.gives == () and r.demands == ()
    doubts = {f.term: f.doubt for f in r.found}
    assert doubts == {
        "test_ban": "only Khrushchev can give this; you wrote 'we will'",
        "german_peace_treaty": "only Kennedy can give this; you wrote 'you accept'",
    }
    assert "Stop the nuclear tests: only Khrushchev can give this; you wrote 'we will'" in r.notes
    assert main(["read-letter", "--as", "kennedy", F3]) == 0
    out = capsys.readouterr().out
    assert "gives" not in out and "asks" not in out
    assert "only Kennedy can give this; you wrote 'you accept'" in out


def test_the_letter_the_right_way_round_reads_as_meant():
    r = read("We will accept a German peace treaty if you stop the nuclear tests.", K)
    assert r.gives == (Offer("german_peace_treaty"),) and r.demands == (Offer("test_ban"),)
    assert not any(f.doubt for f in r.found) and r.notes == ()


@pytest.mark.parametrize("shape", RIGHT)
@pytest.mark.parametrize("side", [K, S])
def test_each_sentence_shape_gives_the_writers_and_asks_the_others(shape, side):
    y, x = OWN[side][0], OWN[side.other][0]
    r = read(shape.format(x=x, y=y), side)
    negated = " not " in shape.split(",")[-1] or "never" in shape
    assert [o.term for o in r.demands] == [term_id(x, side)]
    assert [o.term for o in r.gives] == ([] if negated else [term_id(y, side)])
    assert [f.term for f in r.refused] == ([term_id(y, side)] if negated else [])
    assert not any(f.doubt for f in r.found)


@pytest.mark.parametrize("shape", RIGHT[:5])
@pytest.mark.parametrize("side", [K, S])
def test_the_shapes_turned_round_are_noted_never_flipped(shape, side):
    """The writer's subject on the other's term and the other's on the writer's: both doubted."""
    y, x = OWN[side][1], OWN[side.other][1]
    r = read(shape.format(x=y, y=x), side)
    assert r.gives == () and r.demands == ()
    assert {f.term for f in r.found if f.doubt} == {term_id(x, side), term_id(y, side)}
    assert sum("only " in n and "can give this; you wrote" in n for n in r.notes) == 2


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(RIGHT[:9]),
    st.sampled_from([K, S]),
    st.integers(0, 4),
    st.integers(0, 4),
    st.booleans(),
)
def test_any_shape_and_terms_give_what_the_subject_says_or_note_it(shape, side, i, j, turned):
    y, x = OWN[side][i], OWN[side.other][j]
    if turned:
        x, y = y, x
    r = read(shape.format(x=x, y=y), side)
    s = catalog.get("cuban-missile-crisis")
    for f in r.found:  # what a term is read as never changes: its giver gives it
        assert f.give is (s.negotiation.term(f.term).giver is side)
    if turned:
        assert r.gives == () and r.demands == () and all(f.doubt for f in r.found)
    else:
        assert [o.term for o in r.gives] == [term_id(y, side)]
        assert [o.term for o in r.demands] == [term_id(x, side)]


@pytest.mark.parametrize(
    ("text", "side", "gives", "demands"),
    [
        ("The missiles must be removed from Cuba.", K, [], ["withdraw_missiles"]),  # no subject: the giver
        ("We demand the removal of the Jupiters from Turkey.", S, [], ["remove_jupiters"]),
        ("We propose a test ban.", K, [], ["test_ban"]),  # proposing says nobody
        ("The United States will lift the quarantine.", S, [], ["lift_quarantine"]),
        ("The Soviet Union will remove the missiles from Cuba.", K, [], ["withdraw_missiles"]),
        ("I can tell you the Jupiters will be gone later.", K, ["remove_jupiters"], []),
        ("We will give you our pledge not to invade Cuba.", K, ["no_invasion_pledge"], []),
        ("We want to end the flights over Cuba.", K, ["stop_overflights"], []),
        ("If your government will remove the missiles, we lift the quarantine.", K,
         ["lift_quarantine"], ["withdraw_missiles"]),
        ("If you remove the missiles, send no more weapons and admit inspectors, we lift the quarantine.",
         K, ["lift_quarantine"], ["withdraw_missiles", "halt_shipments", "on_site_inspection"]),
        ("we'll send the bombers home but u gotta stop the flights over cuba", S,
         ["withdraw_il28"], ["stop_overflights"]),
    ],
)  # fmt: skip
def test_subjects_in_plain_english(text, side, gives, demands):
    r = read(text, side)
    assert [o.term for o in r.gives] == gives
    assert [o.term for o in r.demands] == demands
    assert not any(f.doubt for f in r.found)


def test_said_once_the_right_way_is_no_doubt():
    r = read("We will stop the nuclear tests. No: you will stop the nuclear tests.", K)
    assert r.demands == (Offer("test_ban"),) and not r.found[0].doubt
