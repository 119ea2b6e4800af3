"""Slack's HTTP endpoint: unsigned, replayed and malformed requests stop here, before Bolt."""

from __future__ import annotations

import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.slack.memory import SeenEvents

log = logging.getLogger("policybot.slack")

EVENTS_PATH = "/slack/events"
REPLAY_WINDOW = 6 * 60.0
"""Seconds a signature is remembered: Slack's signatures expire after five minutes."""


def slack_web_app(app: AsyncApp, signing_secret: str, *, path: str = EVENTS_PATH) -> web.Application:
    """The aiohttp app serving `app` at `path`, checking each request before Bolt parses it."""
    verifier = SignatureVerifier(signing_secret)
    # Bounded: a flood of valid signatures (which needs the secret) evicts the oldest first.
    signatures = SeenEvents(ttl=REPLAY_WINDOW, size=100_000)

    async def events(request: web.Request) -> web.Response:
        raw = await request.read()
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            # Slack sends UTF-8; this cannot be one of its requests, signed or not.
            log.warning("refused a Slack request from %s that is not UTF-8 (400)", request.remote)
            return web.json_response({"error": "malformed request"}, status=400)
        try:
            # Bolt would pass `abc` to int() and answer 500; a bad timestamp is a bad signature.
            signed = timestamp.isascii() and timestamp.isdigit() and verifier.is_valid(
                body, timestamp, signature)
        except ValueError:  # a timestamp too long for int()
            signed = False
        if not signed:
            log.warning("refused an unsigned, stale or forged Slack request from %s (401)",
                        request.remote)
            return web.json_response({"error": "invalid request"}, status=401)
        if not signatures.first_time(f"{timestamp}:{signature}"):
            log.warning("dropped a replayed Slack request (timestamp %s)", timestamp)
            return web.Response(status=200)
        try:
            # Bolt parses the body in the constructor and assumes its shape while matching
            # listeners (even in its error handler): a malformed body raises out of both.
            bolt_request = AsyncBoltRequest(
                body=body, query=request.query_string, headers=dict(request.headers))
            response = await app.async_dispatch(bolt_request)
        except Exception as exc:
            log.warning("refused a malformed Slack request (400): %s: %.200s",
                        type(exc).__name__, " ".join(str(exc).split()),
                        exc_info=log.isEnabledFor(logging.INFO))
            return web.json_response({"error": "malformed request"}, status=400)
        return await to_aiohttp_response(response)

    web_app = web.Application()
    web_app.router.add_post(path, events)
    return web_app
