"""Socket Mode: `serve_slack` with an app token, over a loopback WebSocket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import urllib.parse
from pathlib import Path

from bot.slack import serve_slack
from tests.fakes.asker import SK_QUOTE, FakeAsker
from tests.fakes.slack_api import BOT_USER_ID, MockSlack, block_text, event_body, slash_body
from tests.slack.wire import APP_TOKEN, make_settings

QUESTION = "SK는 울산에 얼마를 투자하나요?"


async def test_socket_mode_answers_a_command_and_a_retried_mention_once(tmp_path: Path) -> None:
    mock = await MockSlack().start()
    asker = FakeAsker()
    # No signing secret: Socket Mode needs none, and HTTP mode would refuse to start.
    settings = make_settings(
        tmp_path, slack_app_token=APP_TOKEN, slack_api_url=mock.api_url, slack_signing_secret=None
    )
    server = asyncio.create_task(serve_slack(settings, asker))
    try:
        form = dict(urllib.parse.parse_qsl(slash_body(QUESTION, mock.response_url("r1"))))
        await mock.socket_send({"envelope_id": "env-1", "type": "slash_commands",
                                "accepts_response_payload": True, "payload": form})
        await mock.wait_for_socket_ack("env-1")
        [reply] = await mock.wait_for("response", key="r1")
        assert SK_QUOTE.text in block_text(reply.params["blocks"])

        event = {"type": "app_mention", "user": "U0ASKER", "text": f"<@{BOT_USER_ID}> {QUESTION}",
                 "ts": "1700000300.000300", "channel": "C0GENERAL"}
        body = json.loads(event_body(event, "EvSock"))
        for attempt in range(2):
            await mock.socket_send({"envelope_id": f"env-ev{attempt}", "type": "events_api",
                                    "accepts_response_payload": False, "payload": body,
                                    "retry_attempt": attempt, "retry_reason": ""})
            await mock.wait_for_socket_ack(f"env-ev{attempt}")
        [post] = await mock.wait_for("chat.postMessage")
        assert post.params["thread_ts"] == "1700000300.000300"

        # A later question is asked after any stray retry would have been.
        form = dict(urllib.parse.parse_qsl(slash_body("sentinel", mock.response_url("last"))))
        await mock.socket_send({"envelope_id": "env-last", "type": "slash_commands",
                                "accepts_response_payload": True, "payload": form})
        await mock.wait_for("response", key="last")
        assert [q for q, _ in asker.calls] == [QUESTION, QUESTION, "sentinel"]

        [opened] = mock.calls_to("apps.connections.open")
        assert opened.auth == f"Bearer {APP_TOKEN}"
    finally:
        server.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await server
        await mock.stop()
    assert len(mock.calls_to("chat.postMessage")) == 1
