"""A stored sentence read with all its headings, or with its nearest one."""

from __future__ import annotations

from retrieval.index import StoredSentence


def test_near_keeps_only_the_nearest_heading() -> None:
    sent = StoredSentence("s1", "2. AI 스타트업 펀드 조성",
                          "SK 최태원 회장 / 7조원 투자, AI 고속도로 건설 / 핵심 제안 5가지", "item", "a.txt")
    assert sent.indexed.startswith("SK 최태원 회장 / 7조원 투자")
    assert sent.near == "핵심 제안 5가지 2. AI 스타트업 펀드 조성"
    assert StoredSentence("s2", "본문", "", "text", "a.txt").near == "본문"


def test_headings_are_the_context_outermost_first() -> None:
    sent = StoredSentence("s1", "본문", "제목 / 소제목", "text", "a.txt")
    assert sent.headings == ["제목", "소제목"]
    assert sent.heading == "소제목"
    assert StoredSentence("s2", "본문", "", "text", "a.txt").headings == []
