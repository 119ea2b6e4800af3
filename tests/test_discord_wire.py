"""The real discord.py client against a fake Discord on loopback."""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.config import Settings
from bot.discord_app import PolicyBot, invite_url, run_discord
from bot.feedback import FeedbackStore
from bot.ratelimit import RateLimiter
from retrieval.answer import Answer, Quote
from retrieval.verify import is_verbatim
from tests.discord_fake import (
    ASKER,
    BOT_ID,
    BOT_ROLE_ID,
    BOT_USER,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    OTHER_BOT,
    OTHER_USER,
    THREAD_ID,
    TOKEN,
    Call,
    FakeDiscord,
)
from tests.fakes import SK_QUOTE, FakeAsker, sk_answer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MENTION = f"<@{BOT_ID}>"
QUESTION = "SK는 울산에 얼마를 투자하나요?"


@dataclass
class Harness:
    """A running bot and everything around it."""

    fake: FakeDiscord
    asker: FakeAsker
    store: FeedbackStore
    bot: PolicyBot


def settings_for(fake: FakeDiscord, data: Path, **env: Any) -> Settings:
    """Settings pointing at the fake, ignoring any .env on the machine."""
    values: dict[str, Any] = {
        "DISCORD_BOT_TOKEN": TOKEN,
        "DISCORD_API_URL": fake.api_url,
        "POLICYBOT_DATA": data,
        "POLICYBOT_WORKERS": 2,
        **env,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running_bot(
    fake: FakeDiscord, data: Path, *, asker: FakeAsker | None = None, sync: bool = False, **env: Any
) -> AsyncIterator[Harness]:
    """Start the bot against the fake, wait until it has identified, and stop it after."""
    settings = settings_for(fake, data, **env)
    asker = asker or FakeAsker()
    store = FeedbackStore(settings.data / "feedback.sqlite3")
    bot = PolicyBot(
        settings=settings,
        asker=asker,
        feedback=store,
        limiter=RateLimiter(settings.rate_limit_per_minute),
        sync=sync,
    )
    task = asyncio.create_task(bot.start(TOKEN))
    try:
        identified = asyncio.create_task(fake.identified.wait())
        done, _ = await asyncio.wait({task, identified}, timeout=5, return_when="FIRST_COMPLETED")
        identified.cancel()
        assert identified in done, "the bot never identified on the fake gateway"
        yield Harness(fake, asker, store, bot)
    finally:
        await bot.close()
        await asyncio.wait_for(task, timeout=5)
        store.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """A fake Discord on a free loopback port."""
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()


def to_channel(channel_id: int) -> Any:
    """Match a message the bot posted in a channel."""
    return lambda c: c.method == "POST" and c.path == f"/channels/{channel_id}/messages"


def replies_to(message: dict[str, Any]) -> Any:
    """Match a message the bot posted as a reply to `message`."""
    def match(call: Call) -> bool:
        reference = (call.body or {}).get("message_reference") or {}
        return to_channel(int(message["channel_id"]))(call) and str(
            reference.get("message_id")
        ) == message["id"]
    return match


def callback_of(interaction: dict[str, Any]) -> Any:
    """Match the bot's callback to an interaction."""
    return lambda c: c.path == f"/interactions/{interaction['id']}/{interaction['token']}/callback"


def followup_of(interaction: dict[str, Any]) -> Any:
    """Match a followup the bot sent for an interaction."""
    return lambda c: c.method == "POST" and c.path == f"/webhooks/{BOT_ID}/{interaction['token']}"


def assert_within_limits(embeds: list[dict[str, Any]]) -> None:
    """Every Discord embed limit, checked on the JSON the bot sent."""
    assert 1 <= len(embeds) <= 10
    total = 0
    for embed in embeds:
        title, description = embed.get("title", ""), embed.get("description", "")
        footer = embed.get("footer", {}).get("text", "")
        fields = embed.get("fields", [])
        assert len(title) <= 256 and len(description) <= 4096 and len(footer) <= 2048
        assert len(fields) <= 25
        for field in fields:
            assert len(field["name"]) <= 256 and len(field["value"]) <= 1024
        total += len(title) + len(description) + len(footer)
        total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= 6000


def shown_quotes(embeds: list[dict[str, Any]]) -> list[str]:
    """The quote texts as a reader sees them, with Discord's markdown escapes undone."""
    quotes = []
    for embed in embeds:
        for field in embed.get("fields", []):
            lines = [line[2:] for line in field["value"].splitlines() if line.startswith("> ")]
            quotes.append(re.sub(r"\\(.)", r"\1", "\n".join(lines)))
    return quotes


def verified(quote: str, source: str) -> bool:
    """True when the shown quote is verbatim in its seed document."""
    return is_verbatim(quote, (SEEDS / source).read_text(encoding="utf-8"))


def buttons(call: Call) -> dict[str, str]:
    """The feedback buttons on a posted message, by emoji."""
    rows = call.body.get("components") or []
    return {b["emoji"]["name"]: b["custom_id"] for row in rows for b in row["components"]}


async def test_mention_gets_a_reply_with_the_answer_in_an_embed(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path) as h:
        asked = await fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        reply = await fake.wait_for(replies_to(asked))

    embeds = reply.body["embeds"]
    assert_within_limits(embeds)
    assert embeds[0]["description"] == sk_answer(QUESTION).answer
    field = embeds[0]["fields"][0]
    assert SK_QUOTE.title in field["name"] and "2025-06-21" in field["name"]
    assert shown_quotes(embeds) == [SK_QUOTE.text]
    assert verified(shown_quotes(embeds)[0], SK_QUOTE.source)
    assert embeds[-1]["footer"]["text"] == "extractive · 12 ms"
    assert set(buttons(reply)) == {"👍", "👎"}
    assert reply.body["allowed_mentions"]["parse"] == []
    # The typing indicator went up before the answer.
    typing = [i for i, c in enumerate(fake.calls) if c.path == f"/channels/{CHANNEL_ID}/typing"]
    assert typing and typing[0] < fake.calls.index(reply)
    question, context = h.asker.calls[0]
    assert question == QUESTION
    assert context is not None and context.platform == "discord" and context.user == ASKER["id"]


async def test_mention_in_a_thread_is_answered_in_the_thread(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path):
        asked = await fake.send_message(
            f"{QUESTION} {MENTION}", channel_id=THREAD_ID, mentions=[BOT_USER]
        )
        reply = await fake.wait_for(replies_to(asked))
    assert shown_quotes(reply.body["embeds"]) == [SK_QUOTE.text]


async def test_mention_of_the_bots_role_counts_as_a_mention(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path) as h:
        asked = await fake.send_message(
            f"<@&{BOT_ROLE_ID}> {QUESTION}", mention_roles=[str(BOT_ROLE_ID)]
        )
        await fake.wait_for(replies_to(asked))
    assert h.asker.calls[0][0] == QUESTION


async def test_dm_gets_the_same_reply(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path):
        asked = await fake.send_message(QUESTION, channel_id=DM_CHANNEL_ID, guild_id=None)
        reply = await fake.wait_for(replies_to(asked))
    assert_within_limits(reply.body["embeds"])
    assert verified(shown_quotes(reply.body["embeds"])[0], SK_QUOTE.source)
    assert fake.posts(f"/channels/{DM_CHANNEL_ID}/typing")


async def test_bots_itself_and_unmentioned_messages_get_nothing(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path) as h:
        await fake.send_message(f"{MENTION} {QUESTION}", author=OTHER_BOT, mentions=[BOT_USER])
        await fake.send_message(f"{MENTION} {QUESTION}", author=BOT_USER, mentions=[BOT_USER])
        await fake.send_message(QUESTION)
        await fake.send_message(f"@everyone {QUESTION}")
        # The gateway delivers in order, so once this is answered the others were handled.
        sentinel = await fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        await fake.wait_for(replies_to(sentinel))
    assert len(fake.posts(f"/channels/{CHANNEL_ID}/messages")) == 1
    assert len(h.asker.calls) == 1


async def test_mention_without_a_question_gets_usage_help(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path) as h:
        asked = await fake.send_message(f"{MENTION}  ", mentions=[BOT_USER])
        reply = await fake.wait_for(replies_to(asked))
    assert "/ask" in reply.body["content"] and "물어보세요" in reply.body["content"]
    assert not reply.body.get("embeds")
    assert h.asker.calls == []


async def test_rate_limit_is_per_user_and_says_when_to_retry(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path, POLICYBOT_RATE_LIMIT=1) as h:
        first = await fake.send_message(f"{MENTION} How much does SK invest?", mentions=[BOT_USER])
        await fake.wait_for(replies_to(first))
        second = await fake.send_message(f"{MENTION} And Amazon?", mentions=[BOT_USER])
        refused = await fake.wait_for(replies_to(second))
        third = await fake.send_message(
            f"{MENTION} {QUESTION}", author=OTHER_USER, mentions=[BOT_USER]
        )
        await fake.wait_for(replies_to(third))
    assert re.search(r"try again in \d+ seconds", refused.body["content"])
    assert [q for q, _ in h.asker.calls] == ["How much does SK invest?", QUESTION]


async def test_failure_gets_an_apology_with_the_logged_error_id(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    asker = FakeAsker()
    asker.enqueue(RuntimeError("store is down"))
    with caplog.at_level(logging.ERROR, logger="bot.discord_app"):
        async with running_bot(fake, tmp_path, asker=asker):
            asked = await fake.send_message(
                f"{MENTION} How much does SK invest?", mentions=[BOT_USER]
            )
            reply = await fake.wait_for(replies_to(asked))
    found = re.search(r"Error id: `([0-9a-f]{8})`", reply.body["content"])
    assert found, reply.body["content"]
    assert any(found.group(1) in r.getMessage() and r.exc_info for r in caplog.records)
    assert TOKEN not in caplog.text


async def test_answering_runs_off_the_loop_so_heartbeats_keep_going(tmp_path: Path):
    fake = FakeDiscord(heartbeat_interval=0.1)
    await fake.start()
    try:
        async with running_bot(fake, tmp_path, asker=FakeAsker(delay=1.5)):
            asked = await fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
            started = asyncio.get_running_loop().time()
            await fake.wait_for(replies_to(asked))
            beats = [t for t in fake.heartbeats if t >= started]
    finally:
        await fake.stop()
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    assert len(beats) >= 5, beats
    # Answering on the loop would leave a 1.5 s hole; off the loop beats stay ~0.1 s apart.
    assert max(gaps) < 0.75, gaps


async def test_answer_pool_is_bounded_by_the_worker_setting(fake: FakeDiscord, tmp_path: Path):
    loop = asyncio.get_running_loop()
    async with running_bot(fake, tmp_path, asker=FakeAsker(delay=0.5), POLICYBOT_WORKERS=1):
        started = loop.time()
        first = await fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        second = await fake.send_message(
            f"{MENTION} {QUESTION}", author=OTHER_USER, mentions=[BOT_USER]
        )
        await fake.wait_for(replies_to(first))
        await fake.wait_for(replies_to(second))
        elapsed = loop.time() - started
    # One worker answers the two 0.5 s questions one after the other.
    assert elapsed >= 0.95, elapsed


async def test_identify_asks_for_no_privileged_intent(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path):
        pass
    assert fake.identify is not None and fake.identify["token"] == TOKEN
    privileged = discord.Intents(members=True, presences=True, message_content=True).value
    assert fake.identify["intents"] & privileged == 0
    assert fake.identify["intents"] & discord.Intents(dm_messages=True, guild_messages=True).value


async def test_ask_command_defers_then_follows_up_privately(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path) as h:
        interaction = await fake.send_command(
            [{"name": "question", "type": 3, "value": QUESTION},
             {"name": "private", "type": 5, "value": True}]
        )
        followup = await fake.wait_for(followup_of(interaction))
    callback = next(c for c in fake.calls if callback_of(interaction)(c))
    assert fake.calls.index(callback) < fake.calls.index(followup)
    assert callback.body["type"] == 5 and callback.body["data"]["flags"] & 64
    assert followup.body["flags"] & 64
    embeds = followup.body["embeds"]
    assert_within_limits(embeds)
    assert embeds[0]["title"] == QUESTION
    assert verified(shown_quotes(embeds)[0], SK_QUOTE.source)
    assert set(buttons(followup)) == {"👍", "👎"}
    assert h.asker.calls[0][1] is not None and h.asker.calls[0][1].channel == str(CHANNEL_ID)


async def test_ask_command_is_public_by_default(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path):
        interaction = await fake.send_command([{"name": "question", "type": 3, "value": QUESTION}])
        followup = await fake.wait_for(followup_of(interaction))
    callback = next(c for c in fake.calls if callback_of(interaction)(c))
    assert callback.body["type"] == 5 and not (callback.body.get("data") or {}).get("flags", 0) & 64
    assert not followup.body.get("flags", 0) & 64


async def test_ask_command_without_a_question_gets_private_usage(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path) as h:
        blank = {"name": "question", "type": 3, "value": " \u200b "}
        interaction = await fake.send_command([blank])
        callback = await fake.wait_for(callback_of(interaction))
    assert callback.body["type"] == 4 and callback.body["data"]["flags"] & 64
    assert "/ask" in callback.body["data"]["content"]
    assert h.asker.calls == [] and not fake.posts("/webhooks/")


async def test_feedback_buttons_store_one_vote_per_user(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path) as h:
        asked = await fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        reply = await fake.wait_for(replies_to(asked))
        posted = fake.created[-1]
        first = await fake.click(posted, buttons(reply)["👍"])
        thanks = await fake.wait_for(callback_of(first))
        again = await fake.click(posted, buttons(reply)["👎"])
        refused = await fake.wait_for(callback_of(again))
        votes = list(h.store.votes())
    assert thanks.body["type"] == 4 and thanks.body["data"]["flags"] & 64
    assert "고마워요" in thanks.body["data"]["content"]
    assert "이미" in refused.body["data"]["content"]
    assert [(v.platform, v.vote, v.question, v.mode) for v in votes] == [
        ("discord", "up", QUESTION, "extractive")
    ]
    assert votes[0].user_hash != ASKER["id"]


async def test_long_answer_is_split_without_cutting_a_quote(fake: FakeDiscord, tmp_path: Path):
    source = "002_c1e04058d3b0113a.txt"
    lines = [ln.strip() for ln in (SEEDS / source).read_text(encoding="utf-8").splitlines()]
    quotes = [Quote(text=ln, source=source, title="정책 " * 40, published="2025-07-01")
              for ln in lines if len(ln) > 40][:30]
    asker = FakeAsker()
    asker.enqueue(Answer(question=QUESTION, answer="긴 답입니다. " * 1200, abstained=False,
                         quotes=quotes, latency_ms=5.0))
    async with running_bot(fake, tmp_path, asker=asker):
        asked = await fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        # The feedback buttons ride on the last message, so once they arrive all have.
        await fake.wait_for(lambda c: replies_to(asked)(c) and bool(c.body.get("components")))
    replies = [c for c in fake.calls if replies_to(asked)(c)]
    assert len(replies) > 1
    for reply in replies:
        assert_within_limits(reply.body["embeds"])
        assert not reply.body.get("content")
    assert [bool(buttons(r)) for r in replies] == [False] * (len(replies) - 1) + [True]
    shown = [q for r in replies for q in shown_quotes(r.body["embeds"])]
    assert shown == [q.text for q in quotes]
    assert all(verified(q, source) for q in shown)


async def test_commands_sync_only_when_asked(fake: FakeDiscord, tmp_path: Path):
    async with running_bot(fake, tmp_path):
        pass
    assert not [c for c in fake.calls if c.method == "PUT"]

    fresh = FakeDiscord()
    await fresh.start()
    try:
        async with running_bot(fresh, tmp_path / "again", sync=True):
            put = await fresh.wait_for(lambda c: c.method == "PUT")
    finally:
        await fresh.stop()
    assert put.path == f"/applications/{BOT_ID}/commands"
    (command,) = put.body
    assert command["name"] == "ask"
    options = {o["name"]: (o["type"], o.get("required", False)) for o in command["options"]}
    assert options == {"question": (3, True), "private": (5, False)}


async def test_run_discord_refuses_a_bad_token_without_logging_it(
    fake: FakeDiscord, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    settings = settings_for(fake, tmp_path, DISCORD_BOT_TOKEN="wrong-secret")
    with caplog.at_level(logging.DEBUG), pytest.raises(discord.LoginFailure):
        await asyncio.wait_for(asyncio.to_thread(run_discord, settings, FakeAsker()), timeout=10)
    assert fake.calls[0].authorization == "Bot wrong-secret"
    assert "wrong-secret" not in caplog.text
    assert (tmp_path / "feedback.sqlite3").exists()


async def test_run_discord_syncs_then_connects(tmp_path: Path):
    # Closing with 4004 (authentication failed) makes discord.py stop instead of reconnecting.
    fake = FakeDiscord(close_on_identify=4004)
    await fake.start()
    try:
        settings = settings_for(fake, tmp_path)
        with pytest.raises(discord.ConnectionClosed):
            await asyncio.wait_for(
                asyncio.to_thread(run_discord, settings, FakeAsker(), sync=True), timeout=10
            )
    finally:
        await fake.stop()
    assert [c.method for c in fake.calls if c.path == f"/applications/{BOT_ID}/commands"] == ["PUT"]
    assert fake.identify is not None


def test_run_discord_needs_a_token(tmp_path: Path):
    values: dict[str, Any] = {"DISCORD_BOT_TOKEN": None, "POLICYBOT_DATA": tmp_path}
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    with pytest.raises(RuntimeError, match="DISCORD_BOT_TOKEN"):
        run_discord(settings, FakeAsker())


def test_invite_url_matches_the_documented_one():
    url = invite_url(BOT_ID)
    assert "scope=bot+applications.commands" in url
    perms = discord.Permissions(int(re.search(r"permissions=(\d+)", url).group(1)))  # type: ignore[union-attr]
    assert perms.send_messages and perms.embed_links and perms.read_message_history
    assert not perms.administrator and not perms.manage_messages
    doc = (SEEDS.parent / "docs" / "discord.md").read_text(encoding="utf-8")
    assert f"permissions={perms.value}" in doc
