"""The word a question ties its asked-for span to, which the answer sentence must use too."""

from __future__ import annotations

import pytest

from retrieval.answer.focus import focus_words, in_one_clause
from retrieval.index import Morphology


@pytest.mark.parametrize(("question", "words"), [
    ("딥시크가 AI 모델 개발에 쓴 비용이 정확히 얼마라고 했어?", ["비용"]),
    # Quotes around a law's name don't hide it; the verb after 언제 says what happens then.
    ("'중소기업 인공지능(AI) 활용·확산 촉진법'은 언제부터 시행되나요?", ["촉진", "시행"]),
    # "시기" names the kind of answer, not what it is of.
    ("평창이 개최지로 선정된 시기는 언제인가?", ["선정"]),
    # The counter after 몇 is a unit.
    ("루닛 기술 쓰는 병원이 전 세계에 몇 곳이야?", ["세계"]),
    ("SK 울산 데이터센터 투자 규모", ["투자"]),
    ("앨범명은 무엇인가?", []),  # asks for no span
])
def test_focus_words(morph: Morphology, question: str, words: list[str]) -> None:
    assert focus_words(morph, question) == words


def test_a_span_and_the_words_must_share_a_clause() -> None:
    text = ("중기부는 지난해 7월 ‘레벨업 전략’을 발표한 바 있으며, 국가 전략에서 "
            "‘중소기업 AI 활용·확산 촉진법’ 마련 등을 과제로 제시한 바 있다.")
    assert in_one_clause(text, "7월", ["발표"])
    assert not in_one_clause(text, "7월", ["촉진"])  # when the strategy came out, not the law
    assert not in_one_clause(text, "7월", ["발표", "촉진"])  # every word, not one
