"""The agreement check on its own: what an answer may state given its quotes."""

from __future__ import annotations

import pytest

from retrieval.answer import Quote
from retrieval.index import Morphology
from retrieval.llm.agree import disagreements

US = "대한상의에 따르면 2024년 기준 미국의 AI 민간 투자 규모는 1,090억달러로 한국(13억달러)의 80배를 웃돈다."
SK = "AWS와 함께 국내 최대 규모의 AI 데이터 센터를 울산에 구축하겠다고 선언했습니다."


def quote(text: str, published: str | None = "2025-06-21") -> Quote:
    return Quote(text=text, source="x.txt", title="AI 글로벌 협력 기업 간담회 요약",
                 published=published)


@pytest.mark.parametrize(("answer", "lang"), [
    ("US private AI investment was $109 billion in 2024, 80 times Korea's.", "en"),
    ("미국의 AI 민간 투자는 1,090억 달러로 한국의 80배입니다.", "ko"),
    ("2025년 6월 21일 간담회에서 울산 AI 데이터 센터 구축이 발표됐습니다.", "ko"),
    ("SK는 AWS와 함께 울산에 데이터 센터를 짓습니다.", "ko"),  # SK is named by the question
])
def test_answers_that_agree(answer: str, lang: str, morph: Morphology) -> None:
    quotes = [quote(US), quote(SK)]
    assert disagreements(answer, quotes, [US, SK], lang, morph, "SK와 미국은 무엇을 하나요?") == []


@pytest.mark.parametrize(("answer", "lang", "why"), [
    ("미국의 AI 민간 투자는 1,900억 달러입니다.", "ko", "numbers"),
    ("US private AI investment was $190 billion.", "en", "numbers"),
    ("SK는 2026년에 울산에 데이터 센터를 짓습니다.", "ko", "numbers"),  # a year the question gave
    ("삼성은 AWS와 함께 울산에 데이터 센터를 짓습니다.", "ko", "names"),
    ("SK는 Google과 함께 울산에 데이터 센터를 짓습니다.", "ko", "names"),
    ("SK and NVIDIA are building the data centre.", "en", "names"),  # NVIDIA is in a passage
])
def test_answers_that_state_what_their_quotes_do_not(answer: str, lang: str, why: str,
                                                      morph: Morphology) -> None:
    passages = [US, SK, "엔비디아(NVIDIA)는 GPU를 공급한다."]
    problems = disagreements(answer, [quote(SK)], passages, lang, morph, "SK는 2026년에 무엇을 하나요?")
    assert problems and problems[0].startswith(why), problems


def test_a_name_kiwi_splits_still_agrees_with_its_own_quote(morph: Morphology) -> None:
    # Kiwi reads "메이오클리닉" as 메이오 클리닉; an answer that is its quote word for word agrees.
    s = "최근에는 세계 1위 병원 메이오클리닉과 공동개발 계약을 체결하며 세계시장 진입에 박차를 가하고 있습니다."
    quote = Quote(s, "000_2979ad4f5c775dad.txt", "AI 글로벌 협력 기업 간담회 요약")
    assert disagreements(s, [quote], [s], "ko", morph, "루닛은 어느 병원과 계약했나요?") == []
