"""A threat said as a condition ("If you resume the tests, we will resume ours") reads as
threatening (play-test G25); an exchange said the same way does not."""

import pytest

from game.diplomacy import Tone
from game.reader import reader_for
from game.scenario import catalog
from game.sides import Side

K, S = Side.KENNEDY, Side.KHRUSHCHEV
THREAT, FIRM, KIND = Tone.THREATENING, Tone.FIRM, Tone.CONCILIATORY

CASES = [
    (S, "If you resume the tests, we will resume ours.", THREAT),
    (K, "If you resume the tests, we will resume ours.", THREAT),
    (S, "We will resume our tests if you resume yours.", THREAT),
    (K, "If you blockade Berlin, we will do the same in Cuba.", THREAT),
    (S, "Should you invade Cuba, we will answer in kind.", THREAT),
    (K, "If you send more ships, we will send ours too.", THREAT),
    (K, "Otherwise we will strike.", THREAT),
    (S, "If you stop the tests, we will stop ours.", FIRM),
    (S, "We will stop our tests if you stop yours.", FIRM),
    (K, "If you remove the missiles, we will lift the quarantine.", FIRM),
    (K, "We will remove the Jupiters if you remove the missiles.", FIRM),
    (K, "If you resume the tests, we will consider our position.", FIRM),
    (S, "If you accept, we will be grateful.", KIND),
    (K, "We will lift the quarantine if you remove the missiles, in good faith.", KIND),
]


@pytest.mark.parametrize(("side", "text", "tone"), CASES, ids=[c[1][:48] for c in CASES])
def test_a_conditional_retaliation_is_a_threat(side, text, tone):
    assert reader_for(catalog.get("thirteen-days")).read(text, side).tone is tone
