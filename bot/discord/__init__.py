"""The Discord adapter: a discord.py client for @mentions, DMs and /ask."""

from bot.discord.app import PolicyBot, invite_url, run_discord

__all__ = [
    "PolicyBot",
    "invite_url",
    "run_discord",
]
