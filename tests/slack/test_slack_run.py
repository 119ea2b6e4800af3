"""`run_slack` in its own process, in HTTP mode, configured only by environment variables."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.fakes.asker import SK_QUOTE
from tests.fakes.slack_api import FORM, MockSlack, block_text, signed_headers, slash_body
from tests.paths import ROOT
from tests.slack.wire import BOT_TOKEN, SECRET

# The fake answers slowly on purpose: the ack must not wait for it.
SERVER = (
    "import sys\n"
    "from bot.config import Settings\n"
    "from bot.slack import run_slack\n"
    "from tests.fakes.asker import FakeAsker\n"
    "run_slack(Settings(_env_file=None), FakeAsker(delay=1.0), http=True,"
    " port=int(sys.argv[1]), host='127.0.0.1')\n"
)


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def start_server(env: dict[str, str], port: int) -> asyncio.subprocess.Process:
    """Start `run_slack` in a child process with only `env` configuring it."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", SERVER, str(port), cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The child's environment: PATH and Python settings, no Slack variables from the host."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "POLICYBOT_"))}
    env.update({"POLICYBOT_DATA": str(tmp_path), "PYTHONPATH": str(ROOT)}, **extra)
    return env


Served = tuple[MockSlack, str, asyncio.subprocess.Process]


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    mock = await MockSlack().start()
    port = free_port()
    env = base_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                   SLACK_API_URL=mock.api_url)
    proc = await start_server(env, port)
    try:
        assert proc.stderr is not None
        line = b""
        while b"/slack/events" not in line:
            line = await asyncio.wait_for(proc.stderr.readline(), timeout=30)
            assert line, "the server exited before listening"
        yield mock, f"http://127.0.0.1:{port}/slack/events", proc
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGINT)
            await asyncio.wait_for(proc.wait(), timeout=10)
        await mock.stop()


async def test_signed_ask_is_acked_fast_and_answered_forged_gets_401(
    served: Served,
) -> None:
    mock, url, proc = served
    async with aiohttp.ClientSession() as session:
        body = slash_body("SK는 울산에 얼마를 투자하나요?", mock.response_url("r1"))
        start = time.perf_counter()
        async with session.post(url, data=body.encode(),
                                headers=signed_headers(SECRET, body, content_type=FORM)) as resp:
            assert resp.status == 200
        assert time.perf_counter() - start < 3.0

        forged = slash_body("forged", mock.response_url("forged"))
        headers = signed_headers("guessed-secret", forged, content_type=FORM)
        async with session.post(url, data=forged.encode(), headers=headers) as resp:
            assert resp.status == 401

    [reply] = await mock.wait_for("response", key="r1")
    assert SK_QUOTE.text in block_text(reply.params["blocks"])
    # One auth.test at start-up, one from Bolt on the first request, nothing for the forgery.
    assert [c.method for c in mock.calls] == ["auth.test", "auth.test", "response"]

    proc.send_signal(signal.SIGINT)
    assert await asyncio.wait_for(proc.wait(), timeout=10) == 0
    assert proc.stderr is not None
    output = (await proc.stderr.read()).decode()
    assert BOT_TOKEN not in output and SECRET not in output


async def test_http_mode_without_a_signing_secret_refuses_to_start(tmp_path: Path) -> None:
    proc = await start_server(base_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN), free_port())
    _, err = await asyncio.wait_for(proc.communicate(), timeout=30)
    assert proc.returncode != 0
    assert b"SLACK_SIGNING_SECRET is required" in err


async def test_a_rejected_bot_token_stops_start_up_without_printing_it(tmp_path: Path) -> None:
    mock = await MockSlack().start()
    mock.failures["auth.test"] = "invalid_auth"
    env = base_env(tmp_path, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                   SLACK_API_URL=mock.api_url)
    try:
        proc = await start_server(env, free_port())
        out, err = await asyncio.wait_for(proc.communicate(), timeout=30)
    finally:
        await mock.stop()
    assert proc.returncode != 0
    assert b"invalid_auth" in err
    assert BOT_TOKEN.encode() not in out + err and SECRET.encode() not in out + err
