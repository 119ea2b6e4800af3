"""`policybot slack` and `policybot run` starting against a Slack that is down, refuses a token
or meets a broken votes store: the real CLI in its own process, on the real pipeline."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.slack.render import ACTION_UP
from tests.fakes.slack_api import (
    FORM,
    MockSlack,
    action_body,
    action_payload,
    block_text,
    find_buttons,
    signed_headers,
    slash_body,
)
from tests.paths import ROOT
from tests.slack.test_slack_run import free_port
from tests.slack.wire import APP_TOKEN, BOT_TOKEN, SECRET

pytestmark = pytest.mark.model

QUESTION = "SK는 울산에 얼마를 투자하나요?"


@pytest.fixture(scope="module")
def data(e5_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private copy of the ingested seeds, so these processes share no store with others."""
    copy = tmp_path_factory.mktemp("startup") / "data"
    shutil.copytree(e5_data, copy)
    yield copy
    shutil.rmtree(copy, ignore_errors=True)


def env_for(data: Path, seeds: Path, **extra: str) -> dict[str, str]:
    """The child's environment: no Slack or Discord variables from the host, ours instead."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "POLICYBOT_", "CHROMA_"))}
    env.update({"POLICYBOT_DATA": str(data), "POLICYBOT_DOCS": str(seeds),
                "PYTHONPATH": str(ROOT)}, **extra)
    return env


async def policybot(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    """Start the real `policybot` entry point (errors become one line there) in a process."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", "from bot.cli import main; main()", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def finished(proc: asyncio.subprocess.Process, timeout: float = 90) -> list[str]:
    """Wait for the process to exit by itself and return its stderr lines."""
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise AssertionError("policybot did not exit by itself") from None
    return err.decode().strip().splitlines()


def one_line(lines: list[str]) -> str:
    """The single line a start-up failure may print."""
    assert len(lines) == 1 and "Traceback" not in "\n".join(lines), "\n".join(lines)
    assert lines[0].startswith("policybot: ")
    return lines[0]


@pytest.fixture
async def failing_slack() -> AsyncIterator[str]:
    """A Slack Web API that answers HTTP 500 to everything; yields its base URL."""
    async def down(request: web.Request) -> web.Response:
        return web.Response(status=500, text="<html>Internal Server Error</html>",
                            content_type="text/html")

    app = web.Application()
    app.router.add_post("/api/{method}", down)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/api/"
    await runner.cleanup()


async def test_an_unreachable_slack_api_is_one_line_and_a_failed_exit(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    api = f"http://127.0.0.1:{free_port()}/api/"  # nothing listens there
    env = env_for(data, seeds, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                  SLACK_API_URL=api)
    proc = await policybot(env, tmp_path, "slack", "--http", "--host", "127.0.0.1",
                           "--port", str(free_port()))
    line = one_line(await finished(proc))
    assert proc.returncode != 0
    assert "cannot reach the Slack API" in line and api in line and "SLACK_API_URL" in line
    assert BOT_TOKEN not in line


async def test_verbose_still_shows_the_traceback(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    api = f"http://127.0.0.1:{free_port()}/api/"
    env = env_for(data, seeds, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                  SLACK_API_URL=api)
    proc = await policybot(env, tmp_path, "-v", "slack", "--http", "--port", str(free_port()))
    lines = await finished(proc)
    assert proc.returncode != 0
    assert any("Traceback" in line for line in lines[:-1])
    assert lines[-1].startswith("policybot: cannot reach the Slack API")


async def test_a_slack_api_server_error_is_reported_as_one(
    data: Path, seeds: Path, tmp_path: Path, failing_slack: str
) -> None:
    env = env_for(data, seeds, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                  SLACK_API_URL=failing_slack)
    proc = await policybot(env, tmp_path, "slack", "--http", "--port", str(free_port()))
    line = one_line(await finished(proc))
    assert proc.returncode != 0
    assert "HTTP 500" in line and failing_slack in line
    assert "rejected" not in line and "None" not in line


async def test_a_refused_socket_mode_app_token_exits_at_once_in_one_line(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    mock = await MockSlack().start()
    mock.failures["apps.connections.open"] = "invalid_auth"
    env = env_for(data, seeds, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_APP_TOKEN=APP_TOKEN,
                  SLACK_API_URL=mock.api_url)
    try:
        proc = await policybot(env, tmp_path, "slack")
        line = one_line(await finished(proc))
    finally:
        await mock.stop()
    assert proc.returncode != 0
    assert "Slack rejected SLACK_APP_TOKEN: invalid_auth" in line
    assert APP_TOKEN not in line
    assert len(mock.calls_to("apps.connections.open")) == 1, "asked once, not in a retry loop"


async def test_run_stops_with_one_line_when_slack_cannot_start(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    api = f"http://127.0.0.1:{free_port()}/api/"
    env = env_for(data, seeds, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                  SLACK_API_URL=api, SLACK_PORT=str(free_port()))
    proc = await policybot(env, tmp_path, "run")
    line = one_line(await finished(proc))
    assert proc.returncode != 0
    assert "cannot reach the Slack API" in line


async def test_slack_starts_on_loopback_and_answers_with_a_corrupt_feedback_store(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    store = data / "feedback.sqlite3"
    store.write_bytes(b"not a database at all " * 300)
    mock = await MockSlack().start()
    port = free_port()
    env = env_for(data, seeds, SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET,
                  SLACK_API_URL=mock.api_url)
    proc = await policybot(env, tmp_path, "slack", "--http", "--port", str(port))
    try:
        assert proc.stderr is not None
        seen: list[str] = []
        while not any("/slack/events" in line for line in seen):
            line = await asyncio.wait_for(proc.stderr.readline(), timeout=90)
            assert line, "policybot exited: " + "".join(seen)
            seen.append(line.decode())
        # No --host: the endpoint is on loopback only, never on every interface.
        assert f"http://127.0.0.1:{port}/slack/events" in seen[-1]
        url = f"http://127.0.0.1:{port}/slack/events"
        async with aiohttp.ClientSession() as session:
            body = slash_body(QUESTION, mock.response_url("r1"))
            async with session.post(url, data=body.encode(),
                                    headers=signed_headers(SECRET, body, content_type=FORM)) as r:
                assert r.status == 200
            [reply] = await mock.wait_for("response", key="r1", timeout=60)
            value = find_buttons(reply.params["blocks"])[ACTION_UP]
            body = action_body(action_payload(ACTION_UP, value, mock.response_url("vote")))
            async with session.post(url, data=body.encode(),
                                    headers=signed_headers(SECRET, body, content_type=FORM)) as r:
                assert r.status == 200
            [refusal] = await mock.wait_for("response", key="vote", timeout=30)
        proc.send_signal(signal.SIGINT)
        _, rest = await asyncio.wait_for(proc.communicate(), timeout=30)
        seen.extend(rest.decode().splitlines(keepends=True))
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await mock.stop()
        store.unlink()

    assert proc.returncode == 0
    assert "울산" in block_text(reply.params["blocks"])
    assert "기록할 수 없습니다" in refusal.params["text"]
    about = [line for line in seen if str(store) in line]
    assert len(about) == 1, seen
    assert "Traceback" not in "".join(seen)
