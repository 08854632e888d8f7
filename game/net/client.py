"""The client side: the server's HTTP API, a seat over a websocket that reconnects, and the bot seat."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from game import schema
from game.ai.policies import POLICIES
from game.engine.state import Move
from game.model import SIDES, CrisisError, Scenario
from game.net import protocol
from game.net.tables import normal_code

OnFrame = Callable[[dict[str, Any]], Awaitable[bool]]
"""Called with every frame the server sends; returns True when the seat is done."""


def base_url(url: str) -> str:
    """`http://host:port` from what a user types (`host:port`, with or without a scheme or a slash)."""
    url = url.strip().rstrip("/")
    if "://" not in url:
        url = "http://" + url
    if not url.startswith(("http://", "https://")):
        raise CrisisError(f"not a server address: {url!r} (e.g. http://127.0.0.1:8765)")
    return url


def ws_url(url: str) -> str:
    return "ws" + base_url(url)[4:] + "/ws"


async def call(
    url: str, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> Any:
    """One request to the server's API; its refusal or a lost server as a CrisisError that says why."""
    address = base_url(url)
    try:
        timeout = aiohttp.ClientTimeout(total=30)
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.request(method, address + path, json=body, headers=headers) as response,
        ):
            try:
                data = await response.json(content_type=None)
            except ValueError:
                raise CrisisError(
                    f"{address} is not a crisis server (it answered {response.status})"
                ) from None
            if response.status >= 400:
                reason = data.get("error") if isinstance(data, dict) else None
                raise CrisisError(reason or f"the server answered {response.status}")
            return data
    except (TimeoutError, aiohttp.ClientError, OSError) as err:
        raise CrisisError(f"no crisis server at {address}: {err}") from None


async def create_table(
    url: str, scenario: str | None, seed: int | None, seats: dict[str, str]
) -> dict[str, Any]:
    return await call(url, "POST", "/api/tables", {"scenario": scenario, "seed": seed, "seats": seats})


async def list_tables(url: str) -> list[dict[str, Any]]:
    return await call(url, "GET", "/api/tables")


async def export_table(url: str, code: str, owner: str | None = None) -> dict[str, Any]:
    headers = {"X-Crisis-Owner": owner} if owner else None
    return await call(url, "GET", f"/api/tables/{normal_code(code)}/export", headers=headers)


class Seat:
    """One seat at a table over a websocket: joins (or resumes with its credential), reconnects when
    the connection is lost, and sends moves stamped with the turn and state they answer."""

    def __init__(
        self,
        url: str,
        code: str,
        *,
        side: str | None = None,
        credential: str | None = None,
        retries: int = 40,
        delay: float = 0.2,
        on_status: Callable[[str], None] | None = None,
        version: str | None = None,
        name: str | None = None,
        bot: str | None = None,
    ) -> None:
        """`version`: this program's version of the table's scenario (`scenario_version`); the server
        refuses the seat, naming both, if its own differs. `bot`: the AI policy playing the seat (the
        teacher's console shows it as the computer's, not a student's)."""
        self.url, self.code, self.side, self.credential = base_url(url), normal_code(code), side, credential
        self.version, self.name, self.bot = version, name, bot
        self.role = "leader"
        """'leader' (the seat's player), or the advisor the student plays in a team."""
        self.asked = self.code
        """The code the player typed: a table's, or a class's (then `code` becomes the table's)."""
        self.retries, self.delay = retries, delay
        self.on_status = on_status or (lambda text: None)
        self.frame: dict[str, Any] | None = None
        """The last view frame."""
        self.refused: list[str] = []
        """Reasons the server gave for refusing this seat's messages."""
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.connections = 0
        """Connections made so far (a move sent on a connection that was lost may need sending again)."""

    async def run(self, on_frame: OnFrame) -> dict[str, Any]:
        """Play until `on_frame` says done; returns the last frame. Raises CrisisError when the seat is
        refused, or the server cannot be reached again after `retries` tries."""
        failures = 0
        async with aiohttp.ClientSession() as session:
            while True:
                try:
                    async with session.ws_connect(ws_url(self.url), max_msg_size=protocol.MAX_FRAME) as ws:
                        self.ws = ws
                        self.connections += 1
                        await ws.send_str(self._hello())
                        async for msg in ws:
                            if msg.type is not aiohttp.WSMsgType.TEXT:
                                break
                            frame = json.loads(msg.data)
                            failures = 0
                            if self._note(frame) and await on_frame(frame):
                                return frame
                        if ws.close_code == aiohttp.WSCloseCode.POLICY_VIOLATION:
                            raise CrisisError(f"the server closed this seat's connection: {ws.close_code}")
                except (TimeoutError, aiohttp.ClientError, OSError) as err:
                    self.on_status(f"cannot reach {self.url}: {err}")
                finally:
                    self.ws = None
                failures += 1
                if failures > self.retries:
                    raise CrisisError(f"lost the connection to {self.url} and could not get it back")
                self.on_status(f"connection lost; trying again ({failures} of {self.retries})")
                await asyncio.sleep(min(self.delay * 2 ** min(failures, 6), 3.0))

    def _hello(self) -> str:
        version = {"scenario_version": self.version} if self.version else {}
        if self.credential:
            return protocol.encode("resume", code=self.code, credential=self.credential, **version)
        named = {"name": self.name} if self.name else {}
        bot = {"bot": self.bot} if self.bot else {}
        return protocol.encode("join", code=self.code, side=self.side, **version, **named, **bot)

    def _note(self, frame: dict[str, Any]) -> bool:
        """Keep what the seat must remember; False for frames the caller need not see."""
        kind = frame.get("kind")
        if kind == "seat":
            # a class code seats the student at one of its tables: that table's code is the seat's now
            self.code, self.side, self.credential = frame["code"], frame["side"], frame["credential"]
            self.role = str(frame.get("role") or "leader")
            return True
        if kind == "error":
            if frame.get("fatal"):
                raise CrisisError(frame.get("reason", "refused"))
            self.refused.append(str(frame.get("reason")))
            return True
        if kind == "view":
            self.frame = frame
            return True
        return False

    async def move(self, move: Move) -> None:
        """Send `move` for the turn the last view shows (the server refuses it if that turn is past)."""
        if self.ws is None or self.frame is None:
            raise CrisisError("not connected: the move was not sent")
        data = schema.dump(move)
        del data["side"]
        frame = self.frame
        await self.ws.send_str(
            protocol.encode("move", turn=frame["view"]["turn"], state=frame["state"], move=data)
        )

    async def read(self) -> bool:
        """Tell the server this seat left the last turn's report: its clock for the turn starts now.
        False if there is no connection to tell it on (the next view still says 'reading')."""
        if self.ws is None or self.frame is None:
            return False
        await self.ws.send_str(protocol.encode("read", turn=self.frame["view"]["turn"]))
        return True


async def play_bot(
    url: str,
    code: str,
    policy: str,
    *,
    side: str | None = None,
    frames: list[dict[str, Any]] | None = None,
    scenario: Callable[[str], Scenario] | None = None,
    retries: int = 40,
    on_status: Callable[[str], None] | None = None,
    seed: int | None = None,
    version: str | None = None,
    name: str | None = None,
) -> Seat:
    """A seat played by one of the AI policies until the game ends; returns the seat (its last frame).

    Each move is the policy's choice from the view the server sent. The server never sends the game's
    seed (it would tell the chance rolls); the policy plays with `seed` if given (the table's creator
    knows it: then a network game replays the offline one, `game.sim.play`, move for move), else with
    the seat's `policy_seed` from the server.
    """
    if policy not in POLICIES:
        raise CrisisError(f"no policy {policy!r}; policies: {', '.join(sorted(POLICIES))}")
    choose = POLICIES[policy]
    if scenario is None:
        from game.scenario import catalog

        scenario = catalog.get
    seat = Seat(
        url, code, side=side, retries=retries, on_status=on_status, version=version, name=name, bot=policy
    )
    answered: set[tuple[int, str]] = set()

    async def on_frame(frame: dict[str, Any]) -> bool:
        if frames is not None:
            frames.append(frame)
        if frame.get("kind") == "error":
            answered.clear()  # refused (paused, stale...): the view that follows may be answered again
        if frame.get("kind") != "view":
            return False
        view = protocol.view_from_dict(frame["view"])
        if view.ending is not None or frame.get("ended"):
            return True
        if frame.get("paused"):
            return False  # the facilitator's pause: wait for the view that resumes the table
        sent = (seat.connections, frame["state"])  # once per connection: the server refuses doubles
        if view.my_move is None and view.legal and sent not in answered:
            answered.add(sent)
            played = int(frame["policy_seed"]) if seed is None else seed
            await seat.move(choose(scenario(frame["scenario"]), view, played))
        return False

    await seat.run(on_frame)
    return seat


async def create_class(
    url: str,
    scenario: str | None,
    tables: int,
    seed: int | None,
    fill: str | None,
    minutes: float | None = None,
    on_timeout: str | None = None,
    teams: bool = False,
    reading: float | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"scenario": scenario, "tables": tables, "seed": seed, "fill": fill}
    body |= {"teams": True} if teams else {}
    body |= {} if reading is None else {"reading": reading}
    body |= {"minutes_per_turn": minutes, "on_timeout": on_timeout}
    return await call(url, "POST", "/api/classes", body)


async def class_status(url: str, code: str, teacher: str) -> dict[str, Any]:
    return await call(url, "GET", f"/api/classes/{normal_code(code)}", headers={"X-Crisis-Teacher": teacher})


async def class_pause(url: str, code: str, teacher: str, table: str | None, paused: bool) -> dict[str, Any]:
    return await class_call(url, code, teacher, "POST", "pause", {"table": table, "paused": paused})


async def class_call(
    url: str, code: str, teacher: str, method: str, route: str = "", body: Any = None
) -> Any:
    """One call of the class admin API (docs/class-api.md): `route` after /api/classes/CODE/."""
    path = f"/api/classes/{normal_code(code)}" + (f"/{route}" if route else "")
    if body is None and method == "POST":
        body = {}
    return await call(url, method, path, body, {"X-Crisis-Teacher": teacher})


async def table_info(url: str, code: str) -> dict[str, Any]:
    """What anyone may know of a table: scenario, seats, date, state."""
    return await call(url, "GET", f"/api/tables/{normal_code(code)}")


# ---- seats kept on this machine, so a player who closes the terminal can take the seat back ----


def _seats_file() -> Any:
    from game.persistence import data_dir

    return data_dir() / "seats.json"


def _seats() -> dict[str, str]:
    try:
        data = json.loads(_seats_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def remember(url: str, code: str, side: str, credential: str) -> None:
    """Keep a seat's credential in the user's data folder (best effort: play goes on without it)."""
    from game.persistence import SaveError, write_atomic

    seats = _seats()
    seats[f"{base_url(url)} {normal_code(code)} {side}"] = credential
    with contextlib.suppress(SaveError, OSError):
        write_atomic(_seats_file(), json.dumps(seats, indent=1).encode())


def recall(url: str, code: str, side: str | None = None) -> str | None:
    """The credential this machine holds for a seat at the table (`side`, or any seat), if any.

    Without `side`, only a player's seat is found, never the teacher's credential of a class (a
    teacher who joins their own class from the same machine takes a seat, not the console's key)."""
    prefix = f"{base_url(url)} {normal_code(code)} "
    wanted = [side] if side is not None else [s.value for s in SIDES]
    for key, credential in _seats().items():
        if key.startswith(prefix) and key[len(prefix) :] in wanted:
            return credential
    return None


def teacher_of(code: str) -> tuple[str, str] | None:
    """(server, teacher's credential) of class `code`, if this machine made it."""
    suffix = f" {normal_code(code)} teacher"
    for key, credential in _seats().items():
        if key.endswith(suffix):
            return key[: -len(suffix)], credential
    return None
