"""Admission for every chat adapter: a per-user rate limit and a bound on waiting answers."""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from retrieval.errors import PolicybotError

log = logging.getLogger("policybot")


class RateLimiter:
    """Allow at most `limit` questions per user in any `window` seconds."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._swept = clock()
        # Adapters call this from several worker threads at once.
        self._lock = threading.Lock()

    def allow(self, user: str) -> bool:
        """Record a question from `user` and say whether it is within the limit."""
        if self.limit <= 0:
            return True
        now = self._clock()
        with self._lock:
            self._sweep(now)
            hits = self._hits[user]
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True

    def retry_after(self, user: str) -> float:
        """Seconds until `user` may ask again (0 when allowed now)."""
        with self._lock:
            hits = self._hits.get(user)
            if not hits or len(hits) < self.limit:
                return 0.0
            return max(0.0, self.window - (self._clock() - hits[0]))

    def _sweep(self, now: float) -> None:
        """Forget users idle for a whole window, so many one-off askers cannot grow memory."""
        if now - self._swept < self.window:
            return
        self._swept = now
        for user in [u for u, hits in self._hits.items() if not hits or now - hits[-1] >= self.window]:
            del self._hits[user]


class Busy(PolicybotError):
    """Too many questions are already waiting; the asker should try again shortly."""


class AnswerQueue:
    """At most `limit` questions waiting for or being answered; the rest are turned away."""

    WARN_EVERY = 60.0
    """Seconds between the log lines saying questions are being turned away."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._held = 0
        self._turned_away = 0
        self._warned: float | None = None
        self._lock = threading.Lock()

    def try_enter(self) -> bool:
        """Take a place if one is free; a refusal is counted (give a place back with `leave`)."""
        with self._lock:
            if self._held >= self.limit:
                self._turned_away += 1
                self._warn()
                return False
            self._held += 1
            return True

    def leave(self) -> None:
        """Give back a place taken with `try_enter`."""
        with self._lock:
            self._held -= 1

    @contextmanager
    def place(self) -> Iterator[None]:
        """Hold a place while the block runs, or raise Busy when every place is taken."""
        if not self.try_enter():
            raise Busy(f"all {self.limit} places in the answer queue are taken")
        try:
            yield
        finally:
            self.leave()

    def _warn(self) -> None:
        """One line a minute at most while a flood lasts, so the log stays readable."""
        now = self._clock()
        if self._warned is None or now - self._warned >= self.WARN_EVERY:
            self._warned = now
            log.warning("answer queue full (%d waiting): %d question(s) told to try again so far;"
                        " raise POLICYBOT_QUEUE or POLICYBOT_WORKERS if this persists",
                        self._held, self._turned_away)
