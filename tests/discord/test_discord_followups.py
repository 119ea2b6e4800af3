"""Follow-ups on Discord: replies to the bot's answers, its own threads, DMs (real discord.py)."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.asker import FakeAsker
from tests.fakes.discord_gateway import (
    BOT_ID,
    BOT_THREAD_ID,
    BOT_USER,
    DM_CHANNEL_ID,
    GUILD_ID,
    OTHER_USER,
    FakeDiscord,
    replies_to,
    running_bot,
)

MENTION = f"<@{BOT_ID}>"
QUESTION = "SK는 울산에 얼마를 투자하나요?"


async def test_a_reply_to_the_bots_answer_is_answered_as_a_follow_up(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(asked))
        answer = run.fake.reply_of(asked)
        # A plain reply, no mention: Discord marks it as a reply to the bot's message.
        follow = await run.fake.send_message("그럼 카카오는?", reply_to=answer)
        await run.fake.wait_for(replies_to(follow))

    assert [q for q, _ in run.asker.calls] == [QUESTION, "그럼 카카오는?"]
    first, second = run.asker.conversations
    assert first is None
    assert second is not None and [t.question for t in second.turns] == [QUESTION]


async def test_replies_to_other_messages_and_other_peoples_chains_stay_apart(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(asked))
        answer = run.fake.reply_of(asked)
        # A reply to a person's message is not for the bot.
        await run.fake.send_message("그럼 카카오는?", reply_to=asked)
        # Someone else replying to the answer starts from nothing.
        other = await run.fake.send_message("그럼 카카오는?", reply_to=answer, author=OTHER_USER)
        await run.fake.wait_for(replies_to(other))

    assert len(run.asker.calls) == 2
    assert run.asker.conversations == [None, None]


async def test_after_a_restart_the_reply_chain_is_read_back(tmp_path: Path):
    fake = FakeDiscord()
    async with running_bot(tmp_path / "a", fake=fake) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        await run.fake.wait_for(replies_to(asked))
        answer = run.fake.reply_of(asked)
    async with running_bot(tmp_path / "b", fake=fake, asker=FakeAsker()) as run:
        # Discord left the replied message out: the bot fetches it, then the question.
        follow = await run.fake.send_message("언제 발표했나요?", reply_to=answer, resolved=False)
        await run.fake.wait_for(replies_to(follow))

    [conversation] = run.asker.conversations
    assert conversation is not None and [t.question for t in conversation.turns] == [QUESTION]


async def test_mentions_in_the_bots_thread_and_dms_keep_a_conversation(tmp_path: Path):
    async with running_bot(tmp_path) as run:
        for channel in (BOT_THREAD_ID, DM_CHANNEL_ID):
            dm = channel == DM_CHANNEL_ID
            first = await run.fake.send_message(
                QUESTION if dm else f"{MENTION} {QUESTION}", channel_id=channel,
                guild_id=None if dm else GUILD_ID, mentions=[] if dm else [BOT_USER])
            await run.fake.wait_for(replies_to(first))
            second = await run.fake.send_message(
                "언제요?" if dm else f"{MENTION} 언제요?", channel_id=channel,
                guild_id=None if dm else GUILD_ID, mentions=[] if dm else [BOT_USER])
            await run.fake.wait_for(replies_to(second))

    convs = run.asker.conversations
    assert convs[0] is None and convs[2] is None
    assert convs[1] is not None and [t.question for t in convs[1].turns] == [QUESTION]
    assert convs[3] is not None and [t.question for t in convs[3].turns] == [QUESTION]
