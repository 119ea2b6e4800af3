"""Questions about the collection itself get the list of documents."""

from __future__ import annotations

import pytest

from retrieval.answer import asks_about_collection, list_documents
from retrieval.index import Chunk


@pytest.mark.parametrize("question", [
    "이 문서들은 무엇에 관한 것인가요?", "어떤 문서가 있나요?", "무엇을 물어볼 수 있나요?",
    "What documents do you have?", "what can I ask?",
    "가진 문서 목록 보여줘", "어떤 자료를 가지고 있어?", "무슨 문서들이 있어?", "문서 목록",
    "가지고 있는 문서는 뭐야?", "list the documents", "show me your sources",
])
def test_collection_questions(question: str) -> None:
    assert asks_about_collection(question)


@pytest.mark.parametrize("question", [
    "SK는 울산에 얼마를 투자하나요?", "이 문서에 따르면 SK는 얼마를 투자하나요?",
    "What did Son say about documents of the meeting?",
])
def test_questions_about_content_are_not_about_the_collection(question: str) -> None:
    assert not asks_about_collection(question)


def test_list_names_each_document_once_newest_first() -> None:
    chunks = [Chunk("1", "t", "a.txt", "가 문서", "2025-01-02"),
              Chunk("2", "t", "a.txt", "가 문서", "2025-01-02"),
              Chunk("3", "t", "b.txt", "나 문서", "2025-06-21")]
    text = list_documents(chunks, "ko")
    assert text.splitlines() == ["다음 2개 문서에 대해 물어볼 수 있습니다:",
                                 "• 나 문서 (2025-06-21) — b.txt", "• 가 문서 (2025-01-02) — a.txt"]
    assert list_documents(chunks, "en").startswith("I hold 2 documents")
