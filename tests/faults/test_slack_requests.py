"""Hostile and unlucky requests against `serve_slack` in HTTP mode: the real Bolt app, signed
with slack_sdk's SignatureVerifier, talking to the mock Slack Web API."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import socket
import sqlite3
import time
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from bot.ratelimit import RateLimiter
from bot.slack import serve_slack
from bot.slack.events import question_from_text
from bot.slack.render import (
    ACTION_DOWN,
    ACTION_SHARE,
    ACTION_UP,
    button_value,
    parse_button_value,
)
from retrieval.answer import Answer, Quote
from retrieval.errors import PolicybotError
from tests.fakes.asker import SK_QUOTE, FakeAsker, sk_answer
from tests.fakes.slack_api import (
    BOT_USER_ID,
    FORM,
    JSON,
    MockSlack,
    action_body,
    action_payload,
    block_text,
    event_body,
    find_buttons,
    signed_headers,
    slash_body,
)
from tests.slack.test_slack_run import free_port
from tests.slack.wire import SECRET, GatedAsker, make_settings

QUESTION = "SK는 울산에 얼마를 투자하나요?"


@dataclass
class Served:
    """`serve_slack` listening on loopback, the mock Slack it calls, and a signed client."""

    mock: MockSlack
    asker: FakeAsker
    url: str
    session: aiohttp.ClientSession
    store: Path

    async def send(
        self, body: str | bytes, content_type: str = FORM, *,
        headers: dict[str, str] | None = None, signed: bool = True,
    ) -> tuple[int, str]:
        """POST a body, signed as Slack signs it unless `signed` is False: (status, body)."""
        data = body if isinstance(body, bytes) else body.encode()
        sent = sign(data, content_type) if signed else {"Content-Type": content_type}
        sent.update(headers or {})
        async with self.session.post(self.url, data=data, headers=sent) as resp:
            return resp.status, await resp.text()

    async def post(
        self, body: str | bytes, content_type: str = FORM, *,
        headers: dict[str, str] | None = None, signed: bool = True,
    ) -> int:
        """POST a body as `send` does and return the status."""
        status, _ = await self.send(body, content_type, headers=headers, signed=signed)
        return status

    async def command(self, text: str, key: str, **fields: Any) -> int:
        """`/ask text`, its response_url recorded under `key`."""
        return await self.post(slash_body(text, self.mock.response_url(key), **fields))

    async def click(self, action_id: str, value: str, key: str, **fields: Any) -> int:
        """Click a button carrying `value`; the reply is recorded under `key`."""
        payload = action_payload(action_id, value, self.mock.response_url(key), **fields)
        return await self.post(action_body(payload))

    def votes(self) -> list[tuple[str, str, str, str]]:
        """Every stored vote as (vote, question, answer, mode), read straight from SQLite."""
        with contextlib.closing(sqlite3.connect(self.store)) as conn:
            return conn.execute("SELECT vote, question, answer, mode FROM feedback").fetchall()


def sign(body: bytes, content_type: str) -> dict[str, str]:
    """Slack's headers for raw bytes (which need not be UTF-8), computed as Slack computes them."""
    if not isinstance(body, bytes) or body.isascii() or _is_utf8(body):
        return signed_headers(SECRET, body.decode(), content_type=content_type)
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": "v0=" + digest.hexdigest()}


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode()
    except UnicodeDecodeError:
        return False
    return True


async def listening(server: asyncio.Task[None], port: int) -> None:
    """Wait until the server accepts connections; fail if it stopped instead."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if server.done():
            raise AssertionError(f"serve_slack stopped at start-up: {server.exception()!r}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.02)
            continue
        writer.close()
        return
    raise AssertionError("serve_slack never listened")


@contextlib.asynccontextmanager
async def serving(
    tmp_path: Path, asker: FakeAsker | None = None, **overrides: Any
) -> AsyncIterator[Served]:
    """Run `serve_slack` as `policybot slack --http` does, against a fresh mock Slack."""
    mock = await MockSlack().start()
    asker = asker or FakeAsker()
    # One worker answers in arrival order, so a sentinel answered means all before it were.
    values: dict[str, Any] = {"slack_api_url": mock.api_url, "answer_workers": 1,
                              "rate_limit_per_minute": 0, **overrides}
    port = free_port()
    server = asyncio.create_task(serve_slack(
        make_settings(tmp_path, **values), asker, http=True, port=port, host="127.0.0.1"))
    session = aiohttp.ClientSession()
    try:
        await listening(server, port)
        yield Served(mock, asker, f"http://127.0.0.1:{port}/slack/events", session,
                     tmp_path / "feedback.sqlite3")
    finally:
        if isinstance(asker, GatedAsker):
            asker.gate.set()
        server.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await server
        await session.close()
        await mock.stop()


async def sentinel(served: Served, asked: int) -> None:
    """Ask once more and wait for that answer: anything sent before has been handled."""
    await served.command("sentinel question", "sentinel")
    await served.mock.wait_for("response", key="sentinel")
    assert len(served.asker.calls) == asked + 1, [q for q, _ in served.asker.calls]


async def answer_buttons(served: Served, key: str = "r1") -> dict[str, str]:
    """Ask the usual question and return the buttons of its answer."""
    await served.command(QUESTION, key)
    [reply] = await served.mock.wait_for("response", key=key)
    return find_buttons(reply.params["blocks"])


# -- item 1: the feedback store is optional at run time ---------------------------------


async def test_a_corrupt_feedback_store_does_not_stop_slack_votes_are_refused_politely(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corrupt = b"SQLite format 2\x00 but not really " * 200
    (tmp_path / "feedback.sqlite3").write_bytes(corrupt)
    caplog.set_level(logging.WARNING)
    async with serving(tmp_path) as served:
        buttons = await answer_buttons(served)
        assert await served.click(ACTION_UP, buttons[ACTION_UP], "vote") == 200
        [refusal] = await served.mock.wait_for("response", key="vote")
        await served.command(QUESTION, "r2")
        [again] = await served.mock.wait_for("response", key="r2")

    assert refusal.params["response_type"] == "ephemeral"
    assert "의견을 기록할 수 없습니다" in refusal.params["text"]
    assert SK_QUOTE.text in block_text(again.params["blocks"]), "answers must keep working"
    about = [r for r in caplog.records if "feedback.sqlite3" in r.getMessage()]
    assert len(about) == 1, [r.getMessage() for r in about]
    line = about[0].getMessage()
    assert "\n" not in line and about[0].exc_info is None
    assert str(tmp_path / "feedback.sqlite3") in line and "delete" in line
    assert (tmp_path / "feedback.sqlite3").read_bytes() == corrupt, "the operator's file is kept"


async def test_one_user_votes_once_per_answer_and_a_changed_vote_replaces_it(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path) as served:
        buttons = await answer_buttons(served)
        for i in range(50):
            payload = action_payload(ACTION_UP, buttons[ACTION_UP],
                                     served.mock.response_url("up"), user="U0FAN")
            payload["trigger_id"] = f"1.2.{i}"  # 50 distinct clicks, not one replayed request
            assert await served.post(action_body(payload)) == 200
        replies = await served.mock.wait_for("response", 50, key="up")
        assert len(served.votes()) == 1
        await served.click(ACTION_DOWN, buttons[ACTION_DOWN], "down", user="U0FAN")
        [changed] = await served.mock.wait_for("response", key="down")
        await served.click(ACTION_UP, buttons[ACTION_UP], "other", user="U0OTHER")
        await served.mock.wait_for("response", key="other")
        votes = served.votes()

    # Clicks are handled concurrently: any one of them is the first, the 49 others repeat it.
    assert sum("고맙습니다" in r.params["text"] for r in replies) == 1
    assert sum("이미" in r.params["text"] for r in replies) == 49
    assert "고맙습니다" in changed.params["text"]
    assert sorted(v[0] for v in votes) == ["down", "up"], "one row per user, latest vote kept"


# -- item 2: Slack requests ----------------------------------------------------------------


async def test_a_replayed_signed_request_is_answered_once(tmp_path: Path) -> None:
    async with serving(tmp_path) as served:
        body = slash_body(QUESTION, served.mock.response_url("r1"))
        headers = signed_headers(SECRET, body, content_type=FORM)
        for _ in range(3):
            async with served.session.post(served.url, data=body.encode(),
                                           headers=headers) as resp:
                assert resp.status == 200
        await served.mock.wait_for("response", key="r1")
        await sentinel(served, 1)
        assert len(served.mock.calls_to("response", key="r1")) == 1


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "²", "9" * 5000, "-1"])
async def test_a_bad_timestamp_header_is_refused_not_a_server_error(
    tmp_path: Path, timestamp: str
) -> None:
    async with serving(tmp_path) as served:
        body = slash_body(QUESTION, served.mock.response_url("r1"))
        headers = signed_headers(SECRET, body, content_type=FORM)
        headers["X-Slack-Request-Timestamp"] = timestamp
        assert await served.post(body, headers=headers, signed=False) in (400, 401)
        await sentinel(served, 0)
        assert served.mock.calls_to("response", key="r1") == []


def _form(payload: Any) -> str:
    """A form body whose payload field is `payload` (JSON-encoded unless already a string)."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return urllib.parse.urlencode({"payload": text})


MALFORMED: list[tuple[str | bytes, str]] = [
    (_form("{bad json"), FORM),
    (_form([1, 2]), FORM),
    (_form("just a string"), FORM),
    (_form({"type": "block_actions"}), FORM),
    (_form({"type": "block_actions", "actions": []}), FORM),
    (_form({"type": "block_actions", "actions": [None], "user": "U0"}), FORM),
    (_form({"type": "block_actions", "actions": [{"action_id": 5}]}), FORM),
    ("{bad json", JSON),
    ('["a", "list"]', JSON),
    ('{"type": "event_callback", "event": "not an object"}', JSON),
    (b"payload=%7B%22type%22%3A\xff\xfe%7D", FORM),
]


async def test_malformed_payloads_get_400_or_401_with_one_short_log_line_each(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    statuses: dict[tuple[int, bool], tuple[int, int]] = {}
    async with serving(tmp_path) as served:
        caplog.clear()
        for i in range(200):
            body, kind = MALFORMED[i % len(MALFORMED)]
            signed = i % 2 == 0
            # Each request distinct, so none is dropped as a replay of an earlier one.
            tail = f"&n={i}" if kind == FORM else " " * i
            body = body + tail.encode() if isinstance(body, bytes) else body + tail
            # A body that is not UTF-8 cannot be Slack's: 400 before any signature check.
            expected = 400 if signed or isinstance(body, bytes) else 401
            status = await served.post(body, kind, signed=signed)
            statuses[i % len(MALFORMED), signed] = (status, expected)
        await sentinel(served, 0)
        logged = caplog.text

    wrong = {k: got for k, got in statuses.items() if got[0] != got[1]}
    assert not wrong, wrong
    assert "Traceback" not in logged
    lines = logged.splitlines()
    assert len(lines) <= 200, f"{len(lines)} log lines for 200 bad requests"
    assert len(logged) <= 200 * 250, f"{len(logged)} bytes of log for 200 bad requests"
    assert served.mock.calls_to("chat.postMessage") == []


async def test_a_vote_with_a_bad_value_gets_a_polite_reply_and_nothing_is_stored(
    tmp_path: Path,
) -> None:
    forged = {"r": "x" * 50_000, "q": "q" * 50_000, "a": "a" * 50_000, "m": "llm", "l": "ko"}
    values = {
        "not-json": "not json",
        "list": "[1, 2]",
        "no-ref": json.dumps({"q": QUESTION}),
        "huge": json.dumps(forged),
        "invented-mode": json.dumps({"r": "abc", "q": QUESTION, "a": "a", "m": "pwned"}),
        "number-ref": json.dumps({"r": 7, "q": QUESTION}),
    }
    async with serving(tmp_path) as served:
        for key, value in values.items():
            assert await served.click(ACTION_UP, value, key) == 200
            [reply] = await served.mock.wait_for("response", key=key)
            assert reply.params["response_type"] == "ephemeral"
            assert "처리할 수 없습니다" in reply.params["text"], (key, reply.params["text"])
        await served.click(ACTION_SHARE, "not json", "share")
        [shared] = await served.mock.wait_for("response", key="share")
        await sentinel(served, 0)
        votes = served.votes() if served.store.exists() else []
    assert "처리할 수 없습니다" in shared.params["text"]
    assert votes == []


async def test_a_forged_vote_on_a_held_answer_stores_what_was_shown(tmp_path: Path) -> None:
    async with serving(tmp_path) as served:
        buttons = await answer_buttons(served)
        ref = json.loads(buttons[ACTION_UP])["r"]
        forged = json.dumps({"r": ref, "q": "forged question", "a": "forged answer", "m": "llm"})
        await served.click(ACTION_UP, forged, "vote")
        await served.mock.wait_for("response", key="vote")
        votes = served.votes()
    assert votes == [("up", QUESTION, sk_answer(QUESTION).answer, "extractive")]


async def test_extra_questions_get_busy_try_again_instead_of_waiting_forever(
    tmp_path: Path,
) -> None:
    asker = GatedAsker()
    async with serving(tmp_path, asker, answer_queue=2) as served:
        acks = []
        for i in range(5):
            status, ack = await served.send(slash_body(f"{QUESTION} {i}",
                                                       served.mock.response_url(f"q{i}")))
            assert status == 200
            acks.append(json.loads(ack)["text"] if ack.strip() else "")
        mention = {"type": "app_mention", "user": "U0ASKER", "channel": "C0GENERAL",
                   "text": f"<@{BOT_USER_ID}> What does SK invest?", "ts": "1700000100.000100"}
        assert await served.post(event_body(mention, "EvBusy"), JSON) == 200
        # The gate is shut: two questions hold the queue, the other four are turned away at
        # once, /ask in its acknowledgement, the mention in its thread.
        [busy_post] = await served.mock.wait_for("chat.postMessage")
        asker.gate.set()
        answered = await served.mock.wait_for("response", 2)
        await sentinel(served, 2)
    assert acks[:2] == ["", ""] and all("잠시 뒤에" in a for a in acks[2:]), acks
    assert "try again" in busy_post.params["text"]
    texts = [block_text(c.params["blocks"]) for c in answered]
    assert all(SK_QUOTE.text in t for t in texts)
    assert [q for q, _ in asker.calls][:2] == [f"{QUESTION} 0", f"{QUESTION} 1"]


async def test_plain_text_of_a_reply_escapes_document_text(tmp_path: Path) -> None:
    asker = FakeAsker()
    hostile = "<!channel> 공지: <@U0BOSS> 님, R&D <b>예산</b> <https://evil.example|여기>"
    asker.enqueue(Answer(question=QUESTION, answer=hostile, abstained=False,
                         quotes=[SK_QUOTE], lang="ko"))
    async with serving(tmp_path, asker) as served:
        await served.command(QUESTION, "r1")
        [reply] = await served.mock.wait_for("response", key="r1")
    text = reply.params["text"]
    assert "<!channel>" not in text and "<@U0BOSS>" not in text and "<https" not in text
    assert "&lt;!channel&gt;" in text and "R&amp;D" in text
    assert reply.params["blocks"][0]["text"]["text"] == text, "blocks and text agree"


# -- past the list ----------------------------------------------------------------------


async def test_a_quote_link_that_is_not_http_is_shown_as_plain_text(tmp_path: Path) -> None:
    asker = FakeAsker()
    quote = Quote(text=SK_QUOTE.text, source=SK_QUOTE.source, title=SK_QUOTE.title,
                  url="javascript:alert(1)")
    asker.enqueue(Answer(question=QUESTION, answer="답", abstained=False, quotes=[quote]))
    async with serving(tmp_path, asker) as served:
        await served.command(QUESTION, "r1")
        [reply] = await served.mock.wait_for("response", key="r1")
    assert "javascript:" not in json.dumps(reply.params["blocks"])
    assert SK_QUOTE.title in block_text(reply.params["blocks"])


async def test_an_answer_refused_by_response_url_ends_in_an_apology(tmp_path: Path) -> None:
    asker = FakeAsker()
    asker.enqueue(sk_answer(QUESTION))
    refused: list[dict[str, Any]] = []

    async def picky(request: web.Request) -> web.Response:
        # Like Slack refusing blocks it cannot parse: the answer is refused, plain text passes.
        body = await request.json()
        refused.append(body)
        if any(b.get("type") == "rich_text" for b in body.get("blocks") or []):
            return web.Response(status=400, text="invalid_blocks")
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/picky", picky)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    picky_url = f"http://127.0.0.1:{runner.addresses[0][1]}/picky"
    try:
        async with serving(tmp_path, asker) as served:
            await served.post(slash_body(QUESTION, picky_url))
            await sentinel(served, 1)
            deadline = time.monotonic() + 10
            while len(refused) < 2 and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
    finally:
        await runner.cleanup()
    assert len(refused) == 2
    assert "죄송합니다" in refused[1]["text"], "the user must hear that something failed"


def test_a_huge_message_with_unclosed_mentions_is_read_in_linear_time() -> None:
    text = f"<@{BOT_USER_ID}|" * 100_000 + " SK는 울산에 얼마를 투자하나요?"
    question = question_from_text(text, BOT_USER_ID)
    assert 0 < len(question) <= 4000


def test_every_button_we_write_passes_the_checks() -> None:
    answer = sk_answer(QUESTION * 40)
    answer.answer = "답 " * 3000
    for mode in ("extractive", "llm", "llm-fallback"):
        answer.mode = mode  # type: ignore[assignment]
        value = button_value(answer, "0123456789ab")
        assert len(value) <= 2000
        assert parse_button_value(value).mode == mode


async def test_an_oversize_body_is_refused_before_it_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with serving(tmp_path) as served:
        huge = slash_body("가" * 200_000, served.mock.response_url("huge"))
        assert await served.post(huge) == 413
        await sentinel(served, 0)
    assert "Traceback" not in caplog.text


def test_the_rate_limit_forgets_one_off_askers() -> None:
    now = [0.0]
    limiter = RateLimiter(2, window=60, clock=lambda: now[0])
    for i in range(10_000):
        assert limiter.allow(f"U{i}")
    now[0] = 61.0
    assert limiter.allow("U-late")
    assert len(limiter._hits) == 1, "users idle for a whole window are forgotten"


async def test_a_port_in_use_is_one_line_naming_it(tmp_path: Path) -> None:
    mock = await MockSlack().start()
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        settings = make_settings(tmp_path, slack_api_url=mock.api_url)
        with pytest.raises(PolicybotError) as caught:
            await asyncio.wait_for(serve_slack(settings, FakeAsker(), http=True, port=port,
                                               host="127.0.0.1"), 30)
    finally:
        taken.close()
        await mock.stop()
    message = str(caught.value)
    assert f"cannot listen on 127.0.0.1:{port}" in message and "--port" in message
    assert "\n" not in message
