"""An ending tells what happened (playtest N3, N7): its words hold in the final state, and beside it
the game says what was agreed and kept, agreed and broken, still owed, or given without agreement."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

import pytest

from game.ai.policies import POLICIES
from game.analysis.account import account
from game.engine.match import Game
from game.engine.rules import env_of
from game.engine.state import Move
from game.engine.work import Env
from game.model import SIDES, Side
from game.scenario import catalog
from game.scenario.lint_continuity import Sighting, check
from game.sim import play

from .cli_support import feed, run

HEADLINE = "=" * 60


@pytest.mark.parametrize("scenario", ["thirteen-days", "il28-endgame"])
def test_no_ending_says_what_its_final_state_denies_over_every_policy_pair(scenario):
    """Every pair of policies, two seeds each: the ending's `holds` is true, its headline and
    epilogue name no fact of the continuity lexicon that is false (the removal "seen and verified"
    only where it was agreed with verification, "nothing in return" only where nothing was given),
    and the account names every agreement and every term it binds."""
    s = catalog.get(scenario)
    for k, (a, b) in enumerate(product(POLICIES, repeat=2)):
        for seed in (7000 + 2 * k, 7001 + 2 * k):
            game = play(s, dict(zip(SIDES, (POLICIES[a], POLICIES[b]), strict=True)), seed)
            end = s.ending(game.state.ending or "")
            env = env_of(s, game.state)
            where = f"seed {seed}, {a} v {b}"
            assert end.holds is None or end.holds(env), (end.id, where)
            said = [Sighting(end, end.id, f"{end.headline}. {end.epilogue}", env, where)]
            assert not [p.message for p in check(s, said)], where
            told = " ".join(account(s, game.state))
            for agreement in game.state.agreements:
                assert f"Agreed ({agreement.id}," in told, where
                for o in agreement.obligations:
                    assert s.negotiation is not None and s.negotiation.term(o.term).label in told


def test_the_endings_words_are_checked_against_the_terms():
    """The lexicon reads the claims the playtest caught: an unverified removal, a retreat "for
    nothing" after an agreement gave something, and the false telling is refused."""
    s = catalog.get("thirteen-days")
    struck = s.ending("agreement_of_october_28")
    retreat = s.ending("soviet_retreat")
    base = {"missiles_withdrawn": True, "withdraw_missiles_agreed": True}

    def says(end, env: dict, text: str, words: str) -> bool:
        """Whether `text` is refused in `env` for saying `words`."""
        found = check(s, [Sighting(end, end.id, text, Env(env), "here")])
        return any(f"says {words!r}" in p.message for p in found)

    assert says(struck, base, struck.epilogue, "seen and verified")  # agreed by letter, unverified
    assert not says(
        struck, {**base, "withdraw_missiles_verified": True}, struck.epilogue, "seen and verified"
    )
    assert says(retreat, {"stop_exile_raids_agreed": True}, retreat.headline, "NOTHING IN RETURN")
    assert not says(retreat, {}, retreat.headline, "NOTHING IN RETURN")


def test_castro_hears_of_the_bargain_on_the_radio_only_if_it_went_out_on_the_radio():
    """Playtest N18: "Castro learns of the bargain from the radio" after a private letter agreement
    with no broadcast is refused; the tellings of a bargain struck by letter say it otherwise."""
    s = catalog.get("thirteen-days")
    end = s.ending("agreement_of_october_28")
    by_letter = {"missiles_withdrawn": True, "withdraw_missiles_agreed": True}
    radio = "Castro learns of the bargain from the radio"

    def refused(env: dict) -> bool:
        found = check(s, [Sighting(end, end.id, f"{radio} and is furious.", Env(env), "here")])
        return any("from the radio" in p.message for p in found)

    assert refused(by_letter)
    assert not refused({**by_letter, "accept_broadcast": True})
    assert not refused({**by_letter, "turkey_public": True})
    for telling in ("agreement_struck", "agreement_quarantine_lifted", "agreement_pledge_only"):
        assert "radio" not in s.ending(telling).epilogue, telling


def _text_game(capsys, monkeypatch, args: Iterable[str], lines: Iterable[str]) -> str:
    feed(monkeypatch, lines)
    code, out, err = run(capsys, "play", "--text", *args)
    assert code == 0 and "Traceback" not in out + err
    return out


def test_n3_the_promise_broken_on_black_saturday_is_warned_of_and_told_at_the_end(capsys, monkeypatch):
    """Playtest N3's game (seed 3007): the first letter accepted (the IL-28 for a pledge, the Jupiters,
    the raids, inspection and the flights), then "Promise nothing; set a deadline" on October 27. The
    desk warns that it breaks the Jupiters promise; the ending tells no Jupiters leaving Turkey, and
    the account beside it says the promise was broken and what else A1 left owed."""
    lines = ["1", "1", "1", "y", "2", "y", "2", "y", "2", "y", "2", "y", "2", "4", "2"]
    args = ("--as", "kennedy", "--scenario", "thirteen-days", "--opponent", "pragmatist", "--seed", "3007")
    out = _text_game(capsys, monkeypatch, args, lines)
    assert "AGREED (A1, letter L1h accepted)" in out
    saturday = out.split("[4] Promise nothing; set a deadline", 1)[1].split("[5]", 1)[0]
    said = " ".join(saturday.split())
    # a hawkish order: it breaks the pledge before its day too (J6), and says what both cost
    assert (
        "This breaks your promise to Khrushchev: Pledge not to invade Cuba (not yet due); Remove the Jupiters"
        in said
    )
    assert "It costs you Risk of war +5" in said
    end = out.split(HEADLINE, 1)[1]
    headline, told = end.split(HEADLINE, 1)
    assert "TURKEY" not in headline
    assert "Remove the Jupiters from Turkey: agreed, and broken" in " ".join(told.split())
    assert "Stop the exile raids (secret): promised for later" in " ".join(told.split())
    # promised by a deed on the last day: not yet out of Cuba, so not told as given (E4)
    promised = "Promised without an agreement: Khrushchev: Remove the missiles from Cuba"
    assert promised in " ".join(told.split())


def test_n7_bombers_claimed_for_cuba_then_agreed_are_not_told_as_gone_or_no_issue(capsys, monkeypatch):
    """Playtest N7's game (il28-endgame, Khrushchev against the dove): the bombers said to be Cuba's,
    then Kennedy's letter accepted (the IL-28 among its terms, thirty days to go). The ending does not
    say the bombers were never an issue; the account tells the bombers' removal and the quarantine
    lifted by deed before the day promised for it. (Seed 3066 until H17 closed the suspension for
    U Thant after his visit, which changed the dove's later orders; 3060 plays the same story.)"""
    args = ("--as", "khrushchev", "--scenario", "il28-endgame", "--opponent", "dove", "--seed", "3060")
    out = _text_game(capsys, monkeypatch, args, ["y", "5", "y", "1", "y", "2", "y", "2"])
    assert "Say the bombers belong to Cuba" in out and "letter L1e accepted" in out
    told = " ".join(out.split(HEADLINE, 1)[1].split())
    assert "never made an issue" not in told and "the bombers went" not in told
    assert "Remove the IL-28 bombers (aerial check): carried out" in told
    assert "Lift the quarantine: carried out" in told


def test_e4_a_gentlemans_word_is_told_as_promised_not_given():
    """Playtest 6 (F1's last paragraph, E4): the bombers promised "although not now" by a deed were
    told "Given without an agreement" beside the aim "Keep the bombers: met"; a deed's promise is
    told as promised, and a term is told as given only when the state shows it carried out."""
    s = catalog.get("il28-endgame")
    game = Game(s, seed=1)
    for kennedy, khrushchev in (("stevenson_list", "keep_word"), ("hold_quarantine", "gentlemans_word")):
        game.apply(Move(Side.KENNEDY, kennedy))
        game.apply(Move(Side.KHRUSHCHEV, khrushchev))
    told = account(s, game.state)
    assert "Promised without an agreement: Khrushchev: Remove the IL-28 bombers." in told
    assert not [line for line in told if line.startswith("Given without")]
    assert "Kennedy: Pledge not to invade Cuba: carried out" in told[0]
