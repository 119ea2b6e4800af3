"""The 👍/👎 feedback store, in SQLite, shared by Slack and Discord."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    platform TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    mode TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    channel TEXT
)
"""


@dataclass(frozen=True)
class Vote:
    """One recorded vote."""

    created: float
    platform: str
    vote: str
    question: str
    answer: str
    mode: str
    user_hash: str
    channel: str | None

    def to_json(self) -> str:
        """Return the vote as one JSON line."""
        return json.dumps(asdict(self), ensure_ascii=False)


def hash_user(user_id: str) -> str:
    """Hash a platform user id so the store never holds the raw id."""
    return hashlib.sha256(f"policybot:{user_id}".encode()).hexdigest()[:16]


class FeedbackStore:
    """Append-only votes in one SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # One connection shared across adapter threads; the lock serialises writes.
        self._conn = sqlite3.connect(str(path), check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute(_SCHEMA)
            self._conn.commit()

    def record(
        self,
        *,
        platform: str,
        vote: str,
        question: str,
        answer: str,
        mode: str,
        user_id: str,
        channel: str | None,
    ) -> Vote:
        """Store one vote and return it."""
        if vote not in ("up", "down"):
            raise ValueError(f"vote must be 'up' or 'down', not {vote!r}")
        row = Vote(time.time(), platform, vote, question, answer, mode, hash_user(user_id), channel)
        with self._lock:
            self._conn.execute(
                "INSERT INTO feedback (created, platform, vote, question, answer, mode,"
                " user_hash, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (row.created, row.platform, row.vote, row.question, row.answer, row.mode,
                 row.user_hash, row.channel),
            )
            self._conn.commit()
        return row

    def votes(self) -> Iterator[Vote]:
        """Yield every vote, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT created, platform, vote, question, answer, mode, user_hash, channel"
                " FROM feedback ORDER BY id"
            ).fetchall()
        for r in rows:
            yield Vote(*r)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._conn.close()
