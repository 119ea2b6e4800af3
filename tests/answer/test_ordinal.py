"""A question about the n-th item of a list is answered by the item numbered n."""

from __future__ import annotations

import pytest

from retrieval.answer import ScoredSentence, numbered_item
from retrieval.answer.extractive import asked_ordinal
from tests.answer.candidates import candidate


def _cand(text: str, score: float) -> ScoredSentence:
    return candidate(text, score, "핵심 제안 5가지", "item")


@pytest.mark.parametrize(("question", "n"), [
    ("핵심 제안 5가지 중 4번째가 뭐야?", 4),
    ("두 번째 제안은 무엇인가요?", 2),
    ("첫째 과제는?", 1),
    ("What is the third proposal?", 3),
    ("What was the 2nd item?", 2),
    ("제안은 몇 가지인가요?", None),
    ("5가지 제안을 모두 알려줘", None),
    # Several places are a way of saying it: "첫째도 둘째도 셋째도 ASI".
    ("첫째, 둘째, 셋째로 거듭 강조한 말은?", None),
    ("첫 번째 제안과 첫째 과제는 같아?", 1),  # one place, said twice
    # A stage or a round named by its ordinal is the documents' "2단계", no list's item.
    ("AI 생태계 두 번째 단계의 핵심 과제는?", None),
    ("What are the key tasks of the second stage of the AI ecosystem?", None),
    ("세 번째 제안은 2단계와 관련 있어?", 3),
    ("두 번째 차이점은?", 2),  # 차이 is no round
    ("2차 회의는 언제야?", None),
])
def test_asked_ordinal(question: str, n: int | None) -> None:
    assert asked_ordinal(question) == n


def test_the_numbered_item_is_found_however_it_scored() -> None:
    items = [_cand("1. AI 바우처 확대", 21.0), _cand("→ 비용 부담을 덜어야 한다는 제안", 20.8),
             _cand("② AI 스타트업 펀드 조성", 20.4), _cand("4) AI 교육 의무화", 20.1)]
    assert numbered_item("4번째 제안은?", items) is items[3]
    assert numbered_item("두 번째 제안은?", items) is items[2]
    assert numbered_item("다섯 번째 제안은?", items) is None
    assert numbered_item("제안은 무엇인가요?", items) is None


def test_the_nth_item_alone_answers(e5_pipeline) -> None:  # type: ignore[no-untyped-def]
    answer = e5_pipeline.service.ask("최태원 회장의 제안 중 두 번째는 무엇인가요?")
    assert not answer.abstained
    assert [q.text for q in answer.quotes] == ["2. AI 스타트업 펀드 조성"]
