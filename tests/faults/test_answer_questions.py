"""Questions that try to break search: only punctuation, control characters, 10,000 characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.answer import MAX_QUESTION_CHARS
from tests.faults.test_cli_errors import (
    ASK,
    GENUINE,
    YOUTH,
    answers,
    cli_env,
    policybot,
    write_docs,
)

pytestmark = pytest.mark.model

NO_WORDS = ["???", "...!!!", "(((((", "\u200b\u200b", "🙂🙂", "*" * 600]
LONG = "청년 월세 지원은 얼마인가요 " * 700  # about 10,000 characters


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    docs = write_docs(tmp_path_factory.mktemp("docs"), {"youth.txt": YOUTH})
    return cli_env(docs, tmp_path_factory.mktemp("data"))


def test_search_for_no_words_finds_nothing(env: dict[str, str], tmp_path: Path) -> None:
    done = policybot(["search", "--json", "-"], env, tmp_path,
                     stdin="\n".join([*NO_WORDS, ASK]) + "\n")
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line)["results"] for line in done.stdout.splitlines()]
    assert results[:-1] == [[]] * len(NO_WORDS)  # no noise ranked as if it matched
    assert results[-1] and results[-1][0]["source"] == "youth.txt"


def test_odd_questions_get_usage_help_or_an_answer(env: dict[str, str], tmp_path: Path) -> None:
    questions = [*NO_WORDS, LONG, "청년\x00 월세\x1b[31m 지원은 얼마인가요?"]
    got = answers(policybot(["ask", "--json", "-"], env, tmp_path,
                            stdin="\n".join(questions) + "\n"))
    assert len(got) == len(questions)
    for answer in got[: len(NO_WORDS)]:
        assert answer["abstained"] is True and "질문을 입력해 주세요" in str(answer["answer"])
    long, controls = got[len(NO_WORDS):]
    assert len(str(long["question"])) <= MAX_QUESTION_CHARS and long["notice"]
    assert controls["abstained"] is False
    assert GENUINE in [q["text"] for q in controls["quotes"]]  # type: ignore[union-attr]
