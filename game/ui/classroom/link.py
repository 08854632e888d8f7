"""The teacher's line to a class on the server: every admin route, and a status that survives a lost server.

No Textual here: the console and the projector call it from workers. A call that cannot reach the server
raises `Unreachable` (the caller keeps what it last had and tries again); a refusal by the server raises
`Refused` with the server's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.model import CrisisError
from game.net import client
from game.net.tables import normal_code


class Refused(CrisisError):
    """The server answered, and said no: the message is its reason."""


class Unreachable(CrisisError):
    """No answer from the server (down, restarting, or the network went away)."""


async def _call(
    url: str, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> Any:
    try:
        return await client.call(url, method, path, body, headers)
    except CrisisError as err:
        if str(err).startswith("no crisis server at"):
            raise Unreachable(str(err)) from None
        if "(it answered 404)" in str(err):
            raise Refused(f"this server does not offer {path} (an older version?)") from None
        raise Refused(str(err)) from None


@dataclass
class ClassLink:
    """One class on one server, seen with the teacher's credential (or none: the projector's public view)."""

    url: str
    code: str
    teacher: str = ""
    status: dict[str, Any] | None = None
    """The last status the server gave (kept while the server cannot be reached)."""
    failures: int = 0
    """Calls in a row that found no server."""
    catalogue: list[dict[str, Any]] = field(default_factory=list)
    """The scenario's injects, once fetched."""

    def __post_init__(self) -> None:
        self.url = client.base_url(self.url)
        self.code = normal_code(self.code)

    @property
    def _path(self) -> str:
        return f"/api/classes/{self.code}"

    async def call(self, method: str, tail: str = "", body: Any = None) -> Any:
        """One teacher's call under this class's path; counts the failures to reach the server."""
        headers = {"X-Crisis-Teacher": self.teacher} if self.teacher else None
        try:
            out = await _call(self.url, method, self._path + tail, body, headers)
        except Unreachable:
            self.failures += 1
            raise
        self.failures = 0
        return out

    async def refresh(self) -> dict[str, Any]:
        self.status = await self.call("GET")
        return self.status

    async def table(self, table: str) -> dict[str, Any]:
        """One table in full: its log, both sides' letters, what each side has seen."""
        return await self.call("GET", f"/tables/{normal_code(table)}")

    async def pause(self, table: str | None, paused: bool) -> dict[str, Any]:
        return await self.call("POST", "/pause", {"table": table, "paused": paused})

    async def timer(self, table: str | None, minutes: float | None) -> dict[str, Any]:
        return await self.call("POST", "/timer", {"table": table, "minutes": minutes})

    async def injects(self) -> list[dict[str, Any]]:
        if not self.catalogue:
            self.catalogue = list((await self.call("GET", "/injects")).get("injects", []))
        return self.catalogue

    async def inject(self, inject: dict[str, Any], table: str | None, side: str | None) -> dict[str, Any]:
        """Send a catalogue inject (`{"id": ...}`) or typed news (`{"text", "kind", "title"}`)."""
        return await self.call("POST", "/inject", {**inject, "table": table, "side": side})

    async def reveal(self) -> dict[str, Any]:
        return await self.call("POST", "/reveal", {})

    async def end(self) -> dict[str, Any]:
        return await self.call("POST", "/end", {})

    async def export(self) -> dict[str, Any]:
        return await self.call("GET", "/export")

    async def projector(self) -> dict[str, Any]:
        """The public, spoiler-free view for the wall (no credential needed)."""
        return await self.call("GET", "/projector")
