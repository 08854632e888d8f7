"""Terms that are themselves a negation ('No atomic arms for West Germany', 'Stop the exile raids'):
a 'not' before what they abstain from gives them (play-test G1), in every scenario, for both sides."""

import pytest

from game.reader import reader_for
from game.scenario import catalog
from game.sides import Side

K, S = Side.KENNEDY, Side.KHRUSHCHEV
SCENARIOS = ("cuban-missile-crisis", "thirteen-days", "il28-endgame")

# (writer, letter, what it gives, asks and refuses)
CASES = [
    (
        K,
        "We will not give atomic arms to West Germany unless you stop the nuclear tests.",
        {"give": {"no_german_bomb"}, "ask": {"test_ban"}},
    ),
    (K, "We will not arm West Germany with atomic weapons.", {"give": {"no_german_bomb"}}),
    (K, "We will give no atomic arms to West Germany.", {"give": {"no_german_bomb"}}),
    (K, "Atomic arms will never go to West Germany.", {"give": {"no_german_bomb"}}),
    (
        K,
        "We will never arm the Bundeswehr, if you leave Berlin as it is.",
        {"give": {"no_german_bomb"}, "ask": {"berlin_status_quo"}},
    ),
    (
        K,
        "We will not give West Germany atomic weapons if you stop testing.",
        {"give": {"no_german_bomb"}, "ask": {"test_ban"}},
    ),
    (K, "We will keep nuclear weapons out of West German hands.", {"give": {"no_german_bomb"}}),
    (K, "We will not keep nuclear weapons out of West German hands.", {"refuse": {"no_german_bomb"}}),
    # what the term abstains from, done with no 'not': refused (it read as given before)
    (K, "We will give atomic arms to West Germany.", {"refuse": {"no_german_bomb"}}),
    (K, "We will arm West Germany with atomic weapons.", {"refuse": {"no_german_bomb"}}),
    (K, "Arming West Germany with atomic weapons is our right.", {"refuse": {"no_german_bomb"}}),
    (K, "We will resume the exile raids.", {"refuse": {"stop_exile_raids"}}),
    (K, "We will allow the exile raids to continue.", {"refuse": {"stop_exile_raids"}}),
    (K, "The exile raids will stop.", {"give": {"stop_exile_raids"}}),
    (K, "We will end the exile raids.", {"give": {"stop_exile_raids"}}),
    (K, "I have ordered the exile raids stopped at once.", {"give": {"stop_exile_raids"}}),
    (K, "The exile raids can be dealt with later.", {"give": {"stop_exile_raids"}}),
    (K, "We will not tolerate exile raids from Florida.", {"give": {"stop_exile_raids"}}),
    (K, "We will not stop the exile raids.", {"refuse": {"stop_exile_raids"}}),
    (
        K,
        "We will not allow commando raids on Cuba unless you remove the missiles.",
        {"give": {"stop_exile_raids"}, "ask": {"withdraw_missiles"}},
    ),
    (K, "We will not continue the low-level flights.", {"give": {"stop_overflights"}}),
    (K, "We will never invade Cuba.", {"give": {"no_invasion_pledge"}}),
    (K, "We will not give assurances against an invasion of Cuba.", {"refuse": {"no_invasion_pledge"}}),
    (
        K,
        "We will give no atomic arms to West Germany. We will not remove the Jupiters.",
        {"give": {"no_german_bomb"}, "refuse": {"remove_jupiters"}},
    ),
    (S, "We will not send more offensive weapons to Cuba.", {"give": {"halt_shipments"}}),
    (S, "We will not halt the shipments.", {"refuse": {"halt_shipments"}}),
    (S, "We will not stop the nuclear tests.", {"refuse": {"test_ban"}}),
    (
        S,
        "We will stop the nuclear tests if you give no atomic arms to West Germany.",
        {"give": {"test_ban"}, "ask": {"no_german_bomb"}},
    ),
    (S, "You must not arm West Germany with atomic weapons.", {"ask": {"no_german_bomb"}}),
    (
        S,
        "You will not give atomic arms to West Germany, and we will stop the tests.",
        {"ask": {"no_german_bomb"}, "give": {"test_ban"}},
    ),
    (
        S,
        "If you do not give atomic arms to West Germany, we will stop the tests.",
        {"ask": {"no_german_bomb"}, "give": {"test_ban"}},
    ),
    (S, "You will not let exile raids from Florida go on.", {"ask": {"stop_exile_raids"}}),
    (
        S,
        "We will not remove the missiles until you stop the exile raids.",
        {"refuse": {"withdraw_missiles"}, "ask": {"stop_exile_raids"}},
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize(("side", "text", "want"), CASES, ids=[c[1][:48] for c in CASES])
def test_a_negated_abstaining_is_given(scenario, side, text, want):
    reading = reader_for(catalog.get(scenario)).read(text, side)
    got = {
        "give": {o.term for o in reading.gives},
        "ask": {o.term for o in reading.demands},
        "refuse": {f.term for f in reading.refused},
    }
    assert got == {k: want.get(k, set()) for k in got}, reading


def test_a_negated_term_that_is_no_abstaining_is_still_refused():
    r = reader_for(catalog.get("cuban-missile-crisis")).read("We will not lift the quarantine.", K)
    assert [f.term for f in r.refused] == ["lift_quarantine"] and not r.gives
