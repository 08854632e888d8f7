"""The look-ahead reads a deal as the rules will: the names a struck deal sets (`<term>_dated` among
them, which the endings of thirteen-days score) are the names the planner sets for it.

Before this, the planner never set `_dated`: Moscow saw what the bombers and the inspectors it gave
cost it in the ending's scores, never what the Jupiters out now or the quarantine lifted brought it,
and the hawk Khrushchev stopped offering the missiles at all (tests/test_exploits.py)."""

from hypothesis import given
from hypothesis import strategies as st

from game.ai import planner
from game.ai.policies import POLICIES
from game.ai.seat import view_env
from game.diplomacy import Timing
from game.engine.letters import Agreement, Obligation, Offer
from game.engine.match import Game
from game.engine.negotiation import Table
from game.scenario import catalog
from game.sides import Side

THIRTEEN = catalog.get("thirteen-days")
N = THIRTEEN.negotiation
assert N is not None
TERMS = [t.id for t in N.terms]
SUFFIXES = ("_agreed", "_dated", "_later", "_public", "_secret")

offers = st.lists(
    st.builds(
        Offer,
        term=st.sampled_from(TERMS),
        public=st.booleans(),
        timing=st.sampled_from(list(Timing)),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda o: o.term,
)


def _struck(deal: list[Offer]) -> dict[str, bool]:
    """The names the rules give the deal once it is agreed (its terms' own effects aside)."""
    table = Table(N, None)
    obligations = tuple(
        Obligation(
            o.term,
            N.term(o.term).giver,
            o.public,
            o.verification,
            None if o.timing is Timing.LATER else "1962-10-30",
        )
        for o in deal
    )
    table.agreements.append(Agreement("A1", "1962-10-27", "L1", "L2", obligations))
    return {k: v for k, v in table.names().items() if k.endswith(SUFFIXES)}


@given(offers)
def test_the_planner_names_a_deal_as_the_rules_do(deal):
    env = planner.after_deal(THIRTEEN, {}, deal)
    seen = {k: v for k, v in env.items() if k.endswith(SUFFIXES) and k[: k.rindex("_")] in TERMS}
    assert seen == _struck(deal)


def test_the_quarantine_lifted_now_is_told_and_scored_as_the_rules_will():
    """The historical terms with the quarantine lifted at once end in the telling that leaves no
    quarantine at sea, and Moscow's look-ahead counts the lift in its security, as the ending does."""
    game = Game(THIRTEEN, 0)
    while game.state.phase != "quarantine" and not game.is_over():
        for side in game.sides_to_act():
            game.apply(POLICIES["pragmatist"](THIRTEEN, game.view(side), 0))
    assert game.state.phase == "quarantine"
    view = game.view(Side.KHRUSHCHEV)
    env = view_env(THIRTEEN, view)
    env["quarantine_on"] = True  # the ships on the line
    deal = [
        Offer("withdraw_missiles", public=True),
        Offer("no_invasion_pledge", public=True),
        Offer("remove_jupiters", public=False, timing=Timing.LATER),
    ]
    lift = Offer("lift_quarantine", public=True)
    later = planner.after_deal(THIRTEEN, env, [*deal, Offer(lift.term, True, Timing.LATER)])
    now = planner.after_deal(THIRTEEN, env, [*deal, lift])
    assert planner.next_node(THIRTEEN, view.phase, now) == "agreement_quarantine_lifted"
    assert planner.next_node(THIRTEEN, view.phase, later) != "agreement_quarantine_lifted"
    scores = THIRTEEN.ending("agreement_quarantine_lifted").scores
    moscow = scores[Side.KHRUSHCHEV]["security"]
    assert moscow.fn(now) == moscow.fn(later) + 1
