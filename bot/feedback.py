"""The 👍/👎 feedback store, in SQLite, shared by Slack and Discord; optional at run time."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, get_args

from retrieval.answer import MAX_QUESTION_CHARS, Mode
from retrieval.errors import PolicybotError

log = logging.getLogger("policybot.feedback")

PLATFORMS = frozenset({"slack", "discord"})
VOTES = frozenset({"up", "down"})
MODES = frozenset(get_args(Mode))
MAX_ANSWER_CHARS = 4000
"""Longer answers are stored cut: the store keeps what was judged, not arbitrary input."""
MAX_ID_CHARS = 64

Recorded = Literal["new", "changed", "same"]

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
    channel TEXT,
    answer_id TEXT
)
"""
# One vote per user per answer; rows from before answer ids (NULL) never collide.
_ONE_VOTE = ("CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote"
             " ON feedback (platform, answer_id, user_hash)")


class FeedbackUnavailable(PolicybotError):
    """The feedback store cannot be used; answers go on without it."""


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
    answer_id: str | None = None

    def to_json(self) -> str:
        """Return the vote as one JSON line."""
        return json.dumps(asdict(self), ensure_ascii=False)


def hash_user(user_id: str) -> str:
    """Hash a platform user id so the store never holds the raw id."""
    return hashlib.sha256(f"policybot:{user_id}".encode()).hexdigest()[:16]


def content_id(question: str, answer: str) -> str:
    """An answer id from the answer itself, for callers that have no message id."""
    return hashlib.sha256(f"{question}\0{answer}".encode()).hexdigest()[:16]


class FeedbackStore:
    """Votes in one SQLite file; a store that cannot be opened refuses votes instead of failing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None
        """Why the store is unusable (one line: what, where, what to do), or None."""
        self._conn: sqlite3.Connection | None = None
        # One connection shared across adapter threads; the lock serialises its use.
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = _open(path)
        except (sqlite3.Error, OSError) as exc:
            self.problem = (f"feedback store {path} cannot be used ({exc}); move that file aside "
                            "or delete it to record votes again")

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
        answer_id: str | None = None,
    ) -> Recorded:
        """Store a user's vote on an answer, replacing their earlier vote on it."""
        if vote not in VOTES or platform not in PLATFORMS or mode not in MODES:
            raise ValueError(f"not a vote: {platform!r} {vote!r} {mode!r}")
        key = (answer_id or content_id(question, answer))[:MAX_ID_CHARS]
        row = (time.time(), platform, vote, question[:MAX_QUESTION_CHARS],
               answer[:MAX_ANSWER_CHARS], mode, hash_user(user_id),
               channel[:MAX_ID_CHARS] if channel else None, key)
        with self._lock:
            conn = self._usable()
            try:
                with conn:  # one transaction: read the earlier vote, then write
                    earlier = conn.execute(
                        "SELECT vote FROM feedback WHERE platform = ? AND answer_id = ?"
                        " AND user_hash = ?", (platform, key, row[6])).fetchone()
                    if earlier is None:
                        conn.execute(
                            "INSERT INTO feedback (created, platform, vote, question, answer,"
                            " mode, user_hash, channel, answer_id)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
                        return "new"
                    if earlier[0] == vote:
                        return "same"
                    conn.execute(
                        "UPDATE feedback SET vote = ?, created = ? WHERE platform = ?"
                        " AND answer_id = ? AND user_hash = ?",
                        (vote, row[0], platform, key, row[6]))
                    return "changed"
            except sqlite3.Error as exc:
                log.warning("feedback store %s refused a vote (%s); votes are refused until it "
                            "is repaired, answers keep working", self.path, exc)
                raise FeedbackUnavailable(f"feedback store {self.path}: {exc}") from exc

    def votes(self) -> Iterator[Vote]:
        """Yield every vote, oldest first."""
        with self._lock:
            try:
                rows = self._usable().execute(
                    "SELECT created, platform, vote, question, answer, mode, user_hash, channel,"
                    " answer_id FROM feedback ORDER BY id"
                ).fetchall()
            except sqlite3.Error as exc:
                raise FeedbackUnavailable(f"feedback store {self.path} cannot be read ({exc}); "
                                          "move it aside or delete it") from exc
        for r in rows:
            yield Vote(*r)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _usable(self) -> sqlite3.Connection:
        """The open connection, or FeedbackUnavailable saying why there is none."""
        if self._conn is None:
            raise FeedbackUnavailable(self.problem or f"feedback store {self.path} is closed")
        return self._conn


def _open(path: Path) -> sqlite3.Connection:
    """Connect, check the file really is a sound database, and bring its schema up to date."""
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=5.0)
    try:
        # sqlite3 opens anything lazily; a corrupt file only shows on the first read.
        (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {verdict}")
        with conn:
            conn.execute(_SCHEMA)
            columns = {c[1] for c in conn.execute("PRAGMA table_info(feedback)")}
            if "answer_id" not in columns:  # a store from before one-vote-per-answer
                conn.execute("ALTER TABLE feedback ADD COLUMN answer_id TEXT")
            conn.execute(_ONE_VOTE)
    except BaseException:
        conn.close()
        raise
    return conn


def open_feedback(path: Path) -> FeedbackStore:
    """Open the store for a bot, logging once (one line) when it cannot be used."""
    store = FeedbackStore(path)
    if store.problem:
        log.warning("%s (until then votes are refused; answers keep working)", store.problem)
    return store
