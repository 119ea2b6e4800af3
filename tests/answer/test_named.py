"""A question that names something is answered by a sentence that names it."""

from __future__ import annotations

from retrieval.answer import ScoredSentence, prefer_named
from retrieval.index import StoredSentence


def _cand(text: str, score: float, context: str = "") -> ScoredSentence:
    sent = StoredSentence(text[:8], text, context, "text", "a.txt")
    return ScoredSentence(sent, "c", 0, 0, 0.8, 0.0, score)


def test_named_sentences_come_first_and_headings_count() -> None:
    general = _cand("미국 내 AI 투자금의 76%가 실리콘밸리에 집중됐다.", 34.0)
    row = _cand("성명: 매스프레소 대표 · 비고: 1,530억원 투자유치", 29.0)
    item = _cand("7조원 투자", 20.0, context="SK 최태원 회장")
    assert prefer_named(["매스프레소"], [general, row, item])[0] is row
    assert prefer_named(["SK"], [general, row, item])[0] is item
    assert prefer_named([], [general, row]) == [general, row]
