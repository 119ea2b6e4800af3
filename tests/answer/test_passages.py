"""A passage the answer must read is added where the answer reads it, and only when none is."""

from __future__ import annotations

from typing import Any, cast

import numpy as np

from retrieval.answer.passages import in_section, with_passage
from retrieval.index import Chunk, StoredSentence
from retrieval.index.chunk import HEADING_JOIN
from retrieval.search import Hit, SearchResult


class _Lexical:
    """BM25 stand-in: a passage scores one for each of the tokens its text holds."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks

    def scores(self, tokens: list[str]) -> np.ndarray:
        return np.array([sum(t in c.text for t in tokens) for c in self.chunks], dtype=np.float32)


class _Index:
    """The parts of an index snapshot `with_passage` reads: one sentence a passage."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.sentences = {c.id: StoredSentence(c.id, c.text, "", "text", c.source) for c in chunks}
        self.sentence_ids = {c.id: [c.id] for c in chunks}
        self.lexical = _Lexical(chunks)

    def chunks_of(self, source: str) -> list[Chunk]:
        return [c for c in self.chunks if c.source == source]


def _result(chunks: list[Chunk], ranked: list[str], tokens: tuple[str, ...] = ()) -> SearchResult:
    by_id = {c.id: c for c in chunks}
    hits = [Hit(by_id[i], score=1.0 - n / 10, dense=0.8 - n / 100) for n, i in enumerate(ranked)]
    return SearchResult("q", hits, np.zeros(2), list(tokens), 0.1, cast(Any, _Index(chunks)))


_CHUNKS = [
    Chunk("a1", "회의를 열었다", "a.txt", "A"),
    Chunk("a2", "장관이 말했다", "a.txt", "A"),
    Chunk("a3", "하정우 센터장이 발제를 맡았다", "a.txt", "A"),
    Chunk("b1", "컨퍼런스가 열렸다", "b.txt", "B"),
    Chunk("b2", "한성숙 장관이 축사를 했다", "b.txt", "B"),
]


def _talk(text: str) -> bool:
    return "발제" in text


def test_the_best_documents_passage_takes_the_last_place_read() -> None:
    result = with_passage(_result(_CHUNKS, ["a1", "a2", "b1"]), 1, _talk)
    assert [h.chunk.id for h in result.hits] == ["a1", "a3", "a2", "b1"]
    # It ranked lower than the hit it displaces: it takes that hit's scores, no higher.
    assert result.hits[1].score == result.hits[2].score


def test_nothing_changes_when_a_passage_read_has_one_or_none_exists() -> None:
    read = _result(_CHUNKS, ["a3", "a1"])
    assert with_passage(read, 1, _talk) is read
    nowhere = _result(_CHUNKS, ["a1", "b1"])
    assert with_passage(nowhere, 1, lambda text: "폐회사" in text) is nowhere


def test_a_hit_ranked_below_the_passages_read_moves_up() -> None:
    result = with_passage(_result(_CHUNKS, ["a1", "a2", "b1", "a3"]), 1, _talk)
    assert [h.chunk.id for h in result.hits] == ["a1", "a3", "a2", "b1"]


def test_the_first_hit_document_with_one_is_the_one_read() -> None:
    # a.txt, the best passage's, holds no 축사: b.txt's, a hit's document, is taken.
    result = with_passage(_result(_CHUNKS, ["a1", "a2", "b1"]), 2, lambda t: "축사" in t)
    assert [h.chunk.id for h in result.hits] == ["a1", "a2", "b2", "b1"]


def test_with_words_a_document_no_hit_is_of_is_looked_in() -> None:
    def congratulated(text: str) -> bool:
        return "축사" in text

    result = _result(_CHUNKS, ["a1", "a2"], tokens=("장관",))
    assert with_passage(result, 1, congratulated) is result
    found = with_passage(result, 1, congratulated, words=["축사"])
    assert [h.chunk.id for h in found.hits] == ["a1", "b2", "a2"]


def test_a_section_holds_its_subsections_but_not_another_speakers_list() -> None:
    def sent(text: str, *headings: str) -> StoredSentence:
        return StoredSentence(text[:8], text, HEADING_JOIN.join(headings), "item", "a.txt")

    first = sent("소린 AI는 드문 기술", "요약", "네이버 클라우드 김유원 대표")
    assert in_section(first, sent("정부의 외교적 리더십 필요", "요약", "네이버 클라우드 김유원 대표",
                                  "핵심 제안"))
    assert not in_section(first, sent("정부가 사줘야", "요약", "카카오 정신아 대표", "핵심 제안"))
