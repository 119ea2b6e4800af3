"""Which Slack threads the bot takes part in, and each asker's earlier exchanges there."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.conversations import EXPIRE_AFTER, ConversationStore
from retrieval.answer import MAX_TURNS, Answer, Conversation, Turn

log = logging.getLogger("policybot.slack")

PLATFORM = "slack"
ANSWER_EVENT = "policybot_answer"
"""The metadata event type on the bot's answers: the question it read, for whom, from where."""
MAX_PAGES = 5
PAGE_SIZE = 200


def answer_metadata(answer: Answer, user: str) -> dict[str, Any]:
    """Message metadata that lets the thread itself remember the exchange across restarts."""
    sources = list(dict.fromkeys(q.source for q in answer.quotes))
    return {"event_type": ANSWER_EVENT, "event_payload": {
        "question": answer.read_as or answer.question, "user": user, "sources": sources}}


class SlackThreads:
    """Threads the bot answered in, and the conversation of each asker in one thread.

    What the bot doesn't hold (after a restart, or in another process) is read back from the
    thread with `conversations.replies`, from the metadata on the bot's own answers.
    """

    def __init__(self, store: ConversationStore | None = None, size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store or ConversationStore(clock=clock)
        self.size = size
        self._clock = clock
        # (channel, thread) -> (when we last looked, whether the bot is in it)
        self._threads: OrderedDict[tuple[str, str], tuple[float, bool]] = OrderedDict()
        # A thread just read to see whether the bot is in it, kept for reading its history.
        self._read: OrderedDict[tuple[str, str], list[dict[str, Any]]] = OrderedDict()

    def key(self, channel: str, thread: str, user: str) -> tuple[str, str, str, str]:
        """One asker's conversation in one thread (a DM without threads is one thread)."""
        return ConversationStore.key(PLATFORM, channel, thread, user)

    async def takes_part(self, client: AsyncWebClient, channel: str, thread: str,
                         bot_user_id: str | None, bot_id: str | None) -> bool:
        """True when the bot has answered in this thread (asking Slack when it doesn't know)."""
        known = self._known(channel, thread)
        if known is not None:
            return known
        messages = await self._replies(client, channel, thread)
        part = any(_from_bot(m, bot_user_id, bot_id) for m in messages)
        self._mark(channel, thread, part)
        if part:
            self._read[(channel, thread)] = messages
            while len(self._read) > 100:
                self._read.popitem(last=False)
        return part

    async def conversation(self, client: AsyncWebClient, channel: str, thread: str, user: str,
                           now_ts: str | None, bot_user_id: str | None = None,
                           bot_id: str | None = None) -> Conversation | None:
        """The asker's last exchanges in the thread, from memory or else from the thread."""
        held = self.store.get(self.key(channel, thread, user))
        if held is not None or not thread or thread == now_ts:
            return held  # a message that starts a thread has nothing before it
        if self._known(channel, thread) is False:
            return None
        messages = self._read.pop((channel, thread), None)
        if messages is None:
            messages = await self._replies(client, channel, thread)
        # Only the bot's own answers count: another app could post the same metadata.
        turns = _answer_turns([m for m in messages if _from_bot(m, bot_user_id, bot_id)], user)
        if not turns or _seconds(now_ts) - turns[-1][0] > self.store.expire_after:
            return None
        return Conversation.of(turn for _, turn in turns[-MAX_TURNS:])

    def remember(self, channel: str, thread: str, user: str, answer: Answer,
                 earlier: Conversation | None) -> None:
        """Record an exchange, and that the bot now takes part in the thread."""
        self.store.record(self.key(channel, thread, user), answer, earlier)
        if thread:
            self._mark(channel, thread, True)

    def _known(self, channel: str, thread: str) -> bool | None:
        seen = self._threads.get((channel, thread))
        if seen is None or self._clock() - seen[0] > EXPIRE_AFTER:
            return None
        return seen[1]

    def _mark(self, channel: str, thread: str, part: bool) -> None:
        self._threads.pop((channel, thread), None)
        self._threads[(channel, thread)] = (self._clock(), part)
        while len(self._threads) > self.size:
            self._threads.popitem(last=False)

    async def _replies(self, client: AsyncWebClient, channel: str,
                       thread: str) -> list[dict[str, Any]]:
        """The thread's messages, or none when Slack won't say (logged, never raised)."""
        messages: list[dict[str, Any]] = []
        cursor = None
        try:
            for _ in range(MAX_PAGES):
                page = await client.conversations_replies(
                    channel=channel, ts=thread, include_all_metadata=True, limit=PAGE_SIZE,
                    cursor=cursor)
                messages.extend(m for m in page.get("messages") or [] if isinstance(m, dict))
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not page.get("has_more") or not cursor:
                    break
        except Exception as exc:
            # Typically a missing channels:history scope: the thread then counts as not ours.
            log.warning("could not read Slack thread %s in %s: %s", thread, channel,
                        " ".join(str(exc).split())[:200])
        return messages


def _from_bot(message: dict[str, Any], bot_user_id: str | None, bot_id: str | None) -> bool:
    return bool((bot_user_id and message.get("user") == bot_user_id)
                or (bot_id and message.get("bot_id") == bot_id))


def _answer_turns(messages: list[dict[str, Any]], user: str) -> list[tuple[float, Turn]]:
    """The bot's answers to `user` in a thread, oldest first, as remembered exchanges."""
    turns = []
    for m in messages:
        meta = m.get("metadata")
        if not isinstance(meta, dict) or meta.get("event_type") != ANSWER_EVENT:
            continue
        payload = meta.get("event_payload")
        if not isinstance(payload, dict) or payload.get("user") != user:
            continue
        question = payload.get("question")
        if not isinstance(question, str) or not question.strip():
            continue
        sources = payload.get("sources")
        kept = tuple(s for s in sources if isinstance(s, str)) if isinstance(sources, list) else ()
        turns.append((_seconds(m.get("ts")), Turn(question, str(m.get("text") or ""), kept)))
    return sorted(turns, key=lambda t: t[0])


def _seconds(ts: object) -> float:
    """A Slack timestamp ("1700000100.000100") as seconds; 0 when it is not one."""
    try:
        return float(str(ts))
    except ValueError:
        return 0.0
