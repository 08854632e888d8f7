"""Do the AI's deeds and letters tell one story? Endings for every policy pair (issue 10).

Run: python bench/story_bench.py [--seeds N] [--scenario ID] [--pairs K:S,...]

For every pair of policies (Kennedy's first) over N seeds of a scenario (thirteen-days by default):
the share of games with an agreement made in play, of obligations broken, of endings that are
settlements, standoffs and wars, and of games where the missiles stay. Then what the AI sides did,
counted over their turns (historical and random sides are not counted):
- two stories: a conciliatory letter (or an acceptance) beside a hawkish deed, or a threat beside a
  dovish one, or a deadline given by deed with no letter that says what it asks;
- dove hawk: the share of a dove's deeds that are hawkish;
- last refused: games that ended in a standoff although, on the chapter's last turn, the AI side had
  a deed that would have settled the crisis (the deal on the table, not taken);
- letters / reasons: the AI's letters, and the share of them that give a reason (one of the
  scenario's `reasons:` sentences);
- threats / bluffs / called, both sides together, as bench/bargain_bench.py counts them;
- contra: the AI's deeds that contradicted the side's word as `game/ai/story.py` reads it (a deed
  giving terms its letter of the turn does not give, or in public what its word gives in confidence;
  asking more than the deal its letter names; defying a promise owed or, hawkishly, a term it
  offers), judged from the side's view as it chose; `--why` lists the reasons counted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.ai.policies import POLICIES, Policy  # noqa: E402
from game.ai.story import contradiction  # noqa: E402
from game.analysis.bargains import Talks, measure, play  # noqa: E402
from game.diplomacy import Answer, Tone  # noqa: E402
from game.engine.match import Game  # noqa: E402
from game.engine.rules import Env, env_of  # noqa: E402
from game.model import SIDES, Kind, Scenario, Side, Stance  # noqa: E402
from game.scenario import catalog  # noqa: E402

AI = ("hawk", "dove", "pragmatist")
WARS = (Kind.LIMITED_WAR, Kind.NUCLEAR_WAR)


def _settles(s: Scenario, game: Game, side: Side, turn: int) -> bool:
    """Whether, at `turn` (0-based) of the finished game, one of `side`'s deeds open then would have
    reached a settlement by itself (the other side's deed that turn as it was)."""
    from game.ai import planner  # the look-ahead's own reading of where a position leads

    rec = game.state.log[turn]
    replay = Game(s, game.state.seed)
    for earlier in game.state.log[:turn]:
        for m in earlier.moves:
            replay.apply(m)
    env = env_of(s, replay.state)
    env["deadline"] = True
    env["phase_turn"] = replay.state.phase_turn + 1
    theirs = next((m for m in rec.moves if m.side is not side), None)
    for m in replay.legal_moves(side):
        d = s.decision(m.decision)
        after = Env(env)
        planner.with_effects(s, after, d.effects)
        after[d.id] = True
        if theirs is not None:
            t = s.decision(theirs.decision)
            planner.with_effects(s, after, t.effects)
            after[t.id] = True
        node = planner.next_node(s, rec.phase, after)
        if node is not None and s.is_ending(node) and s.ending(node).kind is Kind.SETTLEMENT:
            return True
    return False


def story(s: Scenario, game: Game, kinds: dict[Side, str], out: Counter) -> None:
    st = game.state
    reasons = {
        side: {
            t
            for texts in (s.negotiation.reasons.get(side, {}) if s.negotiation else {}).values()
            for t in texts
        }
        for side in SIDES
    }
    for rec in st.log:
        for m in rec.moves:
            if kinds[m.side] not in AI:
                continue
            d = s.decision(m.decision)
            out["deeds"] += 1
            if kinds[m.side] == "dove":
                out["dove_deeds"] += 1
                out["dove_hawk"] += d.stance is Stance.HAWK
            letter = m.letter
            if letter is not None:
                out["letters"] += 1
                out["reasons"] += any(r in letter.text for r in reasons[m.side])
                soft = letter.tone is Tone.CONCILIATORY or letter.answer is Answer.ACCEPT
                out["two"] += (soft and d.stance is Stance.HAWK) or (
                    letter.tone is Tone.THREATENING and d.stance is Stance.DOVE
                )
            elif any(e.name == "ultimatum_given" and e.value for e in d.effects):
                out["two"] += 1  # a deadline with no word of what it asks
    out_ = game.outcome()
    assert out_ is not None
    if s.ending(out_.ending).kind is Kind.STANDOFF and st.log:
        last = len(st.log) - 1
        for side in SIDES:
            if kinds[side] in AI and _settles(s, game, side, last):
                out["last_refused"] += 1
                break


def judged(policy: Policy, ai: bool, out: Counter, why: Counter) -> Policy:
    """`policy`, with each of its deeds that contradicts the side's word counted (AI sides only)."""
    if not ai:
        return policy

    def choose(s: Scenario, view, seed: int):  # noqa: ANN001, ANN202
        move = policy(s, view, seed)
        reason = contradiction(s, view, s.decision(move.decision), move.letter)
        if reason:
            out["contra"] += 1
            why[f"{view.side.value} {move.decision}: {reason}"] += 1
        return move

    return choose


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=100)
    ap.add_argument("--scenario", default="thirteen-days")
    ap.add_argument("--pairs", default="", help="K:S,... (default: every pair of policies)")
    ap.add_argument("--why", action="store_true", help="list the contradictions counted, by reason")
    args = ap.parse_args()
    s = catalog.get(args.scenario)
    names = sorted(POLICIES)
    pairs = (
        [tuple(p.split(":")) for p in args.pairs.split(",")] if args.pairs else list(product(names, names))
    )
    print(f"== {s.id}, {args.seeds} seeds per pair (Kennedy's policy first) ==")
    print(
        f"{'kennedy':10} {'khrushchev':10} {'agreed':>6} {'broken':>6} {'settle':>6} {'stand':>6} "
        f"{'war':>5} {'stay':>5} {'2story':>6} {'dvhawk':>6} {'lastno':>6} {'letters':>7} {'reason':>6} "
        f"{'contra':>6}  "
        "threats/bluffs/called"
    )
    c0, w0 = time.process_time(), time.perf_counter()
    why: Counter = Counter()
    total = 0
    for k, x in pairs:
        kinds = {Side.KENNEDY: k, Side.KHRUSHCHEV: x}
        talks, count, endings = Talks(), Counter(), Counter()
        for seed in range(args.seeds):
            policies = {
                Side.KENNEDY: judged(POLICIES[k], k in AI, count, why),
                Side.KHRUSHCHEV: judged(POLICIES[x], x in AI, count, why),
            }
            game, open_at = play(s, policies, seed)
            talks += measure(s, game, open_at)
            story(s, game, kinds, count)
            out = game.outcome()
            assert out is not None
            kind = s.ending(out.ending).kind
            endings["war" if kind in WARS else kind.value] += 1
            endings["stay"] += out.ending == "missiles_stay"
        n = args.seeds
        tbc = sum(talks.threats.values()), sum(talks.bluffs.values()), sum(talks.called.values())
        print(
            f"{k:10} {x:10} {talks.share('with_deal', 'games') * 100:5.1f}% "
            f"{talks.share('broken', 'obligations') * 100:5.1f}% "
            f"{endings['settlement'] * 100 / n:5.1f}% {endings['standoff'] * 100 / n:5.1f}% "
            f"{endings['war'] * 100 / n:4.0f}% {endings['stay'] * 100 / n:4.0f}% {count['two']:6d} "
            f"{count['dove_hawk'] * 100 / max(count['dove_deeds'], 1):5.1f}% {count['last_refused']:6d} "
            f"{count['letters']:7d} {count['reasons'] * 100 / max(count['letters'], 1):5.1f}% "
            f"{count['contra']:6d}  {tbc[0]}/{tbc[1]}/{tbc[2]}"
        )
        total += count["contra"]
        sys.stdout.flush()
    print(f"contradictions in all: {total}")
    if args.why:
        for reason, times in why.most_common():
            print(f"  {times:5d}  {reason}")
    print(f"({time.process_time() - c0:.1f} s CPU, {time.perf_counter() - w0:.1f} s wall)")


if __name__ == "__main__":
    main()
