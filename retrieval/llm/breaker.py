"""A circuit breaker: after repeated LLM failures, skip the model for a cool-down."""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Literal

log = logging.getLogger(__name__)

State = Literal["closed", "open", "half-open"]


class CircuitBreaker:
    """Closed: every call goes to the model. After `threshold` failures in a row it opens and
    calls are skipped for `cooldown` seconds; then one probe call decides (half-open).

    Calls still running past `overdue_after` seconds (the answer deadline) count as failures
    already: when several users wait on a hung model together, the next one is not sent to
    it just because the others' timeouts have not been recorded yet.
    """

    def __init__(self, threshold: int = 3, cooldown: float = 60.0, *,
                 overdue_after: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if threshold < 1 or cooldown < 0:
            raise ValueError("threshold must be at least 1 and cooldown not negative")
        self.threshold = threshold
        self.cooldown = cooldown
        self.overdue_after = overdue_after
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._probe: int | None = None
        self._running: dict[int, float] = {}
        self._ids = itertools.count(1)

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

    def _overdue(self) -> int:
        # Only once a call has failed: a model that is merely slow for everyone trips nothing.
        # Calls past 90 % of the deadline count, as their neighbours' failures land together.
        if self.overdue_after is None or self._failures == 0:
            return 0
        now, limit = self._clock(), 0.9 * self.overdue_after
        return sum(now - started >= limit for started in self._running.values())

    def begin(self) -> int | None:
        """A ticket for one call to the model, or None when the call must be skipped."""
        with self._lock:
            state = self._state()
            if state == "closed" and self._failures + self._overdue() >= self.threshold:
                self._open(self._failures + self._overdue())
                return None
            if state == "open" or (state == "half-open" and self._probe is not None):
                return None
            call = next(self._ids)
            self._running[call] = self._clock()
            if state == "half-open":
                self._probe = call
            return call

    def success(self, call: int) -> None:
        """The model answered (whatever it said): close the breaker."""
        with self._lock:
            self._running.pop(call, None)
            if self._opened_at is not None:
                log.warning("the LLM answers again; using it for answers")
            self._failures = 0
            self._opened_at = None
            self._probe = None

    def failure(self, call: int) -> None:
        """The call timed out or failed: count it, and open (again) at the threshold."""
        with self._lock:
            self._running.pop(call, None)
            self._failures += 1
            probe = self._probe == call
            if probe:
                self._probe = None
            if probe or (self._opened_at is None and self._failures >= self.threshold):
                self._open(self._failures)

    def release(self, call: int) -> None:
        """The call ended for a reason that says nothing about the model."""
        with self._lock:
            self._running.pop(call, None)
            if self._probe == call:
                self._probe = None

    def _open(self, failures: int) -> None:
        self._opened_at = self._clock()
        log.warning("the LLM failed %d times in a row: answering without it for %g s",
                    failures, self.cooldown)
