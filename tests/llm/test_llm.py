"""LLM answer mode through LangChain's real OpenAI client, against a local fake server."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest

from retrieval.answer import Question, clean_question
from retrieval.documents import is_verbatim
from retrieval.errors import LLMError
from retrieval.index import Chunk
from retrieval.llm import PromptLibrary
from retrieval.llm.answerer import ABSTAIN_TEXT, LLMAnswerer, build_chat_model
from retrieval.search import Hit
from tests.fakes.llm_fixtures import API_KEY
from tests.fakes.openai_server import OpenAIFake
from tests.paths import SEEDS

SK_1 = "AWS와 함께 국내 최대 규모의 AI 데이터 센터를 울산에 구축하겠다고 선언했습니다."
SK_2 = (
    "이 데이터 센터는 단순한 인프라가 아니라, 대한민국 AI 산업의 대동맥이자 "
    "‘AI 고속도로’ 역할을 하게 될 것입니다."
)
US_1 = (
    "대한상의에 따르면 2024년 기준 미국의 AI 민간 투자 규모는 1,090억달러로 "
    "한국(13억달러)의 80배를 웃돈다."
)
MSS_1 = (
    "최근 중국 스타트업 딥시크(DeepSeek)가 저비용·고성능 인공지능(AI) 모델을 구현하여 "
    "기존의 대규모 자본 투입이 필요하다는 기존 인공지능(AI) 모델 개발 시각을 파괴하면서 "
    "세계(글로벌) 시장에 큰 충격을 주었다."
)
MSS_2 = "\\* 인공지능과 다양한 분야의 융합"


def chunk(text: str, source: str, title: str, published: str, position: int = 0) -> Chunk:
    """A chunk of a seed document."""
    return Chunk(
        id=f"{source}:{position}",
        text=text,
        source=source,
        title=title,
        published=published,
        position=position,
    )


def seed_hits() -> list[Hit]:
    """Three passages copied from the seeds, ranked as search would return them."""
    return [
        Hit(
            chunk(
                f"🌟 7조원 투자, AI 고속도로 건설\n\n{SK_1} {SK_2}",
                "000_2979ad4f5c775dad.txt",
                "AI 글로벌 협력 기업 간담회 요약",
                "2025-06-21",
            ),
            score=0.91,
        ),
        Hit(
            chunk(
                US_1, "003_b56d9d9b8feb12fe.txt", "한·미 혁신생태계 및 AI 미래전략", "2025-10-17"
            ),
            score=0.74,
        ),
        Hit(
            chunk(
                f"{MSS_1}\n\n{MSS_2}",
                "002_c1e04058d3b0113a.txt",
                "오영주 장관, 전세계 AI 개발 동향 점검",
                "2025-02-05",
            ),
            score=0.52,
        ),
    ]


def ko(text: str = "SK는 울산에 무엇을 짓나요?") -> Question:
    return clean_question(text)


GOOD: dict[str, Any] = {
    "answer": "SK는 AWS와 함께 울산에 국내 최대 규모의 AI 데이터 센터를 짓습니다.",
    "abstain": False,
    "quotes": [{"id": 1, "text": SK_1}],
}




def test_test_passages_are_real_seed_text() -> None:
    for hit in seed_hits():
        document = (SEEDS / hit.chunk.source).read_text(encoding="utf-8")
        for part in hit.chunk.text.split("\n\n"):
            assert is_verbatim(part, document), part


# The exchange


def test_good_answer_comes_back_as_llm_with_verified_quotes(
    fake: OpenAIFake, answerer: LLMAnswerer
) -> None:
    fake.enqueue(GOOD)
    answer = answerer.answer(ko(), seed_hits())
    assert answer.mode == "llm"
    assert not answer.abstained
    assert answer.answer == GOOD["answer"]
    assert answer.question == "SK는 울산에 무엇을 짓나요?"
    assert answer.lang == "ko"
    [quote] = answer.quotes
    assert quote.text == SK_1
    assert quote.source == "000_2979ad4f5c775dad.txt"
    assert quote.title == "AI 글로벌 협력 기업 간담회 요약"
    assert quote.published == "2025-06-21"
    assert quote.url is None
    assert quote.score == pytest.approx(0.91)
    seed = (SEEDS / quote.source).read_text(encoding="utf-8")
    assert is_verbatim(quote.text, seed)


def test_answer_given_as_a_tool_call_is_accepted(fake: OpenAIFake, answerer: LLMAnswerer) -> None:
    fake.enqueue(tool_args=GOOD)
    answer = answerer.answer(ko(), seed_hits())
    assert answer.mode == "llm"
    assert [q.text for q in answer.quotes] == [SK_1]


def test_request_numbers_passages_and_asks_for_the_json_schema(
    fake: OpenAIFake, answerer: LLMAnswerer
) -> None:
    fake.enqueue(GOOD)
    answerer.answer(ko(), seed_hits())
    [request] = fake.requests
    assert request["model"] == "gpt-4o-mini"
    system, user = request["messages"]
    assert system == {"role": "system", "content": PromptLibrary().load("answer_system")}
    assert user["role"] == "user"
    text = user["content"]
    positions = [text.index(f'<passage id="{n}"') for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert text.index(SK_1) < text.index(US_1) < text.index("딥시크")
    assert "<question>SK는 울산에 무엇을 짓나요?</question>" in text
    assert "Language: Korean" in text
    schema = request["response_format"]["json_schema"]
    assert request["response_format"]["type"] == "json_schema"
    assert schema["strict"] is True
    assert set(schema["schema"]["required"]) == {"answer", "abstain", "quotes"}


def test_invented_quote_is_dropped_and_logged(
    fake: OpenAIFake, answerer: LLMAnswerer, caplog: pytest.LogCaptureFixture
) -> None:
    invented = "SK는 울산 데이터 센터에 100조원을 투자한다고 밝혔습니다."
    fake.enqueue({**GOOD, "quotes": [{"id": 1, "text": invented}, {"id": 1, "text": SK_1}]})
    with caplog.at_level(logging.WARNING, logger="retrieval.llm"):
        answer = answerer.answer(ko(), seed_hits())
    assert [q.text for q in answer.quotes] == [SK_1]
    assert "dropped a quote not verbatim" in caplog.text


def test_only_invented_quotes_fall_back(fake: OpenAIFake, answerer: LLMAnswerer) -> None:
    fake.enqueue({**GOOD, "quotes": [{"id": 1, "text": "울산에 원전을 짓겠다고 선언했습니다."}]})
    with pytest.raises(LLMError, match="verification"):
        answerer.answer(ko(), seed_hits())


def test_answer_without_quotes_falls_back(fake: OpenAIFake, answerer: LLMAnswerer) -> None:
    fake.enqueue({**GOOD, "quotes": []})
    with pytest.raises(LLMError):
        answerer.answer(ko(), seed_hits())


@pytest.mark.parametrize(
    "content",
    [
        '{"answer": "SK는 울산에", "abstain": false, "quotes": [{"id": 1, "text": "AWS와',
        "SK는 AWS와 함께 울산에 AI 데이터 센터를 짓습니다.",
        "",
        "[1, 2, 3]",
        '{"answer": ["SK"], "abstain": false, "quotes": []}',
        '{"answer": "SK는 짓습니다.", "abstain": "maybe", "quotes": []}',
        '{"answer": "SK는 짓습니다.", "abstain": false, "quotes": "AWS와 함께"}',
    ],
    ids=["truncated", "prose", "empty", "array", "answer-list", "abstain-str", "quotes-str"],
)
def test_malformed_output_falls_back(fake: OpenAIFake, answerer: LLMAnswerer, content: str) -> None:
    fake.enqueue(content)
    with pytest.raises(LLMError, match="malformed"):
        answerer.answer(ko(), seed_hits())


def test_malformed_tool_arguments_fall_back(fake: OpenAIFake, answerer: LLMAnswerer) -> None:
    fake.enqueue(tool_args='{"answer": "SK는", "quotes": [')
    with pytest.raises(LLMError, match="malformed"):
        answerer.answer(ko(), seed_hits())


@pytest.mark.parametrize(
    "wrap",
    ["```json\n{}\n```", "Here is the answer:\n{}\nI hope this helps."],
    ids=["fenced", "prose-around"],
)
def test_json_wrapped_in_a_fence_or_prose_is_still_read(
    fake: OpenAIFake, answerer: LLMAnswerer, wrap: str
) -> None:
    fake.enqueue(wrap.replace("{}", json.dumps(GOOD, ensure_ascii=False)))
    assert answerer.answer(ko(), seed_hits()).quotes[0].text == SK_1


def test_reply_slower_than_the_timeout_falls_back_in_time(fake: OpenAIFake) -> None:
    answerer = LLMAnswerer(build_chat_model("openai:gpt-4o-mini", 1.0), timeout=1.0)
    fake.enqueue(GOOD, delay=10)
    fake.enqueue(GOOD, delay=10)  # the client's retry, if it gets that far
    started = time.monotonic()
    with pytest.raises(LLMError, match=r"within 1 s|timed out|Timeout"):
        answerer.answer(ko(), seed_hits())
    assert time.monotonic() - started < 2.5


def test_timeout_is_passed_to_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    model = build_chat_model("openai:gpt-4o-mini", 7.5)
    assert model.request_timeout == 7.5  # type: ignore[attr-defined]
    assert model.max_retries == 0  # type: ignore[attr-defined]  # our own retry keeps the deadline


@pytest.mark.parametrize("status", [400, 401, 429, 500])
def test_api_error_falls_back_without_logging_the_key(
    fake: OpenAIFake, answerer: LLMAnswerer, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    for _ in range(3):
        fake.enqueue(status=status, error=f"Incorrect API key provided: {API_KEY}")
    with caplog.at_level(logging.DEBUG), pytest.raises(LLMError) as info:
        answerer.answer(ko(), seed_hits())
    assert str(status) in str(info.value)
    assert API_KEY not in str(info.value)
    assert API_KEY not in caplog.text
    assert "failed" in caplog.text


def test_unreachable_server_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    with OpenAIFake() as server:
        url = server.base_url
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    answerer = LLMAnswerer(build_chat_model("openai:gpt-4o-mini", 2.0), timeout=2.0)
    with pytest.raises(LLMError, match=r"failed|within"):
        answerer.answer(ko(), seed_hits())


# What the user gets


@pytest.mark.parametrize(
    ("question", "lang"),
    [("반도체 보조금은 언제 나오나요?", "ko"), ("When is the chip subsidy?", "en")],
)
def test_abstain_says_so_in_the_questions_language(
    fake: OpenAIFake, answerer: LLMAnswerer, question: str, lang: str
) -> None:
    fake.enqueue({"answer": "", "abstain": True, "quotes": [{"id": 1, "text": SK_1}]})
    answer = answerer.answer(clean_question(question), seed_hits())
    assert answer.abstained
    assert answer.mode == "llm"
    assert answer.quotes == []
    assert answer.lang == lang
    assert answer.answer == ABSTAIN_TEXT[lang]


def test_english_question_gets_english_answer_with_korean_quotes(
    fake: OpenAIFake, answerer: LLMAnswerer
) -> None:
    fake.enqueue(
        {
            "answer": "US private AI investment was $109 billion in 2024, 80 times Korea's.",
            "abstain": False,
            "quotes": [{"id": 2, "text": US_1}],
        }
    )
    answer = answerer.answer(clean_question("How much more does the US invest in AI?"), seed_hits())
    assert answer.lang == "en"
    assert answer.quotes[0].text == US_1
    assert answer.quotes[0].source == "003_b56d9d9b8feb12fe.txt"
    assert "Language: English" in fake.requests[0]["messages"][1]["content"]


def test_answer_in_the_wrong_language_falls_back(fake: OpenAIFake, answerer: LLMAnswerer) -> None:
    fake.enqueue({**GOOD, "answer": "SK is building an AI data centre in Ulsan with AWS."})
    with pytest.raises(LLMError, match="language"):
        answerer.answer(ko(), seed_hits())


def test_quote_with_other_whitespace_and_markup_returns_the_passage_text(
    fake: OpenAIFake, answerer: LLMAnswerer
) -> None:
    sloppy = "AWS와 함께   국내 최대 규모의\nAI 데이터 센터를 **울산에** 구축하겠다고 선언했습니다."
    fake.enqueue(
        {
            **GOOD,
            "quotes": [
                {"id": 1, "text": sloppy},
                {"id": 3, "text": "* 인공지능과 다양한 분야의 융합"},
                {"id": 2, "text": f"“{US_1}”"},
            ],
        }
    )
    answer = answerer.answer(ko(), seed_hits())
    assert [q.text for q in answer.quotes] == [SK_1, "* 인공지능과 다양한 분야의 융합", US_1]
    hits = seed_hits()
    for quote, hit in zip(answer.quotes, [hits[0], hits[2], hits[1]], strict=True):
        assert is_verbatim(quote.text, hit.chunk.text)


def test_quote_under_the_wrong_number_is_credited_to_its_real_passage(
    fake: OpenAIFake, answerer: LLMAnswerer
) -> None:
    # An answer its two quotes back: it must agree with them, whichever passage they are from.
    answer_text = "미국의 AI 민간 투자는 1,090억달러로 한국의 80배이며, SK는 AI 고속도로를 짓습니다."
    fake.enqueue({"answer": answer_text, "abstain": False,
                  "quotes": [{"id": 3, "text": US_1}, {"id": 9, "text": SK_2}]})
    answer = answerer.answer(ko(), seed_hits())
    assert [(q.text, q.source) for q in answer.quotes] == [
        (US_1, "003_b56d9d9b8feb12fe.txt"),
        (SK_2, "000_2979ad4f5c775dad.txt"),
    ]
    assert answer.quotes[0].score == pytest.approx(0.74)


def test_trivial_and_duplicate_quotes_are_dropped(fake: OpenAIFake, answerer: LLMAnswerer) -> None:
    fake.enqueue(
        {
            **GOOD,
            "quotes": [
                {"id": 1, "text": "AWS"},
                {"id": 1, "text": SK_1},
                {"id": "1", "text": f"  {SK_1}  "},
                {"id": True, "text": SK_2},
                {"text": SK_2},
                "AWS와 함께",
            ],
        }
    )
    answer = answerer.answer(ko(), seed_hits())
    assert [q.text for q in answer.quotes] == [SK_1]


def test_answer_is_capped_at_three_sentences_without_citation_marks(
    fake: OpenAIFake, answerer: LLMAnswerer
) -> None:
    long = (
        "SK는 울산에 AI 데이터 센터를 짓습니다 [1]. AWS와 함께합니다. 국내 최대 규모입니다. "
        "AI 고속도로 역할을 합니다. 7조원을 투자합니다."
    )
    fake.enqueue({**GOOD, "answer": long})
    answer = answerer.answer(ko(), seed_hits())
    assert (
        answer.answer
        == "SK는 울산에 AI 데이터 센터를 짓습니다. AWS와 함께합니다. 국내 최대 규모입니다."
    )


def test_no_passages_means_no_call(fake: OpenAIFake, answerer: LLMAnswerer) -> None:
    with pytest.raises(LLMError):
        answerer.answer(ko(), [])
    assert fake.requests == []
