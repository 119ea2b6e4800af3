"""The document list that goes with usage help, fetched so that it never holds up a reply."""

from __future__ import annotations

import asyncio
import logging

from retrieval.service import Asker

log = logging.getLogger(__name__)

LIST_SECONDS = 1.5
"""How long usage help waits for the list: Slack and Discord want a reply within 3 seconds."""


async def documents_in_time(asker: Asker, lang: str) -> str:
    """The asker's document list, or "" when it fails or does not come within LIST_SECONDS."""
    try:
        # Not the answer pool: a list must not queue behind slow answers.
        return await asyncio.wait_for(asyncio.to_thread(asker.documents, lang), LIST_SECONDS)
    except Exception as exc:  # the help is worth sending without the list
        log.warning("usage help without the document list: %s", exc.__class__.__name__)
        return ""
