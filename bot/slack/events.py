"""Bolt listeners for /ask, @mentions, DMs, replies in the bot's threads and the buttons."""

from __future__ import annotations

import asyncio
import functools
import logging
from concurrent.futures import Executor
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.feedback import FeedbackStore, FeedbackUnavailable
from bot.incident import new_error_id
from bot.listing import documents_in_time
from bot.ratelimit import AnswerQueue, Busy, RateLimiter
from bot.slack.memory import AnswerCache, SeenEvents
from bot.slack.payloads import channel_of, not_a_question, question_from_text, user_of
from bot.slack.render import (
    ACTION_UP,
    ButtonRef,
    SlackMessage,
    notice_message,
    parse_button_value,
    render_answer,
    t,
    usage_message,
)
from bot.slack.threads import SlackThreads, answer_metadata
from retrieval.answer import Answer, AskContext, Conversation, clean_question
from retrieval.service import Asker

log = logging.getLogger("policybot.slack")

WORKING_REACTION = "eyes"
PLACE = "policybot_place"
"""Context key: the ack took a place in the answer queue for its lazy listener."""

class SlackHandlers:
    """Listener functions; Bolt injects their arguments by name."""

    def __init__(
        self,
        settings: Settings,
        asker: Asker,
        feedback: FeedbackStore,
        limiter: RateLimiter,
        pool: Executor,
        queue: AnswerQueue | None = None,
        threads: SlackThreads | None = None,
    ) -> None:
        self.settings = settings
        self.asker = asker
        self.feedback = feedback
        self.limiter = limiter
        self.pool = pool
        self.queue = queue or AnswerQueue(settings.answer_queue)
        self.seen = SeenEvents()
        self.answers = AnswerCache()
        self.threads = threads or SlackThreads()

    async def _ask(self, question: str, context: AskContext,
                   conversation: Conversation | None = None) -> Answer:
        """Answer in a queue place, or raise Busy when the queue is full."""
        with self.queue.place():
            return await self._run(question, context, conversation)

    async def _run(self, question: str, context: AskContext,
                   conversation: Conversation | None = None) -> Answer:
        """Answer in the bounded pool: the event loop must stay free to ack other requests."""
        loop = asyncio.get_running_loop()
        job = functools.partial(self.asker.ask, question, context, conversation)
        return await loop.run_in_executor(self.pool, job)

    # -- middleware -------------------------------------------------------------

    async def drop_retries(
        self, body: dict[str, Any], request: AsyncBoltRequest, next: Any
    ) -> BoltResponse | None:
        """Ack and drop a retried event, so one question never gets two answers."""
        event_id = body.get("event_id")
        if isinstance(event_id, str):
            reason = (request.headers.get("x-slack-retry-reason") or [""])[0]
            # An http_timeout retry means the first delivery did arrive, maybe at another process.
            if not self.seen.first_time(event_id) or reason == "http_timeout":
                log.info("dropped a retry of event %s (%s)", event_id, reason or "seen")
                return BoltResponse(status=200, body="")
        await next()
        return None

    async def refuse(self, error: Exception) -> BoltResponse:
        """Answer a request Bolt could not match or run with 400 and one log line."""
        log.warning("refused a Slack request (400): %s", _one_line(error),
                    exc_info=log.isEnabledFor(logging.INFO))
        return BoltResponse(status=400, body="")

    # -- acks (run on the event loop before the 3-second deadline) --------------

    async def ack(self, ack: AsyncAck) -> None:
        """Acknowledge at once; the work happens in a lazy listener."""
        await ack()

    async def ack_command(
        self, ack: AsyncAck, command: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        """Acknowledge /ask at once: usage help when empty, a busy note when the queue is full."""
        question = clean_question(question_from_text(command.get("text") or ""))
        if question.empty:
            usage = usage_message(command.get("command") or self.settings.slack_command,
                                  await documents_in_time(self.asker, question.lang))
            await ack(text=usage.text, blocks=usage.blocks, response_type="ephemeral")
        elif not self.queue.try_enter():
            # Said in the ack, a refusal costs no request of its own while a flood lasts.
            busy = self._busy(question.lang)
            await ack(text=busy.text, blocks=busy.blocks, response_type="ephemeral")
        else:
            # The place is the lazy listener's now: it answers in it and gives it back.
            context[PLACE] = True
            await ack()

    # -- lazy listeners ---------------------------------------------------------

    async def answer_command(
        self, command: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext
    ) -> None:
        """Answer /ask through response_url: ephemeral with a share button, or public."""
        if not context.get(PLACE):
            return  # the ack already showed usage help or the busy note
        try:
            await self._answer_command(command, respond)
        finally:
            self.queue.leave()

    async def _answer_command(self, command: dict[str, Any], respond: AsyncRespond) -> None:
        """Answer one /ask in the queue place its ack took."""
        text = question_from_text(command.get("text") or "")
        question = clean_question(text)
        user = command.get("user_id", "")
        public = self.settings.slack_public_replies
        response_type = "in_channel" if public else "ephemeral"
        if not self.limiter.allow(user):
            await self._respond(respond, self._rate_limited(user, question.lang), "ephemeral",
                                quiet=True)
            return
        asked = AskContext(user=user, channel=command.get("channel_id"), platform="slack")
        try:
            answer = await self._run(text, asked)
            ref = self.answers.put(answer)
            for message in render_answer(answer, ref=ref, shareable=not public):
                await self._respond(respond, message, response_type)
        except Exception:
            await self._respond(respond, self._apology(question.lang), "ephemeral", quiet=True)

    async def answer_mention(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        """Answer an @mention in that message's thread."""
        if not_a_question(event) or str(event.get("channel", "")).startswith("D"):
            return  # DMs arrive as message.im too and are answered there
        text = question_from_text(event.get("text"), context.bot_user_id)
        thread = event.get("thread_ts") or event.get("ts")
        await self._answer_message(client, event, text, thread, str(thread or ""), context)

    async def answer_message(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        """Answer a DM, or a reply in a channel thread the bot takes part in; ignore the rest."""
        if not_a_question(event) or event.get("user") == context.bot_user_id:
            return
        if event.get("channel_type") == "im":
            await self.answer_dm(event, context, client)
        elif event.get("channel_type") in ("channel", "group"):
            await self.answer_thread_reply(event, context, client)

    async def answer_dm(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        """Answer a direct message in the DM (in its thread when asked in one)."""
        text = question_from_text(event.get("text"), context.bot_user_id)
        thread = event.get("thread_ts")
        await self._answer_message(client, event, text, thread, thread or "", context)

    async def answer_thread_reply(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        """Answer a plain reply in a thread where the bot has answered, as a follow-up."""
        thread, channel = event.get("thread_ts"), event.get("channel")
        if not isinstance(thread, str) or thread == event.get("ts") or not isinstance(channel, str):
            return  # not a reply in a thread: channel chatter is none of the bot's business
        raw = event.get("text")
        if context.bot_user_id and isinstance(raw, str) and f"<@{context.bot_user_id}" in raw:
            return  # a mention: answered as app_mention
        if not await self.threads.takes_part(client, channel, thread, context.bot_user_id,
                                             context.bot_id):
            return
        text = question_from_text(raw, context.bot_user_id)
        await self._answer_message(client, event, text, thread, thread, context)

    async def share(
        self, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """Post an ephemeral answer publicly, then remove the ephemeral copy."""
        ref = await self._button(action, respond)
        if ref is None:
            return
        user = user_of(body)
        try:
            answer = self.answers.get(ref.ref)
            if answer is None:
                # Restarted, or another process answered: ask again rather than fail the click.
                ctx = AskContext(user=user, channel=channel_of(body), platform="slack")
                answer = await self._ask(ref.question, ctx)
            new_ref = self.answers.put(answer)
            for message in render_answer(answer, ref=new_ref, shared_by=user):
                await self._respond(respond, message, "in_channel")
            await respond(delete_original=True)
        except Busy:
            await self._respond(respond, self._busy(ref.lang), "ephemeral", quiet=True)
        except Exception:
            await self._respond(respond, self._apology(ref.lang), "ephemeral", quiet=True)

    async def vote(
        self, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """Record a user's 👍/👎 on an answer (their latest vote counts) and thank them."""
        ref = await self._button(action, respond)
        if ref is None:
            return
        vote = "up" if action.get("action_id") == ACTION_UP else "down"
        # What we showed, when still held; the button's checked copy only after a restart.
        held = self.answers.get(ref.ref)
        shown = (held.question, held.answer, held.mode) if held else (
            ref.question, ref.answer, ref.mode)
        record = functools.partial(
            self.feedback.record, platform="slack", vote=vote, question=shown[0],
            answer=shown[1], mode=shown[2], user_id=user_of(body),
            channel=channel_of(body), answer_id=ref.ref,
        )
        try:
            outcome = await asyncio.to_thread(record)
            reply = notice_message(t(ref.lang, "vote_same" if outcome == "same" else f"thanks_{vote}"))
        except FeedbackUnavailable:
            # Already logged once by the store; votes are an accessory, so no error id.
            reply = notice_message(t(ref.lang, "votes_off"))
        except Exception:
            reply = self._apology(ref.lang)
        await self._respond(respond, reply, "ephemeral", quiet=True)

    # -- helpers ----------------------------------------------------------------

    async def _answer_message(
        self, client: AsyncWebClient, event: dict[str, Any], text: str, thread: str | None,
        conversation_thread: str, context: AsyncBoltContext,
    ) -> None:
        """Answer a mention, DM or thread reply with chat.postMessage, showing 👀 while working.

        The question is read against the asker's earlier exchanges in `conversation_thread`.
        """
        channel, ts, user = event.get("channel"), event.get("ts"), str(event.get("user") or "")
        if not isinstance(channel, str) or not channel:
            log.warning("ignored a Slack %s event without a channel", event.get("type"))
            return
        question = clean_question(text)
        if question.empty:
            listed = await documents_in_time(self.asker, question.lang)
            usage = usage_message(self.settings.slack_command, listed)
            await self._post(client, channel, thread, usage, quiet=True)
            return
        if not self.limiter.allow(user):
            await self._post(client, channel, thread, self._rate_limited(user, question.lang),
                             quiet=True)
            return
        working = False
        try:
            working = await self._react(client.reactions_add, channel, ts)
            earlier = await self.threads.conversation(client, channel, conversation_thread, user,
                                                      ts, context.bot_user_id, context.bot_id)
            answer = await self._ask(text, AskContext(user=user, channel=channel, platform="slack"),
                                     earlier)
            ref = self.answers.put(answer)
            *first, last = render_answer(answer, ref=ref)
            for message in first:
                await self._post(client, channel, thread, message)
            # The thread itself keeps what was asked, so a follow-up works after a restart.
            await self._post(client, channel, thread, last,
                             metadata=answer_metadata(answer, user))
            self.threads.remember(channel, conversation_thread, user, answer, earlier)
        except Busy:
            await self._post(client, channel, thread, self._busy(question.lang), quiet=True)
        except Exception:
            await self._post(client, channel, thread, self._apology(question.lang), quiet=True)
        finally:
            if working:
                await self._react(client.reactions_remove, channel, ts)

    async def _post(
        self,
        client: AsyncWebClient,
        channel: str,
        thread: str | None,
        message: SlackMessage,
        *,
        quiet: bool = False,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        """Post one message; with `quiet`, log a failure instead of raising it."""
        try:
            await client.chat_postMessage(
                channel=channel, thread_ts=thread, text=message.text, blocks=message.blocks,
                unfurl_links=False, unfurl_media=False, metadata=metadata,
            )
        except Exception as exc:
            if not quiet:
                raise
            log.warning("could not post to Slack channel %s: %s", channel, _one_line(exc))

    async def _respond(
        self, respond: AsyncRespond, message: SlackMessage, kind: str, *, quiet: bool = False
    ) -> None:
        """Send one message to response_url as a new message, never replacing the original."""
        try:
            result = await respond(
                text=message.text, blocks=message.blocks, response_type=kind,
                replace_original=False, unfurl_links=False, unfurl_media=False,
            )
            if result.status_code != 200:
                # Raised so that a refused answer still ends in an apology the user sees.
                raise RuntimeError(f"response_url refused a message: HTTP {result.status_code} "
                                   f"{str(result.body)[:100]}")
        except Exception as exc:
            if not quiet:
                raise
            log.warning("could not reply through response_url: %s", _one_line(exc))

    async def _button(self, action: dict[str, Any], respond: AsyncRespond) -> ButtonRef | None:
        """The checked value of a clicked button, or None after politely refusing a bad one."""
        try:
            return parse_button_value(action.get("value"))
        except ValueError as exc:
            log.warning("refused a click on %s: %s", str(action.get("action_id"))[:40],
                        _one_line(exc))
            text = f"{t('ko', 'bad_button')} / {t('en', 'bad_button')}"
            await self._respond(respond, notice_message(text), "ephemeral", quiet=True)
            return None

    def _busy(self, lang: str) -> SlackMessage:
        """The reply for a question turned away because too many are waiting."""
        return notice_message(t(lang, "busy"))

    async def _react(self, method: Any, channel: str, ts: str | None) -> bool:
        """Add or remove the working reaction; a missing scope must not cost the answer."""
        if not ts:
            return False
        try:
            await method(channel=channel, timestamp=ts, name=WORKING_REACTION)
            return True
        except Exception as exc:
            log.warning("could not update the working reaction: %s", exc)
            return False

    def _rate_limited(self, user: str, lang: str) -> SlackMessage:
        """The friendly reply for a user over the rate limit."""
        seconds = max(1, round(self.limiter.retry_after(user)))
        return notice_message(t(lang, "rate_limited", seconds=seconds))

    def _apology(self, lang: str) -> SlackMessage:
        """Log the current exception under a fresh error id and return the apology."""
        error_id = new_error_id()
        log.exception("answering failed (error id %s)", error_id)
        return notice_message(t(lang, "apology", error_id=error_id))


def _one_line(error: BaseException) -> str:
    """An exception as one short log line: a payload can be long, and logs are read by people."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:200]}"
