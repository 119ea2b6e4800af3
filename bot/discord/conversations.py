"""Which Discord messages continue a conversation: replies to the bot, its threads, DMs."""

from __future__ import annotations

import logging
from collections import OrderedDict

import discord

from bot.conversations import ConversationStore, Key
from retrieval.answer import Answer, Conversation, Turn

log = logging.getLogger(__name__)

PLATFORM = "discord"
MAX_ANSWERS = 10_000


class DiscordConversations:
    """Conversations per person in a DM, a thread of the bot's, or a chain of replies.

    The bot's own answers are remembered by message id (in memory), so a reply to one of
    them continues that chain; after a restart the chain is read back from the messages.
    """

    def __init__(self, store: ConversationStore | None = None) -> None:
        self.store = store or ConversationStore()
        # answer message id -> (channel, chain) it belongs to
        self._answers: OrderedDict[int, tuple[str, str]] = OrderedDict()

    async def replied_answer(self, message: discord.Message,
                             me: discord.abc.User) -> discord.Message | None:
        """The bot's answer this message replies to, or None when it replies to none."""
        ref = message.reference
        if ref is None or ref.message_id is None:
            return None
        resolved = ref.resolved
        if not isinstance(resolved, discord.Message):
            resolved = await _fetch(message.channel, ref.message_id)
        if resolved is None or resolved.author.id != me.id:
            return None
        return resolved

    def in_own_thread(self, message: discord.Message, me: discord.abc.User) -> bool:
        """True in a thread the bot started, or one started from one of its answers."""
        channel = message.channel
        return isinstance(channel, discord.Thread) and (
            channel.owner_id == me.id or channel.id in self._answers)

    def key(self, message: discord.Message, me: discord.abc.User,
            replied: discord.Message | None) -> Key:
        """The conversation this message belongs to, for its author."""
        user = message.author.id
        if replied is not None:
            channel, chain = self._answers.get(
                replied.id, (str(message.channel.id), str(_chain_of(replied))))
            return ConversationStore.key(PLATFORM, channel, chain, user)
        started_from = self._answers.get(message.channel.id)
        if started_from is not None:
            # A thread started from one of the bot's answers continues that answer's chain.
            return ConversationStore.key(PLATFORM, *started_from, user)
        if message.guild is None or self.in_own_thread(message, me):
            # A DM, or a thread of the bot's: the whole channel is one conversation per person.
            return ConversationStore.key(PLATFORM, message.channel.id, "", user)
        # Anything else starts a chain of its own; replies to the answer continue it.
        return ConversationStore.key(PLATFORM, message.channel.id, message.id, user)

    async def earlier(self, key: Key, message: discord.Message,
                      replied: discord.Message | None) -> Conversation | None:
        """The author's earlier exchanges in this conversation, from memory or the messages."""
        held = self.store.get(key)
        if held is not None or replied is None:
            return held
        # Not held (a restart): the answer replied to, and the question it answered.
        asked = replied.reference.message_id if replied.reference else None
        question = await _fetch(message.channel, asked) if asked else None
        if question is None or question.author.id != message.author.id:
            return None
        me = replied.author
        text = question.content.replace(f"<@{me.id}>", " ").replace(f"<@!{me.id}>", " ")
        answer = replied.embeds[0].description if replied.embeds else replied.content
        if not text.strip():
            return None
        return Conversation.of([Turn(" ".join(text.split()), answer or "")])

    def remember(self, key: Key, answer: Answer, earlier: Conversation | None,
                 sent: list[discord.Message]) -> None:
        """Record the exchange, and which conversation the sent answer messages belong to."""
        self.store.record(key, answer, earlier)
        for posted in sent:
            self._answers[posted.id] = (key[1], key[2])
        while len(self._answers) > MAX_ANSWERS:
            self._answers.popitem(last=False)


def _chain_of(answer: discord.Message) -> int:
    """The question an answer replied to starts its chain (the answer itself if none)."""
    ref = answer.reference
    return ref.message_id if ref is not None and ref.message_id else answer.id


async def _fetch(channel: discord.abc.Messageable, message_id: int) -> discord.Message | None:
    """One message by id, or None when it is gone or can't be read (logged)."""
    try:
        return await channel.fetch_message(message_id)
    except discord.HTTPException as exc:
        log.info("could not read discord message %s: %s", message_id, exc)
        return None
