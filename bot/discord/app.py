"""The Discord adapter: @mentions, DMs and /ask through discord.py."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.config import Settings
from bot.discord.conversations import DiscordConversations
from bot.discord.render import render_messages, shorten, split_content, text
from bot.discord.views import FEEDBACK_WINDOW, FeedbackView
from bot.feedback import FeedbackStore, open_feedback
from bot.incident import new_error_id
from bot.listing import documents_in_time
from bot.ratelimit import AnswerQueue, Busy, RateLimiter
from retrieval.answer import Answer, AskContext, Conversation, Question, clean_question
from retrieval.errors import PolicybotError
from retrieval.service import Asker

log = logging.getLogger(__name__)

PLATFORM = "discord"
MAX_CONTENT = 2000
INVITE_SCOPES = ("bot", "applications.commands")
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    # Replies reference the question, which needs the message history permission.
    read_message_history=True,
)


class DiscordStartError(PolicybotError, RuntimeError):
    """The Discord bot could not start; the message says why and what to do."""


class DiscordLoginError(DiscordStartError, discord.LoginFailure):
    """Discord refused the bot token (still a LoginFailure for callers that catch discord.py's)."""


class DiscordGatewayClosed(DiscordStartError, discord.ConnectionClosed):
    """The gateway closed the connection for good (still discord.py's ConnectionClosed)."""

    def __init__(self, message: str, closed: discord.ConnectionClosed) -> None:
        # ConnectionClosed's own __init__ wants the socket; keep its fields, use our message.
        Exception.__init__(self, message)
        self.code, self.reason, self.shard_id = closed.code, closed.reason, closed.shard_id


def invite_url(application_id: int) -> str:
    """The OAuth2 URL that adds the bot to a server with the permissions it needs."""
    return discord.utils.oauth_url(
        application_id, permissions=INVITE_PERMISSIONS, scopes=INVITE_SCOPES
    )


def bot_intents() -> discord.Intents:
    """Only unprivileged intents: Discord sends mentions and DMs with their content anyway."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    return intents


class PolicyBot(discord.Client):
    """A discord.py client that answers mentions, DMs and /ask from an `Asker`."""

    def __init__(
        self,
        *,
        settings: Settings,
        asker: Asker,
        feedback: FeedbackStore,
        limiter: RateLimiter,
        sync: bool = False,
        feedback_window: float = FEEDBACK_WINDOW,
    ) -> None:
        mentions = discord.AllowedMentions.none()
        mentions.replied_user = True
        # A text bot needs no voice: without this, every start logs two warnings about it.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(intents=bot_intents(), allowed_mentions=mentions)
        self._asker = asker
        self._feedback = feedback
        self._limiter = limiter
        self._sync = sync
        self._feedback_window = feedback_window
        self._api_url = settings.discord_api_url.rstrip("/") if settings.discord_api_url else None
        self._defaults = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        # Answering is CPU-bound; a bounded pool keeps the gateway heartbeat on time.
        self._pool = ThreadPoolExecutor(
            max_workers=max(1, settings.answer_workers), thread_name_prefix="policybot-discord"
        )
        self._queue = AnswerQueue(settings.answer_queue)
        self._conversations = DiscordConversations()
        self.tree = app_commands.CommandTree(self)
        self.tree.add_command(self._ask_command())
        self.tree.error(self._on_command_error)

    async def login(self, token: str) -> None:
        """Point discord.py at DISCORD_API_URL (a proxy or a local fake) before logging in."""
        if self._api_url:
            # discord.py has no per-client base URL: Route.BASE is where it builds every URL.
            Route.BASE = self._api_url
        await super().login(token)

    async def setup_hook(self) -> None:
        """Find the gateway behind a custom API, and sync /ask only when asked to."""
        if self._api_url:
            _, gateway, _ = await self.http.get_bot_gateway()
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
        if self._sync:
            synced = await self.tree.sync()
            log.info("synced %d application command(s)", len(synced))

    async def on_ready(self) -> None:
        """Log who we are and how to invite us."""
        if self.application_id is not None:
            log.info("discord ready as %s; invite: %s", self.user, invite_url(self.application_id))

    async def close(self) -> None:
        """Close the connection, the answer pool, and undo the API redirection."""
        await super().close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._api_url:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._defaults

    # Mentions and DMs

    async def on_message(self, message: discord.Message) -> None:
        """Answer a mention, a reply to one of the bot's answers, or any DM.

        A reply to an answer, a mention in the bot's own thread and a DM continue the
        asker's conversation there; the question is read as a follow-up of it.
        """
        me = self.user
        if me is None or message.author.bot or message.author.id == me.id:
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return
        mentioned = message.guild is None or self._mentions_me(message)
        replied = await self._conversations.replied_answer(message, me)
        if not mentioned and replied is None:
            return
        question = clean_question(self._strip_mentions(message))
        ref = message.to_reference(fail_if_not_exists=False)
        if question.empty and not mentioned:
            return  # a reply whose text Discord withheld (no mention): nothing to answer
        if question.empty:
            await self._send_text(message.channel, ref, await self._usage(question.lang, me.name))
            return
        refusal = self._refusal(message.author.id, question)
        if refusal:
            await self._send_text(message.channel, ref, refusal)
            return
        channel = str(message.channel.id)
        context = AskContext(user=str(message.author.id), channel=channel, platform=PLATFORM)
        key = self._conversations.key(message, me, replied)
        try:
            async with message.channel.typing():
                earlier = await self._conversations.earlier(key, message, replied)
                answer = await self._ask(question, context, earlier)
            # Long answers span several messages; the vote buttons go under the last one.
            *first, last = render_messages(answer)
            sent = [await message.channel.send(embeds=embeds, reference=ref) for embeds in first]
            view = FeedbackView(self._feedback, answer, channel, timeout=self._feedback_window)
            view.message = await message.channel.send(embeds=last, reference=ref, view=view)
            self._conversations.remember(key, answer, earlier, [*sent, view.message])
        except Busy:
            await self._send_text(message.channel, ref, text(question.lang, "busy"))
        except Exception:
            await self._send_text(message.channel, ref, self._apology(question))

    def _mentions_me(self, message: discord.Message) -> bool:
        """True when the message mentions the bot or its managed role (not @everyone)."""
        me = self.user
        if me is not None and any(user.id == me.id for user in message.mentions):
            return True
        role = message.guild.self_role if message.guild else None
        return role is not None and role in message.role_mentions

    def _strip_mentions(self, message: discord.Message) -> str:
        """The message text without the mentions that addressed the bot."""
        me = self.user
        content = message.content
        if me is not None:
            content = re.sub(rf"<@!?{me.id}>", " ", content)
        role = message.guild.self_role if message.guild else None
        if role is not None:
            content = content.replace(role.mention, " ")
        return content

    async def _send_text(
        self,
        channel: discord.abc.Messageable,
        ref: discord.MessageReference,
        content: str,
    ) -> None:
        """Reply with plain text, split to Discord's 2,000 characters; a failure is logged."""
        try:
            for piece in split_content(content):
                await channel.send(piece, reference=ref)
        except discord.HTTPException as exc:
            # Typically a missing permission in that channel: nothing more can be said there.
            log.warning("could not reply in discord channel %s: %s", getattr(channel, "id", "?"),
                        _one_line(exc))

    # /ask

    def _ask_command(self) -> app_commands.Command[Any, ..., None]:
        """The /ask app command, bound to this client."""

        @app_commands.describe(
            question="What to ask about the policy documents",
            private="Reply so that only you can see it",
        )
        async def ask(
            interaction: discord.Interaction, question: str, private: bool = False
        ) -> None:
            await self._on_ask(interaction, question, private)

        return app_commands.Command(
            name="ask", description="Ask the policy documents a question", callback=ask
        )

    async def _on_ask(self, interaction: discord.Interaction, raw: str, private: bool) -> None:
        """Defer at once, answer off the loop, then follow up."""
        # Discord checks option types, but a stale command registration can send anything.
        question = clean_question(raw if isinstance(raw, str) else str(raw))
        me = self.user
        if question.empty:
            usage = await self._usage(question.lang, me.name if me else "policybot")
            await interaction.response.send_message(usage, ephemeral=True)
            return
        refusal = self._refusal(interaction.user.id, question)
        if refusal:
            await interaction.response.send_message(refusal, ephemeral=True)
            return
        # Discord drops an interaction not acknowledged within 3 seconds.
        try:
            await interaction.response.defer(thinking=True, ephemeral=private)
        except discord.HTTPException as exc:
            log.warning("could not acknowledge /ask in time: %s", _one_line(exc))
            return
        channel = str(interaction.channel_id) if interaction.channel_id else None
        context = AskContext(user=str(interaction.user.id), channel=channel, platform=PLATFORM)
        try:
            answer = await self._ask(question, context)
            *first, last = render_messages(answer, title=question.text)
            for embeds in first:
                await interaction.followup.send(embeds=embeds, ephemeral=private)
            view = FeedbackView(self._feedback, answer, channel, timeout=self._feedback_window)
            view.message = await interaction.followup.send(
                embeds=last, ephemeral=private, view=view, wait=True
            )
        except Busy:
            await self._follow_up_text(interaction, text(question.lang, "busy"), private)
        except Exception:
            await self._follow_up_text(interaction, self._apology(question), private)

    async def _follow_up_text(
        self, interaction: discord.Interaction, content: str, private: bool
    ) -> None:
        """Follow up with plain text; a failure is logged, the "thinking…" cannot be helped."""
        try:
            await interaction.followup.send(content, ephemeral=private)
        except discord.HTTPException as exc:
            log.warning("could not follow up /ask: %s", _one_line(exc))

    async def _on_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """A command we cannot run as sent: one log line and a private usage note, not silence."""
        log.warning("could not run a discord command: %s", _one_line(error),
                    exc_info=log.isEnabledFor(logging.INFO))
        if interaction.response.is_done():
            return
        me = self.user
        with contextlib.suppress(discord.HTTPException):
            await interaction.response.send_message(
                text("ko", "usage", bot=me.name if me else "policybot"), ephemeral=True)

    # Shared steps

    def _refusal(self, user_id: int, question: Question) -> str | None:
        """The rate-limit reply for this user, or None when they may ask."""
        key = f"{PLATFORM}:{user_id}"
        if self._limiter.allow(key):
            return None
        seconds = max(1, math.ceil(self._limiter.retry_after(key)))
        return text(question.lang, "rate_limited", seconds=seconds)

    async def _ask(self, question: Question, context: AskContext,
                   conversation: Conversation | None = None) -> Answer:
        """Run the asker in the bounded pool, off the event loop."""
        loop = asyncio.get_running_loop()
        call = functools.partial(self._asker.ask, question.text, context, conversation)
        # The pool's workers answer; the queue bounds how many wait for them (else Busy).
        with self._queue.place():
            return await loop.run_in_executor(self._pool, call)

    async def _usage(self, lang: str, bot: str) -> str:
        """Usage help, with the documents that can be asked about when they come in time."""
        usage = text(lang, "usage", bot=bot)
        listed = await documents_in_time(self._asker, lang)
        # One message holds at most 2000 characters; a long list is cut, the help never.
        return shorten(f"{usage}\n\n{discord.utils.escape_markdown(listed)}", MAX_CONTENT) \
            if listed else usage

    def _apology(self, question: Question) -> str:
        """Log the failure under a fresh error id and return the apology that quotes it."""
        error_id = new_error_id()
        log.exception("discord answer failed (error id %s)", error_id)
        return text(question.lang, "error", error_id=error_id)


def run_discord(
    settings: Settings, asker: Asker, *, sync: bool = False, feedback: FeedbackStore | None = None
) -> None:
    """Run the Discord bot until it is stopped (blocking); start-up failures are one line."""
    if settings.discord_bot_token is None:
        raise DiscordStartError("DISCORD_BOT_TOKEN is not set; see docs/discord.md")
    # The votes store is an accessory: a broken one is logged and votes are refused.
    store = feedback or open_feedback(settings.data / "feedback.sqlite3")
    limiter = RateLimiter(settings.rate_limit_per_minute)
    client = PolicyBot(
        settings=settings, asker=asker, feedback=store, limiter=limiter, sync=sync
    )
    api = settings.discord_api_url or Route.BASE
    try:
        # log_handler=None: the CLI configures logging, discord.py must not add its own.
        client.run(settings.discord_bot_token.get_secret_value(), log_handler=None)
    except discord.LoginFailure as exc:
        raise DiscordLoginError(
            f"Discord rejected DISCORD_BOT_TOKEN (HTTP 401 from {api}); reset the token on the "
            "Bot page of the Developer Portal and update .env (docs/discord.md)") from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise DiscordStartError(
            "the Discord gateway asks for a privileged intent policybot does not use; update "
            "policybot, or turn the intent on for the bot in the Developer Portal") from exc
    except discord.ConnectionClosed as exc:
        raise DiscordGatewayClosed(
            f"the Discord gateway closed the connection (code {exc.code}); with 4004 the token "
            "is wrong, otherwise try again later (docs/discord.md)", exc) from exc
    except discord.HTTPException as exc:
        raise DiscordStartError(
            f"the Discord API at {api} answered HTTP {exc.status} at start-up; try again later "
            "(discordstatus.com)") from exc
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        raise DiscordStartError(
            f"cannot reach the Discord API at {api} ({type(exc).__name__}: {exc}); check the "
            "network, a proxy, or DISCORD_API_URL") from exc
    finally:
        if feedback is None:
            store.close()


def _one_line(error: BaseException) -> str:
    """An exception as one short log line."""
    return f"{type(error).__name__}: {' '.join(str(error).split())[:200]}"
