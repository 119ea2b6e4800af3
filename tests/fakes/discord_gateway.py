"""A fake Discord on loopback (REST API plus gateway websocket) recording what the bot does."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from bot.config import Settings
from bot.discord import PolicyBot
from bot.feedback import FeedbackStore
from bot.ratelimit import RateLimiter
from retrieval.documents import is_verbatim
from tests.fakes.asker import FakeAsker
from tests.paths import SEEDS

# Real snowflakes have 17-20 digits, and discord.py's mention parsing relies on it.
BOT_ID = 1_100_000_000_000_000_001
"""The bot's user id, which Discord also uses as its application id."""
GUILD_ID = 1_100_000_000_000_000_002
BOT_ROLE_ID = 1_100_000_000_000_000_003
CHANNEL_ID = 1_100_000_000_000_000_004
THREAD_ID = 1_100_000_000_000_000_005
DM_CHANNEL_ID = 1_100_000_000_000_000_006
BOT_THREAD_ID = 1_100_000_000_000_000_007
"""A thread the bot started."""
TIMESTAMP = "2025-06-21T09:00:00.000000+00:00"
TOKEN = "test-token"
"""The only bot token the fake accepts."""

# Gateway opcodes the fake speaks.
DISPATCH, HEARTBEAT, IDENTIFY, HELLO, HEARTBEAT_ACK = 0, 1, 2, 10, 11
EPHEMERAL = 64


@dataclass(frozen=True)
class Call:
    """One HTTP request the bot made."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str | None


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    """A user object."""
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": None,
            "avatar": None, "bot": bot}


BOT_USER = user(BOT_ID, "policybot", bot=True)
ASKER = user(1_100_000_000_000_000_007, "minji")
OTHER_BOT = user(1_100_000_000_000_000_008, "otherbot", bot=True)
OTHER_USER = user(1_100_000_000_000_000_009, "jiho")


def member(of: dict[str, Any], roles: list[str] | None = None) -> dict[str, Any]:
    """A guild member object for a user."""
    return {"user": of, "roles": roles or [], "joined_at": TIMESTAMP, "deaf": False,
            "mute": False, "flags": 0, "permissions": "0"}


def guild() -> dict[str, Any]:
    """The GUILD_CREATE payload: one text channel, two threads, the bot and its managed role."""
    role = {"permissions": "0", "position": 0, "color": 0, "hoist": False, "mentionable": False}
    return {
        "id": str(GUILD_ID), "name": "policy team", "owner_id": ASKER["id"],
        "unavailable": False, "member_count": 2,
        "roles": [
            {**role, "id": str(GUILD_ID), "name": "@everyone", "managed": False},
            {**role, "id": str(BOT_ROLE_ID), "name": "policybot", "managed": True,
             "tags": {"bot_id": str(BOT_ID)}},
        ],
        "channels": [{"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID),
                      "name": "general", "position": 0, "permission_overwrites": []}],
        "threads": [{
            "id": str(thread_id), "type": 11, "guild_id": str(GUILD_ID),
            "parent_id": str(CHANNEL_ID), "owner_id": owner["id"], "name": name,
            "message_count": 1, "member_count": 2,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                                "archive_timestamp": TIMESTAMP, "locked": False},
        } for thread_id, owner, name in [(THREAD_ID, ASKER, "budget questions"),
                                         (BOT_THREAD_ID, BOT_USER, "policybot answers")]],
        "members": [member(BOT_USER, [str(BOT_ROLE_ID)]), member(ASKER)],
    }


def _json(data: Any, status: int = 200) -> web.Response:
    """A JSON response typed exactly as Discord types it (discord.py compares the header)."""
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, headers={"Content-Type": "application/json"})


class FakeDiscord:
    """Discord's REST API and gateway on 127.0.0.1, recording every call the bot makes."""

    def __init__(self, *, heartbeat_interval: float = 41.25, close_on_identify: int | None = None):
        self.heartbeat_interval = heartbeat_interval
        self.close_on_identify = close_on_identify
        self.calls: list[Call] = []
        self.created: list[dict[str, Any]] = []
        self.messages: dict[str, dict[str, Any]] = {}
        """Every message sent or created, by id, as GET /channels/{id}/messages/{id} serves it."""
        self.heartbeats: list[float] = []
        self.identify: dict[str, Any] | None = None
        self.identified = asyncio.Event()
        self._ids = itertools.count(1_200_000_000_000_000_000)
        self._seq = itertools.count(1)
        self._changed = asyncio.Condition()
        self._sockets: set[web.WebSocketResponse] = set()
        self._ws: web.WebSocketResponse | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        """The REST base the bot is pointed at (DISCORD_API_URL)."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The websocket URL that /gateway/bot hands out."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        """Listen on a free loopback port (again after a stop: a restarted bot reconnects)."""
        self.identified = asyncio.Event()
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._api)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        assert site._server is not None
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Close every socket and the server."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # What the tests drive

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send one gateway DISPATCH event to the connected bot."""
        assert self._ws is not None, "the bot has not connected to the gateway"
        await self._ws.send_json({"op": DISPATCH, "t": event, "s": next(self._seq), "d": data})

    async def send_message(
        self,
        content: str,
        *,
        author: dict[str, Any] = ASKER,
        channel_id: int = CHANNEL_ID,
        guild_id: int | None = GUILD_ID,
        mentions: list[dict[str, Any]] | None = None,
        mention_roles: list[str] | None = None,
        reply_to: dict[str, Any] | None = None,
        resolved: bool = True,
    ) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE from a user and return the message.

        With `reply_to` it is a reply to that message, which Discord includes whole unless
        `resolved` is False (the bot must then fetch it).
        """
        extra: dict[str, Any] = {"mentions": mentions or [], "mention_roles": mention_roles or []}
        if guild_id is not None:
            extra["member"] = {k: v for k, v in member(author).items() if k != "user"}
        if reply_to is not None:
            extra["type"] = 19
            extra["message_reference"] = {"message_id": reply_to["id"],
                                          "channel_id": reply_to["channel_id"],
                                          **({"guild_id": str(guild_id)} if guild_id else {})}
            extra["referenced_message"] = reply_to if resolved else None
        message = self.message(content, author, channel_id, guild_id, extra)
        self.messages[message["id"]] = message
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    def reply_of(self, question: dict[str, Any]) -> dict[str, Any]:
        """The last message the bot created in reply to `question`."""
        return [m for m in self.created
                if str((m.get("message_reference") or {}).get("message_id")) == question["id"]][-1]

    async def send_command(self, options: list[dict[str, Any]]) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE for /ask and return the interaction."""
        data = {"id": str(next(self._ids)), "name": "ask", "type": 1, "options": options}
        return await self._interact(2, data, ASKER)

    async def click(
        self, message: dict[str, Any], custom_id: str, clicker: dict[str, Any] = ASKER
    ) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE for a button click on a message the bot posted."""
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(3, data, clicker, message=message)

    async def wait_for(self, match: Callable[[Call], bool], timeout: float = 5.0) -> Call:
        """The first recorded call that matches, waiting up to `timeout` seconds for it."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: any(match(c) for c in self.calls))
        return next(c for c in self.calls if match(c))

    def posts(self, path_prefix: str) -> list[Call]:
        """Every POST the bot made under a path."""
        return [c for c in self.calls if c.method == "POST" and c.path.startswith(path_prefix)]

    def message(
        self,
        content: str,
        author: dict[str, Any],
        channel_id: int,
        guild_id: int | None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A full message object."""
        message: dict[str, Any] = {
            "id": str(next(self._ids)), "channel_id": str(channel_id), "author": author,
            "content": content, "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False,
            "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
            "embeds": [], "components": [], "pinned": False, "type": 0, "flags": 0,
        }
        if guild_id is not None:
            message["guild_id"] = str(guild_id)
        return {**message, **(extra or {})}

    async def _interact(
        self, kind: int, data: dict[str, Any], by: dict[str, Any], **extra: Any
    ) -> dict[str, Any]:
        """Dispatch an interaction in the guild's text channel and return it."""
        interaction_id = str(next(self._ids))
        interaction = {
            "id": interaction_id, "application_id": str(BOT_ID), "type": kind, "data": data,
            "guild_id": str(GUILD_ID), "channel_id": str(CHANNEL_ID),
            "channel": {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID)},
            "member": member(by), "token": f"interaction-token-{interaction_id}", "version": 1,
            "locale": "ko", "app_permissions": "0", "entitlements": [], "context": 0,
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "attachment_size_limit": 8 * 1024 * 1024, **extra,
        }
        await self.dispatch("INTERACTION_CREATE", interaction)
        return interaction

    # Server side

    async def _api(self, request: web.Request) -> web.StreamResponse:
        """Answer the REST calls discord.py makes, recording each."""
        body: Any = await request.json() if request.can_read_body else None
        path = "/" + request.match_info["path"]
        authorization = request.headers.get("Authorization")
        async with self._changed:
            self.calls.append(Call(request.method, path, dict(request.query), body, authorization))
            self._changed.notify_all()
        # Interaction callbacks and followups authenticate by their token, not the bot's.
        by_token = path.startswith(("/interactions/", "/webhooks/"))
        if authorization != f"Bot {TOKEN}" and not by_token:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        match (request.method, *path.strip("/").split("/")):
            case ("GET", "users", "@me"):
                return _json(BOT_USER)
            case ("GET", "oauth2", "applications", "@me"):
                return _json({"id": str(BOT_ID), "name": "policybot", "description": "",
                              "icon": None, "bot_public": True, "bot_require_code_grant": False,
                              "owner": ASKER, "verify_key": "0" * 64, "flags": 0})
            case ("GET", "gateway", "bot"):
                limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
                return _json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})
            case ("POST", "channels", _, "typing"):
                return web.Response(status=204)
            case ("GET", "channels", _, "messages", message_id):
                if message_id in self.messages:
                    return _json(self.messages[message_id])
                return _json({"message": "Unknown Message", "code": 10008}, status=404)
            case ("POST" | "PATCH", "channels", channel_id, "messages", *_):
                return _json(self._echo(body, int(channel_id)))
            case ("POST" | "PATCH", "webhooks", _, _, *_):
                return _json(self._echo(body, CHANNEL_ID))
            case ("POST", "interactions", interaction_id, _, "callback"):
                flags = (body.get("data") or {}).get("flags", 0)
                return _json({
                    "interaction": {"id": interaction_id, "type": 2,
                                    "response_message_loading": body["type"] == 5,
                                    "response_message_ephemeral": bool(flags & EPHEMERAL)},
                    "resource": {"type": body["type"]},
                })
            case ("PUT", "applications", _, "commands"):
                made = {"application_id": str(BOT_ID), "version": "1"}
                return _json([{**c, **made, "id": str(next(self._ids))} for c in body])
        return _json({"message": "Unknown route", "code": 0}, status=404)

    def _echo(self, body: Any, channel_id: int) -> dict[str, Any]:
        """The message Discord would create from what the bot sent."""
        body = body or {}
        kept = ("embeds", "components", "message_reference", "flags")
        extra: dict[str, Any] = {key: body[key] for key in kept if key in body}
        if "message_reference" in body:
            extra["type"] = 19  # a reply
        guild_id = None if channel_id == DM_CHANNEL_ID else GUILD_ID
        message = self.message(body.get("content") or "", BOT_USER, channel_id, guild_id, extra)
        self.created.append(message)
        self.messages[message["id"]] = message
        return message

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        """Speak the gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.add(ws)
        try:
            hello = {"heartbeat_interval": self.heartbeat_interval * 1000}
            await ws.send_json({"op": HELLO, "d": hello})
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    break
                payload = json.loads(msg.data)
                if payload["op"] == HEARTBEAT:
                    self.heartbeats.append(time.monotonic())
                    await ws.send_json({"op": HEARTBEAT_ACK})
                elif payload["op"] == IDENTIFY:
                    await self._identified(ws, payload["d"])
        finally:
            self._sockets.discard(ws)
        return ws

    async def _identified(self, ws: web.WebSocketResponse, identify: dict[str, Any]) -> None:
        """Accept IDENTIFY: send READY and the guild, or close with the configured code."""
        self.identify = identify
        if self.close_on_identify is not None:
            await ws.close(code=self.close_on_identify)
            return
        self._ws = ws
        await self.dispatch("READY", {
            "v": 10, "user": BOT_USER, "session_id": "fake-session",
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(BOT_ID), "flags": 0},
        })
        await self.dispatch("GUILD_CREATE", guild())
        self.identified.set()


# Reading what the bot posted


def replies_to(message: dict[str, Any]) -> Callable[[Call], bool]:
    """Match a message the bot posted as a reply to `message`."""
    def match(call: Call) -> bool:
        reference = (call.body or {}).get("message_reference") or {}
        return (call.method, call.path) == ("POST", f"/channels/{message['channel_id']}/messages") \
            and str(reference.get("message_id")) == message["id"]
    return match


def callback_of(interaction: dict[str, Any]) -> Callable[[Call], bool]:
    """Match the bot's callback to an interaction."""
    path = f"/interactions/{interaction['id']}/{interaction['token']}/callback"
    return lambda c: c.path == path


def followup_of(interaction: dict[str, Any]) -> Callable[[Call], bool]:
    """Match a followup the bot sent for an interaction."""
    path = f"/webhooks/{BOT_ID}/{interaction['token']}"
    return lambda c: (c.method, c.path) == ("POST", path)


def assert_within_limits(embeds: list[dict[str, Any]]) -> None:
    """Every Discord embed limit, checked on the JSON the bot sent."""
    assert 1 <= len(embeds) <= 10
    total = 0
    for embed in embeds:
        title, description = embed.get("title", ""), embed.get("description", "")
        footer = embed.get("footer", {}).get("text", "")
        fields = embed.get("fields", [])
        assert len(title) <= 256 and len(description) <= 4096 and len(footer) <= 2048
        assert len(fields) <= 25
        assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in fields)
        total += len(title) + len(description) + len(footer)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= 6000


def shown_quotes(embeds: list[dict[str, Any]]) -> list[str]:
    """The quote texts as a reader sees them, with Discord's markdown escapes undone."""
    quotes = []
    for field in (f for e in embeds for f in e.get("fields", [])):
        lines = [line[2:] for line in field["value"].splitlines() if line.startswith("> ")]
        quotes.append(re.sub(r"\\(.)", r"\1", "\n".join(lines)))
    return quotes


def verified(quote: str, source: str) -> bool:
    """True when a shown quote is verbatim in its seed document."""
    return is_verbatim(quote, (SEEDS / source).read_text(encoding="utf-8"))


def buttons(call: Call) -> dict[str, str]:
    """The custom ids of the buttons on a posted message, by emoji."""
    rows = call.body.get("components") or []
    return {b["emoji"]["name"]: b["custom_id"] for row in rows for b in row["components"]}


# Running the real bot against the fake


@dataclass
class Running:
    """A bot connected to a fake Discord, and its collaborators."""

    fake: FakeDiscord
    asker: FakeAsker
    store: FeedbackStore
    bot: PolicyBot


def settings_for(fake: FakeDiscord, data: Path, **env: Any) -> Settings:
    """Settings pointing at the fake, ignoring any .env or environment on the machine."""
    values: dict[str, Any] = {"DISCORD_BOT_TOKEN": TOKEN, "DISCORD_API_URL": fake.api_url,
                              "POLICYBOT_DATA": data, "POLICYBOT_WORKERS": 2, **env}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running_bot(
    data: Path,
    *,
    fake: FakeDiscord | None = None,
    asker: FakeAsker | None = None,
    sync: bool = False,
    feedback_window: float = 3600.0,
    **env: Any,
) -> AsyncIterator[Running]:
    """Start a fake Discord and the bot on it; stop both afterwards."""
    fake = fake or FakeDiscord()
    await fake.start()
    settings = settings_for(fake, data, **env)
    asker = asker or FakeAsker()
    store = FeedbackStore(settings.data / "feedback.sqlite3")
    limiter = RateLimiter(settings.rate_limit_per_minute)
    bot = PolicyBot(settings=settings, asker=asker, feedback=store, limiter=limiter, sync=sync,
                    feedback_window=feedback_window)
    task = asyncio.create_task(bot.start(TOKEN))
    try:
        identified = asyncio.create_task(fake.identified.wait())
        done, _ = await asyncio.wait({task, identified}, timeout=5, return_when="FIRST_COMPLETED")
        identified.cancel()
        assert identified in done, f"the bot never identified: {task.done() and task.exception()}"
        yield Running(fake, asker, store, bot)
    finally:
        await bot.close()
        await asyncio.wait_for(task, timeout=5)
        store.close()
        await fake.stop()
