"""What the Slack adapter remembers between requests: seen deliveries and recent answers."""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from collections.abc import Callable

from retrieval.answer import Answer


class SeenEvents:
    """Remember event ids long enough to drop Slack's retries (it retries for ~5 minutes)."""

    def __init__(
        self, ttl: float = 900.0, size: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.size = size
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        """Record `event_id` and say whether it is new."""
        now = self._clock()
        while self._seen and (
            len(self._seen) >= self.size or now - next(iter(self._seen.values())) > self.ttl
        ):
            self._seen.popitem(last=False)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        return True


class AnswerCache:
    """Recent answers by reference, so "Share" can post the very answer the user saw."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self._answers: OrderedDict[str, Answer] = OrderedDict()

    def put(self, answer: Answer) -> str:
        """Store an answer and return its reference."""
        ref = uuid.uuid4().hex[:12]
        self._answers[ref] = answer
        if len(self._answers) > self.size:
            self._answers.popitem(last=False)
        return ref

    def get(self, ref: str) -> Answer | None:
        """Return the answer stored under `ref`, if still held."""
        return self._answers.get(ref)
