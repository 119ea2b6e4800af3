"""A question that names something is answered by a sentence that names it."""

from __future__ import annotations

from retrieval.answer import ScoredSentence, prefer_named, prefer_typed
from retrieval.index import Chunk, StoredSentence
from retrieval.search import Hit


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


def _hits(*chunks: tuple[str, str, str]) -> list[Hit]:
    return [Hit(Chunk(cid, text, "a.txt", title), 1.0) for cid, title, text in chunks]


def test_names_are_preferred_only_when_the_best_passage_names_none() -> None:
    best = ScoredSentence(StoredSentence("s1", "투자금의 76%가 몰렸다.", "", "text", "a.txt"),
                          "c1", 0, 0, 0.8, 0.0, 3.0)
    row = _cand("성명: 매스프레소 대표 · 비고: 1,530억원 투자유치", 1.0)
    about_others = _hits(("c1", "미국 AI 투자 동향", "투자금의 76%가 몰렸다."))
    about_them = _hits(("c1", "매스프레소 투자 유치", "투자금의 76%가 몰렸다."))
    assert prefer_named(["매스프레소"], [best, row], about_others) == [row, best]
    assert prefer_named(["매스프레소"], [best, row], about_them) == [best, row]  # title names it
    assert prefer_named([], [best, row], about_others) == [best, row]


def test_a_typed_sentence_scored_far_below_the_best_stays_behind_it() -> None:
    general = _cand("SK는 울산에 데이터센터를 짓는다.", 3.0)
    close = _cand("SK는 7조원을 투자한다.", 1.5)
    far = _cand("투자 규모는 7조원이다.", 0.5)
    assert prefer_typed("SK 투자 규모는 얼마?", set(), [general, close], gap=2.0)[0] is close
    assert prefer_typed("SK 투자 규모는 얼마?", set(), [general, far], gap=2.0)[0] is general
