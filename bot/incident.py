"""Error ids that tie an apology shown in chat to a line in the logs."""

from __future__ import annotations

import uuid


def new_error_id() -> str:
    """A short random id to quote to the user and log beside the traceback."""
    return uuid.uuid4().hex[:8]
