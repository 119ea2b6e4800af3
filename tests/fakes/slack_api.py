"""A loopback Slack for wire tests: Web API, response_url receiver and Socket Mode, recorded."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from slack_sdk.signature import SignatureVerifier

BOT_USER_ID = "U0POLICYBOT"
BOT_ID = "B0POLICYBOT"
TEAM_ID = "T0TEST"


@dataclass
class Call:
    """One request the mock received."""

    method: str
    """Web API method (`chat.postMessage`), or `response` for a response_url post."""
    params: dict[str, Any]
    auth: str | None = None
    key: str | None = None
    at: float = field(default_factory=time.monotonic)


class MockSlack:
    """An HTTP server on 127.0.0.1:0 that plays Slack and records every call."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, str] = {}
        self.socket_acks: list[dict[str, Any]] = []
        # Every message in each channel, as conversations.replies serves them.
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_ready = asyncio.Event()
        self.port = 0

    # -- lifecycle --------------------------------------------------------------

    async def start(self) -> MockSlack:
        """Start listening on a free loopback port."""
        app = web.Application()
        app.add_routes([
            web.post("/api/{method}", self._api),
            web.get("/api/{method}", self._api),  # slack_sdk reads some methods with GET
            web.post("/response/{key}", self._response),
            web.get("/socket", self._socket),
        ])
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        """Close sockets and stop the server."""
        for ws in self._sockets:
            await ws.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        """The Web API base URL to give the app (SLACK_API_URL)."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str) -> str:
        """A response_url whose posts are recorded under `key`."""
        return f"http://127.0.0.1:{self.port}/response/{key}"

    def add_message(self, channel: str, message: dict[str, Any]) -> None:
        """A message people posted (the tests send its event to the app as well)."""
        self.messages.setdefault(channel, []).append(dict(message))

    def forget_messages(self) -> None:
        """Drop the channel history (what a workspace without it would answer)."""
        self.messages.clear()

    # -- what was received -------------------------------------------------------

    def calls_to(self, method: str, key: str | None = None) -> list[Call]:
        """Calls to one Web API method (or response_url posts, optionally for one key)."""
        return [c for c in self.calls if c.method == method and (key is None or c.key == key)]

    async def wait_for(
        self, method: str, count: int = 1, *, key: str | None = None, timeout: float = 10.0
    ) -> list[Call]:
        """Wait until `count` matching calls arrived, and return them."""
        deadline = time.monotonic() + timeout
        while len(found := self.calls_to(method, key)) < count:
            if time.monotonic() > deadline:
                seen = [(c.method, c.key) for c in self.calls]
                raise AssertionError(f"expected {count} x {method} {key or ''}, got {seen}")
            await asyncio.sleep(0.01)
        return found

    # -- Socket Mode ---------------------------------------------------------------

    async def socket_send(self, envelope: dict[str, Any], timeout: float = 10.0) -> None:
        """Push one envelope to the connected Socket Mode client."""
        await asyncio.wait_for(self._socket_ready.wait(), timeout)
        await self._sockets[-1].send_json(envelope)

    async def wait_for_socket_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        """Wait for the client's acknowledgement of one envelope."""
        deadline = time.monotonic() + timeout
        while True:
            for ack in self.socket_acks:
                if ack.get("envelope_id") == envelope_id:
                    return ack
            if time.monotonic() > deadline:
                raise AssertionError(f"no socket ack for {envelope_id}")
            await asyncio.sleep(0.01)

    # -- handlers ----------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        # slack_sdk sends some methods as JSON, others as a form or a query string.
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            params.update(await request.post())
        self.calls.append(Call(method, params, request.headers.get("Authorization")))
        if method in self.failures:
            return web.json_response({"ok": False, "error": self.failures[method]})
        if method == "auth.test":
            return web.json_response({
                "ok": True, "url": "https://policybot-test.slack.com/", "team": "test",
                "user": "policybot", "team_id": TEAM_ID, "user_id": BOT_USER_ID,
                "bot_id": BOT_ID, "is_enterprise_install": False,
            })
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"})
        if method == "chat.postMessage":
            ts = f"1700000000.{next(self._ts):06d}"
            message: dict[str, Any] = {"type": "message", "text": params.get("text"), "ts": ts,
                                       "bot_id": BOT_ID, "user": BOT_USER_ID}
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            if params.get("metadata"):
                message["metadata"] = params["metadata"]
            self.messages.setdefault(str(params.get("channel")), []).append(message)
            return web.json_response({"ok": True, "channel": params.get("channel"), "ts": ts,
                                      "message": message})
        if method == "conversations.replies":
            return web.json_response(self._replies(params))
        return web.json_response({"ok": True})

    def _replies(self, params: dict[str, Any]) -> dict[str, Any]:
        """A thread: its parent and replies, oldest first, metadata only when asked for."""
        thread = str(params.get("ts"))
        found = [m for m in self.messages.get(str(params.get("channel")), [])
                 if m.get("ts") == thread or m.get("thread_ts") == thread]
        if not found:
            return {"ok": False, "error": "thread_not_found"}
        with_metadata = str(params.get("include_all_metadata")).lower() in ("1", "true")
        shown = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                 for m in sorted(found, key=lambda m: float(m["ts"]))]
        return {"ok": True, "messages": shown, "has_more": False}

    async def _response(self, request: web.Request) -> web.Response:
        self.calls.append(Call("response", await request.json(), key=request.match_info["key"]))
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A0TEST"}})
        self._socket_ready.set()
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(msg.data))
        return ws


# -- signed requests, as Slack sends them --------------------------------------------


def signed_headers(
    secret: str, body: str, *, content_type: str, timestamp: int | None = None
) -> dict[str, str]:
    """Headers Slack sends with a request, signed with `secret`."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    assert signature is not None
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature,
    }


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def slash_body(
    text: str, response_url: str, *, user: str = "U0ASKER", channel: str = "C0GENERAL",
    command: str = "/ask",
) -> str:
    """The form body of a slash command."""
    return urllib.parse.urlencode({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "channel_id": channel,
        "channel_name": "general", "user_id": user, "user_name": "asker", "command": command,
        "text": text, "api_app_id": "A0TEST", "response_url": response_url,
        "trigger_id": "1.2.3",
    })


def event_body(event: dict[str, Any], event_id: str) -> str:
    """The JSON body of an Events API callback."""
    return json.dumps({
        "token": "legacy-verification-token", "team_id": TEAM_ID, "api_app_id": "A0TEST",
        "event": event, "type": "event_callback", "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }, ensure_ascii=False)


def action_payload(
    action_id: str, value: str, response_url: str, *, user: str = "U0ASKER",
    channel: str = "C0GENERAL", ephemeral: bool = True,
) -> dict[str, Any]:
    """A block_actions payload for one button click."""
    return {
        "type": "block_actions", "team": {"id": TEAM_ID}, "user": {"id": user},
        "api_app_id": "A0TEST", "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": "1700000000.000001",
                      "channel_id": channel, "is_ephemeral": ephemeral},
        "channel": {"id": channel, "name": "general"}, "trigger_id": "1.2.3",
        "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "policybot_actions",
                     "value": value, "action_ts": "1700000001.000001"}],
    }


def action_body(payload: dict[str, Any]) -> str:
    """The form body Slack posts for an interaction."""
    return urllib.parse.urlencode({"payload": json.dumps(payload, ensure_ascii=False)})


def find_buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    """Map action_id to value for every button in some blocks."""
    return {
        el["action_id"]: el["value"]
        for block in blocks if block.get("type") == "actions"
        for el in block["elements"]
    }


def block_text(blocks: list[dict[str, Any]]) -> str:
    """All the visible text in some blocks, for assertions."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                parts.append(node["text"])
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "\n".join(parts)
