"""The real discord.py client against the fake gateway: a broken votes store, repeated votes, a
flood, refused messages and malformed commands never cost a reply."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from tests.fakes.asker import SK_QUOTE
from tests.fakes.discord_gateway import (
    BOT_ID,
    BOT_USER,
    CHANNEL_ID,
    OTHER_USER,
    FakeDiscord,
    buttons,
    callback_of,
    followup_of,
    replies_to,
    running_bot,
    shown_quotes,
)
from tests.slack.wire import GatedAsker

MENTION = f"<@{BOT_ID}>"
QUESTION = "SK는 울산에 얼마를 투자하나요?"


def ask(question: Any) -> list[dict[str, Any]]:
    """The options of an /ask interaction."""
    return [{"name": "question", "type": 3, "value": question}]


class RefusingDiscord(FakeDiscord):
    """A fake Discord that refuses every message with embeds, as it refuses an invalid form."""

    async def _api(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        if request.method != "POST" or not ("/messages" in path or path.startswith("webhooks/")):
            return await super()._api(request)
        body = await request.json()
        at = len(self.calls)
        response = await super()._api(request)  # records the call, but the body is read now
        # Nothing awaits between the recording and here, so no waiter saw the body missing.
        self.calls[at] = dataclasses.replace(self.calls[at], body=body)
        if isinstance(body, dict) and body.get("embeds"):
            return web.json_response({"code": 50035, "message": "Invalid Form Body"},
                                     status=400)
        return response


async def test_a_corrupt_feedback_store_still_answers_and_refuses_votes_politely(
    tmp_path: Path,
) -> None:
    (tmp_path / "feedback.sqlite3").write_bytes(b"definitely not sqlite " * 200)
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        reply = await run.fake.wait_for(replies_to(asked))
        click = await run.fake.click(run.fake.created[-1], buttons(reply)["👍"])
        refused = await run.fake.wait_for(callback_of(click))
    assert shown_quotes(reply.body["embeds"]) == [SK_QUOTE.text]
    assert refused.body["type"] == 4 and refused.body["data"]["flags"] & 64
    assert "기록할 수 없어요" in refused.body["data"]["content"]


async def test_fifty_clicks_count_once_and_a_changed_vote_replaces_it(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        reply = await run.fake.wait_for(replies_to(asked))
        posted = run.fake.created[-1]
        replies = []
        for _ in range(50):
            click = await run.fake.click(posted, buttons(reply)["👍"])
            replies.append(await run.fake.wait_for(callback_of(click)))
        assert [v.vote for v in run.store.votes()] == ["up"]
        changed = await run.fake.click(posted, buttons(reply)["👎"])
        await run.fake.wait_for(callback_of(changed))
        other = await run.fake.click(posted, buttons(reply)["👍"], clicker=OTHER_USER)
        await run.fake.wait_for(callback_of(other))
        votes = list(run.store.votes())
    texts = [r.body["data"]["content"] for r in replies]
    assert sum("고마워요" in t for t in texts) == 1 and sum("이미" in t for t in texts) == 49
    assert sorted(v.vote for v in votes) == ["down", "up"], "one row per user, latest kept"


async def test_extra_questions_are_told_to_try_again(tmp_path: Path) -> None:
    asker = GatedAsker()
    async with running_bot(tmp_path, asker=asker, POLICYBOT_QUEUE=1,
                           POLICYBOT_WORKERS=1, POLICYBOT_RATE_LIMIT=0) as run:
        first = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        second = await run.fake.send_message(f"{MENTION} {QUESTION}", author=OTHER_USER,
                                             mentions=[BOT_USER])
        busy = await run.fake.wait_for(replies_to(second))
        command = await run.fake.send_command(ask(QUESTION))
        busy_followup = await run.fake.wait_for(followup_of(command))
        asker.gate.set()
        answered = await run.fake.wait_for(replies_to(first))
    assert "밀려" in busy.body["content"] and not busy.body.get("embeds")
    assert "밀려" in busy_followup.body["content"]
    assert shown_quotes(answered.body["embeds"]) == [SK_QUOTE.text]
    assert asker.finished == 1


async def test_a_refused_answer_ends_in_an_apology_not_silence(tmp_path: Path) -> None:
    async with running_bot(tmp_path, fake=RefusingDiscord()) as run:
        asked = await run.fake.send_message(f"{MENTION} {QUESTION}", mentions=[BOT_USER])
        apology = await run.fake.wait_for(
            lambda c: replies_to(asked)(c) and "오류 번호" in (c.body.get("content") or ""))
        command = await run.fake.send_command(ask(QUESTION))
        followup = await run.fake.wait_for(
            lambda c: followup_of(command)(c) and "오류 번호" in (c.body.get("content") or ""))
    assert str(apology.body["message_reference"]["channel_id"]) == str(CHANNEL_ID)
    assert "오류 번호" in followup.body["content"]


async def test_a_command_without_its_question_gets_a_private_note_and_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with running_bot(tmp_path) as run:
        caplog.clear()
        command = await run.fake.send_command([])
        note = await run.fake.wait_for(callback_of(command))
    assert note.body["type"] == 4 and note.body["data"]["flags"] & 64
    assert "/ask" in note.body["data"]["content"]
    assert "Traceback" not in caplog.text
    assert len(caplog.records) == 1, caplog.text


async def test_a_command_with_a_mistyped_question_is_still_answered(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as run:
        command = await run.fake.send_command(ask(12345))
        followup = await run.fake.wait_for(followup_of(command))
    assert followup.body["embeds"] and run.asker.calls[0][0] == "12345"
