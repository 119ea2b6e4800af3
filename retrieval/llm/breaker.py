"""A circuit breaker: after repeated LLM failures, skip the model for a cool-down."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Literal

log = logging.getLogger(__name__)

State = Literal["closed", "open", "half-open"]


class CircuitBreaker:
    """Closed: every call goes to the model. After `threshold` failures in a row it opens and
    calls are skipped for `cooldown` seconds; then one probe call decides (half-open)."""

    def __init__(self, threshold: int = 3, cooldown: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if threshold < 1 or cooldown < 0:
            raise ValueError("threshold must be at least 1 and cooldown not negative")
        self.threshold = threshold
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> State:
        """Where the breaker stands now."""
        with self._lock:
            return self._state()

    def _state(self) -> State:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at < self.cooldown:
            return "open"
        return "half-open"

    def allow(self) -> bool:
        """True when this call may go to the model (in half-open, only the one probe)."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return True
            if state == "half-open" and not self._probing:
                self._probing = True
                return True
            return False

    def success(self) -> None:
        """The model answered (whatever it said): close the breaker."""
        with self._lock:
            if self._opened_at is not None:
                log.warning("the LLM answers again; using it for answers")
            self._failures = 0
            self._opened_at = None
            self._probing = False

    def failure(self) -> None:
        """The call timed out or failed: count it, and open (again) at the threshold."""
        with self._lock:
            self._failures += 1
            reopening = self._probing
            self._probing = False
            if reopening or (self._opened_at is None and self._failures >= self.threshold):
                self._opened_at = self._clock()
                log.warning("the LLM failed %d times in a row: answering without it for %g s",
                            self._failures, self.cooldown)
