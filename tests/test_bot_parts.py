"""The pieces both bots share: the rate limit and the feedback store."""

from __future__ import annotations

import json
from pathlib import Path

from bot.feedback import FeedbackStore, hash_user
from bot.ratelimit import RateLimiter


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_window() -> None:
    clock = Clock()
    limiter = RateLimiter(2, window=60, clock=clock)
    assert limiter.allow("u") and limiter.allow("u")
    assert not limiter.allow("u") and limiter.allow("other")
    assert 0 < limiter.retry_after("u") <= 60
    clock.now = 61
    assert limiter.allow("u")


def test_feedback_store_round_trip(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.record(platform="slack", vote="up", question="q", answer="a", mode="extractive",
                 user_id="U123", channel="C1")
    store.record(platform="discord", vote="down", question="q2", answer="a2", mode="llm",
                 user_id="42", channel=None)
    votes = list(store.votes())
    assert [v.vote for v in votes] == ["up", "down"]
    assert votes[0].user_hash == hash_user("U123") != "U123"
    assert json.loads(votes[1].to_json())["platform"] == "discord"
    store.close()
