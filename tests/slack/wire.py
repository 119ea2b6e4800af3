"""A real Bolt app served on loopback, wired to the mock Slack, for the Slack wire tests."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.config import Settings
from bot.feedback import FeedbackStore
from bot.ratelimit import RateLimiter
from bot.slack import EVENTS_PATH, build_slack_app
from retrieval.answer import Answer, AskContext, Conversation
from tests.fakes.asker import FakeAsker
from tests.fakes.slack_api import (
    FORM,
    JSON,
    MockSlack,
    action_body,
    action_payload,
    event_body,
    signed_headers,
    slash_body,
)

SECRET = "test-signing-secret-5f1c9a"
BOT_TOKEN = "xoxb-test-bot-token-8d2e7b"
APP_TOKEN = "xapp-test-app-token-3a6c4d"


class GatedAsker(FakeAsker):
    """A FakeAsker that holds every answer until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.finished = 0

    def ask(self, question: str, context: AskContext | None = None,
            conversation: Conversation | None = None) -> Answer:
        """Wait for the gate, then answer as FakeAsker does."""
        self.gate.wait(timeout=30)
        try:
            return super().ask(question, context, conversation)
        finally:
            self.finished += 1


@dataclass
class Posted:
    """What the app answered to one signed request."""

    status: int
    body: str
    seconds: float


@dataclass
class Wire:
    """The app under test, the mock Slack it talks to, and a way to sign requests."""

    mock: MockSlack
    asker: FakeAsker
    feedback: FeedbackStore
    url: str
    session: aiohttp.ClientSession

    async def post(
        self, body: str, content_type: str, *, secret: str = SECRET,
        timestamp: int | None = None, headers: dict[str, str] | None = None,
    ) -> Posted:
        """POST a body to the app's endpoint, signed as Slack would sign it."""
        sent = signed_headers(secret, body, content_type=content_type, timestamp=timestamp)
        sent.update(headers or {})
        start = time.perf_counter()
        async with self.session.post(self.url, data=body.encode(), headers=sent) as resp:
            text = await resp.text()
        return Posted(resp.status, text, time.perf_counter() - start)

    async def command(self, text: str, key: str, **fields: Any) -> Posted:
        """Send `/ask text` whose response_url is recorded under `key`."""
        return await self.post(slash_body(text, self.mock.response_url(key), **fields), FORM)

    async def event(
        self, event: dict[str, Any], event_id: str, headers: dict[str, str] | None = None
    ) -> Posted:
        """Send one Events API callback."""
        return await self.post(event_body(event, event_id), JSON, headers=headers)

    async def click(self, action_id: str, value: str, key: str, **fields: Any) -> Posted:
        """Click one button; its response_url is recorded under `key`."""
        payload = action_payload(action_id, value, self.mock.response_url(key), **fields)
        return await self.post(action_body(payload), FORM)


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for tests, ignoring any .env on the machine."""
    values: dict[str, Any] = {
        "slack_bot_token": BOT_TOKEN, "slack_signing_secret": SECRET, "data": tmp_path,
        "answer_workers": 2,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@contextlib.asynccontextmanager
async def running_app(
    tmp_path: Path, asker: FakeAsker | None = None, *, limit: int = 10, mock: MockSlack | None = None,
    **overrides: Any,
) -> AsyncIterator[Wire]:
    """Serve a real Bolt app on 127.0.0.1:0 against a fresh mock Slack (or the one given)."""
    own_mock = mock is None
    mock = mock or await MockSlack().start()
    asker = asker or FakeAsker()
    settings = make_settings(tmp_path, **overrides)
    feedback = FeedbackStore(tmp_path / "feedback.sqlite3")
    pool = ThreadPoolExecutor(settings.answer_workers)
    app = build_slack_app(
        settings, asker, feedback=feedback, limiter=RateLimiter(limit), api_url=mock.api_url,
        pool=pool,
    )
    runner = web.AppRunner(app.web_app(path=EVENTS_PATH))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    session = aiohttp.ClientSession()
    try:
        yield Wire(mock, asker, feedback, f"http://127.0.0.1:{port}{EVENTS_PATH}", session)
    finally:
        if isinstance(asker, GatedAsker):
            asker.gate.set()
        await session.close()
        await runner.cleanup()
        if own_mock:
            await mock.stop()
        pool.shutdown(wait=True)
        feedback.close()


def ack_json(posted: Posted) -> dict[str, Any]:
    """The JSON body of an ack (empty acks give {})."""
    return json.loads(posted.body) if posted.body.strip() else {}
