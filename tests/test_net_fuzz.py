"""Whatever a client sends, the server answers with a reason or a view, never an unexpected exception."""

from __future__ import annotations

import asyncio
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.model import CrisisError
from game.net import protocol
from game.net.server import Conn, Hub
from game.net.sqlite import SqliteStorage

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


DECISIONS = ["convene_excomm", "private_ultimatum", "accept_the_missiles", "quarantine"]


class Socket:
    """Stands in for a websocket: keeps what the server sends."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_str(self, text: str) -> None:
        self.sent.append(text)


def moves() -> st.SearchStrategy[dict]:
    letter = st.fixed_dictionaries(
        {},
        optional={
            "channel": st.sampled_from(["private_letter", "broadcast", "u_thant"]) | JSON,
            "tone": st.sampled_from(["firm", "conciliatory", "threatening"]) | JSON,
            "gives": st.lists(
                st.fixed_dictionaries({"term": st.sampled_from(["withdraw_missiles", "x"])}), max_size=2
            )
            | JSON,
            "demands": JSON,
            "text": st.text(max_size=40) | JSON,
            "reply_to": JSON,
            "answer": JSON,
        },
    )
    good = st.fixed_dictionaries(
        {"decision": st.sampled_from(DECISIONS)}, optional={"letter": letter | JSON, "compliance": JSON}
    )
    junk = st.fixed_dictionaries(
        {}, optional={"decision": st.text(max_size=20) | JSON, "letter": letter | JSON, "compliance": JSON}
    )
    return st.fixed_dictionaries(
        {
            "kind": st.just("move"),
            "turn": st.sampled_from(["NOW"] * 6 + [0, 2]) | JSON,
            "state": st.sampled_from(["NOW"] * 6 + ["0" * 24]) | JSON,
            "move": st.sampled_from([{"decision": d} for d in DECISIONS]) | good | good | junk | JSON,
        }
    )


HUB_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@HUB_SETTINGS
@given(
    st.lists(
        moves() | st.dictionaries(st.sampled_from(["kind", "code", "side", "credential"]), JSON), max_size=4
    )
)
def test_any_message_is_refused_with_a_reason_or_applied(messages):
    storage = SqliteStorage(":memory:")
    hub = Hub(storage)
    table, _ = hub.create({"scenario": "thirteen-days", "seed": 1, "seats": {"khrushchev": "dove"}})
    conn = Conn(Socket(), "test")  # type: ignore[arg-type]

    async def go():
        await hub.handle(conn, protocol.parse(json.dumps({"kind": "join", "code": table.code.lower()})))
        for m in messages:
            if m.get("kind") == "move":  # often for the turn being played, so the engine sees it too
                m = {
                    **m,
                    **{
                        k: v
                        for k, v in (("turn", table.game.state.turn), ("state", table.state_id()))
                        if m.get(k) == "NOW"
                    },
                }
            try:
                await hub.handle(conn, protocol.parse(json.dumps(m)))
            except CrisisError as err:
                assert str(err)

    asyncio.run(go())
    storage.close()
    assert all(json.loads(s)["kind"] in protocol.SERVER_KINDS for s in conn.ws.sent)
