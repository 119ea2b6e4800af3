"""Wire tests: real Bolt over loopback HTTP, signed requests, a mock Slack Web API."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path
from typing import Any

import pytest

from bot.feedback import hash_user
from bot.slack.render import ACTION_DOWN, ACTION_SHARE, ACTION_UP, button_value
from retrieval.answer import Answer, Quote
from retrieval.documents import is_verbatim
from tests.fakes.asker import SK_QUOTE, FakeAsker, sk_answer
from tests.fakes.slack_api import (
    BOT_ID,
    BOT_USER_ID,
    FORM,
    JSON,
    block_text,
    find_buttons,
    slash_body,
)
from tests.paths import SEEDS
from tests.slack.wire import BOT_TOKEN, SECRET, GatedAsker, Wire, ack_json, running_app

QUESTION = "SK는 울산에 얼마를 투자하나요?"


def mention(text: str, ts: str = "1700000100.000100", **extra: object) -> dict[str, object]:
    """An app_mention event in a public channel."""
    return {"type": "app_mention", "user": "U0ASKER", "text": text, "ts": ts,
            "channel": "C0GENERAL", "event_ts": ts, **extra}


def dm(text: str, ts: str = "1700000200.000200", **extra: object) -> dict[str, object]:
    """A message.im event from a user."""
    return {"type": "message", "channel_type": "im", "user": "U0ASKER", "text": text, "ts": ts,
            "channel": "D0ASKER", "event_ts": ts, **extra}


async def sentinel(wire: Wire, count: int) -> None:
    """Ask one more question and wait for its answer, so anything sent before has landed."""
    await wire.command("sentinel question", "sentinel")
    await wire.mock.wait_for("response", key="sentinel")
    # The pool answers in order, so a stray answer would have been asked before the sentinel.
    assert len(wire.asker.calls) == count + 1, [q for q, _ in wire.asker.calls]


async def test_slash_command_acks_at_once_and_answers_through_response_url(tmp_path: Path) -> None:
    asker = GatedAsker()
    async with running_app(tmp_path, asker) as wire:
        posted = await wire.command(QUESTION, "r1")

        assert posted.status == 200
        assert posted.seconds < 3.0
        assert asker.finished == 0, "the ack must not wait for the answer"
        assert wire.mock.calls_to("response") == []

        asker.gate.set()
        [reply] = await wire.mock.wait_for("response", key="r1")
        assert reply.params["response_type"] == "ephemeral"
        assert reply.params["replace_original"] is False
        text = block_text(reply.params["blocks"])
        assert sk_answer(QUESTION).answer in text
        assert SK_QUOTE.text in text
        assert SK_QUOTE.title in text and "2025-06-21" in text
        seed = (SEEDS / SK_QUOTE.source).read_text(encoding="utf-8")
        assert is_verbatim(SK_QUOTE.text, seed)
        assert set(find_buttons(reply.params["blocks"])) == {ACTION_SHARE, ACTION_UP, ACTION_DOWN}
        [(question, context)] = asker.calls
        assert question == QUESTION
        assert context is not None and context.platform == "slack"
        assert (context.user, context.channel) == ("U0ASKER", "C0GENERAL")


async def test_public_replies_post_in_channel_without_share_button(tmp_path: Path) -> None:
    async with running_app(tmp_path, slack_public_replies=True) as wire:
        await wire.command(QUESTION, "r1")
        [reply] = await wire.mock.wait_for("response", key="r1")
        assert reply.params["response_type"] == "in_channel"
        assert set(find_buttons(reply.params["blocks"])) == {ACTION_UP, ACTION_DOWN}


async def test_command_text_is_unescaped_before_asking(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        await wire.command("R&amp;D &lt;예산&gt; <https://example.org|보고서>는?", "r1")
        await wire.mock.wait_for("response", key="r1")
        assert wire.asker.calls[0][0] == "R&D <예산> 보고서는?"


async def test_configured_command_name_is_served(tmp_path: Path) -> None:
    async with running_app(tmp_path, slack_command="/policy") as wire:
        await wire.command(QUESTION, "r1", command="/policy")
        [reply] = await wire.mock.wait_for("response", key="r1")
        assert SK_QUOTE.text in block_text(reply.params["blocks"])


@pytest.mark.parametrize("text", ["", "   ", "🤔"])
async def test_empty_command_gets_bilingual_usage_help(tmp_path: Path, text: str) -> None:
    async with running_app(tmp_path) as wire:
        posted = await wire.command(text, "r1")
        body = ack_json(posted)
        assert posted.status == 200
        assert body["response_type"] == "ephemeral"
        assert "사용법" in body["text"] and "Usage" in body["text"]
        # What can be asked about comes with the help (issue: /ask with no question lists them).
        assert "000_2979ad4f5c775dad.txt" in block_text(body["blocks"])
        await sentinel(wire, 0)
        assert wire.mock.calls_to("response", key="r1") == []


async def test_mention_is_answered_in_its_thread_with_the_mention_stripped(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        posted = await wire.event(mention(f"<@{BOT_USER_ID}> {QUESTION}"), "Ev1")
        assert posted.status == 200

        [post] = await wire.mock.wait_for("chat.postMessage")
        await wire.mock.wait_for("reactions.remove")
        assert post.params["channel"] == "C0GENERAL"
        assert post.params["thread_ts"] == "1700000100.000100"
        assert SK_QUOTE.text in block_text(post.params["blocks"])
        assert post.auth == f"Bearer {BOT_TOKEN}"
        assert wire.asker.calls[0][0] == QUESTION

        order = [c.method for c in wire.mock.calls if c.method != "auth.test"]
        assert order == ["reactions.add", "chat.postMessage", "reactions.remove"]
        add = wire.mock.calls_to("reactions.add")[0].params
        assert (add["name"], add["timestamp"]) == ("eyes", "1700000100.000100")


async def test_mention_inside_a_thread_answers_in_that_thread(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        await wire.event(mention(f"<@{BOT_USER_ID}> {QUESTION}", thread_ts="1700000000.5"), "Ev1")
        [post] = await wire.mock.wait_for("chat.postMessage")
        assert post.params["thread_ts"] == "1700000000.5"


async def test_dm_is_answered_in_the_dm(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        await wire.event(dm("What does SK invest in Ulsan?"), "Ev1")
        [post] = await wire.mock.wait_for("chat.postMessage")
        assert post.params["channel"] == "D0ASKER"
        assert "thread_ts" not in post.params
        assert SK_QUOTE.text in block_text(post.params["blocks"])
        assert wire.asker.calls[0][0] == "What does SK invest in Ulsan?"


@pytest.mark.parametrize(
    "body",
    [
        {"secret": "not-the-secret"},
        {"timestamp": int(time.time()) - 600},
        {"headers": {"X-Slack-Signature": "v0=" + "0" * 64}},
    ],
    ids=["wrong-secret", "stale", "forged-signature"],
)
async def test_bad_or_stale_signature_gets_401_and_nothing_is_posted(
    tmp_path: Path, body: dict[str, Any]
) -> None:
    async with running_app(tmp_path) as wire:
        forged = slash_body(QUESTION, wire.mock.response_url("forged"))
        posted = await wire.post(forged, FORM, **body)
        event = await wire.post(
            json.dumps({"type": "event_callback", "event_id": "EvX", "event": dm("hi")}),
            JSON, **body,
        )
        assert (posted.status, event.status) == (401, 401)
        await sentinel(wire, 0)
        assert wire.mock.calls_to("response", key="forged") == []
        assert wire.mock.calls_to("chat.postMessage") == []


async def test_retried_event_gets_one_answer(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        event = mention(f"<@{BOT_USER_ID}> {QUESTION}")
        first = await wire.event(event, "Ev1")
        retry = await wire.event(
            event, "Ev1", headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        )
        assert (first.status, retry.status) == (200, 200)
        await sentinel(wire, 1)
        await wire.mock.wait_for("chat.postMessage")
        assert len(wire.mock.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize(("reason", "answers"), [("http_timeout", 0), ("http_error", 1)])
async def test_retry_of_an_unseen_event_depends_on_why_slack_retried(
    tmp_path: Path, reason: str, answers: int
) -> None:
    async with running_app(tmp_path) as wire:
        # A timeout means the first delivery reached a process; an error means it may not have.
        headers = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": reason}
        posted = await wire.event(mention(f"<@{BOT_USER_ID}> {QUESTION}"), "EvNew", headers)
        assert posted.status == 200
        if answers:
            # The mention reaches the pool after its ack, so it may start after the sentinel.
            await wire.mock.wait_for("chat.postMessage")
        await sentinel(wire, answers)
        assert len(wire.mock.calls_to("chat.postMessage")) <= answers


@pytest.mark.parametrize(
    "event",
    [
        dm("bot says hi", subtype="bot_message", bot_id="B0OTHER"),
        dm("app says hi", bot_id="B0OTHER"),
        dm("my own answer", user=BOT_USER_ID, bot_id=BOT_ID),
        dm("edited", subtype="message_changed"),
        dm("", subtype="message_deleted"),
        dm("joined", subtype="channel_join"),
        dm("a channel message", channel_type="channel", channel="C0GENERAL"),
        mention(f"<@{BOT_USER_ID}> from a bot", bot_id="B0OTHER"),
    ],
    ids=["bot_message", "bot_id", "own", "edit", "deletion", "subtype", "channel", "bot-mention"],
)
async def test_bot_messages_edits_and_subtypes_get_nothing(
    tmp_path: Path, event: dict[str, object]
) -> None:
    async with running_app(tmp_path) as wire:
        posted = await wire.event(event, "Ev1")
        assert posted.status == 200
        await sentinel(wire, 0)
        assert wire.mock.calls_to("chat.postMessage") == []
        assert wire.mock.calls_to("reactions.add") == []


async def test_share_button_posts_the_answer_publicly(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        await wire.command(QUESTION, "r1")
        [reply] = await wire.mock.wait_for("response", key="r1")
        value = find_buttons(reply.params["blocks"])[ACTION_SHARE]

        clicked = await wire.click(ACTION_SHARE, value, "share", user="U0ASKER")
        assert clicked.status == 200
        public, delete = await wire.mock.wait_for("response", 2, key="share")
        assert public.params["response_type"] == "in_channel"
        assert public.params["replace_original"] is False
        text = block_text(public.params["blocks"])
        assert SK_QUOTE.text in text and "<@U0ASKER>" in text
        assert ACTION_SHARE not in find_buttons(public.params["blocks"])
        assert delete.params["delete_original"] is True
        assert len(wire.asker.calls) == 1, "sharing a held answer must not ask again"


async def test_share_of_an_answer_no_longer_held_asks_again(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        value = button_value(sk_answer(QUESTION), "gone-ref")
        await wire.click(ACTION_SHARE, value, "share")
        public, _ = await wire.mock.wait_for("response", 2, key="share")
        assert public.params["response_type"] == "in_channel"
        assert SK_QUOTE.text in block_text(public.params["blocks"])
        assert wire.asker.calls[0][0] == QUESTION


@pytest.mark.parametrize(("action", "vote"), [(ACTION_UP, "up"), (ACTION_DOWN, "down")])
async def test_feedback_vote_lands_in_sqlite(tmp_path: Path, action: str, vote: str) -> None:
    async with running_app(tmp_path) as wire:
        await wire.command(QUESTION, "r1")
        [reply] = await wire.mock.wait_for("response", key="r1")
        value = find_buttons(reply.params["blocks"])[action]

        clicked = await wire.click(action, value, "vote", user="U0VOTER", channel="C0VOTES")
        assert clicked.status == 200
        [thanks] = await wire.mock.wait_for("response", key="vote")
        assert thanks.params["response_type"] == "ephemeral"
        assert "고맙습니다" in thanks.params["text"]

        [row] = list(wire.feedback.votes())
        assert row.vote == vote and row.platform == "slack"
        assert row.question == QUESTION
        assert row.answer == sk_answer(QUESTION).answer
        assert row.mode == "extractive"
        assert row.user_hash == hash_user("U0VOTER") and "U0VOTER" not in row.to_json()
        assert row.channel == "C0VOTES"


@pytest.mark.parametrize(
    ("question", "expected"), [(QUESTION, "초 뒤에"), ("How much does SK invest?", "try again")]
)
async def test_rate_limit_gets_a_friendly_reply_in_the_question_language(
    tmp_path: Path, question: str, expected: str
) -> None:
    async with running_app(tmp_path, limit=1) as wire:
        await wire.command(question, "r1")
        await wire.mock.wait_for("response", key="r1")
        posted = await wire.command(question, "r2")
        assert posted.status == 200
        [reply] = await wire.mock.wait_for("response", key="r2")
        assert reply.params["response_type"] == "ephemeral"
        assert expected in reply.params["text"]
        assert len(wire.asker.calls) == 1


async def test_rate_limit_applies_to_mentions(tmp_path: Path) -> None:
    async with running_app(tmp_path, limit=1) as wire:
        await wire.event(mention(f"<@{BOT_USER_ID}> {QUESTION}", ts="1.1"), "Ev1")
        await wire.mock.wait_for("chat.postMessage")
        await wire.event(mention(f"<@{BOT_USER_ID}> {QUESTION}", ts="1.2"), "Ev2")
        _, limited = await wire.mock.wait_for("chat.postMessage", 2)
        assert "초 뒤에" in limited.params["text"]
        assert limited.params["thread_ts"] == "1.2"
        assert len(wire.asker.calls) == 1


async def test_notice_from_the_core_is_shown(tmp_path: Path) -> None:
    asker = FakeAsker()
    answer = sk_answer(QUESTION)
    answer.notice = "질문이 길어 앞 500자만 사용했습니다."
    asker.enqueue(answer)
    async with running_app(tmp_path, asker) as wire:
        await wire.command(QUESTION + " 가" * 400, "r1")
        [reply] = await wire.mock.wait_for("response", key="r1")
        assert "앞 500자만" in block_text(reply.params["blocks"])


async def test_abstention_looks_distinct(tmp_path: Path) -> None:
    asker = FakeAsker()
    asker.enqueue(Answer(question="Who won the 1998 World Cup?", lang="en", abstained=True,
                         answer="The documents do not say.", quotes=[]))
    async with running_app(tmp_path, asker) as wire:
        await wire.command("Who won the 1998 World Cup?", "r1")
        [reply] = await wire.mock.wait_for("response", key="r1")
        assert reply.params["blocks"][0]["text"]["text"].startswith(":grey_question:")


async def test_failure_posts_an_apology_with_the_logged_error_id(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    asker = FakeAsker()
    asker.enqueue(RuntimeError("index exploded"))
    asker.enqueue(RuntimeError("index exploded again"))
    caplog.set_level(logging.ERROR, logger="policybot.slack")
    async with running_app(tmp_path, asker) as wire:
        await wire.command(QUESTION, "r1")
        [reply] = await wire.mock.wait_for("response", key="r1")
        await wire.event(mention(f"<@{BOT_USER_ID}> What about SK?"), "Ev1")
        [post] = await wire.mock.wait_for("chat.postMessage")
        await wire.mock.wait_for("reactions.remove")

    for text, word in [(reply.params["text"], "죄송합니다"), (post.params["text"], "Sorry")]:
        assert word in text
        error_id = text.split("`")[1]
        assert len(error_id) == 8
        assert any(error_id in r.getMessage() and r.exc_info for r in caplog.records)
    assert "index exploded" not in reply.params["text"]


async def test_a_failing_reaction_does_not_cost_the_answer(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        wire.mock.failures["reactions.add"] = "missing_scope"
        await wire.event(dm(QUESTION), "Ev1")
        [post] = await wire.mock.wait_for("chat.postMessage")
        assert SK_QUOTE.text in block_text(post.params["blocks"])
        assert wire.mock.calls_to("reactions.remove") == []


async def test_long_answers_stay_within_slack_limits(tmp_path: Path) -> None:
    asker = FakeAsker()
    quotes = [Quote(text=f"인용 {i} " + "가" * 500, source="x.txt", title=f"문서 {i}")
              for i in range(60)]
    asker.enqueue(Answer(question=QUESTION, answer="답 " * 2000, abstained=False, quotes=quotes))
    async with running_app(tmp_path, asker) as wire:
        await wire.command(QUESTION, "r1")
        replies = await wire.mock.wait_for("response", 2, key="r1")
        await sentinel(wire, 1)
        replies = wire.mock.calls_to("response", key="r1")
        shown = "\n".join(block_text(r.params["blocks"]) for r in replies)
        for reply in replies:
            assert len(reply.params["blocks"]) <= 50
        for q in quotes:
            assert q.text in shown


async def test_url_verification_is_answered(tmp_path: Path) -> None:
    async with running_app(tmp_path) as wire:
        body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"})
        posted = await wire.post(body, JSON)
        assert posted.status == 200 and "c-123" in posted.body


async def test_burst_of_signed_commands_is_all_acked_and_answered(tmp_path: Path) -> None:
    # Answered serially on the event loop, 30 x 0.15 s would push late acks past 3 s.
    asker = FakeAsker(delay=0.15)
    async with running_app(tmp_path, asker, limit=0) as wire:
        sends = [wire.command(f"{QUESTION} {i}", f"b{i}") for i in range(30)]
        posted = await asyncio.gather(*sends)
        assert all(p.status == 200 for p in posted)
        assert max(p.seconds for p in posted) < 3.0
        await wire.mock.wait_for("response", 30)
        assert {c.key for c in wire.mock.calls_to("response")} == {f"b{i}" for i in range(30)}


async def test_secrets_never_reach_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    asker = FakeAsker()
    asker.enqueue(RuntimeError("boom"))
    async with running_app(tmp_path, asker) as wire:
        await wire.command(QUESTION, "r1")
        await wire.mock.wait_for("response", key="r1")
        await wire.event(dm(QUESTION), "Ev1")
        await wire.mock.wait_for("reactions.remove")
        await wire.post("payload=%7B%7D", FORM, secret="wrong")
        await wire.click(ACTION_UP, button_value(sk_answer(QUESTION), "r"), "vote")
        await wire.mock.wait_for("response", key="vote")
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "Sending a request" in logged, "debug logging was not captured"
    assert BOT_TOKEN not in logged
    assert SECRET not in logged
