"""A per-user sliding-window rate limit shared by every chat adapter."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class RateLimiter:
    """Allow at most `limit` questions per user in any `window` seconds."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        # Adapters call this from several worker threads at once.
        self._lock = threading.Lock()

    def allow(self, user: str) -> bool:
        """Record a question from `user` and say whether it is within the limit."""
        if self.limit <= 0:
            return True
        now = self._clock()
        with self._lock:
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
