"""/ask, feedback buttons, command sync and start-up: the real discord.py client on a fake."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.config import Settings
from bot.discord import invite_url, run_discord
from tests.fakes.asker import SK_QUOTE, FakeAsker
from tests.fakes.discord_gateway import (
    ASKER,
    BOT_ID,
    BOT_USER,
    CHANNEL_ID,
    EPHEMERAL,
    SEEDS,
    FakeDiscord,
    assert_within_limits,
    buttons,
    callback_of,
    followup_of,
    replies_to,
    running_bot,
    settings_for,
    shown_quotes,
    verified,
)

QUESTION = "SK는 울산에 얼마를 투자하나요?"


def ask(question: str, private: bool | None = None) -> list[dict[str, Any]]:
    """The options of an /ask interaction."""
    options: list[dict[str, Any]] = [{"name": "question", "type": 3, "value": question}]
    if private is not None:
        options.append({"name": "private", "type": 5, "value": private})
    return options


async def test_ask_defers_then_follows_up_privately(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        interaction = await run.fake.send_command(ask(QUESTION, private=True))
        followup = await run.fake.wait_for(followup_of(interaction))
    calls = run.fake.calls
    callback = next(c for c in calls if callback_of(interaction)(c))
    assert calls.index(callback) < calls.index(followup)
    assert callback.body["type"] == 5 and callback.body["data"]["flags"] & EPHEMERAL
    assert followup.body["flags"] & EPHEMERAL
    embeds = followup.body["embeds"]
    assert_within_limits(embeds)
    assert embeds[0]["title"] == QUESTION
    assert verified(shown_quotes(embeds)[0], SK_QUOTE.source)
    assert set(buttons(followup)) == {"👍", "👎"}
    context = run.asker.calls[0][1]
    assert context is not None and context.channel == str(CHANNEL_ID)


async def test_ask_is_public_by_default(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        interaction = await run.fake.send_command(ask(QUESTION))
        followup = await run.fake.wait_for(followup_of(interaction))
    callback = next(c for c in run.fake.calls if callback_of(interaction)(c))
    assert callback.body["type"] == 5
    assert not (callback.body.get("data") or {}).get("flags", 0) & EPHEMERAL
    assert not followup.body.get("flags", 0) & EPHEMERAL


async def test_ask_without_a_question_gets_private_usage(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        interaction = await run.fake.send_command(ask(" \u200b "))
        callback = await run.fake.wait_for(callback_of(interaction))
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & EPHEMERAL
    assert "/ask" in callback.body["data"]["content"]
    assert "000\\_2979ad4f5c775dad.txt" in callback.body["data"]["content"]
    assert run.asker.calls == [] and run.asker.listed == ["ko"]
    assert not run.fake.posts("/webhooks/")


async def test_feedback_buttons_store_one_vote_per_user(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(f"<@{BOT_ID}> {QUESTION}", mentions=[BOT_USER])
        reply = await run.fake.wait_for(replies_to(asked))
        posted = run.fake.created[-1]
        first = await run.fake.click(posted, buttons(reply)["👍"])
        thanks = await run.fake.wait_for(callback_of(first))
        again = await run.fake.click(posted, buttons(reply)["👍"])
        refused = await run.fake.wait_for(callback_of(again))
        once = list(run.store.votes())
        changed = await run.fake.click(posted, buttons(reply)["👎"])
        await run.fake.wait_for(callback_of(changed))
        votes = list(run.store.votes())
    assert thanks.body["type"] == 4 and thanks.body["data"]["flags"] & EPHEMERAL
    assert "고마워요" in thanks.body["data"]["content"]
    assert "이미" in refused.body["data"]["content"]
    assert [(v.platform, v.vote, v.question, v.mode) for v in once] == [
        ("discord", "up", QUESTION, "extractive")
    ]
    # A changed mind replaces the earlier vote instead of adding one.
    assert [(v.platform, v.vote) for v in votes] == [("discord", "down")]
    assert votes[0].user_hash != ASKER["id"]


async def test_buttons_are_removed_when_the_feedback_window_ends(tmp_path: Path):
    async with running_bot(tmp_path, feedback_window=0.3) as run:
        asked = await run.fake.send_message(f"<@{BOT_ID}> {QUESTION}", mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(asked))
        posted = run.fake.created[-1]
        path = f"/channels/{posted['channel_id']}/messages/{posted['id']}"
        edit = await run.fake.wait_for(lambda c: (c.method, c.path) == ("PATCH", path))
    assert edit.body["components"] == []


async def test_commands_sync_only_when_asked(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        pass
    assert not [c for c in run.fake.calls if c.method == "PUT"]

    async with running_bot(tmp_path, sync=True) as run:
        put = await run.fake.wait_for(lambda c: c.method == "PUT")
    assert put.path == f"/applications/{BOT_ID}/commands"
    (command,) = put.body
    assert command["name"] == "ask"
    options = {o["name"]: (o["type"], o.get("required", False)) for o in command["options"]}
    assert options == {"question": (3, True), "private": (5, False)}


async def test_run_discord_refuses_a_bad_token_without_logging_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    fake = FakeDiscord()
    await fake.start()
    try:
        settings = settings_for(fake, tmp_path, DISCORD_BOT_TOKEN="wrong-secret")
        with caplog.at_level(logging.DEBUG), pytest.raises(discord.LoginFailure):
            await asyncio.wait_for(asyncio.to_thread(run_discord, settings, FakeAsker()), 10)
    finally:
        await fake.stop()
    assert fake.calls[0].authorization == "Bot wrong-secret"
    assert "wrong-secret" not in caplog.text
    assert (tmp_path / "feedback.sqlite3").exists()


async def test_run_discord_syncs_then_connects(tmp_path: Path):
    # Closing with 4004 (authentication failed) makes discord.py stop instead of reconnecting.
    fake = FakeDiscord(close_on_identify=4004)
    await fake.start()
    try:
        settings = settings_for(fake, tmp_path)
        run = asyncio.to_thread(run_discord, settings, FakeAsker(), sync=True)
        with pytest.raises(discord.ConnectionClosed):
            await asyncio.wait_for(run, timeout=10)
    finally:
        await fake.stop()
    commands = [c.method for c in fake.calls if c.path == f"/applications/{BOT_ID}/commands"]
    assert commands == ["PUT"]
    assert fake.identify is not None


def test_run_discord_needs_a_token(tmp_path: Path):
    values: dict[str, Any] = {"DISCORD_BOT_TOKEN": None, "POLICYBOT_DATA": tmp_path}
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    with pytest.raises(RuntimeError, match="DISCORD_BOT_TOKEN"):
        run_discord(settings, FakeAsker())


def test_invite_url_matches_the_documented_one():
    url = invite_url(BOT_ID)
    assert "scope=bot+applications.commands" in url
    found = re.search(r"permissions=(\d+)", url)
    assert found
    perms = discord.Permissions(int(found.group(1)))
    assert perms.send_messages and perms.embed_links and perms.read_message_history
    assert not perms.administrator and not perms.manage_messages
    doc = (SEEDS.parent / "docs" / "discord.md").read_text(encoding="utf-8")
    assert f"permissions={perms.value}" in doc
