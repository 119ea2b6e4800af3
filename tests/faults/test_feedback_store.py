"""The votes store is an accessory: a broken one is reported in one line and never stops a bot."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.feedback import FeedbackStore, FeedbackUnavailable, open_feedback
from tests.paths import ROOT

VOTE = {"platform": "slack", "vote": "up", "question": "q", "answer": "a", "mode": "extractive",
        "user_id": "U1", "channel": "C1"}

OLD_SCHEMA = """
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created REAL NOT NULL, platform TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), question TEXT NOT NULL,
    answer TEXT NOT NULL, mode TEXT NOT NULL, user_hash TEXT NOT NULL, channel TEXT
)
"""


def corrupt(path: Path) -> bytes:
    """Write a file that is not an SQLite database where the store expects one."""
    data = b"\x00garbage where votes should be\xff" * 500
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("kind", ["garbage", "directory", "truncated"])
def test_a_broken_store_opens_as_unavailable_and_refuses_votes(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "feedback.sqlite3"
    if kind == "garbage":
        corrupt(path)
    elif kind == "directory":
        path.mkdir()
    else:
        FeedbackStore(tmp_path / "good.sqlite3").close()
        with contextlib.closing(sqlite3.connect(tmp_path / "good.sqlite3")) as conn, conn:
            conn.executemany(
                "INSERT INTO feedback (created, platform, vote, question, answer, mode,"
                " user_hash, answer_id) VALUES (0, 'slack', 'up', 'q', ?, 'extractive', ?, 'a')",
                [("a" * 500, f"u{i}") for i in range(200)])
        data = (tmp_path / "good.sqlite3").read_bytes()
        path.write_bytes(data[: len(data) // 3])  # a copy cut short, as a full disk leaves it

    store = FeedbackStore(path)
    assert store.problem is not None
    assert str(path) in store.problem and "\n" not in store.problem
    with pytest.raises(FeedbackUnavailable):
        store.record(**VOTE)
    with pytest.raises(FeedbackUnavailable):
        list(store.votes())
    store.close()


def test_open_feedback_logs_a_broken_store_once_in_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "feedback.sqlite3"
    data = corrupt(path)
    with caplog.at_level(logging.WARNING):
        store = open_feedback(path)
        for _ in range(3):
            with pytest.raises(FeedbackUnavailable):
                store.record(**VOTE)
    [record] = caplog.records
    assert str(path) in record.getMessage() and record.exc_info is None
    assert "move" in record.getMessage() and "answers keep working" in record.getMessage()
    assert path.read_bytes() == data


def test_a_store_from_before_answer_ids_keeps_its_votes_and_gains_one_vote_per_answer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(OLD_SCHEMA)
        conn.execute("INSERT INTO feedback (created, platform, vote, question, answer, mode,"
                     " user_hash, channel) VALUES (1, 'slack', 'up', 'old q', 'old a',"
                     " 'extractive', 'h', NULL)")
    conn.close()
    store = FeedbackStore(path)
    assert store.problem is None
    assert [store.record(**VOTE, answer_id="A1") for _ in range(3)] == ["new", "same", "same"]
    assert store.record(**{**VOTE, "vote": "down"}, answer_id="A1") == "changed"
    assert [(v.question, v.vote) for v in store.votes()] == [("old q", "up"), ("q", "down")]
    store.close()


def test_votes_are_checked_and_bounded_before_they_are_stored(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    for bad in ({"mode": "pwned"}, {"vote": "sideways"}, {"platform": "irc"}):
        with pytest.raises(ValueError):
            store.record(**{**VOTE, **bad})
    store.record(**{**VOTE, "question": "q" * 50_000, "answer": "a" * 50_000,
                    "channel": "C" * 50_000}, answer_id="x" * 50_000)
    [vote] = store.votes()
    assert len(vote.question) <= 500 and len(vote.answer) <= 4000
    assert len(vote.channel or "") <= 64 and len(vote.answer_id or "") <= 64
    store.close()


def test_the_feedback_command_reports_a_corrupt_store_in_one_line(tmp_path: Path) -> None:
    corrupt(tmp_path / "feedback.sqlite3")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(POLICYBOT_DATA=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", "from bot.cli import main; main()", "feedback"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(tmp_path / "feedback.sqlite3") in lines[0] and "Traceback" not in done.stderr
