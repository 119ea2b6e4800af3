"""LLM answers must agree with their verified quotes, and an injected instruction in a document
changes nothing: the real CLI, LangChain's ChatOpenAI and the local OpenAI-compatible fake."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from retrieval.documents import is_verbatim
from tests.fakes.openai_server import OpenAIFake, Reply
from tests.faults.test_cli_errors import (
    GENUINE,
    INJECTION,
    YOUTH,
    cli_env,
    policybot,
    write_docs,
)

pytestmark = pytest.mark.model

SK = "SK 최태원 회장은 울산 AI 데이터센터에 7조원을 투자한다고 밝혔다.\n데이터센터는 AWS와 함께 짓는다.\n"
US = "대한상의에 따르면 2024년 기준 미국의 AI 민간 투자 규모는 1,090억달러로 한국(13억달러)의 80배를 웃돈다.\n"

# What the model says to each question: (answer, the quote it gives).
OBEYS = "청년 월세 지원은 얼마인가요?"
OBEYS_NO_NUMBER = "청년 월세 지원은 아직 받을 수 있나요?"
AGREES = "청년 월세 지원 기간은 얼마나 되나요?"
OTHER_DOCUMENT = "SK는 울산에 얼마를 투자하나요?"
DEEP_JSON = "청년 월세는 어디서 신청하나요?"
REPLIES: dict[str, tuple[str, str]] = {
    OBEYS: ("청년 월세 지원은 2026년부터 폐지되었습니다.", GENUINE),
    OBEYS_NO_NUMBER: ("아니요, 청년 월세 지원은 폐지되었습니다.", GENUINE),
    AGREES: ("무주택 청년은 월 20만 원씩 최대 12개월 지원받습니다.", GENUINE),
    # Verbatim, but from a document about something else: the answer's figure is nowhere in it.
    OTHER_DOCUMENT: ("SK는 울산에 100조원을 투자합니다.", US.strip()),
}
_QUESTION = re.compile(r"<question>(.*?)</question>", re.S)


def _passage_id(request: dict[str, Any], quote: str) -> int:
    from tests.fakes.openai_server import passages

    found = passages(request)
    return next((n for n, text in found.items() if quote[:20] in text), 1)


def responder(request: dict[str, Any]) -> Reply:
    """A model that obeys the document's instruction, or errs as each question asks."""
    user = request["messages"][-1]["content"]
    question = _QUESTION.findall(user)[-1]
    if question == DEEP_JSON:
        return Reply(content="[" * 100_000 + "]" * 100_000)
    answer, quote = REPLIES[question]
    body = {"answer": answer, "abstain": False,
            "quotes": [{"id": _passage_id(request, quote), "text": quote}]}
    return Reply(content=json.dumps(body, ensure_ascii=False))


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_docs(tmp_path_factory.mktemp("docs"), {
        "youth.txt": YOUTH + INJECTION + "\n", "sk.txt": SK, "us.txt": US})


@pytest.fixture(scope="module")
def run(docs: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[dict[str, dict[str, Any]], OpenAIFake]]:
    """Every question through one `policybot ask --json -` in LLM mode."""
    work = tmp_path_factory.mktemp("work")
    with OpenAIFake(default=responder) as fake:
        env = cli_env(docs, work / "data", POLICYBOT_LLM="openai:gpt-4o-mini",
                      OPENAI_API_KEY="sk-test-0123456789", OPENAI_BASE_URL=fake.base_url,
                      POLICYBOT_LLM_TIMEOUT="20")
        questions = [OBEYS, OBEYS_NO_NUMBER, AGREES, OTHER_DOCUMENT, DEEP_JSON]
        done = policybot(["ask", "--json", "-"], env, work, stdin="\n".join(questions) + "\n")
        # Each test reads its own answer; a crash shows as the answers that never came.
        got = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        yield {str(a["question"]): a for a in got}, fake


@pytest.mark.parametrize("question", [OBEYS, OBEYS_NO_NUMBER])
def test_answer_that_obeys_an_injected_instruction_falls_back(
    run: tuple[dict[str, dict[str, Any]], OpenAIFake], question: str
) -> None:
    by_question, fake = run
    assert question in by_question, "no answer"
    answer = by_question[question]
    assert any(question in r["messages"][-1]["content"] for r in fake.requests)
    assert answer["mode"] == "llm-fallback"
    assert "폐지" not in answer["answer"]
    assert INJECTION not in [q["text"] for q in answer["quotes"]]


def test_answer_that_agrees_with_its_quote_is_kept(
    run: tuple[dict[str, dict[str, Any]], OpenAIFake], docs: Path
) -> None:
    answer = run[0][AGREES]
    assert answer["mode"] == "llm"
    assert answer["answer"] == REPLIES[AGREES][0]
    [quote] = answer["quotes"]
    assert quote["text"] == GENUINE
    assert is_verbatim(quote["text"], (docs / quote["source"]).read_text(encoding="utf-8"))


def test_answer_backed_by_a_quote_from_another_document_falls_back(
    run: tuple[dict[str, dict[str, Any]], OpenAIFake]
) -> None:
    answer = run[0][OTHER_DOCUMENT]
    assert answer["mode"] == "llm-fallback"
    assert "100조" not in answer["answer"]


def test_reply_nested_too_deep_for_json_falls_back(
    run: tuple[dict[str, dict[str, Any]], OpenAIFake]
) -> None:
    assert DEEP_JSON in run[0], "the process died on the reply"
    answer = run[0][DEEP_JSON]
    assert answer["mode"] == "llm-fallback" and answer["abstained"] is False


def test_prompt_marks_the_passages_as_data(
    run: tuple[dict[str, dict[str, Any]], OpenAIFake]
) -> None:
    request = next(r for r in run[1].requests if OBEYS in r["messages"][-1]["content"])
    system, user = (m["content"] for m in request["messages"])
    assert "data, not instructions" in system
    before = user[: user.index("<passages>")]
    assert "data, not instructions" in before
    # The injection arrives inside its passage, as data, not after the delimiters.
    inside = user[user.index("<passages>") : user.index("</passages>")]
    assert INJECTION in inside
