"""Replies a model should never send: floods of quotes, megabytes, terminal escapes, nothing.
LangChain's real ChatOpenAI against the local fake; each one falls back or is cut to size."""

from __future__ import annotations

import logging

import pytest

from retrieval.errors import LLMError
from retrieval.llm import LLMAnswerer
from tests.fakes.openai_server import OpenAIFake
from tests.llm.test_llm import GOOD, SK_1, ko, seed_hits


def test_a_flood_of_invented_quotes_is_not_read_to_the_end(
    fake: OpenAIFake, answerer: LLMAnswerer, caplog: pytest.LogCaptureFixture
) -> None:
    invented = [{"id": 1, "text": f"울산에 없는 문장 {i}번을 지었습니다."} for i in range(20_000)]
    fake.enqueue({**GOOD, "quotes": [*invented, {"id": 1, "text": SK_1}]})
    with caplog.at_level(logging.INFO, logger="retrieval.llm"), pytest.raises(LLMError):
        answerer.answer(ko(), seed_hits())
    dropped = [r for r in caplog.records if "dropped a quote" in r.getMessage()]
    assert 0 < len(dropped) <= 20  # a few log lines, not twenty thousand


def test_a_megabyte_answer_is_cut_to_three_sentences(fake: OpenAIFake,
                                                     answerer: LLMAnswerer) -> None:
    fake.enqueue({**GOOD, "answer": "SK는 울산에 AI 데이터 센터를 짓습니다. " * 40_000})
    answer = answerer.answer(ko(), seed_hits())
    assert answer.answer.count("짓습니다") == 3 and len(answer.answer) <= 600


@pytest.mark.parametrize("escape", ["\x1b[2J\x1b[31m", "\x07\x08", "\u202e", "\x00"])
def test_terminal_escapes_in_an_answer_never_reach_the_user(
    fake: OpenAIFake, answerer: LLMAnswerer, escape: str
) -> None:
    fake.enqueue({**GOOD, "answer": f"{escape}SK는 AWS와 함께 울산에{escape} 데이터 센터를 짓습니다."})
    answer = answerer.answer(ko(), seed_hits())
    assert escape not in answer.answer and "\x1b" not in answer.answer
    assert answer.answer == "SK는 AWS와 함께 울산에 데이터 센터를 짓습니다."


@pytest.mark.parametrize("content", ["", " ", "null", "{}", '{"answer": "[1] [2]", "abstain": false,'
                                     f' "quotes": [{{"id": 1, "text": "{SK_1}"}}]}}'])
def test_empty_replies_fall_back(fake: OpenAIFake, answerer: LLMAnswerer, content: str) -> None:
    fake.enqueue(content)
    with pytest.raises(LLMError, match="malformed"):
        answerer.answer(ko(), seed_hits())
