"""Recent exchanges per conversation, in memory only: bounded, expiring, never shared."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from retrieval.answer import Answer, Conversation, Turn

EXPIRE_AFTER = 30 * 60.0
"""Seconds of silence after which a conversation is forgotten."""
MAX_CONVERSATIONS = 10_000

Key = tuple[str, str, str, str]
"""(platform, channel, thread, user): a conversation is one person in one thread."""


def turn_of(answer: Answer) -> Turn:
    """The exchange to remember: the question as it was read, and the answer's documents."""
    sources = tuple(dict.fromkeys(q.source for q in answer.quotes))
    return Turn(answer.read_as or answer.question, answer.answer, sources)


class ConversationStore:
    """The last exchanges of each conversation; nothing is written to disk."""

    def __init__(self, expire_after: float = EXPIRE_AFTER, size: int = MAX_CONVERSATIONS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.expire_after = expire_after
        self.size = size
        self._clock = clock
        self._lock = threading.Lock()
        self._held: OrderedDict[Key, tuple[float, Conversation]] = OrderedDict()

    @staticmethod
    def key(platform: str, channel: object, thread: object, user: object) -> Key:
        """The key of one person's conversation in one thread (or DM, or terminal)."""
        return (platform, str(channel or ""), str(thread or ""), str(user or ""))

    def get(self, key: Key) -> Conversation | None:
        """The conversation under `key`, or None when there is none or it went silent."""
        with self._lock:
            self._expire()
            held = self._held.get(key)
            return held[1] if held else None

    def knows(self, key: Key) -> bool:
        """True when a live conversation is held under `key`."""
        return self.get(key) is not None

    def record(self, key: Key, answer: Answer, earlier: Conversation | None = None) -> None:
        """Add one exchange to the conversation (started from `earlier` when none is held)."""
        with self._lock:
            self._expire()
            held = self._held.pop(key, None)
            conversation = held[1] if held else (earlier or Conversation())
            self._held[key] = (self._clock(), conversation.then(turn_of(answer)))
            while len(self._held) > self.size:
                self._held.popitem(last=False)

    def _expire(self) -> None:
        """Drop conversations silent for too long (the oldest come first)."""
        now = self._clock()
        while self._held and now - next(iter(self._held.values()))[0] > self.expire_after:
            self._held.popitem(last=False)
