"""Choosing the deed: the one worth most one turn ahead against what the other side tends to do,
with the personality's taste beside it, what it puts on the clock, and the promises kept, delayed
or broken."""

from __future__ import annotations

from game.ai import objectives, planner
from game.ai.seat import MARGIN, RETREAT, WARS, Seat
from game.diplomacy import Stance, Tone
from game.engine.chance import draw
from game.engine.letters import Letter, Obligation
from game.engine.rules import Env
from game.engine.state import Compliance


class Deeds(Seat):
    """The deed beside the letter, and what becomes of the side's promises."""

    def _decision(self, intent: str, letter: Letter | None = None) -> str:
        """The deed worth most one turn ahead, against what the other side tends to do, with the
        personality's taste in deeds beside it; never a hawkish deed beside a conciliatory letter,
        nor a retreat beside a threat. What its own letter's tone will do is counted in."""
        allowed = set(Stance)
        if intent in ("accept", "propose", "counter"):
            allowed.discard(Stance.HAWK)  # a conciliatory letter is not sent beside a hawkish deed
        if intent == "threaten":
            allowed.discard(Stance.DOVE)  # nor a threat beside a retreat
        legal = [m for m in self.view.legal if self.s.decision(m.decision).stance in allowed]
        legal = legal or list(self.view.legal)
        if len(legal) == 1:
            return legal[0].decision
        theirs = self._their_options()
        margin = self.margin() - MARGIN
        shares = planner.prepare(self.s).war_share
        base = Env(self.env)
        if letter is not None and self.n is not None:
            planner.with_effects(self.s, base, self.n.tone_effects.get(letter.tone, ()))
        taste = max(self.p.stances.values(), default=1.0) or 1.0
        threatened = self.threatened()
        best, best_score = legal[0].decision, float("-inf")
        for i, m in enumerate(legal):
            d = self.s.decision(m.decision)
            worth = 0.0
            for other, weight in theirs:
                env = Env(base)
                planner.with_effects(self.s, env, d.effects)
                env[d.id] = True
                if other is not None:
                    planner.with_effects(self.s, env, other.effects)
                    env[other.id] = True
                value, ending = planner.position(
                    self.s, self.me, self.view.phase, env, self.p.fear, self.p.rivalry
                )
                node = planner.next_node(self.s, self.view.phase, env)
                if ending is None and node is not None and node != self.view.phase:
                    # into a chapter where wars are likelier than here: starting a war is dreaded
                    worse = shares.get(node, 0.0) - shares.get(self.view.phase, 0.0)
                    value -= 3 * self.p.dread * self.p.fear * max(worse, 0.0)
                if ending is not None:
                    value -= margin + (
                        self.p.dread * self.p.fear if self.s.ending(ending).kind in WARS else 0.0
                    )
                elif planner.band(self.s, env) >= 3:  # left standing at the brink
                    value -= self.p.dread * self.p.fear / 2
                worth += weight * value
            worth += self.p.leverage * self._leverage(d)
            if d.stance is Stance.DOVE and threatened:
                worth -= RETREAT  # a retreat under threat: the bluff not called
            worth += objectives.deed(self.s, self.view, base, d)  # its own hidden aims (ai/objectives.py)
            style = self.p.style * self.p.stances.get(d.stance, 0.0) / taste
            noise = 0.3 * draw(self.seed, self.view.turn, f"deed:{self.me.value}:{i}")
            if worth + style + noise > best_score:
                best, best_score = d.id, worth + style + noise
        return best

    def _leverage(self, d) -> float:  # noqa: ANN001
        """What a deed that is not a retreat adds to the pressure on the crisis's clock (the
        scenario's `pressure`): a quarantine makes the other side's time run out as well as one's own."""
        if self.n is None or d.stance is Stance.DOVE:
            return 0.0
        pressure = self.n.pressure
        return sum(
            pressure[e.name] for e in d.effects if e.name in pressure and e.value and not self.env.get(e.name)
        )

    def _their_options(self) -> list[tuple]:
        """The other side's deeds open now, each weighed by how often it has taken that stance."""
        assert self.model is not None or self.n is None
        phase = self.s.phase(self.view.phase)
        stances = self.model.stances if self.model is not None else {}
        options = [
            d
            for d in phase.decisions.get(self.them, ())
            if not (d.once and self.env.get(d.id)) and (d.requires is None or d.requires.fn(self.env))
        ]
        if not options:
            return [(None, 1.0)]
        weights = [float(stances.get(d.stance, 1)) for d in options]
        total = sum(weights)
        return [(d, w / total) for d, w in zip(options, weights, strict=True)]

    def _compliance(self, decision: str = "") -> tuple[tuple[str, Compliance], ...]:
        """Promises kept, delayed or broken: a personality that does not always comply drags its
        feet, breaks its word to a side that broke its own, and now and then breaks a promise,
        a secret one more readily, paying what the rules make a breach and a public breach cost."""
        if self.p.complies:
            return ()
        owed = [
            o
            for a in self.view.agreements
            for o in a.obligations
            if o.giver is self.me and o.status in ("pending", "late")
        ]
        if self.trust() < 0.6:
            return tuple((o.term, Compliance.BREAK) for o in owed)
        out = []
        for o in owed:
            chance = self.p.bluffs if not o.public else self.p.bluffs / 2  # the world watches a public word
            if draw(self.seed, self.view.turn, f"bluff:{o.term}") < chance and self._can_afford_to_break(
                o, decision
            ):
                out.append((o.term, Compliance.BREAK))
            elif draw(self.seed, self.view.turn, f"stall:{o.term}") < 0.5:
                out.append((o.term, Compliance.DELAY))
        return tuple(out)

    def _can_afford_to_break(self, o: Obligation, decision: str = "") -> bool:
        """Whether breaking this promise, with this turn's deed and the costs the rules lay on a
        breach (and on a public one), leaves the crisis well short of the brink by the look-ahead."""
        assert self.n is not None
        env = Env(self.env)
        if decision:
            planner.with_effects(self.s, env, self.s.decision(decision).effects)
        costs = [*self.n.term(o.term).on_broken, *self.n.breach_cost.get(self.me, ())]
        if o.public:
            costs += self.n.audience_cost.get(self.me, ())
        planner.with_effects(self.s, env, costs)
        planner.likely(self.s, self.view.phase, env)
        if planner.band(self.s, env) >= 2:
            return False  # a breach at the edge of war is one the other side may answer with war
        node = planner.next_node(self.s, self.view.phase, env)
        return not (node is not None and self.s.is_ending(node) and self.s.ending(node).kind in WARS)

    def _threat_is_war(self) -> bool:
        """Whether a threatening letter, read, would itself tip the crisis into war."""
        assert self.n is not None
        env = Env(self.env)
        planner.with_effects(self.s, env, self.n.tone_effects.get(Tone.THREATENING, ()))
        planner.likely(self.s, self.view.phase, env)
        node = planner.next_node(self.s, self.view.phase, env)
        return node is not None and self.s.is_ending(node) and self.s.ending(node).kind in WARS
