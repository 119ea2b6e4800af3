"""Wire tests: replies in the bot's threads are follow-ups; other channel messages are not ours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.fakes.asker import FakeAsker, ServiceAsker
from tests.fakes.slack_api import BOT_USER_ID, MockSlack, block_text
from tests.slack.wire import Wire, running_app

QUESTION = "SK는 울산에 얼마를 투자하나요?"
CHANNEL = "C0GENERAL"


def mention(text: str, ts: str, *, user: str = "U0ASKER", **extra: Any) -> dict[str, Any]:
    """An app_mention event in a public channel."""
    return {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts,
            "channel": CHANNEL, "event_ts": ts, **extra}


def message(text: str, ts: str, *, user: str = "U0ASKER", **extra: Any) -> dict[str, Any]:
    """A message.channels event (a plain message, no mention)."""
    return {"type": "message", "channel_type": "channel", "user": user, "text": text, "ts": ts,
            "channel": CHANNEL, "event_ts": ts, **extra}


async def say(wire: Wire, event: dict[str, Any], event_id: str) -> None:
    """Post a message in the mock workspace and deliver its event to the app."""
    wire.mock.add_message(CHANNEL, {k: v for k, v in event.items() if k != "channel"})
    posted = await wire.event(event, event_id)
    assert posted.status == 200


async def answered(wire: Wire, count: int) -> list[Any]:
    """Wait for the `count`-th answer posted by the app."""
    return await wire.mock.wait_for("chat.postMessage", count)


async def test_plain_reply_in_the_bots_thread_is_a_follow_up_answered_there(
        tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        await say(wire, mention(QUESTION, "1700000100.000100"), "Ev1")
        await answered(wire, 1)
        await say(wire, message("그럼 카카오는?", "1700000160.000100",
                                thread_ts="1700000100.000100"), "Ev2")
        posts = await answered(wire, 2)

        assert posts[1].params["thread_ts"] == "1700000100.000100"
        assert [q for q, _ in wire.asker.calls] == [QUESTION, "그럼 카카오는?"]
        first, second = wire.asker.conversations
        assert first is None
        assert second is not None and [t.question for t in second.turns] == [QUESTION]
        # The bot knew the thread: Slack was not asked about it.
        assert wire.mock.calls_to("conversations.replies") == []


@pytest.mark.model
async def test_follow_up_in_a_thread_uses_the_first_questions_subject(
        tmp_path: Path, e5_pipeline: Any) -> None:
    async with running_app(tmp_path, ServiceAsker(e5_pipeline.service)) as wire:
        await say(wire, mention(QUESTION, "1700000100.000100"), "Ev1")
        await answered(wire, 1)
        await say(wire, message("누가 발표했나요?", "1700000160.000100",
                                thread_ts="1700000100.000100"), "Ev2")
        posts = await answered(wire, 2)

    shown = block_text(posts[1].params["blocks"])
    assert posts[1].params["thread_ts"] == "1700000100.000100"
    assert "(SK 울산 투자: 누가 발표했나요?)" in shown
    # Read as a question about SK in Ulsan, the answer names SK's chairman from that document.
    assert "최태원" in shown and "AI 글로벌 협력 기업 간담회 요약" in shown


async def test_channel_messages_outside_the_bots_threads_are_ignored(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        # A top-level message, then a reply in a thread the bot never joined.
        await say(wire, message("SK는 울산에 얼마를 투자하나요?", "1700000100.000100"), "Ev1")
        await say(wire, message("다른 이야기", "1700000200.000100", user="U0OTHER"), "Ev2")
        await say(wire, message("그럼 카카오는?", "1700000210.000100",
                                thread_ts="1700000200.000100"), "Ev3")
        [looked] = await wire.mock.wait_for("conversations.replies")
        assert looked.params["ts"] == "1700000200.000100"
        # A mention afterwards is answered, and it is the only thing answered.
        await say(wire, mention(QUESTION, "1700000300.000100"), "Ev4")
        await answered(wire, 1)

        assert [q for q, _ in wire.asker.calls] == [QUESTION]
        assert len(wire.mock.calls_to("chat.postMessage")) == 1


async def test_a_follow_up_never_borrows_another_threads_or_users_subject(
        tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        await say(wire, mention(QUESTION, "1700000100.000100"), "Ev1")
        await answered(wire, 1)
        await say(wire, mention("네이버는 무엇을 발표했나요?", "1700000200.000100"), "Ev2")
        await answered(wire, 2)
        await say(wire, message("그럼 카카오는?", "1700000260.000100",
                                thread_ts="1700000200.000100"), "Ev3")
        await answered(wire, 3)
        # Someone else replying in the first thread starts from nothing.
        await say(wire, message("그럼 카카오는?", "1700000270.000100", user="U0OTHER",
                                thread_ts="1700000100.000100"), "Ev4")
        await answered(wire, 4)

        convs = wire.asker.conversations
        assert convs[2] is not None
        assert [t.question for t in convs[2].turns] == ["네이버는 무엇을 발표했나요?"]
        assert convs[3] is None


async def test_after_a_restart_the_thread_itself_holds_the_earlier_question(
        tmp_path: Path) -> None:
    mock = await MockSlack().start()
    try:
        async with running_app(tmp_path / "a", mock=mock) as wire:
            await say(wire, mention(QUESTION, "1700000100.000100"), "Ev1")
            await answered(wire, 1)
        # Another app's message claiming to be an answer is not the bot's record.
        mock.add_message(CHANNEL, {
            "type": "message", "user": "U0OTHERAPP", "bot_id": "B0OTHERAPP", "text": "…",
            "ts": "1700000150.000100", "thread_ts": "1700000100.000100",
            "metadata": {"event_type": "policybot_answer",
                         "event_payload": {"question": "테슬라는?", "user": "U0ASKER"}}})
        # A new process: nothing in memory, only what is in the thread.
        async with running_app(tmp_path / "b", FakeAsker(), mock=mock) as wire:
            await say(wire, message("언제 발표했나요?", "1700000160.000100",
                                    thread_ts="1700000100.000100"), "Ev2")
            await answered(wire, 2)
            [conversation] = wire.asker.conversations
            [looked] = mock.calls_to("conversations.replies")
        assert looked.params["ts"] == "1700000100.000100"
        assert conversation is not None
        assert [t.question for t in conversation.turns] == [QUESTION]
        assert conversation.turns[0].sources == ("000_2979ad4f5c775dad.txt",)
    finally:
        await mock.stop()


async def test_a_thread_silent_for_over_30_minutes_starts_afresh(tmp_path: Path) -> None:
    mock = await MockSlack().start()
    try:
        async with running_app(tmp_path / "a", mock=mock) as wire:
            await say(wire, mention(QUESTION, "1700000100.000100"), "Ev1")
            await answered(wire, 1)
        async with running_app(tmp_path / "b", FakeAsker(), mock=mock) as wire:
            # The mock's answer is stamped 1700000000.x; this reply comes 40 minutes later.
            await say(wire, message("언제 발표했나요?", "1700002400.000100",
                                    thread_ts="1700000100.000100"), "Ev2")
            await answered(wire, 2)
            assert wire.asker.conversations == [None]
    finally:
        await mock.stop()
