"""What the Slack listeners read from Slack's payloads: the question, who, where."""

from __future__ import annotations

import html
import re
from typing import Any

from retrieval.answer import MAX_QUESTION_CHARS

_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
MAX_INPUT_CHARS = 8 * MAX_QUESTION_CHARS
"""Message text past this is never read: the core keeps only MAX_QUESTION_CHARS anyway."""


def question_from_text(text: object, bot_user_id: str | None = None) -> str:
    """Turn a Slack message's text into a plain question, without the bot's mention."""
    if not isinstance(text, str):
        return ""
    text = text[:MAX_INPUT_CHARS]
    if bot_user_id:
        # `[^<>]` keeps the match inside one <...>, so many unclosed mentions stay linear.
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^<>]*)?>", " ", text)

    def plain(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if label:
            return label if target[:1] not in "#@" else target[0] + label
        # Broadcasts (<!here>) carry no words; user and channel ids stay as written.
        return "" if target.startswith("!") else target

    return html.unescape(_LINK.sub(plain, text)).strip()


def not_a_question(event: dict[str, Any]) -> bool:
    """True for bot messages, edits, deletions and every other message subtype."""
    return bool(event.get("subtype") or event.get("bot_id") or event.get("edited"))


def channel_of(body: dict[str, Any]) -> str | None:
    """The channel a block action came from."""
    for part, key in (("channel", "id"), ("container", "channel_id")):
        value = body.get(part)
        if isinstance(value, dict) and isinstance(value.get(key), str):
            return str(value[key])
    return None


def user_of(body: dict[str, Any]) -> str:
    """The id of the user who clicked."""
    user = body.get("user")
    return str(user.get("id") or "") if isinstance(user, dict) else ""
