"""The 👍/👎 feedback buttons under a Discord answer."""

from __future__ import annotations

import asyncio
import logging
import uuid

import discord

from bot.discord.render import text
from bot.feedback import MAX_ANSWER_CHARS, FeedbackStore, FeedbackUnavailable
from bot.incident import new_error_id
from retrieval.answer import Answer

log = logging.getLogger(__name__)

FEEDBACK_WINDOW = 24 * 60 * 60.0
"""Seconds the buttons keep working; the view lives in memory, so it must end."""


class FeedbackView(discord.ui.View):
    """Two vote buttons that record into the feedback store shared with Slack."""

    def __init__(
        self,
        store: FeedbackStore,
        answer: Answer,
        channel: str | None,
        *,
        timeout: float = FEEDBACK_WINDOW,
    ) -> None:
        super().__init__(timeout=timeout)
        self._store = store
        # Views live for the whole feedback window: keep what a vote records, not the quotes.
        self._voted_on = (answer.question, answer.answer[:MAX_ANSWER_CHARS], answer.mode)
        self._lang = answer.lang
        self._channel = channel
        # One vote per user per answer: the store keys votes by this id.
        self._answer_id = uuid.uuid4().hex[:12]
        self.message: discord.Message | None = None

    @discord.ui.button(emoji="👍", style=discord.ButtonStyle.secondary)
    async def up(
        self, interaction: discord.Interaction, button: discord.ui.Button[FeedbackView]
    ) -> None:
        """Record a helpful vote."""
        await self._vote(interaction, "up")

    @discord.ui.button(emoji="👎", style=discord.ButtonStyle.secondary)
    async def down(
        self, interaction: discord.Interaction, button: discord.ui.Button[FeedbackView]
    ) -> None:
        """Record an unhelpful vote."""
        await self._vote(interaction, "down")

    async def _vote(self, interaction: discord.Interaction, vote: str) -> None:
        """Store the user's vote (a changed vote replaces theirs) and thank them privately."""
        lang = self._lang
        question, answer, mode = self._voted_on
        try:
            # SQLite blocks; keep it off the event loop like every other slow call.
            outcome = await asyncio.to_thread(
                self._store.record,
                platform="discord",
                vote=vote,
                question=question,
                answer=answer,
                mode=mode,
                user_id=str(interaction.user.id),
                channel=self._channel,
                answer_id=self._answer_id,
            )
            reply = text(lang, "already" if outcome == "same" else "thanks")
        except FeedbackUnavailable:
            # The store logged its problem once; votes are an accessory, so no error id.
            reply = text(lang, "votes_off")
        except Exception:
            error_id = new_error_id()
            log.exception("recording a discord vote failed (error id %s)", error_id)
            reply = text(lang, "error", error_id=error_id)
        await interaction.response.send_message(reply, ephemeral=True)

    async def on_timeout(self) -> None:
        """Remove the buttons once they stop working, so nobody clicks into an error."""
        if self.message is None:
            return
        try:
            await self.message.edit(view=None)
        except discord.HTTPException:
            # Ephemeral replies can no longer be edited once their token expires.
            log.debug("could not remove expired feedback buttons", exc_info=True)
