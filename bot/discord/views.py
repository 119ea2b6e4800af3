"""The 👍/👎 feedback buttons under a Discord answer."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.discord.render import text
from bot.feedback import FeedbackStore
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
        self._answer = answer
        self._channel = channel
        self._voters: set[int] = set()
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
        """Store one vote per user and thank them privately."""
        lang = self._answer.lang
        if interaction.user.id in self._voters:
            await interaction.response.send_message(text(lang, "already"), ephemeral=True)
            return
        self._voters.add(interaction.user.id)
        # SQLite blocks; keep it off the event loop like every other slow call.
        await asyncio.to_thread(
            self._store.record,
            platform="discord",
            vote=vote,
            question=self._answer.question,
            answer=self._answer.answer,
            mode=self._answer.mode,
            user_id=str(interaction.user.id),
            channel=self._channel,
        )
        await interaction.response.send_message(text(lang, "thanks"), ephemeral=True)

    async def on_timeout(self) -> None:
        """Remove the buttons once they stop working, so nobody clicks into an error."""
        if self.message is None:
            return
        try:
            await self.message.edit(view=None)
        except discord.HTTPException:
            # Ephemeral replies can no longer be edited once their token expires.
            log.debug("could not remove expired feedback buttons", exc_info=True)
