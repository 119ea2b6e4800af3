"""Mentions and DMs: the real discord.py client against a fake Discord on loopback."""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from pathlib import Path

import discord
import pytest

from retrieval.answer import Answer, Quote
from tests.fakes.asker import SK_QUOTE, FakeAsker, sk_answer
from tests.fakes.discord_gateway import (
    ASKER,
    BOT_ID,
    BOT_ROLE_ID,
    BOT_USER,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    OTHER_BOT,
    OTHER_USER,
    SEEDS,
    THREAD_ID,
    TOKEN,
    FakeDiscord,
    assert_within_limits,
    buttons,
    replies_to,
    running_bot,
    shown_quotes,
    verified,
)

MENTION = f"<@{BOT_ID}>"
QUESTION = "SK는 울산에 얼마를 투자하나요?"


async def test_mention_gets_a_reply_with_the_answer_in_an_embed(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        reply = await run.fake.wait_for(replies_to(asked))

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
    calls = run.fake.calls
    typing = [i for i, c in enumerate(calls) if c.path == f"/channels/{CHANNEL_ID}/typing"]
    assert typing and typing[0] < calls.index(reply)
    question, context = run.asker.calls[0]
    assert question == QUESTION
    assert context is not None and context.platform == "discord" and context.user == ASKER["id"]


async def test_mention_in_a_thread_is_answered_in_the_thread(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(
            f"{QUESTION} {MENTION}", channel_id=THREAD_ID, mentions=[BOT_USER]
        )
        reply = await run.fake.wait_for(replies_to(asked))
    assert shown_quotes(reply.body["embeds"]) == [SK_QUOTE.text]


async def test_mention_of_the_bots_role_counts_as_a_mention(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(
            f"<@&{BOT_ROLE_ID}> {QUESTION}", mention_roles=[str(BOT_ROLE_ID)]
        )
        await run.fake.wait_for(replies_to(asked))
    assert run.asker.calls[0][0] == QUESTION


async def test_dm_gets_the_same_reply(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(QUESTION, channel_id=DM_CHANNEL_ID, guild_id=None)
        reply = await run.fake.wait_for(replies_to(asked))
    assert_within_limits(reply.body["embeds"])
    assert verified(shown_quotes(reply.body["embeds"])[0], SK_QUOTE.source)
    assert run.fake.posts(f"/channels/{DM_CHANNEL_ID}/typing")


async def test_bots_itself_and_unmentioned_messages_get_nothing(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        send = run.fake.send_message
        await send(f"{MENTION} {QUESTION}", author=OTHER_BOT, mentions=[BOT_USER])
        await send(f"{MENTION} {QUESTION}", author=BOT_USER, mentions=[BOT_USER])
        await send(QUESTION)
        await send(f"@everyone {QUESTION}")
        # The gateway delivers in order, so once this is answered the others were handled.
        sentinel = await send(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(sentinel))
    assert len(run.fake.posts(f"/channels/{CHANNEL_ID}/messages")) == 1
    assert len(run.asker.calls) == 1


async def test_mention_without_a_question_gets_usage_help(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(f"{MENTION}  ", mentions=[BOT_USER])
        reply = await run.fake.wait_for(replies_to(asked))
    assert "/ask" in reply.body["content"] and "물어보세요" in reply.body["content"]
    assert not reply.body.get("embeds")
    assert run.asker.calls == []


async def test_rate_limit_is_per_user_and_says_when_to_retry(tmp_path: Path):
    async with running_bot(tmp_path, POLICYBOT_RATE_LIMIT=1) as run:
        send = run.fake.send_message
        first = await send(f"{MENTION} How much does SK invest?", mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(first))
        second = await send(f"{MENTION} And Amazon?", mentions=[BOT_USER])
        refused = await run.fake.wait_for(replies_to(second))
        third = await send(f"{MENTION} {QUESTION}", author=OTHER_USER, mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(third))
    assert re.search(r"try again in \d+ seconds", refused.body["content"])
    assert [q for q, _ in run.asker.calls] == ["How much does SK invest?", QUESTION]


async def test_failure_gets_an_apology_with_the_logged_error_id(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    asker = FakeAsker()
    asker.enqueue(RuntimeError("store is down"))
    with caplog.at_level(logging.ERROR, logger="bot.discord"):
        async with running_bot(tmp_path, asker=asker) as run:
            asked = await run.fake.send_message(
                f"{MENTION} How much does SK invest?", mentions=[BOT_USER]
            )
            reply = await run.fake.wait_for(replies_to(asked))
    found = re.search(r"Error id: `([0-9a-f]{8})`", reply.body["content"])
    assert found, reply.body["content"]
    assert any(found.group(1) in r.getMessage() and r.exc_info for r in caplog.records)
    assert TOKEN not in caplog.text


async def test_answering_runs_off_the_loop_so_heartbeats_keep_going(tmp_path: Path):
    fake = FakeDiscord(heartbeat_interval=0.1)
    async with running_bot(tmp_path, fake=fake, asker=FakeAsker(delay=1.5)):
        asked = await fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        started = asyncio.get_running_loop().time()
        await fake.wait_for(replies_to(asked))
        beats = [t for t in fake.heartbeats if t >= started]
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    assert len(beats) >= 5, beats
    # Answering on the loop would leave a 1.5 s hole; off the loop beats stay ~0.1 s apart.
    assert max(gaps) < 0.75, gaps


async def test_answer_pool_is_bounded_by_the_worker_setting(tmp_path: Path):
    loop = asyncio.get_running_loop()
    async with running_bot(tmp_path, asker=FakeAsker(delay=0.5), POLICYBOT_WORKERS=1) as run:
        started = loop.time()
        send = run.fake.send_message
        first = await send(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        second = await send(f"{MENTION} {QUESTION}", author=OTHER_USER, mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(first))
        await run.fake.wait_for(replies_to(second))
        elapsed = loop.time() - started
    # One worker answers the two 0.5 s questions one after the other.
    assert elapsed >= 0.95, elapsed


async def test_identify_asks_for_no_privileged_intent(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        pass
    identify = run.fake.identify
    assert identify is not None and identify["token"] == TOKEN
    privileged = discord.Intents(members=True, presences=True, message_content=True).value
    assert identify["intents"] & privileged == 0
    assert identify["intents"] & discord.Intents(dm_messages=True, guild_messages=True).value


async def test_long_answer_is_split_without_cutting_a_quote(tmp_path: Path):
    source = "002_c1e04058d3b0113a.txt"
    lines = [ln.strip() for ln in (SEEDS / source).read_text(encoding="utf-8").splitlines()]
    title = "정책 " * 40
    quotes = [Quote(text=ln, source=source, title=title, published="2025-07-01")
              for ln in lines if len(ln) > 40][:30]
    asker = FakeAsker()
    asker.enqueue(Answer(question=QUESTION, answer="긴 답입니다. " * 1200, abstained=False,
                         quotes=quotes, latency_ms=5.0))
    async with running_bot(tmp_path, asker=asker) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        # The feedback buttons ride on the last message, so once they arrive all have.
        await run.fake.wait_for(lambda c: replies_to(asked)(c) and bool(c.body.get("components")))
    replies = [c for c in run.fake.calls if replies_to(asked)(c)]
    assert len(replies) > 1
    for reply in replies:
        assert_within_limits(reply.body["embeds"])
        assert not reply.body.get("content")
    assert [bool(buttons(r)) for r in replies] == [False] * (len(replies) - 1) + [True]
    shown = [q for r in replies for q in shown_quotes(r.body["embeds"])]
    assert shown == [q.text for q in quotes]
    assert all(verified(q, source) for q in shown)
