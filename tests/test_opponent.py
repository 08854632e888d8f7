"""The opponent plans: terms that exclude each other, deals that end the crisis, a counterpart learned
from its letters, one clock over the crisis, and deeds chosen by looking one turn ahead."""

import dataclasses

import pytest

from game import sim
from game.ai.counterpart import Counterpart
from game.ai.negotiator import Negotiator
from game.ai.policies import POLICIES
from game.ai.values import deal_value
from game.diplomacy import Answer, Offer, Tone
from game.engine.letters import Letter
from game.engine.match import Game
from game.engine.rules import letter_problem
from game.engine.state import Move, split_kept
from game.model import SIDES, IllegalMoveError, Side
from game.reader import reader_for
from game.scenario import catalog
from game.scenario.lint import lint
from game.scenario.load import load

from .conftest import FIXTURES

K, S = Side.KENNEDY, Side.KHRUSHCHEV


def test_terms_that_exclude_each_other_cannot_share_a_letter(campaign):
    game = Game(campaign, 1)
    letter = Letter(
        "private_letter",
        Tone.FIRM,
        gives=(Offer("berlin_status_quo"),),
        demands=(Offer("german_peace_treaty"),),
    )
    game.apply(Move(K, game.legal_moves(K)[0].decision))
    with pytest.raises(IllegalMoveError, match="cannot stand in one proposal"):
        game.apply(Move(S, game.legal_moves(S)[0].decision, letter))


def test_a_needed_term_gives_the_pledge_its_worth(campaign):
    n = campaign.negotiation
    pledge = Offer("no_invasion_pledge", public=False)
    alone = deal_value(n, K, [pledge])
    assert alone == n.term("no_invasion_pledge").alone_value[K]
    with_missiles = deal_value(n, K, [pledge, Offer("withdraw_missiles", public=False)])
    assert with_missiles - deal_value(n, K, [Offer("withdraw_missiles", public=False)]) > alone
    assert deal_value(n, K, [pledge], standing=frozenset({"withdraw_missiles"})) > alone


def test_validate_checks_the_relations(campaign):
    n = campaign.negotiation
    treaty = n.term("german_peace_treaty")
    broken = (
        dataclasses.replace(treaty, excludes=("berlin_status_qu",), needs=("german_peace_treaty",)),
        dataclasses.replace(n.term("test_ban"), alone_value={K: 1}),
    )
    terms = tuple(t for t in n.terms if t.id not in ("german_peace_treaty", "test_ban")) + broken
    bad = dataclasses.replace(
        campaign,
        negotiation=dataclasses.replace(
            n, terms=terms, pressure={"quarantin": 0.2}, reasons={K: {"quarantine": ("We must {act}.",)}}
        ),
    )
    messages = " | ".join(p.message for p in lint(bad))
    assert "excludes 'berlin_status_qu', which is not a term (did you mean 'berlin_status_quo'?)" in messages
    assert "'german_peace_treaty' needs itself" in messages
    assert "'test_ban' has an alone_value but needs no other term" in messages
    assert "pressure 'quarantin' is not a name conditions read (did you mean 'quarantine_on'?)" in messages
    assert "reason 'quarantine' for kennedy is not a pressure or 'time'" in messages
    assert "has a {blank}; reasons are plain sentences" in messages
    assert lint(campaign) == []


@pytest.mark.parametrize("kind", ["hawk", "dove", "pragmatist"])
def test_no_negotiator_proposes_what_cannot_stand_together(campaign, kind):
    for seed in range(3):
        game = sim.play(campaign, {side: POLICIES[kind] for side in SIDES}, seed)
        for mail in game.state.mail:
            assert (
                campaign.negotiation.clash(o.term for o in (*mail.letter.gives, *mail.letter.demands)) is None
            )


def test_the_first_letter_accepted_no_longer_ends_the_crisis_in_moscow_s_defeat(thirteen):
    """Accepting the first letter used to win every game in two turns ("Khrushchev backs down")."""
    quick = 0
    for seed in range(12):
        game = Game(thirteen, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                view = game.view(side)
                move = POLICIES["pragmatist" if side is S else "historical"](thirteen, view, seed)
                waiting = [m for m in view.letters if m.sender is S and m.delivered and m.letter.is_proposal]
                if side is K and waiting and not any(m.sender is K for m in view.letters):
                    move = Move(
                        K,
                        move.decision,
                        Letter(waiting[0].letter.channel, reply_to=waiting[0].id, answer=Answer.ACCEPT),
                    )
                game.apply(move)
        quick += game.outcome().ending == "soviet_retreat" and game.state.turn < 4
    assert quick == 0


def test_a_deal_that_ends_the_crisis_badly_is_refused(thirteen):
    game = Game(thirteen, 2)
    negotiator = Negotiator(thirteen, game.view(S), 2, "pragmatist")
    assert negotiator.ends_badly([Offer("withdraw_missiles")])  # in the ExComm week: "Khrushchev backs down"
    assert not negotiator.ends_badly([Offer("halt_shipments")])


def test_the_counterpart_is_learned_from_its_letters_not_read_from_the_scenario(thirteen):
    n = thirteen.negotiation
    game = Game(thirteen, 3)
    before = Counterpart(thirteen, n, game.view(K))
    asked = Offer("no_invasion_pledge", public=False)
    # what Moscow really thinks of the terms changes nothing in what Washington believes of it
    twisted = tuple(dataclasses.replace(t, value={K: t.value[K], S: -7}) for t in n.terms)
    other = dataclasses.replace(n, terms=twisted)
    assert Counterpart(thirteen, other, game.view(K)).value(asked) == before.value(asked)
    letter = Letter("private_letter", Tone.FIRM, gives=(Offer("halt_shipments"),), demands=(asked,))
    game.apply(Move(K, game.legal_moves(K)[0].decision))
    game.apply(Move(S, game.legal_moves(S)[0].decision, letter))
    after = Counterpart(thirteen, n, game.view(K))
    assert after.value(asked) > before.value(asked)  # they asked for it: it matters to them
    assert after.value(Offer("halt_shipments")) > before.value(Offer("halt_shipments"))  # they can spare it


def test_one_clock_over_the_crisis_moved_on_by_events(thirteen):
    game = Game(thirteen, 4)
    quiet = Negotiator(thirteen, game.view(S), 4, "pragmatist")
    early, causes = quiet.clock()
    assert "quarantine_on" not in causes
    view = dataclasses.replace(game.view(S), flags=game.view(S).flags | {"quarantine_on"})
    pressed, causes = Negotiator(thirteen, view, 4, "pragmatist").clock()
    assert "quarantine_on" in causes and pressed > early


def test_the_hawk_breaks_a_promise_now_and_then_and_pays_for_it():
    il28 = catalog.get("il28-endgame")
    broken = kept = 0
    for seed in range(30):
        game = sim.play(il28, {S: POLICIES["hawk"], K: POLICIES["pragmatist"]}, seed)
        for record in game.state.log:
            for kept_or_not in record.kept:
                _, term, status = split_kept(kept_or_not)
                if status == "broken" and il28.negotiation.term(term).giver is S:
                    broken += 1
                    # it chose to break it, and the rules made it pay
                    assert any(m.side is S and (term, "break") in m.compliance for m in record.moves)
        kept += sum(
            1 for a in game.state.agreements for o in a.obligations if o.giver is S and o.status == "done"
        )
    assert 0 < broken < kept


def test_the_planner_is_reproducible_from_the_seed(thirteen):
    a = sim.play(thirteen, {K: POLICIES["pragmatist"], S: POLICIES["hawk"]}, 17)
    b = sim.play(thirteen, {K: POLICIES["pragmatist"], S: POLICIES["hawk"]}, 17)
    assert a.state == b.state


def test_a_concession_gives_its_reason_and_letters_say_what_they_offer(thirteen):
    n = thirteen.negotiation
    sentences = {  # the clock's causes (a motive for holding firm is no concession: see test_negotiator)
        text: side
        for side, causes in n.reasons.items()
        for cause, texts in causes.items()
        if cause in n.pressure or cause == "time"
        for text in texts
    }
    explained = 0
    for seed in range(10):
        game = sim.play(thirteen, {side: POLICIES["pragmatist"] for side in SIDES}, seed)
        last: dict[Side, float] = {}
        for mail in game.state.mail:
            letter = mail.letter
            said = [text for text in sentences if text in letter.text]
            value = deal_value(n, mail.sender, (*letter.gives, *letter.demands))
            if said:
                explained += 1
                assert all(sentences[text] is mail.sender for text in said)
                assert letter.answer is Answer.ACCEPT or value < last.get(mail.sender, float("inf"))
            if letter.is_proposal and letter.answer is not Answer.ACCEPT:
                if letter.gives:  # what it offers is in the prose, not only in the terms
                    assert n.term(letter.gives[0].term).phrase in letter.text
                last[mail.sender] = value
    assert explained > 0


def test_letters_are_not_written_twice_from_one_template_in_a_row(thirteen):
    for seed in range(6):
        game = sim.play(thirteen, {side: POLICIES["dove"] for side in SIDES}, seed)
        for side in SIDES:
            texts = [m.letter.text for m in game.state.mail if m.sender is side and m.letter.text]
            assert all(a[:40] != b[:40] for a, b in zip(texts, texts[1:], strict=False)), texts


@pytest.mark.parametrize("kind", ["hawk", "dove", "pragmatist"])
def test_a_scenario_without_letters_is_played_by_deeds_alone(kind):
    mini = load(FIXTURES / "mini.yaml")
    assert mini.negotiation is None
    for seed in range(5):
        game = sim.play(mini, {side: POLICIES[kind] for side in SIDES}, seed)
        assert game.is_over() and all(m.letter is None for r in game.state.log for m in r.moves)


@pytest.mark.parametrize(
    "scenario_id",
    ["thirteen-days", "il28-endgame", pytest.param("cuban-missile-crisis", marks=pytest.mark.slow)],
)
def test_every_ai_proposal_reads_back_to_its_terms(scenario_id):
    """What the AI's letter gives and asks, its words say: the reader finds every term it carries,
    given or asked, public or in confidence, and nothing else."""
    s = catalog.get(scenario_id)
    reader = reader_for(s)
    pairs = (("pragmatist", "hawk"), ("dove", "pragmatist"), ("hawk", "dove"), ("pragmatist", "pragmatist"))
    read = 0
    for seed in range(3 if scenario_id == "cuban-missile-crisis" else 5):
        for kennedy, khrushchev in pairs:
            game = sim.play(s, {K: POLICIES[kennedy], S: POLICIES[khrushchev]}, seed)
            for mail in game.state.mail:
                letter = mail.letter
                if letter.real or not letter.is_proposal or letter.answer is Answer.ACCEPT:
                    continue
                reading = reader.read(letter.text, mail.sender)
                meant = {("give", o.term, o.public) for o in letter.gives}
                meant |= {("ask", o.term, o.public) for o in letter.demands}
                found = {("give", o.term, o.public) for o in reading.gives}
                found |= {("ask", o.term, o.public) for o in reading.demands}
                assert found == meant, (letter.text, sorted(meant ^ found))
                read += 1
    assert read >= 60


def test_validate_checks_the_planner_s_tuning(campaign):
    n = campaign.negotiation
    zero_sum = dataclasses.replace(n.personalities["pragmatist"], rivalry=0.95, dread=-1.0)
    personalities = {**n.personalities, "pragmatist": zero_sum}
    bad = dataclasses.replace(campaign, negotiation=dataclasses.replace(n, personalities=personalities))
    messages = " | ".join(p.message for p in lint(bad))
    assert "personality 'pragmatist': rivalry 0.95 is not from 0 to below 0.9" in messages
    assert "personality 'pragmatist': dread -1.0 is below 0" in messages


def test_in_the_bombers_endgame_the_quarantine_is_traded_for_the_bombers():
    """The quarantine was promised for 'later' on October 28; in November it is still for trade, lifted
    now for the bombers, as it was on November 20 (it used to stay on in every game: armed_standoff)."""
    il28 = catalog.get("il28-endgame")
    traded = lifted = 0
    for seed in range(8):
        game = sim.play(il28, {side: POLICIES["pragmatist"] for side in SIDES}, seed)
        for a in game.state.agreements[1:]:
            terms = {o.term: o for o in a.obligations}
            if "lift_quarantine" in terms and "withdraw_il28" in terms:
                traded += 1
                assert terms["lift_quarantine"].due is not None  # now, not 'later' again
        lifted += "quarantine_on" not in game.state.flags
    assert traded >= 6 and lifted >= 6, (traded, lifted)


def test_a_proposal_lapses_after_the_turns_it_stands(thirteen):
    """An offer made in the ExComm week is not there to be taken after Black Saturday: once the
    scenario's `offers_stand` turns have passed since it arrived, accepting it is refused, with why."""
    stand = thirteen.negotiation.offers_stand
    assert stand > 0
    game = Game(thirteen, 5)
    offer = Letter(
        "private_letter", Tone.FIRM, gives=(Offer("halt_shipments"),), demands=(Offer("no_invasion_pledge"),)
    )
    game.apply(Move(K, game.legal_moves(K)[0].decision))
    game.apply(Move(S, game.legal_moves(S)[0].decision, offer))
    proposal = game.state.mail[-1].id

    accept = Letter("private_letter", reply_to=proposal, answer=Answer.ACCEPT)
    standing = [letter_problem(thirteen, game.state, K, accept) is None]  # the turn it is read
    for _ in range(stand):
        for side in game.sides_to_act():
            game.apply(Move(side, game.legal_moves(side)[0].decision))
        standing.append(letter_problem(thirteen, game.state, K, accept) is None)
    assert standing == [True] * stand + [False]
    with pytest.raises(IllegalMoveError, match=f"has lapsed: a proposal stands for {stand} turns"):
        game.apply(Move(K, game.legal_moves(K)[0].decision, accept))


def test_a_track_it_cannot_see_is_not_read_as_zero(thirteen):
    """Washington is not told how far the missiles are; its look-ahead must not read them as gone,
    which took living with them for a Soviet retreat (and gave in to a bully, 90% missiles_stay)."""
    from game.ai import planner
    from game.engine.rules import Env

    game = Game(thirteen, 0)
    view = game.view(K)
    assert "missiles" not in view.tracks
    negotiator = Negotiator(thirteen, view, 0, "pragmatist")
    env = Env(negotiator.env)
    d = thirteen.decision("accept_the_missiles")
    planner.with_effects(thirteen, env, d.effects)
    env[d.id] = True
    env["deadline"] = True  # the ExComm week's last turn, when the choice ends the chapter
    assert planner.next_node(thirteen, view.phase, env) == "missiles_stay"
    env["missiles"] = 0  # read as zero, as it was
    assert planner.next_node(thirteen, view.phase, env) == "soviet_retreat"


def test_accepting_the_pragmatist_s_first_letter_does_not_end_the_crisis_in_three_turns(thirteen):
    """Khrushchev accepting Washington's first proposal, whatever it says, ended every game on turn 3."""
    for seed in range(6):
        game = Game(thirteen, seed)
        while not game.is_over():
            for side in game.sides_to_act():
                view = game.view(side)
                move = POLICIES["pragmatist" if side is K else "historical"](thirteen, view, seed)
                waiting = [m for m in view.letters if m.sender is K and m.delivered and m.letter.is_proposal]
                if side is S and waiting and not any(m.sender is S for m in view.letters):
                    accept = Letter(waiting[0].letter.channel, reply_to=waiting[0].id, answer=Answer.ACCEPT)
                    move = Move(S, move.decision, accept)
                game.apply(move)
        assert game.state.turn >= 4, (seed, game.outcome().ending)


def _hawk_against_pragmatist(thirteen, seed, stop=None):
    """Khrushchev the hawk against the pragmatist Kennedy; stopped before `stop` decides, if given."""
    game = Game(thirteen, seed)
    policies = {K: POLICIES["pragmatist"], S: POLICIES["hawk"]}
    while not game.is_over():
        if stop is not None and stop(game):
            return game
        for side in game.sides_to_act():
            game.apply(policies[side](thirteen, game.view(side), seed))
    return game


def _public_trades_under_threat(thirteen, seeds):
    """(seed, the finished game, the pragmatist Kennedy's views at each turn a threatening hawk's
    proposal that trades the Jupiters in the open waits for his answer), per seed."""
    for seed in seeds:
        game, views = Game(thirteen, seed), []
        policies = {K: POLICIES["pragmatist"], S: POLICIES["hawk"]}
        while not game.is_over():
            view = game.view(K)
            seat = Negotiator(thirteen, view, seed, "pragmatist")
            mail = seat.unanswered()
            offered = (*mail.letter.gives, *mail.letter.demands) if mail is not None else ()
            if seat.threatened() and any(o.term == "remove_jupiters" and o.public for o in offered):
                views.append(view)
            for side in game.sides_to_act():
                game.apply(policies[side](thirteen, game.view(side), seed))
        yield seed, game, views


def test_a_public_trade_under_threat_is_refused_and_countered_in_confidence(thirteen):
    """Against a hawk's threats the pragmatist took the Jupiters traded in the open every time (the
    hawk won every game); the same terms with the Jupiters in confidence cost it nothing more. At
    every such turn of six games it counters in confidence, or takes the public trade only for a
    bargain it still comes out ahead of, the credibility it costs counted."""
    from game.ai.seat import YIELD
    from game.analysis.debrief import came_out_ahead

    refused = 0
    for seed, game, views in _public_trades_under_threat(thirteen, range(6)):
        taken = False
        for view in views:
            seat = Negotiator(thirteen, view, seed, "pragmatist")
            mail = seat.unanswered()
            offered = (*mail.letter.gives, *mail.letter.demands)
            assert seat.yielding(offered) == YIELD
            secret = tuple(
                dataclasses.replace(o, public=False) if o.term == "remove_jupiters" else o for o in offered
            )
            assert seat.yielding(secret) == 0.0
            plan = seat.plan()
            if plan.intent == "accept":
                taken = True
                continue
            refused += 1
            given = plan.letter.gives if plan.letter is not None else ()
            assert not any(o.term == "remove_jupiters" and o.public for o in given), (seed, view.date)
        assert not taken or came_out_ahead(game.outcome(), K), (seed, game.outcome().ending)
    assert refused >= 3


def test_negotiators_that_never_threaten_pay_no_credibility_cost(thirteen):
    """Between pragmatists no threat is ever written, so nothing changes in how they settle."""
    game = Game(thirteen, 1)
    while not game.is_over():
        for side in game.sides_to_act():
            seat = Negotiator(thirteen, game.view(side), 1, "pragmatist")
            assert not seat.threatened()
            game.apply(POLICIES["pragmatist"](thirteen, game.view(side), 1))


def test_the_pragmatist_does_not_step_back_from_a_brink_the_hawk_threatened_it_to(thirteen):
    """Under the hawk's threats the pragmatist let the Soviet ships through (credibility -2) at the
    brink; the hawk's risk is Moscow's as well, and the quarantine holds."""
    for seed in range(3):
        game = _hawk_against_pragmatist(thirteen, seed)
        kennedy = [m.decision for turn in game.state.log for m in turn.moves if m is not None and m.side is K]
        assert "ease_the_line" not in kennedy, seed
