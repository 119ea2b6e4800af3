"""A fake Discord on loopback: REST API plus gateway websocket, recording what the bot does."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

# Real snowflakes have 17-20 digits, and discord.py's mention parsing relies on it.
BOT_ID = 1_100_000_000_000_000_001
"""The bot's user id, which Discord also uses as its application id."""
GUILD_ID = 1_100_000_000_000_000_002
BOT_ROLE_ID = 1_100_000_000_000_000_003
CHANNEL_ID = 1_100_000_000_000_000_004
THREAD_ID = 1_100_000_000_000_000_005
DM_CHANNEL_ID = 1_100_000_000_000_000_006
USER_ID = 1_100_000_000_000_000_007
OTHER_BOT_ID = 1_100_000_000_000_000_008
OTHER_USER_ID = 1_100_000_000_000_000_009
TIMESTAMP = "2025-06-21T09:00:00.000000+00:00"

# Gateway opcodes the fake speaks.
DISPATCH, HEARTBEAT, IDENTIFY, HELLO, HEARTBEAT_ACK = 0, 1, 2, 10, 11
TOKEN = "test-token"
"""The only bot token the fake accepts."""


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
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None,
        "avatar": None,
        "bot": bot,
    }


BOT_USER = user(BOT_ID, "policybot", bot=True)
ASKER = user(USER_ID, "minji")
OTHER_BOT = user(OTHER_BOT_ID, "otherbot", bot=True)
OTHER_USER = user(OTHER_USER_ID, "jiho")


def member(of: dict[str, Any], roles: list[str] | None = None) -> dict[str, Any]:
    """A guild member object for a user."""
    return {
        "user": of,
        "roles": roles or [],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": "0",
    }


def guild() -> dict[str, Any]:
    """The GUILD_CREATE payload: one text channel, one thread, the bot and its role."""
    return {
        "id": str(GUILD_ID),
        "name": "policy team",
        "icon": None,
        "owner_id": str(USER_ID),
        "unavailable": False,
        "large": False,
        "member_count": 2,
        "features": [],
        "emojis": [],
        "stickers": [],
        "voice_states": [],
        "presences": [],
        "roles": [
            _role(GUILD_ID, "@everyone", managed=False),
            {**_role(BOT_ROLE_ID, "policybot", managed=True), "tags": {"bot_id": str(BOT_ID)}},
        ],
        "channels": [
            {
                "id": str(CHANNEL_ID),
                "type": 0,
                "guild_id": str(GUILD_ID),
                "name": "general",
                "position": 0,
                "permission_overwrites": [],
            }
        ],
        "threads": [
            {
                "id": str(THREAD_ID),
                "type": 11,
                "guild_id": str(GUILD_ID),
                "parent_id": str(CHANNEL_ID),
                "owner_id": str(USER_ID),
                "name": "budget questions",
                "message_count": 1,
                "member_count": 2,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 1440,
                    "archive_timestamp": TIMESTAMP,
                    "locked": False,
                },
            }
        ],
        "members": [member(BOT_USER, [str(BOT_ROLE_ID)]), member(ASKER)],
    }


def _role(role_id: int, name: str, *, managed: bool) -> dict[str, Any]:
    """A role object."""
    return {
        "id": str(role_id),
        "name": name,
        "permissions": "0",
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": managed,
        "mentionable": False,
    }


def _json(data: Any, status: int = 200) -> web.Response:
    """A JSON response typed exactly as Discord types it (discord.py compares the header)."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


class FakeDiscord:
    """Discord's REST API and gateway on 127.0.0.1, recording every call the bot makes."""

    def __init__(self, *, heartbeat_interval: float = 41.25, close_on_identify: int | None = None):
        self.heartbeat_interval = heartbeat_interval
        self.close_on_identify = close_on_identify
        self.calls: list[Call] = []
        self.created: list[dict[str, Any]] = []
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
        """Listen on a free loopback port."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._api)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        """Close every socket and the server."""
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # What the tests drive

    def snowflake(self) -> int:
        """A fresh id."""
        return next(self._ids)

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
    ) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE from a user and return the message."""
        message = self.message(content, author=author, channel_id=channel_id, guild_id=guild_id)
        message["mentions"] = mentions or []
        message["mention_roles"] = mention_roles or []
        if guild_id is not None:
            message["member"] = {k: v for k, v in member(author).items() if k != "user"}
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    async def send_command(
        self, options: list[dict[str, Any]], *, name: str = "ask"
    ) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE for a slash command and return the interaction."""
        data = {"id": str(self.snowflake()), "name": name, "type": 1, "options": options}
        interaction = self._interaction(2, data)
        await self.dispatch("INTERACTION_CREATE", interaction)
        return interaction

    async def click(
        self, message: dict[str, Any], custom_id: str, *, clicker: dict[str, Any] = ASKER
    ) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE for a button click on a message the bot posted."""
        data = {"custom_id": custom_id, "component_type": 2}
        interaction = self._interaction(3, data, clicker=clicker)
        interaction["message"] = message
        await self.dispatch("INTERACTION_CREATE", interaction)
        return interaction

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
        *,
        author: dict[str, Any],
        channel_id: int,
        guild_id: int | None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A full message object."""
        message: dict[str, Any] = {
            "id": str(self.snowflake()),
            "channel_id": str(channel_id),
            "author": author,
            "content": content,
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        if guild_id is not None:
            message["guild_id"] = str(guild_id)
        message.update(extra or {})
        return message

    def _interaction(
        self, kind: int, data: dict[str, Any], *, clicker: dict[str, Any] = ASKER
    ) -> dict[str, Any]:
        """An interaction in the guild's text channel."""
        interaction_id = self.snowflake()
        return {
            "id": str(interaction_id),
            "application_id": str(BOT_ID),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": {
                "id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "general"
            },
            "member": member(clicker),
            "token": f"interaction-token-{interaction_id}",
            "version": 1,
            "locale": "ko",
            "guild_locale": "ko",
            "app_permissions": "0",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
            "attachment_size_limit": 8 * 1024 * 1024,
        }

    # Server side

    async def _record(self, call: Call) -> None:
        """Remember a call and wake whoever waits for one."""
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.StreamResponse:
        """Answer the REST calls discord.py makes, recording each."""
        body: Any = await request.json() if request.can_read_body else None
        path = "/" + request.match_info["path"]
        authorization = request.headers.get("Authorization")
        await self._record(Call(request.method, path, dict(request.query), body, authorization))
        # Interaction callbacks and followups authenticate by their token, not the bot's.
        webhook = path.startswith(("/interactions/", "/webhooks/"))
        if authorization != f"Bot {TOKEN}" and not webhook:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        parts = path.strip("/").split("/")
        route = (request.method, *parts)
        match route:
            case ("GET", "users", "@me"):
                return _json(BOT_USER)
            case ("GET", "oauth2", "applications", "@me"):
                return _json(self._application())
            case ("GET", "gateway", "bot"):
                return _json(
                    {"url": self.gateway_url, "shards": 1, "session_start_limit": {
                        "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}
                )
            case ("POST", "channels", channel_id, "typing"):
                return web.Response(status=204)
            case ("POST", "channels", channel_id, "messages"):
                return _json(self._echo(body, int(channel_id)))
            case ("PATCH", "channels", channel_id, "messages", _):
                return _json(self._echo(body, int(channel_id)))
            case ("POST", "interactions", interaction_id, _, "callback"):
                return _json(self._callback(body, interaction_id))
            case ("POST", "webhooks", _, _):
                flags = (body or {}).get("flags", 0)
                return _json(self._echo(body, CHANNEL_ID, flags=flags))
            case ("PATCH", "webhooks", _, _, "messages", _):
                return _json(self._echo(body, CHANNEL_ID))
            case ("PUT", "applications", _, "commands"):
                made = {"application_id": str(BOT_ID), "version": "1"}
                commands = [{**c, **made, "id": str(self.snowflake())} for c in body]
                return _json(commands)
        return _json({"message": "Unknown route", "code": 0}, status=404)

    def _application(self) -> dict[str, Any]:
        """The bot's application object."""
        return {
            "id": str(BOT_ID),
            "name": "policybot",
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": ASKER,
            "verify_key": "0" * 64,
            "flags": 0,
        }

    def _echo(self, body: Any, channel_id: int, *, flags: int = 0) -> dict[str, Any]:
        """The message Discord would create from what the bot sent."""
        body = body or {}
        extra: dict[str, Any] = {
            key: body[key] for key in ("embeds", "components", "message_reference") if key in body
        }
        extra["flags"] = flags
        if "message_reference" in body:
            extra["type"] = 19
        guild_id = None if channel_id == DM_CHANNEL_ID else GUILD_ID
        message = self.message(
            body.get("content") or "", author=BOT_USER, channel_id=channel_id, guild_id=guild_id,
            extra=extra,
        )
        self.created.append(message)
        return message

    def _callback(self, body: Any, interaction_id: str) -> dict[str, Any]:
        """Discord's reply to an interaction callback (`with_response`)."""
        flags = (body.get("data") or {}).get("flags", 0)
        return {
            "interaction": {
                "id": interaction_id,
                "type": 2,
                "response_message_loading": body["type"] == 5,
                "response_message_ephemeral": bool(flags & 64),
            },
            "resource": {"type": body["type"]},
        }

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
        ready = {
            "v": 10,
            "user": BOT_USER,
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(BOT_ID), "flags": 0},
        }
        await self.dispatch("READY", ready)
        await self.dispatch("GUILD_CREATE", guild())
        self.identified.set()
