"""`policybot discord` starting with a refused token, an unreachable API or a broken votes
store: the real CLI in its own process against the fake Discord on loopback."""

from __future__ import annotations

import asyncio
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.discord import run_discord
from retrieval.errors import PolicybotError
from tests.fakes.asker import FakeAsker
from tests.fakes.discord_gateway import BOT_ID, BOT_USER, FakeDiscord, replies_to, settings_for
from tests.faults.test_slack_startup import env_for, finished, one_line, policybot
from tests.slack.test_slack_run import free_port

QUESTION = "SK는 울산에 얼마를 투자하나요?"
WRONG = "wrong-token-7f3a"


@pytest.fixture(scope="module")
def data(e5_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private copy of the ingested seeds, so these processes share no store with others."""
    copy = tmp_path_factory.mktemp("discord-startup") / "data"
    shutil.copytree(e5_data, copy)
    yield copy
    shutil.rmtree(copy, ignore_errors=True)


async def test_run_discord_turns_a_refused_token_into_one_line(tmp_path: Path) -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        settings = settings_for(fake, tmp_path, DISCORD_BOT_TOKEN=WRONG)
        with pytest.raises(PolicybotError) as caught:
            await asyncio.wait_for(asyncio.to_thread(run_discord, settings, FakeAsker()), 10)
    finally:
        await fake.stop()
    message = str(caught.value)
    assert "Discord rejected DISCORD_BOT_TOKEN" in message and fake.api_url in message
    assert "\n" not in message and WRONG not in message


@pytest.mark.model
async def test_a_refused_discord_token_is_one_line_and_a_failed_exit(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        env = env_for(data, seeds, DISCORD_BOT_TOKEN=WRONG, DISCORD_API_URL=fake.api_url)
        proc = await policybot(env, tmp_path, "discord")
        line = one_line(await finished(proc))
    finally:
        await fake.stop()
    assert proc.returncode != 0
    assert "Discord rejected DISCORD_BOT_TOKEN" in line and WRONG not in line


@pytest.mark.model
async def test_an_unreachable_discord_api_is_one_line(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    api = f"http://127.0.0.1:{free_port()}/api/v10"
    env = env_for(data, seeds, DISCORD_BOT_TOKEN=WRONG, DISCORD_API_URL=api)
    proc = await policybot(env, tmp_path, "discord")
    line = one_line(await finished(proc))
    assert proc.returncode != 0
    assert "cannot reach the Discord API" in line and api in line


@pytest.mark.model
async def test_discord_starts_and_answers_with_a_corrupt_feedback_store(
    data: Path, seeds: Path, tmp_path: Path
) -> None:
    store = data / "feedback.sqlite3"
    store.write_bytes(b"not a database at all " * 300)
    fake = FakeDiscord()
    await fake.start()
    env = env_for(data, seeds, DISCORD_BOT_TOKEN="test-token", DISCORD_API_URL=fake.api_url)
    proc = await policybot(env, tmp_path, "discord")
    try:
        await asyncio.wait_for(fake.identified.wait(), timeout=90)
        asked = await fake.send_message(f"<@{BOT_ID}> {QUESTION}", mentions=[BOT_USER])
        reply = await fake.wait_for(replies_to(asked), timeout=60)
        proc.send_signal(signal.SIGINT)
        lines = await finished(proc, timeout=30)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await fake.stop()
        store.unlink()
    assert reply.body["embeds"]
    about = [line for line in lines if str(store) in line]
    assert len(about) == 1, lines
    assert "Traceback" not in "\n".join(lines)
